// Case events through the writer: recorded as ledger entries, deduplicated across
// submissions and restarts, all or nothing per submission, projected into `cases` so that
// deep verify rebuilds the projection from the ledger alone.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "service/verify_service.h"
#include "testing/sample_catalog.h"
#include "writer/writer.h"

namespace dl::writer {
namespace {

engine::Event Ev(const std::string& id, engine::EventType type, const std::string& case_id,
                 const std::string& node = "") {
  engine::Event e;
  e.source = "oa";
  e.external_id = id;
  e.type = type;
  e.case_id = case_id;
  if (type == engine::EventType::kOpened) e.power = "XK-SCJ-001";
  e.node = node;
  e.actor = "P002";
  e.occurred = e.recorded = *ParseInstant("2026-11-23T02:00:00Z");
  return e;
}

// Holds the writer's first commit until Release(), so that the batches submitted meanwhile
// queue up behind it and then run as a chain, each applied while the one before it commits.
// `each`, if set, runs at every commit (numbered from 1) and decides its outcome.
class CommitGate {
 public:
  std::function<Status()> Hook(std::function<Status(int)> each = nullptr) {
    return [this, each = std::move(each)]() -> Status {
      int n = 0;
      {
        std::unique_lock lock(m_);
        n = ++commits_;
        if (n == 1) {
          held_ = true;
          cv_.notify_all();
          cv_.wait(lock, [&] { return released_; });
        }
      }
      return each ? each(n) : Ok();
    };
  }
  void AwaitHeld() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return held_; });
  }
  void Release() {
    {
      std::lock_guard lock(m_);
      released_ = true;
    }
    cv_.notify_all();
  }
  int commits() {
    std::lock_guard lock(m_);
    return commits_;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool held_ = false, released_ = false;
  int commits_ = 0;
};

class CaseEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.File("c.db");
    store = std::move(*store::OpenSqliteStore(path, {.create = true}));
    Start();
    Submission sub{"t", {}, false};
    sub.commands.emplace_back(std::in_place_type<ImportCatalog>, testing::SampleCatalog());
    ASSERT_TRUE(writer->Submit(std::move(sub)));
  }
  void Start() {
    writer.reset();
    auto w = Writer::Start(*store, clock, options);
    ASSERT_TRUE(w) << w.error().message;
    writer = std::move(*w);
  }
  Result<Receipt> Record(std::vector<engine::Event> events, bool dry_run = false) {
    Submission sub{"oa-gateway", {}, dry_run};
    sub.commands.emplace_back(std::in_place_type<RecordEvents>, std::move(events));
    return writer->Submit(std::move(sub));
  }
  std::future<Result<Receipt>> RecordAsync(std::vector<engine::Event> events) {
    Submission sub{"oa-gateway", {}, false};
    sub.commands.emplace_back(std::in_place_type<RecordEvents>, std::move(events));
    return writer->SubmitAsync(std::move(sub));
  }
  size_t CaseRows() { return (*store->ProjectionRows())["cases"].size(); }
  // Warnings a receipt's events raised (each is one more ledger entry).
  static size_t Warned(const Receipt& r) {
    size_t n = 0;
    for (const auto& [rule, count] : r.cases.warnings) n += count;
    return n;
  }

  testing::TempDir dir;
  std::string path;
  ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
  CommitGate gate;  // outlives the writer, whose commit hook it may be
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Writer> writer;
  WriterOptions options;
};

TEST_F(CaseEventsTest, EventsAreRecordedJudgedAndProjected) {
  const uint64_t before = *store->LedgerSize();
  auto r = Record({Ev("1", engine::EventType::kOpened, "C1"),
                   Ev("2", engine::EventType::kCompleted, "C1", "N1"),
                   Ev("3", engine::EventType::kCompleted, "C1", "N5")});  // skips the 会签
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cases.events, 3u);
  EXPECT_EQ(r->entries, 3u + Warned(*r));
  EXPECT_EQ(r->cases.cases_opened, 1u);
  EXPECT_EQ(r->cases.deviations["跳过环节"], 1u);
  EXPECT_EQ(*store->LedgerSize(), before + r->entries);
  auto entries = *store->ReadEntriesBySubject("case:C1");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].kind, "case.event");
  EXPECT_EQ(entries[2].payload["deviations"][0]["kind"], "跳过环节");
  EXPECT_EQ(entries[0].payload["case"]["version"], 1);
  EXPECT_EQ(CaseRows(), 1u);
}

TEST_F(CaseEventsTest, DuplicatesAreSkippedEvenAfterARestart) {
  ASSERT_TRUE(Record({Ev("1", engine::EventType::kOpened, "C1"),
                      Ev("2", engine::EventType::kCompleted, "C1", "N1")}));
  const uint64_t size = *store->LedgerSize();
  auto again = Record({Ev("2", engine::EventType::kCompleted, "C1", "N1")});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->entries, 0u);
  EXPECT_EQ(again->cases.duplicates, 1u);
  Start();  // the open cases are rebuilt from the ledger
  auto after = Record({Ev("2", engine::EventType::kCompleted, "C1", "N1"),
                       Ev("4", engine::EventType::kCompleted, "C1", "N3")});
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->cases.duplicates, 1u);
  EXPECT_EQ(after->cases.events, 1u);
  EXPECT_TRUE(after->cases.deviations.empty());  // N3 follows N1: the state survived
  EXPECT_EQ(*store->LedgerSize(), size + 1 + Warned(*after));
}

// The server's scope check: the unit of each event's case, as recorded or as the event opens
// it, is put to the submitter's scope in the writer, which holds the case.
TEST_F(CaseEventsTest, AnEventOfACaseOutsideTheScopeRefusesTheWholeSubmission) {
  ASSERT_TRUE(Record({Ev("1", engine::EventType::kOpened, "C1")}));
  std::vector<std::string> asked;
  auto scoped = [&](std::vector<engine::Event> events, std::string allowed) {
    Submission sub{"oa-gateway", {}, false};
    RecordEvents rec{std::move(events)};
    rec.scope = [&asked, allowed](const std::string& unit) -> Status {
      asked.push_back(unit);
      if (unit == allowed) return Ok();
      return Err(ErrorCode::kPermissionDenied, "单位“" + unit + "”不在您的账号范围内");
    };
    sub.commands.emplace_back(std::move(rec));
    return writer->Submit(std::move(sub));
  };
  const uint64_t size = *store->LedgerSize();
  auto refused = scoped({Ev("2", engine::EventType::kOpened, "C2"),
                         Ev("3", engine::EventType::kCompleted, "C1", "N1")},
                        "YX-OTHER");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message, "第 1 个事件：单位“YX-SCJ”不在您的账号范围内");
  EXPECT_EQ(asked, std::vector<std::string>{"YX-SCJ"});  // stopped at the first refusal
  EXPECT_EQ(*store->LedgerSize(), size);
  // A duplicate of a recorded event tells of the case too: asked and refused as well.
  auto duplicate = scoped({Ev("1", engine::EventType::kOpened, "C1")}, "YX-OTHER");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kPermissionDenied);
  // In scope: recorded, and C2 was not left half-opened by the refused submission.
  auto allowed = scoped({Ev("2", engine::EventType::kOpened, "C2"),
                         Ev("3", engine::EventType::kCompleted, "C1", "N1")},
                        "YX-SCJ");
  ASSERT_TRUE(allowed) << allowed.error().message;
  EXPECT_EQ(allowed->cases.events, 2u);
  EXPECT_EQ(allowed->cases.cases_opened, 1u);
}

TEST_F(CaseEventsTest, ASubmissionWithARefusedEventWritesNothing) {
  const uint64_t size = *store->LedgerSize();
  auto r = Record({Ev("1", engine::EventType::kOpened, "C1"),
                   Ev("2", engine::EventType::kCompleted, "C9", "N1")});  // never opened
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(*store->LedgerSize(), size);
  // The rolled-back case is not half there: opening it now is not "opened twice".
  auto ok = Record({Ev("1", engine::EventType::kOpened, "C1")});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->cases.events, 1u);
}

TEST_F(CaseEventsTest, ADryRunJudgesWithoutWriting) {
  const uint64_t size = *store->LedgerSize();
  auto dry = Record({Ev("1", engine::EventType::kOpened, "C1"),
                     Ev("2", engine::EventType::kCompleted, "C1", "N5")},
                    /*dry_run=*/true);
  ASSERT_TRUE(dry);
  EXPECT_EQ(dry->cases.events, 2u);
  EXPECT_EQ(dry->cases.deviations["跳过环节"], 1u);
  EXPECT_EQ(*store->LedgerSize(), size);
  auto real = Record({Ev("1", engine::EventType::kOpened, "C1")});
  ASSERT_TRUE(real);
  EXPECT_EQ(real->cases.events, 1u);  // the dry run left no trace in the engine
}

TEST_F(CaseEventsTest, DeepVerifyRebuildsTheCaseProjection) {
  ASSERT_TRUE(Record({Ev("1", engine::EventType::kOpened, "C1"),
                      Ev("2", engine::EventType::kCompleted, "C1", "N1"),
                      Ev("3", engine::EventType::kOpened, "C2"),
                      Ev("4", engine::EventType::kClosed, "C2")}));
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
  EXPECT_EQ(CaseRows(), 2u);
}

// The writer writes a case event's payload as text directly (no JSON tree): it must be the
// canonical form of itself, or the ledger would hash bytes a verifier cannot reproduce.
TEST_F(CaseEventsTest, StoredCaseEventPayloadsAreCanonical) {
  const uint64_t first = *store->LedgerSize() + 1;
  engine::Event opened = Ev("1", engine::EventType::kOpened, "C1");
  opened.counterparty = "云溪县“鑫达”商贸\t有限公司 \\ \"引号\"";
  opened.amount = 1234.5;
  opened.tracking_check = std::string(64, 'f');
  opened.attributes = {{"区域", "城区"}, {"面积", 120}};
  engine::Event closed = Ev("4", engine::EventType::kClosed, "C1");
  closed.decision = "准予许可";
  closed.reason = "材料齐全\n现场核查通过";
  auto r = Record({opened, Ev("2", engine::EventType::kCompleted, "C1", "N1"),
                   Ev("3", engine::EventType::kCompleted, "C1", "N5"), closed});
  ASSERT_TRUE(r) << r.error().message;
  using Rows = store::Store::LedgerRows;
  auto raw = store->ReadLedgerRows(first, r->entries);
  ASSERT_TRUE(raw) << raw.error().message;
  size_t events = 0;
  for (size_t i = 0; i < raw->rows.size(); ++i) {
    if (raw->Get(i, Rows::kKind) != "case.event") continue;
    ++events;
    const std::string text(raw->Get(i, Rows::kPayload));
    EXPECT_EQ(CanonicalJson(Json::parse(text)), text);
  }
  EXPECT_EQ(events, 4u);
  auto entries = *store->ReadEntriesBySubject("case:C1");
  EXPECT_EQ(entries[0].payload["event"]["counterparty"], opened.counterparty);
  EXPECT_EQ(entries[2].payload["deviations"][0]["nodes"].size(), 2u);  // the 会签 skipped
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
}

// A case leaves memory once it is closed (and committed); an event for it later loads it back
// from the ledger, so a resent event is still recognised.
TEST_F(CaseEventsTest, ClosedCasesLeaveMemoryAndComeBackOnDemand) {
  ASSERT_TRUE(
      Record({Ev("1", engine::EventType::kOpened, "C1"), Ev("2", engine::EventType::kOpened, "C2"),
              Ev("3", engine::EventType::kClosed, "C2")}));
  EXPECT_EQ(writer->stats().cases_in_memory, 1u);  // C1 only
  auto again = Record({Ev("3", engine::EventType::kClosed, "C2")});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->cases.duplicates, 1u);
  EXPECT_EQ(again->entries, 0u);
  EXPECT_EQ(writer->stats().cases_in_memory, 1u);
}

// Case event batches are applied while the batch before them commits (writer pipelining).
// Many batches in flight land in order, gapless, with every closed case evicted once its
// batch has committed and the projections equal to a rebuild from the ledger.
TEST_F(CaseEventsTest, PipelinedBatchesLandInOrder) {
  options.max_batch_submissions = 1;  // one batch per submission: as many batches as possible
  Start();
  const uint64_t before = *store->LedgerSize();
  std::vector<std::future<Result<Receipt>>> futures;
  for (int i = 0; i < 40; ++i) {
    const std::string c = "P" + std::to_string(i);
    std::vector<engine::Event> events = {Ev(c + "o", engine::EventType::kOpened, c)};
    if (i % 2 == 0) events.push_back(Ev(c + "x", engine::EventType::kClosed, c));
    Submission sub{"oa-gateway", {}, false};
    sub.commands.emplace_back(std::in_place_type<RecordEvents>, std::move(events));
    futures.push_back(writer->SubmitAsync(std::move(sub)));
  }
  uint64_t next = before + 1;
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->first_seq, next);  // answered in order, numbered on from the batch before
    next = r->last_seq + 1;
  }
  EXPECT_EQ(*store->LedgerSize(), next - 1);
  EXPECT_EQ(writer->stats().cases_in_memory, 20u);  // the closed half left memory
  EXPECT_EQ(CaseRows(), 40u);
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
}

// When a commit fails, the batch applied after it (on top of its uncommitted state) fails with
// it: both callers get the error, nothing of either is written, and the in-memory cases are as
// before, so that sending both again records them as new.
// A submission with enough work that arrives while a batch commits is taken and applied at
// once, not after the commit ends.
TEST_F(CaseEventsTest, ALargeSubmissionArrivingDuringACommitIsAppliedWhileItCommits) {
  options.max_batch_submissions = 1;
  options.auto_tick = false;  // a deadline check in the first batch would make it wait
  options.commit_fault = gate.Hook();
  Start();
  auto holder = RecordAsync({Ev("0", engine::EventType::kOpened, "C0")});
  gate.AwaitHeld();
  std::vector<engine::Event> many;
  for (int i = 1; i <= 100; ++i) {
    many.push_back(Ev(std::to_string(i), engine::EventType::kOpened, "C" + std::to_string(i)));
  }
  auto next = RecordAsync(many);
  // The writer takes it from the queue while the first commit is still held (it would stay
  // queued until the release if the writer waited for the commit first).
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (writer->stats().queued != 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(writer->stats().queued, 0u);
  EXPECT_EQ(gate.commits(), 1);
  gate.Release();
  ASSERT_TRUE(holder.get());
  auto r = next.get();
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cases.cases_opened, 100u);
  EXPECT_EQ(gate.commits(), 2);
}

// Small submissions that arrive while a batch commits wait for the commit's end and then go
// together into one transaction (group commit), as single-event HTTP posts do.
TEST_F(CaseEventsTest, SmallSubmissionsArrivingDuringACommitShareTheNextTransaction) {
  options.auto_tick = false;
  options.commit_fault = gate.Hook();
  Start();
  const uint64_t transactions = writer->stats().transactions;
  auto holder = RecordAsync({Ev("0", engine::EventType::kOpened, "C0")});
  gate.AwaitHeld();
  std::vector<std::future<Result<Receipt>>> small;
  for (int i = 1; i <= 3; ++i) {
    small.push_back(
        RecordAsync({Ev(std::to_string(i), engine::EventType::kOpened, "C" + std::to_string(i))}));
  }
  // Still queued while the commit is held (were they taken, it would be at once).
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(writer->stats().queued, 3u);
  gate.Release();
  ASSERT_TRUE(holder.get());
  for (auto& f : small) {
    auto r = f.get();
    ASSERT_TRUE(r) << r.error().message;
  }
  EXPECT_EQ(gate.commits(), 2);  // the holder's, then one for all three
  EXPECT_EQ(writer->stats().transactions, transactions + 2);
}

TEST_F(CaseEventsTest, AFailedCommitAlsoUndoesTheBatchAppliedAfterIt) {
  options.max_batch_submissions = 1;
  // The first commit waits until both later batches are queued; the second fails.
  options.commit_fault = gate.Hook([](int commit) -> Status {
    return commit == 2 ? Err(ErrorCode::kIo, "磁盘写入失败（测试）") : Ok();
  });
  Start();
  const uint64_t before = *store->LedgerSize();
  const std::vector<engine::Event> first = {Ev("1", engine::EventType::kOpened, "C1"),
                                            Ev("2", engine::EventType::kCompleted, "C1", "N1")};
  // Builds on C1 as the first batch leaves it: applied while the first batch commits.
  const std::vector<engine::Event> second = {Ev("3", engine::EventType::kOpened, "C2"),
                                             Ev("4", engine::EventType::kClosed, "C1")};
  auto holder = RecordAsync({Ev("0", engine::EventType::kOpened, "C0")});
  gate.AwaitHeld();
  auto a = RecordAsync(first);
  auto b = RecordAsync(second);  // both queued before the holder's commit ends
  gate.Release();
  ASSERT_TRUE(holder.get());
  auto ra = a.get();
  auto rb = b.get();
  ASSERT_FALSE(ra);
  EXPECT_EQ(ra.error().message, "磁盘写入失败（测试）");
  ASSERT_FALSE(rb);
  EXPECT_EQ(rb.error().message, "磁盘写入失败（测试）");
  EXPECT_EQ(gate.commits(), 2);  // the second batch never reached the store
  EXPECT_EQ(*store->LedgerSize(), before + 1);
  EXPECT_EQ(CaseRows(), 1u);
  EXPECT_EQ(writer->stats().cases_in_memory, 1u);  // C0
  // Sent again, both are new: the memory of the failed batches is gone.
  auto again_a = Record(first);
  ASSERT_TRUE(again_a) << again_a.error().message;
  EXPECT_EQ(again_a->cases.events, 2u);
  EXPECT_EQ(again_a->cases.duplicates, 0u);
  EXPECT_EQ(again_a->first_seq, before + 2);
  auto again_b = Record(second);
  ASSERT_TRUE(again_b) << again_b.error().message;
  EXPECT_EQ(again_b->cases.events, 2u);
  EXPECT_EQ(again_b->cases.cases_opened, 1u);
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
}

// In a chain of batches that never pauses (each applied while the one before it commits), a
// case closed in one batch leaves memory when that batch lands unless the batch after it
// touched the case too; then it waits for that batch. Nothing else is carried from one landing
// to the next, so a long chain stays as cheap per batch as a short one.
TEST_F(CaseEventsTest, ClosedCasesLeaveMemoryWhileBatchesKeepComing) {
  // Cases in memory as each commit starts (written on the committer's thread only).
  auto in_memory = std::make_shared<std::vector<size_t>>();
  options.max_batch_submissions = 1;
  options.commit_fault = gate.Hook([this, in_memory](int) -> Status {
    in_memory->push_back(writer->stats().cases_in_memory);
    return Ok();
  });
  Start();
  using engine::EventType;
  auto holder = RecordAsync({Ev("0", EventType::kOpened, "C0")});
  gate.AwaitHeld();
  // All queued while the holder commits, so each is applied while the one before it commits.
  std::vector<std::future<Result<Receipt>>> chain;
  chain.push_back(
      RecordAsync({Ev("1", EventType::kOpened, "C1"), Ev("2", EventType::kClosed, "C1"),
                   Ev("3", EventType::kOpened, "C2"), Ev("4", EventType::kClosed, "C2")}));
  chain.push_back(RecordAsync({Ev("5", EventType::kCompleted, "C2", "N1")}));  // C2 after closing
  chain.push_back(RecordAsync({Ev("6", EventType::kOpened, "C3")}));
  chain.push_back(RecordAsync({Ev("7", EventType::kOpened, "C4")}));
  gate.Release();
  ASSERT_TRUE(holder.get());
  for (auto& f : chain) ASSERT_TRUE(f.get());
  ASSERT_EQ(gate.commits(), 5);
  // Stats are those of the last landing: before the 3rd commit the first batch has landed
  // (C1 gone, C2 kept: the second batch touched it); before the 4th the second has (C2 gone).
  EXPECT_EQ((*in_memory)[2], 2u);                  // C0, C2
  EXPECT_EQ((*in_memory)[3], 2u);                  // C0, C3
  EXPECT_EQ(writer->stats().cases_in_memory, 3u);  // C0, C3, C4
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
}

// Events after other entries of the same transaction (an audit note first, then events, then
// a deadline check whose warnings follow them) are numbered on from those entries: the
// ledger stays gapless, the writer restarts and deep verify passes.
TEST_F(CaseEventsTest, EventsAfterOtherEntriesOfTheBatchAreNumberedOnFromThem) {
  Submission sub{"oa-gateway", {}, false};
  sub.commands.emplace_back(std::in_place_type<Audit>, Audit{"audit.login", "account:a", {}});
  sub.commands.emplace_back(std::in_place_type<RecordEvents>,
                            std::vector<engine::Event>{Ev("1", engine::EventType::kOpened, "C1"),
                                                       Ev("2", engine::EventType::kCompleted, "C1",
                                                          "N5")});  // skips: a warning
  sub.commands.emplace_back(std::in_place_type<CheckDeadlines>);
  auto r = writer->Submit(std::move(sub));
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_GE(r->entries, 4u);
  EXPECT_EQ(r->last_seq - r->first_seq + 1, r->entries);
  auto entries = *store->ReadEntries(r->first_seq, r->entries);
  ASSERT_EQ(entries.size(), r->entries);
  for (size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq, r->first_seq + i);
  EXPECT_EQ(entries[1].kind, "case.event");
  EXPECT_EQ(*store->LedgerSize(), r->last_seq);
  Start();  // the stored tree agrees with the checkpoints
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
}

TEST_F(CaseEventsTest, RulesRaiseWarningsWithTheirEvidenceThroughTheLedger) {
  engine::Event unknown = Ev("9", engine::EventType::kOpened, "C9");
  unknown.power = "NO-SUCH-POWER";  // 法无授权即禁止
  auto r = Record({Ev("1", engine::EventType::kOpened, "C1"),
                   Ev("2", engine::EventType::kCompleted, "C1", "N5"), unknown});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cases.warnings["flow-deviation"], 1u);
  EXPECT_EQ(r->cases.warnings["power-not-in-force"], 1u);
  auto warnings = *store->Warnings({});
  ASSERT_EQ(warnings.size(), r->cases.warnings["flow-deviation"] +
                                 r->cases.warnings["power-not-in-force"] +
                                 r->cases.warnings["actor-post"]);
  const store::WarningRow* skip = nullptr;
  for (const auto& w : warnings) {
    if (w.rule == "flow-deviation") skip = &w;
  }
  ASSERT_NE(skip, nullptr);
  EXPECT_EQ(skip->level, "黄牌");
  EXPECT_EQ(skip->case_id, "C1");
  EXPECT_EQ(skip->unit, "YX-SCJ");
  EXPECT_EQ(skip->supervisor, "YX-JW");  // the unit's supervising discipline body
  EXPECT_EQ(skip->status, "待处置");
  ASSERT_EQ(skip->evidence.size(), 1u);
  auto evidence = *store->ReadEntries(skip->evidence[0], 1);
  EXPECT_EQ(evidence[0].kind, "case.event");
  EXPECT_EQ(evidence[0].payload["event"]["node"], "N5");
  // The warning is a ledger entry, and the projection is rebuilt from the ledger alone.
  EXPECT_EQ((*store->ReadEntries(skip->seq, 1))[0].kind, "warning.raise");
  writer.reset();
  auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->ToText();
  store::WarningFilter red;
  red.level = "红牌";
  EXPECT_EQ(store->Warnings(red)->size(), 1u);
}

TEST_F(CaseEventsTest, AnOldClosedCaseIsLoadedWhenAnEventNamesIt) {
  auto old = [](engine::Event e) {
    e.occurred = e.recorded = *ParseInstant("2026-01-05T02:00:00Z");  // long before the window
    return e;
  };
  ASSERT_TRUE(Record({old(Ev("1", engine::EventType::kOpened, "OLD")),
                      old(Ev("2", engine::EventType::kClosed, "OLD"))}));
  Start();  // the restarted writer does not keep the old closed case in memory
  auto dup = Record({old(Ev("2", engine::EventType::kClosed, "OLD"))});
  ASSERT_TRUE(dup) << dup.error().message;
  EXPECT_EQ(dup->cases.duplicates, 1u);  // recognised: loaded from the ledger on demand
  EXPECT_EQ(dup->cases.cases_opened, 0u);
  auto late = Record({Ev("3", engine::EventType::kCompleted, "OLD", "N1")});
  ASSERT_TRUE(late) << late.error().message;
  EXPECT_EQ(late->cases.deviations["办结后办理"], 1u);  // not a new case
  EXPECT_EQ(CaseRows(), 1u);
}

TEST_F(CaseEventsTest, CustomLuaRulesRaiseWarningsAndAFailingOneIsDisabledOnRecord) {
  auto big = monitor::LuaRule::Load("big.lua", R"lua(
rule = { id = "big-amount", name = "大额", level = "红牌" }
function check(event, case)
  if (event.amount or 0) >= 1000000 then return { message = "金额过大：" .. case.id } end
end)lua");
  auto loop = monitor::LuaRule::Load(
      "loop.lua", "rule = { id = 'loop' }\nfunction check() while true do end end");
  ASSERT_TRUE(big && loop);
  options.custom_rules = {std::move(*big), std::move(*loop)};
  Start();
  engine::Event opened = Ev("1", engine::EventType::kOpened, "C1");
  opened.amount = 2000000;
  auto r = Record({opened, Ev("2", engine::EventType::kOpened, "C2")});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cases.warnings["lua:big-amount"], 1u);
  EXPECT_TRUE(options.custom_rules[1]->disabled());
  auto disabled = *store->ReadEntriesBySubject("rule:lua:loop");
  ASSERT_EQ(disabled.size(), 1u);  // reported once, then it no longer runs
  EXPECT_EQ(disabled[0].kind, "audit.rule-disabled");
  EXPECT_NE(disabled[0].payload["reason"].get<std::string>().find("指令预算"), std::string::npos);
  store::WarningFilter red;
  red.level = "红牌";
  bool found = false;
  const auto reds = *store->Warnings(red);
  for (const auto& w : reds) found |= w.rule == "lua:big-amount";
  EXPECT_TRUE(found);
}

// Online handling is guided: a step off the flow, or by someone not on the node's post that
// day, is refused with the reason (and the steps that may come next); a proper step is
// recorded as any event.
TEST_F(CaseEventsTest, GuidedEventsOffTheFlowOrOffThePostAreRefused) {
  auto guided = [&](std::vector<engine::Event> events) {
    Submission sub{"daylight:handling", {}, false};
    RecordEvents rec{std::move(events)};
    rec.guided = true;
    sub.commands.emplace_back(std::move(rec));
    return writer->Submit(std::move(sub));
  };
  const uint64_t before = *store->LedgerSize();
  auto open = Ev("g1", engine::EventType::kOpened, "G1");
  open.source = "daylight";
  ASSERT_TRUE(guided({open}));
  // 受理 (N1) is on post SCJ-ZC-KY, which P002 (股长) does not hold.
  auto wrong_post = Ev("g2", engine::EventType::kCompleted, "G1", "N1");
  wrong_post.source = "daylight";
  auto r = guided({wrong_post});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().details.dump().find("不在“科员”岗位任职"), std::string::npos)
      << r.error().details.dump();
  // Skipping ahead to 决定 (N5) is refused, naming 受理 as the step that may come next.
  auto skip = Ev("g3", engine::EventType::kCompleted, "G1", "N5");
  skip.source = "daylight";
  skip.actor = "P001";
  r = guided({skip});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().details.dump().find("当前可以办理的环节：“受理”（N1）"), std::string::npos)
      << r.error().details.dump();
  // Without a person, nothing is guided.
  auto anonymous = Ev("g4", engine::EventType::kCompleted, "G1", "N1");
  anonymous.source = "daylight";
  anonymous.actor.clear();
  EXPECT_FALSE(guided({anonymous}));
  // Only the opening was written.
  EXPECT_EQ(*store->LedgerSize(), before + 1);
  // The same skip from an external system is recorded, with its warning.
  auto external = Record({skip});
  ASSERT_TRUE(external) << external.error().message;
  EXPECT_EQ(external->cases.warnings["flow-deviation"], 1u);
}

}  // namespace
}  // namespace dl::writer
