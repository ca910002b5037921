// Rows, commands and databases for the ledger benchmarks: case-event-sized audit entries,
// the writer submission and the precomputed raw rows made from the same data, fresh
// temporary databases, and cached ledgers of millions of entries with their Merkle nodes
// and signed checkpoints.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/json.h"
#include "base/result.h"
#include "bench/raw_ledger.h"
#include "ledger/entry.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::bench {

// The value of `r`; prints the error and aborts when there is none (a benchmark has no
// caller to hand an error to, and a wrong number is worse than none).
template <class T>
T Must(Result<T> r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "bench: %s: %s\n", what, r.error().message.c_str());
    std::abort();
  }
  return std::move(*r);
}

// Where the fixtures and the temporary databases live: $DAYLIGHT_BENCH_DIR, or the bench's
// build directory.
inline void Must(const Status& s, const char* what) {
  if (!s) {
    std::fprintf(stderr, "bench: %s: %s\n", what, s.error().message.c_str());
    std::abort();
  }
}

std::string BenchDir();

// CPU time so far of the calling thread, in seconds.
double ThisThreadCpuSeconds();

// CPU seconds of the calling thread (the submitter) and of the writer's threads, to show which
// stage of a pipelined run binds: take Now() before and after, add up the differences.
struct PipelineCpu {
  double caller = 0, writer = 0, committer = 0, walckpt = 0;
  static PipelineCpu Now();
  PipelineCpu operator-(const PipelineCpu& o) const;
  PipelineCpu& operator+=(const PipelineCpu& o);
  // Each thread's microseconds per item as counters caller_us_per_<item>,
  // writer_thread_us_per_<item>, committer_us_per_<item> and walckpt_us_per_<item>.
  void Report(benchmark::State& state, double items, const std::string& item) const;
};

// What an entry carries: a payload the size of a case event (~250 bytes of JSON), or `{}`.
enum class Payload { kCaseEvent, kMinimal };

inline constexpr const char* kAuditKind = "audit.case_event";
inline constexpr const char* kActor = "bench";
// Entries per signed checkpoint, as WriterOptions::checkpoint_every.
inline constexpr uint64_t kCheckpointEvery = 1000;

// A deterministic case-event-like payload for entry `i` (same size for every i).
Json CaseEventPayload(uint64_t i);
// "case:2026-NNNNNNN": about eight entries per case.
std::string CaseSubject(uint64_t i);

// The entry the writer makes for audit number `seq` (kind kAuditKind, actor kActor), with
// its leaf hash computed.
ledger::Entry MakeEntry(uint64_t seq, Payload payload, Instant time);
// The row the store writes for `entry`.
Row ToRow(const ledger::Entry& entry);
// Rows [first_seq, first_seq + count) with case-event payloads, as MakeEntry and ToRow.
std::vector<Row> MakeRows(uint64_t first_seq, size_t count, Instant time);

// One submission of `count` audit commands numbered from `first_seq`, carrying the same
// kind, subject, actor and payload as MakeRows(first_seq, count, …).
writer::Submission MakeAuditSubmission(uint64_t first_seq, size_t count);

// The instant of the entries of the 1000-entry transaction holding `seq`.
Instant BatchTime(uint64_t seq);

// A fresh database path in BenchDir(); the file and its -wal and -shm are deleted on
// destruction (and before use, should a crashed run have left them).
class TempDbPath {
 public:
  explicit TempDbPath(const std::string& tag);
  ~TempDbPath();
  TempDbPath(const TempDbPath&) = delete;
  TempDbPath& operator=(const TempDbPath&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct LedgerFixture {
  std::string path;
  std::string verifier_key;  // of the key that signed its checkpoints
  uint64_t size = 0;
  double build_seconds = 0;  // 0 when the cached database was reused
};

// The ledger database BenchDir()/<name>.db of `size` entries (size a multiple of
// kCheckpointEvery), built by the raw path when missing or not of that size: real ledger
// rows with correct leaf hashes, every merkle_nodes row the writer would store, and a
// checkpoint signed every kCheckpointEvery entries, the last of the full size. The signing
// key is kept beside it as <name>.db.key. Progress goes to stderr.
LedgerFixture EnsureLedger(const std::string& name, uint64_t size, Payload payload);

// EnsureLedger("ledger-<size/1M>m[-events]", …), once per process.
const LedgerFixture& Fixture(uint64_t size, Payload payload);
// One store per fixture file, opened once per process and kept open.
store::Store& StoreOf(const LedgerFixture& fixture);

}  // namespace dl::bench
