// Durable ingest of case events (issue 4): the demo county's year of cases (demo/case_gen.h,
// ~350 000 events with their planted deviations) as JSON lines, 1 000 events per batch,
// through the whole pipeline — parse (engine::ReadEventText, as `daylight import` reads JSON
// lines), the writer's case engine with conformance, every built-in rule, the warnings, the ledger
// with its Merkle tree and signed checkpoints, one SQLite transaction with synchronous=FULL —
// against the raw sqlite3 insert of the very rows the writer wrote for that batch (read back
// outside the timing). Both paths run one batch each per iteration, the writer first (the raw
// insert needs its rows), so that other load falls on both alike. The writer's own deadline checks
// are off: a tick is not part of ingest (bench_cases.cc measures them), and events of a case split
// across two batches would otherwise be judged against the wall clock in between.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "bench/ledger_fixture.h"
#include "bench/raw_ledger.h"
#include "demo/case_gen.h"
#include "demo/demo.h"
#include "engine/event.h"
#include "ledger/checkpoint.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kEventsPerBatch = 1000;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct DemoYear {
  catalog::Catalog county;
  std::vector<std::string> lines;  // one JSON event per line, in recording order
};

// One line as `daylight import` reads it (io/event_file.cc): straight from the text, the
// library's tree only for what that declines (none of the demo's lines).
engine::Event ParseLine(const std::string& line) {
  if (auto direct = engine::ReadEventText(line)) return Must(std::move(*direct), "parse");
  return Must(engine::EventFromJson(Json::parse(line)), "parse");
}

const DemoYear& Year() {
  static const DemoYear* year = [] {
    auto* y = new DemoYear;
    y->county = demo::GenerateDemoCounty({.seed = 1});
    demo::DemoCases cases = demo::GenerateDemoCases(y->county, {});
    for (const auto& month : cases.by_month) {
      for (const auto& e : month) y->lines.push_back(engine::EventToJson(e).dump());
    }
    return y;
  }();
  return *year;
}

// The ledger rows [first, first + n) as the writer stored them, for the raw baseline.
std::vector<Row> StoredRows(store::Store& store, uint64_t first, size_t n) {
  using Rows = store::Store::LedgerRows;
  auto read = Must(store.ReadLedgerRows(first, n), "read back");
  std::vector<Row> rows;
  for (size_t i = 0; i < read.rows.size(); ++i) {
    Row r;
    r.seq = read.rows[i].seq;
    r.kind = read.Get(i, Rows::kKind);
    r.subject = read.Get(i, Rows::kSubject);
    r.actor = read.Get(i, Rows::kActor);
    r.time = read.Get(i, Rows::kTime);
    r.payload = read.Get(i, Rows::kPayload);
    const std::string_view leaf = read.Get(i, Rows::kLeafHash);
    std::copy(leaf.begin(), leaf.end(), r.leaf.begin());
    rows.push_back(std::move(r));
  }
  return rows;
}

// A writer on a fresh store with the demo county imported: signed checkpoints, no ticks of its
// own.
struct Ingest {
  Ingest(const std::string& path, const DemoYear& year, size_t max_batch_submissions) {
    store = Must(store::OpenSqliteStore(path, {.create = true}), "open store");
    writer::WriterOptions options;
    options.signer = std::make_shared<const ledger::SigningKey>(
        Must(ledger::SigningKey::Generate("bench"), "generate key"));
    options.auto_tick = false;
    options.max_batch_submissions = max_batch_submissions;
    writer = Must(writer::Writer::Start(*store, clock, std::move(options)), "start writer");
    writer::Submission sub{"demo", {}, false};
    sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, year.county);
    Must(writer->Submit(std::move(sub)), "import the county");
  }
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<writer::Writer> writer;  // declared last: stopped first
};

void BM_IngestPaired(benchmark::State& state) {
  const DemoYear& year = Year();
  TempDbPath writer_path("ingest-writer");
  TempDbPath raw_path("ingest-raw");
  Ingest ingest(writer_path.path(), year, /*max_batch_submissions=*/256);
  store::Store* store = ingest.store.get();
  writer::Writer* writer = ingest.writer.get();
  RawLedger raw(raw_path.path());
  // The raw baseline's table starts where the writer's ledger does, so its rows keep their
  // numbers: fill it with the catalogue's rows first, untimed.
  const uint64_t catalog_size = Must(store->LedgerSize(), "size");
  raw.AppendBatch(StoredRows(*store, 1, catalog_size));

  double writer_wall = 0, raw_wall = 0;
  size_t next = 0, events = 0, entries = 0;
  for (auto _ : state) {
    if (next >= year.lines.size()) {
      state.SkipWithError("out of events");
      break;
    }
    const size_t end = std::min(next + kEventsPerBatch, year.lines.size());
    // The writer: parse, then one submission of the batch's events.
    const auto run_writer = [&]() -> writer::Receipt {
      const auto t0 = Clock::now();
      std::vector<engine::Event> batch;
      batch.reserve(end - next);
      for (size_t i = next; i < end; ++i) {
        batch.push_back(ParseLine(year.lines[i]));
      }
      writer::Submission sub{"oa-gateway", {}, false};
      sub.commands.emplace_back(std::in_place_type<writer::RecordEvents>, std::move(batch));
      writer::Receipt receipt = Must(writer->Submit(std::move(sub)), "record");
      writer_wall += Seconds(Clock::now() - t0);
      return receipt;
    };
    std::vector<Row> rows;
    const auto load_rows = [&](const writer::Receipt& receipt) {
      state.PauseTiming();
      rows = StoredRows(*store, receipt.first_seq, receipt.entries);
      state.ResumeTiming();
    };
    const auto run_raw = [&] {
      const auto t0 = Clock::now();
      raw.AppendBatch(rows);
      raw_wall += Seconds(Clock::now() - t0);
    };
    const writer::Receipt receipt = run_writer();
    load_rows(receipt);
    run_raw();
    events += end - next;
    entries += receipt.entries;
    next = end;
  }
  const auto n = static_cast<double>(events);
  state.counters["events"] = n;
  state.counters["entries_per_event"] = static_cast<double>(entries) / n;
  state.counters["writer_events_per_s"] = n / writer_wall;
  state.counters["raw_events_per_s"] = n / raw_wall;
  state.counters["writer_vs_raw_pct"] = 100.0 * raw_wall / writer_wall;
}
// The parse alone, per line of the demo year: /0 the library's tree then EventFromJson (the
// general path, which words the errors), /1 ReadEventText (what import uses for valid lines).
void BM_ParseEventLine(benchmark::State& state) {
  const DemoYear& year = Year();
  const bool direct = state.range(0) == 1;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& line = year.lines[i];
    i = (i + 1) % year.lines.size();
    bytes += line.size();
    engine::Event e =
        direct ? ParseLine(line) : Must(engine::EventFromJson(Json::parse(line)), "parse");
    benchmark::DoNotOptimize(e);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["lines_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseEventLine)->Arg(0)->Arg(1);

BENCHMARK(BM_IngestPaired)->Iterations(300)->Unit(benchmark::kMillisecond);

// The same ingest as integrators drive it: the submitter parses the next batch while the
// writer works on the ones it has (the argument: submissions in flight, one transaction of
// 1 000 events each), and the writer applies a batch while the one before it commits (writer
// pipelining). The raw insert
// of exactly the rows the writer wrote, in the same batches, is measured after it in the same
// process.
void BM_IngestPipelined(benchmark::State& state) {
  const DemoYear& year = Year();
  const auto in_flight_max = static_cast<size_t>(state.range(0));
  constexpr size_t kBatches = 300;
  TempDbPath writer_path("ingest-pipe-writer");
  TempDbPath raw_path("ingest-pipe-raw");
  // One transaction of 1 000 events per submission, as the raw baseline.
  Ingest ingest(writer_path.path(), year, /*max_batch_submissions=*/1);
  store::Store* store = ingest.store.get();
  writer::Writer* writer = ingest.writer.get();
  const uint64_t catalog_size = Must(store->LedgerSize(), "size");
  double writer_wall = 0, raw_wall = 0;
  size_t events = 0;
  std::vector<std::pair<uint64_t, size_t>> batches;  // first seq and entries of each
  PipelineCpu threads;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const PipelineCpu threads0 = PipelineCpu::Now();
    std::deque<std::future<Result<writer::Receipt>>> in_flight;
    for (size_t b = 0; b < kBatches; ++b) {
      const size_t begin = b * kEventsPerBatch;
      const size_t end = std::min(begin + kEventsPerBatch, year.lines.size());
      std::vector<engine::Event> batch;
      batch.reserve(end - begin);
      for (size_t i = begin; i < end; ++i) {
        batch.push_back(ParseLine(year.lines[i]));
      }
      events += end - begin;
      writer::Submission sub{"oa-gateway", {}, false};
      sub.commands.emplace_back(std::in_place_type<writer::RecordEvents>, std::move(batch));
      in_flight.push_back(writer->SubmitAsync(std::move(sub)));
      while (in_flight.size() >= in_flight_max || (b + 1 == kBatches && !in_flight.empty())) {
        const writer::Receipt r = Must(in_flight.front().get(), "record");
        batches.emplace_back(r.first_seq, r.entries);
        in_flight.pop_front();
      }
    }
    writer_wall += Seconds(Clock::now() - t0);
    threads += PipelineCpu::Now() - threads0;
  }
  // The raw baseline: the same rows, the same batches, into an identical table.
  RawLedger raw(raw_path.path());
  raw.AppendBatch(StoredRows(*store, 1, catalog_size));
  std::vector<std::vector<Row>> raw_batches;
  for (const auto& [first, n] : batches) {
    raw_batches.push_back(StoredRows(*store, first, n));
  }
  const auto t0 = Clock::now();
  const double raw0 = ThisThreadCpuSeconds();
  for (const auto& rows : raw_batches) raw.AppendBatch(rows);
  raw_wall = Seconds(Clock::now() - t0);
  const double raw_cpu = ThisThreadCpuSeconds() - raw0;
  const auto n = static_cast<double>(events);
  state.counters["events"] = n;
  state.counters["writer_events_per_s"] = n / writer_wall;
  state.counters["raw_events_per_s"] = n / raw_wall;
  state.counters["writer_vs_raw_pct"] = 100.0 * raw_wall / writer_wall;
  // CPU per event of each thread: the caller parses, the writer applies, the committer stores.
  state.counters["raw_cpu_us_per_event"] = 1e6 * raw_cpu / n;
  threads.Report(state, n, "event");
}
BENCHMARK(BM_IngestPipelined)->Arg(2)->Arg(3)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dl::bench
