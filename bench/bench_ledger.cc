// Issue 3's performance requirements, measured in one run (see bench/README.md). This file
// holds the append benchmarks and main(); bench_verify.cc and bench_proofs.cc the others.
//   Append  durable append of ledger-only audit entries through writer::Writer on a SQLite
//           store vs. the raw sqlite3 insert of the same rows (goal: >= 90 %), and the parts
//           of the writer's append, to show where its time goes;
//   Verify  service::VerifyStore over 1 M entries on one core (goal: >= 2 M entries/s);
//   Proofs  inclusion and consistency proofs and Writer::Start at 1 M and 10 M entries
//           (goal: O(log n)), and the Merkle state the writer keeps.
#include <benchmark/benchmark.h>
#include <time.h>

#include <chrono>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>

#include "base/clock.h"
#include "bench/bench_summary.h"
#include "bench/ledger_fixture.h"
#include "ledger/checkpoint.h"
#include "ledger/entry.h"
#include "ledger/merkle.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kBatch = 1000;          // audit entries per submission = rows per transaction
constexpr int64_t kAppendBatches = 200;  // transactions per append run

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU time of the whole process (all threads), in seconds.
double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The raw rows of every append run (seq 1 …), computed once, outside any timing.
std::span<const Row> AppendRows() {
  static const std::vector<Row> rows = MakeRows(1, kBatch * kAppendBatches, BatchTime(1));
  return rows;
}

std::shared_ptr<const ledger::SigningKey> NewSigner() {
  return std::make_shared<const ledger::SigningKey>(
      Must(ledger::SigningKey::Generate("bench"), "generate key"));
}

// The real write path on a fresh database: store (WAL, synchronous=FULL) and a signing
// writer checkpointing every 1000 entries or every second.
struct TempWriter {
  explicit TempWriter(const std::string& tag) : path(tag) {
    store = Must(store::OpenSqliteStore(path.path(), {.create = true}), "open store");
    writer::WriterOptions options;
    options.signer = NewSigner();
    options.checkpoint_every = kCheckpointEvery;
    options.checkpoint_interval = std::chrono::milliseconds(1000);
    writer = Must(writer::Writer::Start(*store, clock, std::move(options)), "start writer");
  }
  // Submits one batch and waits until the writer has finished with it: the writer answers
  // a caller on commit (the checkpoint commits with the batch), then frees the batch; an
  // empty submission behind it returns only once that is done.
  bool Submit(writer::Submission sub, benchmark::State& state) {
    auto receipt = writer->Submit(std::move(sub));
    if (!receipt || receipt->entries != kBatch) {
      state.SkipWithError(receipt ? "short receipt" : receipt.error().message.c_str());
      return false;
    }
    return writer->Submit(writer::Submission{kActor, {}, false}).has_value();
  }

  TempDbPath path;  // declared first: destroyed last
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  std::unique_ptr<writer::Writer> writer;
};

void BM_AppendRaw(benchmark::State& state) {
  const auto rows = AppendRows();
  TempDbPath path("append-raw");
  RawLedger raw(path.path());
  size_t done = 0;
  for (auto _ : state) {
    raw.AppendBatch(rows.subspan(done, kBatch));
    done += kBatch;
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AppendRaw)->Iterations(kAppendBatches)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_AppendWriter(benchmark::State& state) {
  TempWriter w("append-writer");
  size_t done = 0;
  for (auto _ : state) {
    state.PauseTiming();  // the caller's cost of building its commands is not the writer's
    writer::Submission sub = MakeAuditSubmission(done + 1, kBatch);
    state.ResumeTiming();
    if (!w.Submit(std::move(sub), state)) break;
    done += kBatch;
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AppendWriter)
    ->Iterations(kAppendBatches)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Both paths, one transaction of each per iteration in alternating order, so that load
// from other processes falls on both alike: the ratio to read. Reports wall-clock rates
// (fsync included) and CPU per row (all threads), which other processes disturb less.
void BM_AppendPaired(benchmark::State& state) {
  const auto rows = AppendRows();
  TempDbPath raw_path("paired-raw");
  RawLedger raw(raw_path.path());
  TempWriter w("paired-writer");
  double raw_wall = 0, writer_wall = 0, raw_cpu = 0, writer_cpu = 0;
  size_t done = 0;
  for (auto _ : state) {
    writer::Submission sub = MakeAuditSubmission(done + 1, kBatch);
    double iteration = 0;
    const auto timed = [&](double& wall, double& cpu, auto&& fn) {
      const auto t0 = Clock::now();
      const double c0 = ProcessCpuSeconds();
      const bool ok = fn();
      cpu += ProcessCpuSeconds() - c0;
      const double t = Seconds(Clock::now() - t0);
      wall += t;
      iteration += t;
      return ok;
    };
    const auto run_raw = [&] {
      raw.AppendBatch(rows.subspan(done, kBatch));
      return true;
    };
    const auto run_writer = [&] { return w.Submit(std::move(sub), state); };
    const bool raw_first = (done / kBatch) % 2 == 0;
    if (raw_first) timed(raw_wall, raw_cpu, run_raw);
    if (!timed(writer_wall, writer_cpu, run_writer)) break;
    if (!raw_first) timed(raw_wall, raw_cpu, run_raw);
    state.SetIterationTime(iteration);
    done += kBatch;
  }
  const auto n = static_cast<double>(done);
  state.counters["raw_rows_per_s"] = n / raw_wall;
  state.counters["writer_rows_per_s"] = n / writer_wall;
  state.counters["writer_vs_raw_pct"] = 100.0 * raw_wall / writer_wall;
  state.counters["raw_cpu_us_per_row"] = 1e6 * raw_cpu / n;
  state.counters["writer_cpu_us_per_row"] = 1e6 * writer_cpu / n;
  state.counters["cpu_writer_vs_raw_pct"] = 100.0 * raw_cpu / writer_cpu;
}
BENCHMARK(BM_AppendPaired)
    ->Iterations(kAppendBatches)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// The writer as concurrent callers drive it (the HTTP server's request threads, an import
// and the monitor): two submissions in flight, so that the caller serialises and hashes
// submission n+1 on its thread while the writer applies n and its committer thread stores
// and commits n-1. The submissions are built before the clock starts, as in BM_AppendWriter;
// the time ends when the last entry is committed and its checkpoint stored. The raw insert
// of the same rows is measured just before and just after, and the mean of both is the
// baseline.
void BM_AppendPipelined(benchmark::State& state) {
  const size_t kInFlight = static_cast<size_t>(state.range(0));
  const auto rows = AppendRows();
  double raw_wall = 0, writer_wall = 0, writer_cpu = 0, raw_cpu = 0;
  PipelineCpu threads;
  size_t done = 0;
  for (auto _ : state) {
    std::vector<writer::Submission> subs;
    subs.reserve(kAppendBatches);
    for (int64_t b = 0; b < kAppendBatches; ++b) {
      subs.push_back(MakeAuditSubmission(1 + static_cast<uint64_t>(b) * kBatch, kBatch));
    }
    const auto raw_run = [&] {
      TempDbPath path("pipe-raw");
      RawLedger raw(path.path());
      const auto t0 = Clock::now();
      const double c0 = ThisThreadCpuSeconds();
      for (size_t at = 0; at < rows.size(); at += kBatch) raw.AppendBatch(rows.subspan(at, kBatch));
      raw_cpu += (ThisThreadCpuSeconds() - c0) / 2;
      raw_wall += Seconds(Clock::now() - t0) / 2;
    };
    raw_run();
    TempWriter w("pipe-writer");
    const auto t0 = Clock::now();
    const double c0 = ProcessCpuSeconds();
    const PipelineCpu threads0 = PipelineCpu::Now();
    std::deque<std::future<Result<writer::Receipt>>> in_flight;
    bool ok = true;
    for (auto& sub : subs) {
      in_flight.push_back(w.writer->SubmitAsync(std::move(sub)));
      while (ok && in_flight.size() >= kInFlight) {
        auto receipt = in_flight.front().get();
        in_flight.pop_front();
        ok = receipt && receipt->entries == kBatch;
      }
    }
    for (; ok && !in_flight.empty(); in_flight.pop_front()) {
      auto receipt = in_flight.front().get();
      ok = receipt && receipt->entries == kBatch;
    }
    // Answered on commit (the checkpoint commits with its batch); the empty submission behind
    // returns once the writer has also freed the batches.
    ok = ok && w.writer->Submit(writer::Submission{kActor, {}, false}).has_value();
    writer_wall += Seconds(Clock::now() - t0);
    writer_cpu += ProcessCpuSeconds() - c0;
    threads += PipelineCpu::Now() - threads0;
    if (!ok) {
      state.SkipWithError("a submission failed");
      break;
    }
    done += rows.size();
    raw_run();
  }
  const auto n = static_cast<double>(done);
  state.counters["raw_rows_per_s"] = n / raw_wall;
  state.counters["writer_rows_per_s"] = n / writer_wall;
  state.counters["writer_vs_raw_pct"] = 100.0 * raw_wall / writer_wall;
  state.counters["writer_cores_busy"] = writer_cpu / writer_wall;
  state.counters["writer_cpu_us_per_row"] = 1e6 * writer_cpu / n;
  state.counters["raw_cpu_us_per_row"] = 1e6 * raw_cpu / n;
  threads.Report(state, n, "row");
}
BENCHMARK(BM_AppendPipelined)->Arg(2)->Arg(4)->Iterations(3)->Unit(benchmark::kMillisecond);

// The parts of the writer's append, per 1000 entries. First the CPU around the store (a
// replica of the code): on the caller's thread, SubmitAsync's canonical text of each audit
// payload, the first part of its leaf hash, and freeing the payload tree; on the writer
// thread, Prepare's entry and the rest of the leaf hash; then freeing the submission and the
// records.
void BM_AppendPartEntries(benchmark::State& state) {
  const Instant now = BatchTime(1);
  for (auto _ : state) {
    state.PauseTiming();
    auto sub = std::make_unique<writer::Submission>(MakeAuditSubmission(1, kBatch));
    state.ResumeTiming();
    std::vector<std::optional<ledger::EntryPrefix>> prefixes;
    prefixes.reserve(sub->commands.size());
    for (writer::Command& cmd : sub->commands) {
      auto& note = std::get<writer::Audit>(cmd);
      prefixes.push_back(
          ledger::EntryPrefix::Of(sub->actor, note.kind, CanonicalJson(note.payload)));
      note.payload = Json();
    }
    std::vector<store::Record> records;
    for (size_t i = 0; i < sub->commands.size(); ++i) {
      auto& note = std::get<writer::Audit>(sub->commands[i]);
      ledger::Entry e;
      e.seq = 1 + records.size();
      e.kind = std::move(note.kind);
      e.subject = std::move(note.subject);
      e.actor = sub->actor;
      e.time = now;
      std::string text = std::move(prefixes[i]->payload_text);
      e.leaf_hash = e.LeafHashFrom(std::move(*prefixes[i]));
      records.push_back({std::move(e), std::nullopt, std::move(text)});
    }
    benchmark::DoNotOptimize(records.data());
    sub.reset();
    records = {};
  }
}
BENCHMARK(BM_AppendPartEntries)->Unit(benchmark::kMillisecond);

// Store::Append of 1000 ready records and their subtree nodes: the store's SQL, its
// serialisation of each payload and time, and the durable commit (wall).
void BM_AppendPartStore(benchmark::State& state) {
  TempDbPath path("part-store");
  auto store = Must(store::OpenSqliteStore(path.path(), {.create = true}), "open store");
  ledger::CompactTree tree;
  uint64_t next = 1;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<store::Record> records;
    std::vector<ledger::SubtreeNode> nodes;
    for (size_t i = 0; i < kBatch; ++i, ++next) {
      // As the writer hands them over: the canonical payload text made, the tree freed.
      ledger::Entry e = MakeEntry(next, Payload::kCaseEvent, BatchTime(next));
      std::string text = CanonicalJson(e.payload);
      e.payload = Json();
      records.push_back({std::move(e), std::nullopt, std::move(text)});
      tree.Append(records.back().entry.leaf_hash, &nodes);
    }
    state.ResumeTiming();
    if (auto s = store->Append(records, nodes); !s) {
      state.SkipWithError(s.error().message.c_str());
      break;
    }
    state.PauseTiming();
    records = {};
    state.ResumeTiming();
  }
}
BENCHMARK(BM_AppendPartStore)
    ->Iterations(kAppendBatches)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Signing a checkpoint, which the writer does for every batch that completes 1000 entries
// (it is stored in that batch's transaction: one more row in Store::Append).
void BM_AppendPartCheckpoint(benchmark::State& state) {
  const auto signer = NewSigner();
  uint64_t size = 0;
  for (auto _ : state) {
    size += kBatch;
    const ledger::Checkpoint cp{"daylight", size, Sha256(std::to_string(size))};
    benchmark::DoNotOptimize(signer->SignNote(cp.Body()));
  }
}
BENCHMARK(BM_AppendPartCheckpoint)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dl::bench

int main(int argc, char** argv) {
  dl::bench::CheckLedgerSchemaCopy();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("bench_dir", dl::bench::BenchDir());
  benchmark::AddCustomContext(
      "append_payload_bytes",
      std::to_string(dl::CanonicalJson(dl::bench::CaseEventPayload(1)).size()));
  dl::bench::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
