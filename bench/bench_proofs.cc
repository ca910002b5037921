// Proofs and the writer's Merkle state at 1 M and 10 M entries (goal: O(log n)): inclusion
// and consistency proofs against the latest signed checkpoint, their parts, Writer::Start
// and the frontier it keeps. The ledgers are cached in the build directory (ledger-1m.db,
// ledger-10m.db; minimal payloads, since proofs read only leaf hashes and merkle_nodes).
#include <benchmark/benchmark.h>

#include <random>

#include "base/clock.h"
#include "bench/ledger_fixture.h"
#include "ledger/merkle.h"
#include "service/proof_service.h"
#include "writer/writer.h"

namespace dl::bench {
namespace {

constexpr int64_t kSmall = 1'000'000;
constexpr int64_t kLarge = 10'000'000;

store::Store& ProofStore(const benchmark::State& state, const LedgerFixture** fixture) {
  *fixture = &Fixture(static_cast<uint64_t>(state.range(0)), Payload::kMinimal);
  return StoreOf(**fixture);
}

void BM_ProveInclusion(benchmark::State& state) {
  const LedgerFixture* f = nullptr;
  store::Store& store = ProofStore(state, &f);
  std::mt19937_64 rng(42);
  size_t hashes = 0;
  for (auto _ : state) {
    const uint64_t seq = rng() % f->size + 1;
    auto answer = service::ProveInclusion(store, seq, std::nullopt);  // latest checkpoint
    if (!answer || answer->size != f->size) {
      state.SkipWithError(answer ? "not the full-size checkpoint" : answer.error().message.c_str());
      break;
    }
    hashes = answer->proof.size();
  }
  state.counters["proof_hashes"] = static_cast<double>(hashes);
}
BENCHMARK(BM_ProveInclusion)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

void BM_ProveConsistency(benchmark::State& state) {
  const LedgerFixture* f = nullptr;
  store::Store& store = ProofStore(state, &f);
  std::mt19937_64 rng(42);
  const uint64_t checkpoints = f->size / kCheckpointEvery;
  size_t hashes = 0;
  for (auto _ : state) {
    const uint64_t old_size = (rng() % (checkpoints - 1) + 1) * kCheckpointEvery;
    auto answer = service::ProveConsistency(store, old_size, f->size);
    if (!answer) {
      state.SkipWithError(answer.error().message.c_str());
      break;
    }
    hashes = answer->proof.size();
  }
  state.counters["proof_hashes"] = static_cast<double>(hashes);
}
BENCHMARK(BM_ProveConsistency)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// The parts of a proof request: reading every checkpoint (Store::Checkpoints, which
// ProveInclusion/ProveConsistency do to find one) …
void BM_ReadCheckpoints(benchmark::State& state) {
  const LedgerFixture* f = nullptr;
  store::Store& store = ProofStore(state, &f);
  size_t count = 0;
  for (auto _ : state) count = Must(store.Checkpoints(), "checkpoints").size();
  state.counters["checkpoints"] = static_cast<double>(count);
}
BENCHMARK(BM_ReadCheckpoints)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// … and the Merkle path from stored subtree hashes (InclusionProofFrom over the store, as
// proof_service does, without the checkpoint lookup).
void BM_InclusionPathFromStore(benchmark::State& state) {
  const LedgerFixture* f = nullptr;
  store::Store& store = ProofStore(state, &f);
  const ledger::StoredHashReader read = [&store](int level, uint64_t first, uint64_t count) {
    return store.ReadStoredHashes(level, first, count);
  };
  const ledger::SubtreeHashFn subtree = [&read](uint64_t begin, uint64_t end) {
    return Must(ledger::StoredSubtreeHash(read, begin, end), "subtree hash");
  };
  std::mt19937_64 rng(42);
  for (auto _ : state) {
    benchmark::DoNotOptimize(ledger::InclusionProofFrom(subtree, rng() % f->size, f->size));
  }
}
BENCHMARK(BM_InclusionPathFromStore)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// Writer::Start on the whole ledger: loads the state, checks the latest checkpoint against
// the stored tree and rebuilds the frontier from stored nodes. Reports the frontier the
// writer then keeps (popcount(n) hashes).
void BM_WriterStart(benchmark::State& state) {
  const LedgerFixture* f = nullptr;
  store::Store& store = ProofStore(state, &f);
  SystemClock clock;
  for (auto _ : state) {
    auto w = Must(writer::Writer::Start(store, clock, {}), "start writer");  // no signer: no writes
    state.PauseTiming();
    w.reset();
    state.ResumeTiming();
  }
  const auto tree = Must(ledger::TreeFromStored(
                             [&store](int level, uint64_t first, uint64_t count) {
                               return store.ReadStoredHashes(level, first, count);
                             },
                             f->size),
                         "tree");
  state.counters["frontier_hashes"] = static_cast<double>(tree.frontier().size());
  state.counters["subtree_nodes"] =
      static_cast<double>(Must(store.SubtreeNodeCount(), "node count"));
}
BENCHMARK(BM_WriterStart)->Arg(kSmall)->Arg(kLarge)->UseRealTime()->Unit(benchmark::kMillisecond);

// The part of Writer::Start that counts the stored subtree nodes (Store::SubtreeNodeCount).
void BM_SubtreeNodeCount(benchmark::State& state) {
  const LedgerFixture* f = nullptr;
  store::Store& store = ProofStore(state, &f);
  for (auto _ : state) benchmark::DoNotOptimize(Must(store.SubtreeNodeCount(), "node count"));
}
BENCHMARK(BM_SubtreeNodeCount)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dl::bench
