// The console reporter of bench_ledger: Google Benchmark's own table, then a summary of the
// ratios issue 3 asks for (writer vs raw insert, verify vs its goal, proofs at 1 M vs 10 M)
// computed from the runs of this one process.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace dl::bench {

class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  SummaryReporter();
  void ReportRuns(const std::vector<Run>& reports) override;
  // Prints the summary after the table (the runs it needs that did not run are left out).
  void Finalize() override;

 private:
  // The run of `name` (function name and arguments: "BM_Verify", "BM_ProveInclusion/1000000"),
  // or null.
  const Run* Find(const std::string& name) const;
  // The counter of a run; negative when missing.
  double CounterOf(const std::string& name, const std::string& counter) const;
  // Wall seconds per iteration; negative when missing.
  double SecondsPerIteration(const std::string& name) const;
  // CPU seconds (of the benchmark's thread) per iteration; negative when missing.
  double CpuSecondsPerIteration(const std::string& name) const;
  void PrintAppend() const;
  void PrintVerify() const;
  void PrintProofs() const;

  std::map<std::string, Run> runs_;
};

}  // namespace dl::bench
