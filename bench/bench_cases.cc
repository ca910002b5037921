// Issue 4's performance requirements for cases, measured in one run (see bench/README.md):
//   Memory     bytes per open case with 1 M open cases in the case engine, their clocks
//              scheduled and the deadline index filled (goal: <= 1 KiB per open case);
//   Deadlines  with those 1 M open cases, the cost of a deadline check that fires nothing
//              and of one that fires 10 000 deadline stages (warnings built, hashed and
//              committed to a SQLite store);
//   Ingest     durable ingest of the demo county's year of case events through the whole
//              pipeline (JSON parse, case engine, every built-in rule, warnings, ledger with
//              Merkle tree and checkpoints, synchronous=FULL, 1 000 events per batch) vs. the
//              raw sqlite3 insert of the same ledger rows (goal: >= 70 %, and >= 100 000
//              events/s) — bench_ingest.cc.
#include <benchmark/benchmark.h>
#include <malloc.h>
#ifdef DAYLIGHT_MIMALLOC
#include <mimalloc.h>
#endif

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bench/ledger_fixture.h"
#include "calendar/calendar.h"
#include "engine/case_engine.h"
#include "engine/deadline_index.h"
#include "monitor/overdue.h"
#include "monitor/window_rules.h"
#include "oversight/book.h"
#include "store/store.h"
#include "testing/sample_catalog.h"
#include "writer/case_recorder.h"

namespace dl::bench {
namespace {

constexpr size_t kOpenCases = 1000000;
constexpr size_t kCasesPerDay =
    10000;  // opened on each working day: one day's stages fire together

// Memory the process's allocator holds for the heap: with mimalloc (the product's allocator)
// the memory it has committed from the system, its own overhead and free space in its pages
// included; with glibc (DAYLIGHT_MIMALLOC=OFF) the bytes handed out by malloc.
size_t HeapInUse() {
#ifdef DAYLIGHT_MIMALLOC
  size_t current_commit = 0;
  mi_process_info(nullptr, nullptr, nullptr, nullptr, nullptr, &current_commit, nullptr, nullptr);
  return current_commit;
#else
  return mallinfo2().uordblks;
#endif
}

// 1 M open penalty cases (CF-SCJ-001: 90 days; 调查取证 30 working days), 10 000 opened on each
// working day from 2026-01-05, each with its investigation started: two clocks per case (the
// case's and the step's), scheduled on the Chinese calendar, the earliest in the deadline
// index as the writer keeps it (one entry per case).
class OpenCases {
 public:
  OpenCases()
      : declared_(testing::SampleCatalog()),
        power_(std::make_shared<const catalog::Power>(declared_.powers.at("CF-SCJ-001").power)),
        calendar_(Must(calendar::WorkCalendar::China(), "calendar")),
        windows_(params_),
        book_(params_.disposal, *calendar_) {
    const size_t before = HeapInUse();
    engine_ = std::make_unique<engine::CaseEngine>([this](const std::string&, Instant) {
      return engine::PinnedPower{1, power_};
    });
    index_ = std::make_unique<engine::DeadlineIndex>();
    Date day = Date::FromYmd(2026, 1, 5);
    uint64_t seq = 1;
    for (size_t i = 0; i < kOpenCases; ++i) {
      if (i % kCasesPerDay == 0) {
        if (i > 0) day = Must(calendar_->AddWorkdays(day, 1), "next working day");
        days_.push_back(day);
      }
      const Instant at = calendar_->StartOfDay(day) + std::chrono::hours(9) +
                         std::chrono::seconds(i % kCasesPerDay);
      engine::Event e;
      e.source = "zf";
      e.external_id = "o" + std::to_string(i);
      e.case_id = "CF-2026-" + std::to_string(1000000 + i);
      e.power = "CF-SCJ-001";
      e.applicant = "";
      e.counterparty = "云溪县某某食品经营部" + std::to_string(i % 5000);
      e.amount = 8000 + static_cast<double>(i % 2000);
      e.actor = "P002";
      e.occurred = e.recorded = at;
      Must(engine_->Apply(e, seq++), "open");
      e.external_id = "s" + std::to_string(i);
      e.type = engine::EventType::kStarted;
      e.node = "N1";
      e.power.clear();
      const auto applied = Must(engine_->Apply(e, seq++), "start");
      engine::OpenCase& c = *engine_->Edit(e.case_id);
      Must(monitor::ScheduleClocks(c, *calendar_, params_), "schedule");
      writer::ScheduleDeadlines(*engine_, {c.serial}, *index_);
      if (i % 1000 == 999) engine_->Commit();
      (void)applied;
    }
    engine_->Commit();
    bytes_ = HeapInUse() - before;
  }

  size_t bytes() const { return bytes_; }
  engine::CaseEngine& engine() { return *engine_; }
  engine::DeadlineIndex& index() { return *index_; }
  // The instant the investigations opened on working day `k` reach their notice stage.
  Instant NoticeOfDay(size_t k) {
    const engine::OpenCase* c =
        engine_->Find("CF-2026-" + std::to_string(1000000 + k * kCasesPerDay));
    return c->clocks.back().at[0];
  }
  size_t days() const { return days_.size(); }
  writer::CaseWork Work(std::vector<uint64_t>& touched) {
    return {*engine_, windows_, params_, declared_, custom_, *calendar_, touched, book_};
  }

 private:
  catalog::Catalog declared_;
  std::shared_ptr<const catalog::Power> power_;
  calendar::WorkCalendar::Ptr calendar_;
  monitor::RuleParams params_;
  monitor::WindowRules windows_;
  oversight::Book book_;
  std::vector<std::shared_ptr<monitor::LuaRule>> custom_;
  std::unique_ptr<engine::CaseEngine> engine_;
  std::unique_ptr<engine::DeadlineIndex> index_;
  std::vector<Date> days_;
  size_t bytes_ = 0;
};

OpenCases& Shared() {
  static OpenCases* cases = new OpenCases();  // built once, by the first benchmark that needs it
  return *cases;
}

void BM_OpenCaseMemory(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Shared().bytes());
  }
  OpenCases& cases = Shared();
  state.counters["open_cases"] = static_cast<double>(cases.engine().open_cases());
  state.counters["bytes_per_open_case"] =
      static_cast<double>(cases.bytes()) / static_cast<double>(kOpenCases);
  state.counters["index_bytes_per_open_case"] =
      static_cast<double>(cases.index().MemoryBytes()) / static_cast<double>(kOpenCases);
  state.counters["pending_deadlines"] = static_cast<double>(cases.index().size());
}
BENCHMARK(BM_OpenCaseMemory)->Iterations(1)->Unit(benchmark::kSecond);

// A check before any stage is due: the index's top says so at once.
void BM_TickNothingDue(benchmark::State& state) {
  OpenCases& cases = Shared();
  std::vector<uint64_t> touched;
  std::vector<store::Record> records;
  writer::CaseTally tally;
  const Instant now = cases.NoticeOfDay(0) - std::chrono::seconds(1);
  for (auto _ : state) {
    writer::RecordDueDeadlines(cases.Work(touched), cases.index(), "daylight:monitor", now, 1,
                               records, tally);
    if (!records.empty()) state.SkipWithError("a stage fired");
  }
  state.counters["open_cases"] = static_cast<double>(cases.engine().open_cases());
}
BENCHMARK(BM_TickNothingDue)->Unit(benchmark::kNanosecond);

// Checks that each fire one working day's 10 000 investigation notices (days 0–4: from day 6
// on, a check would also catch the late stage of day d - 6, which falls on the same instant):
// the stages are popped,
// each warning is written and hashed, the 10 000 entries are committed to a SQLite store
// (synchronous=FULL) and the cases' next stages go back into the index.
void BM_TickFires10000(benchmark::State& state) {
  OpenCases& cases = Shared();
  TempDbPath path("tick");
  auto store = Must(store::OpenSqliteStore(path.path(), {.create = true}), "open store");
  uint64_t next_seq = 1;
  size_t day = 0, fired = 0;
  for (auto _ : state) {
    if (day >= cases.days()) {
      state.SkipWithError("out of days");
      break;
    }
    const Instant now = cases.NoticeOfDay(day++);
    std::vector<uint64_t> touched;
    std::vector<store::Record> records;
    writer::CaseTally tally;
    writer::RecordDueDeadlines(cases.Work(touched), cases.index(), "daylight:monitor", now,
                               next_seq, records, tally);
    Must(store->Append(records, {}), "commit");
    cases.engine().Commit();
    writer::ScheduleDeadlines(cases.engine(), touched, cases.index());
    next_seq += records.size();
    fired += records.size();
    if (records.size() != kCasesPerDay) {
      state.SkipWithError(
          ("expected one day's notices, got " + std::to_string(records.size())).c_str());
      break;
    }
  }
  state.counters["fired_per_tick"] =
      static_cast<double>(fired) / static_cast<double>(std::max<size_t>(day, 1));
  state.counters["stages_per_s"] =
      benchmark::Counter(static_cast<double>(fired), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TickFires10000)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dl::bench
