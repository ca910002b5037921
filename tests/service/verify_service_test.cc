// Tamper tests: someone with direct access to the database file edits it behind the
// server's back; verify must notice and name the entry or the projection.
#include "service/verify_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ledger/checkpoint.h"
#include "testing/sample_catalog.h"
#include "writer/writer.h"

namespace dl::service {
namespace {

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.File("v.db");
    auto store = std::move(*store::OpenSqliteStore(path, {.create = true}));
    ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
    auto writer = std::move(*writer::Writer::Start(*store, clock, {}));
    writer::Submission sub{"tester", {}, false};
    sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, testing::SampleCatalog());
    ASSERT_TRUE(writer->Submit(std::move(sub)));
  }
  // Runs SQL directly on the file, as an attacker with the database would.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  VerifyReport Verify(bool deep) {
    auto store = store::OpenSqliteStore(path, {});
    EXPECT_TRUE(store);
    auto r = VerifyStore(**store, deep, dir.File(""));
    EXPECT_TRUE(r) << r.error().message;
    return *r;
  }

  testing::TempDir dir;
  std::string path;
};

TEST_F(VerifyTest, AnIntactDatabasePasses) {
  VerifyReport r = Verify(/*deep=*/true);
  EXPECT_TRUE(r.ok()) << r.ToText();
  EXPECT_EQ(r.entries, 16u);
}

TEST_F(VerifyTest, AChangedPayloadByteIsNamed) {
  Tamper("UPDATE ledger SET payload = replace(payload, '云溪县', '云西县') WHERE seq = 1");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 1u);
  EXPECT_NE(r.problem.find("unit:YX"), std::string::npos) << r.problem;
}

TEST_F(VerifyTest, BytesThatAreNotUtf8AreNamedNotFatal) {
  Tamper("UPDATE ledger SET actor = CAST(x'ff' AS TEXT) WHERE seq = 2");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 2u);
}

// Entries of one batch share a time, which verify reads once per batch: an entry whose time
// alone was moved, between entries that keep theirs, must still be found.
TEST_F(VerifyTest, AMovedOrUnreadableTimeIsNamed) {
  Tamper("UPDATE ledger SET time = '2026-11-23T08:00:01.000Z' WHERE seq = 5");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 5u);
  EXPECT_NE(r.problem.find("内容与其哈希不符"), std::string::npos) << r.problem;

  Tamper("UPDATE ledger SET time = '2026-11-23T08:00:00.000Z' WHERE seq = 5");
  EXPECT_TRUE(Verify(false).ok());
  Tamper("UPDATE ledger SET time = '昨天' WHERE seq = 6");
  r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 6u);
  EXPECT_NE(r.problem.find("记录时间“昨天”无法识别"), std::string::npos) << r.problem;

  Tamper("UPDATE ledger SET time = '' WHERE seq = 1");  // even the first row's
  r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 1u);
  EXPECT_NE(r.problem.find("记录时间“”无法识别"), std::string::npos) << r.problem;
}

TEST_F(VerifyTest, AStoredHashOfTheWrongLengthIsNamed) {
  Tamper("UPDATE ledger SET leaf_hash = substr(leaf_hash, 1, 31) WHERE seq = 9");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 9u);
}

TEST_F(VerifyTest, ADeletedEntryIsNamed) {
  Tamper("DELETE FROM ledger WHERE seq = 7");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 7u);
  EXPECT_NE(r.problem.find("缺失"), std::string::npos);
}

TEST_F(VerifyTest, SwappedEntriesAreFound) {
  Tamper(
      "UPDATE ledger SET seq = -1 WHERE seq = 3; UPDATE ledger SET seq = 3 WHERE seq = 4;"
      "UPDATE ledger SET seq = 4 WHERE seq = -1;");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 3u);
}

TEST_F(VerifyTest, AnEditedProjectionIsFoundOnlyByDeepVerify) {
  Tamper("UPDATE powers SET disclosure = '公开', name = '改名' WHERE code = 'CF-SCJ-001'");
  EXPECT_TRUE(Verify(false).ok());
  VerifyReport r = Verify(true);
  ASSERT_FALSE(r.ok());
  // The edited row as the ledger wrote it is missing, and the forged row is extra.
  ASSERT_EQ(r.projection.size(), 2u) << r.ToText();
  EXPECT_NE(r.ToText().find("表 powers 有账本中没有的行"), std::string::npos) << r.ToText();
  EXPECT_NE(r.ToText().find("改名"), std::string::npos) << r.ToText();
}

TEST_F(VerifyTest, RowsThatTheLedgerNeverWroteAreFound) {
  Tamper("INSERT INTO persons(code, name, seq) VALUES ('P999', '冒名', 1)");
  VerifyReport r = Verify(true);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.ToText().find("表 persons 有账本中没有的行"), std::string::npos) << r.ToText();
  EXPECT_NE(r.ToText().find("P999"), std::string::npos) << r.ToText();
}

TEST_F(VerifyTest, AnEditedSettingIsFound) {
  Tamper("INSERT INTO meta(key, value) VALUES ('risk_formula', '{\"high_at\":1}')");
  EXPECT_FALSE(Verify(true).ok());
}

// With signed checkpoints, even an attacker who recomputes the leaf hashes is caught.
class SignedVerifyTest : public VerifyTest {
 protected:
  void SetUp() override {
    path = dir.File("s.db");
    key = std::make_shared<const ledger::SigningKey>(*ledger::SigningKey::Generate("test-log"));
    auto store = std::move(*store::OpenSqliteStore(path, {.create = true}));
    ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
    writer::WriterOptions options;
    options.signer = key;
    options.origin = "daylight/test";
    options.checkpoint_every = 1;  // a checkpoint after every commit
    auto writer = std::move(*writer::Writer::Start(*store, clock, options));
    catalog::Catalog c = testing::SampleCatalog();
    for (const auto& [code, unit] : c.units) {  // one commit per unit: several checkpoints
      ASSERT_TRUE(writer->Submit({"t", {catalog::Change(catalog::UnitPut{unit})}, false}));
    }
  }
  VerifyReport VerifySigned(const std::string& vkey) {
    auto store = store::OpenSqliteStore(path, {});
    auto r = VerifyStore(**store, false, dir.File(""), vkey);
    EXPECT_TRUE(r) << r.error().message;
    return *r;
  }
  std::shared_ptr<const ledger::SigningKey> key;
};

TEST_F(SignedVerifyTest, IntactLogVerifiesWithItsKey) {
  VerifyReport r = VerifySigned(key->VerifierKey());
  EXPECT_TRUE(r.ok()) << r.ToText();
  EXPECT_EQ(r.checkpoints, 4u);
}

TEST_F(SignedVerifyTest, ARewrittenEntryWithARecomputedHashIsCaught) {
  auto store = std::move(*store::OpenSqliteStore(path, {}));
  ledger::Entry e = (*store->ReadEntries(3, 1))[0];
  e.payload["name"] = "伪造的单位";
  Hash h = e.ComputeLeafHash();
  store.reset();
  Tamper("UPDATE ledger SET payload = '" + CanonicalJson(e.payload) + "', leaf_hash = x'" +
         ToHex(h) + "' WHERE seq = 3");
  EXPECT_TRUE(VerifySigned("").ok() == false);  // without the key the root still differs
  VerifyReport r = VerifySigned(key->VerifierKey());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 3u);  // checkpoints after entries 1 and 2 still matched
  EXPECT_NE(r.problem.find("根哈希与账本不符"), std::string::npos) << r.problem;
}

TEST_F(SignedVerifyTest, AReplacedCheckpointIsCaught) {
  auto other = ledger::SigningKey::Generate("test-log");
  ledger::Checkpoint forged{"daylight/test", 4, Sha256("forged")};
  Tamper("UPDATE checkpoints SET root = x'" + ToHex(forged.root) + "', note = '" +
         other->SignNote(forged.Body()) + "' WHERE size = 4");
  VerifyReport r = VerifySigned(key->VerifierKey());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problem.find("签名检查点（4 条）"), std::string::npos) << r.problem;
}

TEST_F(SignedVerifyTest, TruncatingTheLogIsCaught) {
  Tamper("DELETE FROM ledger WHERE seq = 4");
  VerifyReport r = VerifySigned(key->VerifierKey());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problem.find("记录被删除了"), std::string::npos) << r.problem;
}

TEST_F(SignedVerifyTest, TheWriterRefusesToSignOverATamperedLog) {
  Tamper("UPDATE ledger SET leaf_hash = x'" + ToHex(Sha256("x")) + "' WHERE seq = 2");
  auto store = std::move(*store::OpenSqliteStore(path, {}));
  ManualClock clock{*ParseInstant("2026-11-23T09:00:00Z")};
  auto w = writer::Writer::Start(*store, clock, {});
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(w.error().message.find("签名检查点"), std::string::npos) << w.error().message;
}

// A log with stored Merkle subtree nodes and audit entries.
class NodeVerifyTest : public VerifyTest {
 protected:
  void SetUp() override {
    path = dir.File("n.db");
    auto store = std::move(*store::OpenSqliteStore(path, {.create = true}));
    ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
    auto writer = std::move(*writer::Writer::Start(*store, clock, {}));
    writer::Submission sub{"tester", {}, false};
    for (int i = 0; i < 300; ++i) {
      sub.commands.push_back(writer::Audit{"audit.read", "case:" + std::to_string(i), {}});
    }
    ASSERT_TRUE(writer->Submit(std::move(sub)));
  }
};

TEST_F(NodeVerifyTest, AuditEntriesVerifyAndReplay) {
  VerifyReport r = Verify(true);
  EXPECT_TRUE(r.ok()) << r.ToText();
  EXPECT_EQ(r.entries, 300u);
}

TEST_F(NodeVerifyTest, AnEditedSubtreeNodeIsNamed) {
  Tamper("UPDATE merkle_nodes SET hash = x'" + ToHex(Sha256("x")) +
         "' WHERE level = 4 AND idx = 5");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 81u);  // node 5 of level 4 covers entries 81 … 96
  EXPECT_NE(r.problem.find("第 4 层第 5 个子树哈希"), std::string::npos) << r.problem;
}

TEST_F(NodeVerifyTest, ADeletedSubtreeNodeIsNamed) {
  Tamper("DELETE FROM merkle_nodes WHERE level = 8 AND idx = 0");
  VerifyReport r = Verify(false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.first_bad, 1u);
  EXPECT_NE(r.problem.find("缺失"), std::string::npos) << r.problem;
}

TEST_F(NodeVerifyTest, TheWriterFillsInNodesOfAnOlderDatabase) {
  Tamper("DELETE FROM merkle_nodes");  // as a database from before migration 3
  {
    auto store = std::move(*store::OpenSqliteStore(path, {}));
    ManualClock clock{*ParseInstant("2026-11-23T09:00:00Z")};
    auto writer = writer::Writer::Start(*store, clock, {});
    ASSERT_TRUE(writer) << writer.error().message;
    EXPECT_EQ(*store->SubtreeNodeCount(), 300u / 16 + 300u / 256);
  }
  EXPECT_TRUE(Verify(false).ok());
}

TEST_F(NodeVerifyTest, AuditKindsMustSayTheyAreAudit) {
  auto store = std::move(*store::OpenSqliteStore(path, {}));
  ManualClock clock{*ParseInstant("2026-11-23T09:00:00Z")};
  auto writer = std::move(*writer::Writer::Start(*store, clock, {}));
  auto r = writer->Submit({"t", {writer::Audit{"read", "case:1", {}}}, false});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(*store->LedgerSize(), 300u);
}

}  // namespace
}  // namespace dl::service
