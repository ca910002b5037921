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

}  // namespace
}  // namespace dl::service
