// Verify: service::VerifyStore over a ledger of 1 M case-event entries with a signed
// checkpoint every 1000, on one core (goal: >= 2 M entries/s), and the parts it is made of:
// reading, canonical JSON, SHA-256 and the Merkle tree.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "bench/ledger_fixture.h"
#include "ledger/merkle.h"
#include "service/verify_service.h"

namespace dl::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kVerifySize = 1'000'000;
constexpr size_t kInMemoryEntries = 20'000;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Argument 0: case-event payloads (the goal's ledger); 1: minimal payloads ({}), to show how
// the rate depends on the entry's size.
void BM_Verify(benchmark::State& state) {
  const LedgerFixture& f =
      Fixture(kVerifySize, state.range(0) == 0 ? Payload::kCaseEvent : Payload::kMinimal);
  store::Store& store = StoreOf(f);
  uint64_t entries = 0;
  Clock::duration wall{};
  for (auto _ : state) {
    const auto t0 = Clock::now();
    auto report = service::VerifyStore(store, /*deep=*/false, BenchDir(), f.verifier_key);
    wall += Clock::now() - t0;
    if (!report || !report->ok() || report->entries != f.size ||
        report->checkpoints != f.size / kCheckpointEvery) {
      state.SkipWithError(report ? report->ToText().c_str() : report.error().message.c_str());
      break;
    }
    entries += report->entries;
  }
  // Per CPU second of every thread (the reading thread too): what one core would do.
  state.SetItemsProcessed(static_cast<int64_t>(entries));
  state.counters["wall_entries_per_s"] = static_cast<double>(entries) / Seconds(wall);
  state.counters["checkpoints"] = static_cast<double>(f.size / kCheckpointEvery);
}
BENCHMARK(BM_Verify)
    ->ArgName("minimal_payload")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(2)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

// The reading part of Verify: Store::ReadEntries over the whole ledger (SQLite, payload
// JSON parsing, time parsing).
void BM_VerifyReadEntries(benchmark::State& state) {
  const LedgerFixture& f = Fixture(kVerifySize, Payload::kCaseEvent);
  store::Store& store = StoreOf(f);
  uint64_t entries = 0;
  for (auto _ : state) {
    for (uint64_t first = 1; first <= f.size; first += 10000) {
      entries += Must(store.ReadEntries(first, 10000), "read entries").size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(entries));
}
BENCHMARK(BM_VerifyReadEntries)->Iterations(2)->Unit(benchmark::kMillisecond);

// The floor of reading: a bare sqlite3 scan of every column of every entry, touching the
// bytes without decoding them.
void BM_VerifyRawScan(benchmark::State& state) {
  const LedgerFixture& f = Fixture(kVerifySize, Payload::kCaseEvent);
  RawDb db(f.path);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db.handle(),
                     "SELECT seq, kind, subject, actor, time, payload, leaf_hash FROM ledger "
                     "ORDER BY seq",
                     -1, &st, nullptr);
  uint64_t entries = 0, bytes = 0;
  for (auto _ : state) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 1; c < 7; ++c) {
        benchmark::DoNotOptimize(sqlite3_column_blob(st, c));
        bytes += static_cast<uint64_t>(sqlite3_column_bytes(st, c));
      }
      ++entries;
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  state.SetItemsProcessed(static_cast<int64_t>(entries));
  state.counters["bytes_per_entry"] = static_cast<double>(bytes) / static_cast<double>(entries);
}
BENCHMARK(BM_VerifyRawScan)->Iterations(2)->Unit(benchmark::kMillisecond);

// In-memory case-event entries, for the hashing parts of Verify.
const std::vector<ledger::Entry>& InMemoryEntries() {
  static const std::vector<ledger::Entry> entries = [] {
    std::vector<ledger::Entry> out;
    out.reserve(kInMemoryEntries);
    for (uint64_t seq = 1; seq <= kInMemoryEntries; ++seq) {
      out.push_back(MakeEntry(seq, Payload::kCaseEvent, BatchTime(seq)));
    }
    return out;
  }();
  return entries;
}

// Entry::ComputeLeafHash (canonical JSON + SHA-256) of in-memory entries: the ceiling of
// Verify if reading were free.
void BM_LeafHashInMemory(benchmark::State& state) {
  const auto& entries = InMemoryEntries();
  for (auto _ : state) {
    for (const auto& e : entries) benchmark::DoNotOptimize(e.ComputeLeafHash());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(entries.size()));
  state.counters["canonical_bytes"] = static_cast<double>(entries.front().CanonicalBytes().size());
}
BENCHMARK(BM_LeafHashInMemory);

// The canonical JSON alone (Entry::CanonicalBytes).
void BM_CanonicalBytes(benchmark::State& state) {
  const auto& entries = InMemoryEntries();
  for (auto _ : state) {
    for (const auto& e : entries) benchmark::DoNotOptimize(e.CanonicalBytes());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(entries.size()));
}
BENCHMARK(BM_CanonicalBytes);

// SHA-256(0x00 || bytes) alone, the bytes precomputed.
void BM_Sha256Leaf(benchmark::State& state) {
  std::vector<std::string> bytes;
  for (const auto& e : InMemoryEntries()) bytes.push_back(e.CanonicalBytes());
  for (auto _ : state) {
    for (const auto& b : bytes) benchmark::DoNotOptimize(Sha256Prefixed(0x00, b));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()) *
                          static_cast<int64_t>(bytes.front().size() + 1));
}
BENCHMARK(BM_Sha256Leaf);

// The Merkle part of Verify: CompactTree::Append collecting the stored-level nodes.
void BM_MerkleAppend(benchmark::State& state) {
  std::vector<Hash> leaves;
  for (const auto& e : InMemoryEntries()) leaves.push_back(e.leaf_hash);
  ledger::CompactTree tree;
  std::vector<ledger::SubtreeNode> nodes;
  for (auto _ : state) {
    for (const Hash& leaf : leaves) tree.Append(leaf, &nodes);
    nodes.clear();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(leaves.size()));
}
BENCHMARK(BM_MerkleAppend);

}  // namespace
}  // namespace dl::bench
