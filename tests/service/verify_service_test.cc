// Tamper tests: someone with direct access to the database file edits it behind the
// server's back; verify must notice and name the entry or the projection.
#include "service/verify_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

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
    sub.commands.push_back(writer::ImportCatalog{testing::SampleCatalog()});
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

}  // namespace
}  // namespace dl::service
