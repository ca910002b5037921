#include "service/proof_service.h"

#include <gtest/gtest.h>

#include "ledger/merkle.h"
#include "testing/sample_catalog.h"
#include "writer/writer.h"

namespace dl::service {
namespace {

class ProofTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = std::move(*store::OpenSqliteStore(dir.File("p.db"), {.create = true}));
    writer::WriterOptions options;
    options.signer = std::make_shared<const ledger::SigningKey>(*ledger::SigningKey::Generate("t"));
    options.checkpoint_every = 1;
    auto writer = std::move(*writer::Writer::Start(*store, clock, options));
    for (const auto& [code, person] : testing::SampleCatalog().persons) {
      ASSERT_TRUE(writer->Submit({"t", {catalog::Change(catalog::PersonPut{person})}, false}));
    }
    for (int i = 0; i < 3; ++i) {
      org::Person p{"X" + std::to_string(i), "测试"};
      ASSERT_TRUE(writer->Submit({"t", {catalog::Change(catalog::PersonPut{p})}, false}));
    }
  }
  testing::TempDir dir;
  ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
  std::unique_ptr<store::Store> store;
};

TEST_F(ProofTest, EveryEntryIsProvablyInTheLatestCheckpoint) {
  for (uint64_t seq = 1; seq <= 5; ++seq) {
    auto a = ProveInclusion(*store, seq, std::nullopt);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->size, 5u);
    EXPECT_TRUE(ledger::VerifyInclusion(a->leaf, seq - 1, 5, a->proof, a->root));
    EXPECT_EQ(a->leaf, (*store->ReadEntries(seq, 1))[0].leaf_hash);
  }
  auto older = ProveInclusion(*store, 2, 3);
  ASSERT_TRUE(older);
  EXPECT_EQ(older->size, 3u);
  EXPECT_EQ(ProveInclusion(*store, 5, 3).error().code, ErrorCode::kNotFound);  // not covered
  EXPECT_EQ(ProveInclusion(*store, 1, 99).error().code,
            ErrorCode::kNotFound);  // no such checkpoint
}

TEST_F(ProofTest, LaterCheckpointsExtendEarlierOnes) {
  for (uint64_t m = 1; m <= 5; ++m) {
    auto c = ProveConsistency(*store, m, 5);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_TRUE(ledger::VerifyConsistency(m, 5, c->old_root, c->new_root, c->proof));
  }
  EXPECT_EQ(ProveConsistency(*store, 4, 2).error().code, ErrorCode::kInvalidArgument);
}

// A log long enough to use stored subtree nodes (levels 4 and 8): the proofs, served from
// them, equal the reference proofs computed from every leaf.
TEST(LongLogProofTest, ProofsFromStoredNodesEqualTheReference) {
  testing::TempDir dir;
  auto store = std::move(*store::OpenSqliteStore(dir.File("long.db"), {.create = true}));
  ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
  writer::WriterOptions options;
  options.signer = std::make_shared<const ledger::SigningKey>(*ledger::SigningKey::Generate("t"));
  options.checkpoint_every = 100;
  {
    auto writer = std::move(*writer::Writer::Start(*store, clock, options));
    for (int batch = 0; batch < 7; ++batch) {
      writer::Submission sub{"t", {}, false};
      for (int i = 0; i < 100; ++i) {
        sub.commands.push_back(writer::Audit{"audit.read", "case:" + std::to_string(i), {}});
      }
      ASSERT_TRUE(writer->Submit(std::move(sub)));
    }
  }  // stopping signs the last checkpoint
  EXPECT_EQ(*store->SubtreeNodeCount(), 700u / 16 + 700u / 256);
  auto leaves = *store->ReadLeafHashes(1, 700);
  for (uint64_t seq : {1u, 16u, 17u, 256u, 257u, 513u, 700u}) {
    auto a = ProveInclusion(*store, seq, 700);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->proof, *ledger::InclusionProof(leaves, seq - 1, 700)) << seq;
  }
  for (uint64_t m : {100u, 300u, 600u}) {
    auto c = ProveConsistency(*store, m, 700);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->proof, *ledger::ConsistencyProof(leaves, m, 700)) << m;
  }
}

}  // namespace
}  // namespace dl::service
