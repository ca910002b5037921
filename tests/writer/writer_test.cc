#include "writer/writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "service/verify_service.h"
#include "testing/sample_catalog.h"

namespace dl::writer {
namespace {

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir.File("w.db"), {.create = true});
    ASSERT_TRUE(s) << s.error().message;
    store = std::move(*s);
    auto w = Writer::Start(*store, clock, {});
    ASSERT_TRUE(w) << w.error().message;
    writer = std::move(*w);
  }
  Result<Receipt> Import(const catalog::Catalog& c, bool dry_run = false) {
    Submission s{"tester", {}, dry_run};
    s.commands.push_back(ImportCatalog{c});
    return writer->Submit(std::move(s));
  }

  testing::TempDir dir;
  ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Writer> writer;
};

TEST_F(WriterTest, ImportWritesOneEntryPerChangeAndAnswersAfterCommit) {
  auto r = Import(testing::SampleCatalog());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->entries, 16u);
  EXPECT_EQ(r->first_seq, 1u);
  EXPECT_EQ(r->last_seq, 16u);
  // Answered only after commit: a second connection sees every entry already.
  auto reader = store::OpenSqliteStore(dir.File("w.db"), {});
  ASSERT_TRUE(reader);
  EXPECT_EQ(*(*reader)->LedgerSize(), 16u);
  auto entries = (*reader)->ReadEntries(1, 100);
  ASSERT_TRUE(entries);
  EXPECT_EQ((*entries)[0].kind, "unit.put");
  EXPECT_EQ((*entries)[0].subject, "unit:YX");
  EXPECT_EQ((*entries)[0].actor, "tester");
  EXPECT_EQ(FormatInstant((*entries)[0].time), "2026-11-23T08:00:00.000Z");
  EXPECT_EQ((*entries)[0].leaf_hash, (*entries)[0].ComputeLeafHash());
  auto version = std::find_if(entries->begin(), entries->end(),
                              [](auto& e) { return e.kind == "power.version"; });
  ASSERT_NE(version, entries->end());
  EXPECT_EQ(version->payload["version"], 1);
}

// The names `top -H` and `perf` show: the writer's thread, its committer's, the WAL copier's.
TEST_F(WriterTest, ItsThreadsAreNamed) {
  ASSERT_TRUE(Import(testing::SampleCatalog()));  // both threads have run by now
  std::multiset<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    names.insert(name);
  }
  EXPECT_EQ(names.count("dl-writer"), 1u);
  EXPECT_EQ(names.count("dl-committer"), 1u);
  EXPECT_EQ(names.count("dl-walcheckpt"), 1u);
}

TEST_F(WriterTest, ReimportingTheSameCatalogueChangesNothing) {
  ASSERT_TRUE(Import(testing::SampleCatalog()));
  auto again = Import(testing::SampleCatalog());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->entries, 0u);
  EXPECT_EQ(*store->LedgerSize(), 16u);
}

TEST_F(WriterTest, AnInvalidSubmissionChangesNothingAndListsEveryIssue) {
  catalog::Catalog c = testing::SampleCatalog();
  c.powers["XK-SCJ-001"].power.flow.nodes[1].post = "NOPE";
  c.powers["CF-SCJ-001"].power.legal_basis.clear();
  auto r = Import(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  auto issues = IssuesFromJson(r.error().details);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].ref.code, "CF-SCJ-001");  // powers are planned in code order
  EXPECT_EQ(issues[0].field, "设定依据");
  EXPECT_EQ(issues[1].ref.code, "XK-SCJ-001");
  EXPECT_EQ(issues[1].ref.part_code, "N1");
  EXPECT_EQ(issues[1].field, "办理岗位");
  EXPECT_EQ(*store->LedgerSize(), 0u);
  EXPECT_TRUE(writer->Snapshot().units.empty());  // the in-memory state was rolled back too
  EXPECT_TRUE(store->LoadCatalog()->units.empty());
}

TEST_F(WriterTest, ReferencesWithinASubmissionNeedNoOrder) {
  catalog::Catalog c = testing::SampleCatalog();
  // YX-SCJ (planned before YX-ZZ in tree order) is supervised by a unit declared after it.
  c.units["YX-ZZ"] = org::Unit{
      "YX-ZZ", "派驻第一纪检监察组", "YX", org::UnitLevel::kUnit, org::UnitKind::kResidentGroup,
      ""};
  c.units["YX-SCJ"].supervisor = "YX-ZZ";
  auto r = Import(c);
  ASSERT_TRUE(r) << r.error().message << IssuesToJson(IssuesFromJson(r.error().details)).dump();
  EXPECT_EQ(store->LoadCatalog()->units["YX-SCJ"].supervisor, "YX-ZZ");
}

TEST_F(WriterTest, DryRunValidatesAndWritesNothing) {
  auto r = Import(testing::SampleCatalog(), /*dry_run=*/true);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->dry_run);
  EXPECT_EQ(r->entries, 16u);
  EXPECT_EQ(r->first_seq, 0u);
  EXPECT_EQ(*store->LedgerSize(), 0u);
  EXPECT_TRUE(writer->Snapshot().powers.empty());
}

TEST_F(WriterTest, WarningsDoNotBlock) {
  catalog::Catalog c = testing::SampleCatalog();
  c.powers["XK-SCJ-001"].power.controls.erase(c.powers["XK-SCJ-001"].power.controls.begin());
  auto r = Import(c);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].field, "防控措施");
}

TEST_F(WriterTest, ANewVersionCannotTakeEffectBeforeTheCurrentOne) {
  ASSERT_TRUE(Import(testing::SampleCatalog()));
  catalog::Power p = testing::SampleCatalog().powers["XK-SCJ-001"].power;
  p.name = "食品经营许可（调整）";
  p.effective_from = Date::FromYmd(2025, 1, 1);
  auto r = writer->Submit({"tester", {catalog::Change(catalog::PowerVersionPut{p, 0})}, false});
  ASSERT_FALSE(r);
  EXPECT_NE(IssuesFromJson(r.error().details)[0].message.find("早于现行版本"), std::string::npos);
  p.effective_from = Date::FromYmd(2026, 12, 1);
  auto ok = writer->Submit({"tester", {catalog::Change(catalog::PowerVersionPut{p, 0})}, false});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(writer->Snapshot().powers["XK-SCJ-001"].version, 2);
  EXPECT_EQ(store->PowerVersions("XK-SCJ-001")->size(), 2u);
}

TEST_F(WriterTest, ConcurrentSubmissionsShareTransactions) {
  ASSERT_TRUE(Import(testing::SampleCatalog()));
  const auto before = writer->stats();
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        org::Person p{"T" + std::to_string(t) + "-" + std::to_string(i), "测试人员"};
        if (!writer->Submit({"tester", {catalog::Change(catalog::PersonPut{p})}, false}))
          ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  const auto after = writer->stats();
  EXPECT_EQ(after.entries - before.entries, uint64_t{kThreads * kEach});
  // Group commit: with 8 callers waiting, transactions carry more than one submission.
  EXPECT_LT(after.transactions - before.transactions, uint64_t{kThreads * kEach});
  EXPECT_EQ(*store->LedgerSize(), 16u + kThreads * kEach);
  // Sequence numbers have no gaps.
  auto entries = store->ReadEntries(1, 10000);
  for (size_t i = 0; i < entries->size(); ++i) EXPECT_EQ((*entries)[i].seq, i + 1);
}

TEST_F(WriterTest, ARejectedSubmissionDoesNotDisturbOthersInItsBatch) {
  ASSERT_TRUE(Import(testing::SampleCatalog()));
  auto good =
      writer->SubmitAsync({"a", {catalog::Change(catalog::PersonPut{{"P9", "赵六"}})}, false});
  auto bad = writer->SubmitAsync(
      {"b", {catalog::Change(catalog::PostPut{{"X", "NOPE", "岗位", false, false}})}, false});
  auto good2 =
      writer->SubmitAsync({"c", {catalog::Change(catalog::PersonPut{{"P10", "钱七"}})}, false});
  EXPECT_TRUE(good.get());
  EXPECT_FALSE(bad.get());
  EXPECT_TRUE(good2.get());
  auto state = store->LoadCatalog();
  EXPECT_TRUE(state->persons.contains("P9"));
  EXPECT_TRUE(state->persons.contains("P10"));
  EXPECT_FALSE(state->posts.contains("X"));
}

TEST_F(WriterTest, StateIsReloadedOnRestart) {
  ASSERT_TRUE(Import(testing::SampleCatalog()));
  writer.reset();
  auto w = Writer::Start(*store, clock, {});
  ASSERT_TRUE(w);
  EXPECT_EQ((*w)->Snapshot().powers.size(), 2u);
  auto r = (*w)->Submit({"t", {catalog::Change(catalog::PersonPut{{"P9", "赵六"}})}, false});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first_seq, 17u);  // continues the ledger
}

// A checkpoint is signed for the tree after a batch and stored in that batch's transaction:
// there as soon as the batch is answered, and gone with a batch whose commit fails, so that
// the checkpoint signed next covers what was committed instead.
TEST(WriterCheckpointTest, ACheckpointIsCommittedWithItsBatchOrNotAtAll) {
  testing::TempDir dir;
  auto store = std::move(*store::OpenSqliteStore(dir.File("c.db"), {.create = true}));
  ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
  auto key = std::make_shared<const ledger::SigningKey>(*ledger::SigningKey::Generate("t"));
  WriterOptions options;
  options.signer = key;
  options.checkpoint_every = 2;
  int commits = 0;
  options.commit_fault = [&]() -> Status {
    return ++commits == 2 ? Err(ErrorCode::kIo, "磁盘写入失败（测试）") : Ok();
  };
  auto writer = std::move(*Writer::Start(*store, clock, options));
  const auto notes = [](const std::string& tag, int n) {
    Submission sub{"t", {}, false};
    for (int i = 0; i < n; ++i) {
      sub.commands.push_back(Audit{"audit.read", "case:" + tag + std::to_string(i), {{"n", i}}});
    }
    return sub;
  };
  const auto latest = [&] {
    return store->LatestCheckpoint().value().value_or(store::StoredCheckpoint{});
  };
  const auto root_of_ledger = [&] {
    ledger::CompactTree tree;
    const std::vector<Hash> leaves = *store->ReadLeafHashes(1, *store->LedgerSize());
    for (const Hash& leaf : leaves) tree.Append(leaf);
    return tree.Root();
  };

  ASSERT_TRUE(writer->Submit(notes("a", 3)));
  EXPECT_EQ(latest().size, 3u);  // committed with the batch, before its caller was answered
  EXPECT_EQ(latest().root, root_of_ledger());

  auto failed = writer->Submit(notes("b", 2));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "磁盘写入失败（测试）");
  EXPECT_EQ(*store->LedgerSize(), 3u);
  EXPECT_EQ(latest().size, 3u);  // its checkpoint went with it

  ASSERT_TRUE(writer->Submit(notes("c", 2)));  // the same size, other entries
  EXPECT_EQ(latest().size, 5u);
  EXPECT_EQ(latest().root, root_of_ledger());
  EXPECT_EQ(writer->stats().checkpoints, 2u);

  ASSERT_TRUE(writer->Submit(notes("d", 1)));  // one entry since: not due yet
  EXPECT_EQ(latest().size, 5u);
  writer.reset();  // stopping signs the rest
  EXPECT_EQ(latest().size, 6u);
  EXPECT_EQ(store->Checkpoints()->size(), 3u);
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""), key->VerifierKey());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
}

}  // namespace
}  // namespace dl::writer
