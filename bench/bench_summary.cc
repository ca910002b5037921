#include "bench/bench_summary.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace dl::bench {
namespace {

// Names of the benchmarks in bench_ledger.cc that the summary reads.
// Runs are keyed by function name and arguments, without the iteration and time options.
constexpr const char* kPaired = "BM_AppendPaired";
constexpr const char* kRaw = "BM_AppendRaw";
constexpr const char* kWriter = "BM_AppendWriter";
constexpr const char* kPipelined = "BM_AppendPipelined";
constexpr const char* kVerify = "BM_Verify/minimal_payload:0";
constexpr const char* kVerifyMinimal = "BM_Verify/minimal_payload:1";
constexpr const char* kRead = "BM_VerifyReadEntries";
constexpr const char* kPartEntries = "BM_AppendPartEntries";
constexpr const char* kPartStore = "BM_AppendPartStore";
constexpr const char* kPartCheckpoint = "BM_AppendPartCheckpoint";
constexpr const char* kSmall = "1000000";
constexpr const char* kLarge = "10000000";

benchmark::ConsoleReporter::OutputOptions Options() {
  return static_cast<benchmark::ConsoleReporter::OutputOptions>(
      benchmark::ConsoleReporter::OO_Tabular |
      (isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Color : 0));
}

const char* Verdict(bool met) { return met ? "met" : "NOT met"; }

}  // namespace

SummaryReporter::SummaryReporter() : ConsoleReporter(Options()) {}

void SummaryReporter::ReportRuns(const std::vector<Run>& reports) {
  for (const Run& run : reports) {
    if (run.run_type == Run::RT_Iteration && !run.error_occurred) {
      const auto& name = run.run_name;
      runs_.insert_or_assign(name.function_name + (name.args.empty() ? "" : "/" + name.args), run);
    }
  }
  ConsoleReporter::ReportRuns(reports);
}

const benchmark::BenchmarkReporter::Run* SummaryReporter::Find(const std::string& name) const {
  auto it = runs_.find(name);
  return it == runs_.end() ? nullptr : &it->second;
}

double SummaryReporter::CounterOf(const std::string& name, const std::string& counter) const {
  const Run* run = Find(name);
  if (!run) return -1;
  auto it = run->counters.find(counter);
  return it == run->counters.end() ? -1 : it->second.value;
}

double SummaryReporter::SecondsPerIteration(const std::string& name) const {
  const Run* run = Find(name);
  if (!run || run->iterations == 0) return -1;
  return run->real_accumulated_time / static_cast<double>(run->iterations);
}

double SummaryReporter::CpuSecondsPerIteration(const std::string& name) const {
  const Run* run = Find(name);
  if (!run || run->iterations == 0) return -1;
  return run->cpu_accumulated_time / static_cast<double>(run->iterations);
}

void SummaryReporter::Finalize() {
  ConsoleReporter::Finalize();
  std::FILE* out = stdout;
  std::fprintf(out, "\n==== Summary (issue 3 performance requirements) ====\n");
  PrintAppend();
  PrintVerify();
  PrintProofs();
  std::fflush(out);
}

void SummaryReporter::PrintAppend() const {
  const double raw = CounterOf(kRaw, "rows_per_s");
  const double writer = CounterOf(kWriter, "rows_per_s");
  const double pct = CounterOf(kPaired, "writer_vs_raw_pct");
  if (raw < 0 && pct < 0) return;
  std::printf(
      "\nAppend: 1000 audit entries per submission = per transaction, WAL, "
      "synchronous=FULL\n");
  if (raw >= 0 && writer >= 0) {
    std::printf("  separate runs  raw sqlite3 %8.0f rows/s  writer %8.0f rows/s  %5.1f %%\n", raw,
                writer, 100.0 * writer / raw);
  }
  if (pct >= 0) {
    std::printf("  interleaved    raw sqlite3 %8.0f rows/s  writer %8.0f rows/s  %5.1f %%\n",
                CounterOf(kPaired, "raw_rows_per_s"), CounterOf(kPaired, "writer_rows_per_s"), pct);
    std::printf("  CPU per row    raw sqlite3 %8.2f us      writer %8.2f us      %5.1f %%\n",
                CounterOf(kPaired, "raw_cpu_us_per_row"),
                CounterOf(kPaired, "writer_cpu_us_per_row"),
                CounterOf(kPaired, "cpu_writer_vs_raw_pct"));
    std::printf("  goal writer >= 90 %% of raw (interleaved, wall clock): %s\n",
                Verdict(pct >= 90));
  }
  for (const char* arg : {"2", "4"}) {
    const std::string name = std::string(kPipelined) + "/" + arg;
    const double p = CounterOf(name, "writer_vs_raw_pct");
    if (p < 0) continue;
    std::printf(
        "  %s in flight    raw sqlite3 %8.0f rows/s  writer %8.0f rows/s  %5.1f %%"
        "  (%.2f cores busy, %.2f us CPU per row)\n",
        arg, CounterOf(name, "raw_rows_per_s"), CounterOf(name, "writer_rows_per_s"), p,
        CounterOf(name, "writer_cores_busy"), CounterOf(name, "writer_cpu_us_per_row"));
  }
  const double entries = CpuSecondsPerIteration(kPartEntries);
  const double store = SecondsPerIteration(kPartStore);
  const double checkpoint = CpuSecondsPerIteration(kPartCheckpoint);
  if (entries < 0 || store < 0 || checkpoint < 0) return;
  std::printf("  where a writer transaction of 1000 entries goes (ms):\n");
  std::printf("    entries: canonical text, leaf hash, frees (CPU)  %6.2f\n", entries * 1e3);
  std::printf("    Store::Append + commit (wall)                   %6.2f\n", store * 1e3);
  std::printf("    checkpoint: sign (CPU)                          %6.2f\n", checkpoint * 1e3);
  std::printf("    sum                                             %6.2f\n",
              (entries + store + checkpoint) * 1e3);
  if (pct >= 0) {
    std::printf("    measured (interleaved): writer %.2f, raw sqlite3 insert + commit %.2f\n",
                1e6 / CounterOf(kPaired, "writer_rows_per_s"),
                1e6 / CounterOf(kPaired, "raw_rows_per_s"));
  }
}

void SummaryReporter::PrintVerify() const {
  const Run* verify = Find(kVerify);
  if (!verify) return;
  const double cpu_rate = CounterOf(kVerify, "items_per_second");
  std::printf("\nVerify: VerifyStore(deep=false, with the verifier key), 1 M case-event entries\n");
  std::printf(
      "  VerifyStore            %10.0f entries/s per CPU second of all threads (wall %.0f/s)\n",
      cpu_rate, CounterOf(kVerify, "wall_entries_per_s"));
  std::printf("  goal >= 2 000 000 entries/s on one core: %s\n", Verdict(cpu_rate >= 2e6));
  if (const double minimal = CounterOf(kVerifyMinimal, "items_per_second"); minimal >= 0) {
    std::printf("  (same, minimal {} payloads   %10.0f entries/s per CPU second)\n", minimal);
  }
  const std::pair<const char*, const char*> parts[] = {
      {kRead, "  of which read+parse     %10.0f entries/s (Store::ReadEntries)\n"},
      {"BM_VerifyRawScan", "  bare sqlite3 scan       %10.0f entries/s (the reading floor)\n"},
      {"BM_LeafHashInMemory", "  leaf hash, in memory    %10.0f entries/s (CanonicalBytes+SHA)\n"},
      {"BM_CanonicalBytes", "  canonical JSON only     %10.0f entries/s\n"},
      {"BM_Sha256Leaf", "  SHA-256 only            %10.0f entries/s (the hashing ceiling)\n"},
      {"BM_MerkleAppend", "  Merkle tree append      %10.0f leaves/s\n"},
  };
  for (const auto& [name, format] : parts) {
    const double rate = CounterOf(name, "items_per_second");
    if (rate >= 0) std::printf(format, rate);
  }
}

void SummaryReporter::PrintProofs() const {
  const std::pair<const char*, const char*> rows[] = {
      {"BM_ProveInclusion/", "ProveInclusion"},
      {"BM_ProveConsistency/", "ProveConsistency"},
      {"BM_ReadCheckpoints/", "  part: Store::Checkpoints"},
      {"BM_InclusionPathFromStore/", "  part: inclusion path only"},
      {"BM_WriterStart/", "Writer::Start"},
      {"BM_SubtreeNodeCount/", "  part: SubtreeNodeCount"},
  };
  bool header = false;
  const double log_ratio = std::log2(1e7) / std::log2(1e6);
  for (const auto& [prefix, label] : rows) {
    const std::string small = std::string(prefix) + kSmall;
    const std::string large = std::string(prefix) + kLarge;
    const double s = SecondsPerIteration(small), l = SecondsPerIteration(large);
    if (s < 0 || l < 0) continue;
    if (!header) {
      std::printf("\nProofs and writer start, 1 M vs 10 M entries (log2 ratio %.2f)\n", log_ratio);
      header = true;
    }
    std::printf("  %-30s %10.1f us  %10.1f us   x%.2f\n", label, s * 1e6, l * 1e6, l / s);
  }
  const double f_small = CounterOf(std::string("BM_WriterStart/") + kSmall, "frontier_hashes");
  const double f_large = CounterOf(std::string("BM_WriterStart/") + kLarge, "frontier_hashes");
  if (f_small >= 0 && f_large >= 0) {
    std::printf(
        "  writer's Merkle state (CompactTree::frontier): %.0f vs %.0f hashes "
        "(popcount(n), at most 64)\n",
        f_small, f_large);
  }
}

}  // namespace dl::bench
