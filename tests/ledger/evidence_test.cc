#include "ledger/evidence.h"

#include <gtest/gtest.h>

#include "ledger/merkle.h"

namespace dl::ledger {
namespace {

// A log of five entries, two about "case:A", signed; the bundle of case:A.
class EvidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key = std::make_unique<SigningKey>(*SigningKey::Generate("test-log"));
    std::vector<Entry> log;
    for (uint64_t seq = 1; seq <= 5; ++seq) {
      Entry e;
      e.seq = seq;
      e.kind = "case.event";
      e.subject = seq % 2 ? "case:A" : "case:B";
      e.actor = "p" + std::to_string(seq);
      e.time = *ParseInstant("2026-11-23T08:00:0" + std::to_string(seq) + "Z");
      e.payload = {{"n", seq}};
      e.leaf_hash = e.ComputeLeafHash();
      log.push_back(e);
      leaves.push_back(e.leaf_hash);
    }
    bundle.subject = "case:A";
    bundle.created = *ParseInstant("2026-11-23T09:00:00Z");
    bundle.checkpoint = key->SignNote(Checkpoint{"t", 5, RootOf(leaves)}.Body());
    for (const Entry& e : log) {
      if (e.subject == "case:A")
        bundle.entries.push_back({e, *InclusionProof(leaves, e.seq - 1, 5)});
    }
  }
  std::unique_ptr<SigningKey> key;
  std::vector<Hash> leaves;
  EvidenceBundle bundle;
};

TEST_F(EvidenceTest, AnIntactBundleIsProvenAndSurvivesJson) {
  auto again = EvidenceBundle::FromJson(Json::parse(bundle.ToJson().dump()));
  ASSERT_TRUE(again) << again.error().message;
  EvidenceReport r = VerifyEvidence(*again, key->VerifierKey());
  EXPECT_TRUE(r.ok()) << r.ToText();
  EXPECT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.checkpoint.size, 5u);
}

TEST_F(EvidenceTest, EachKindOfForgeryIsNamed) {
  {
    EvidenceBundle b = bundle;
    b.entries[1].entry.actor = "someone else";  // content changed, stated hash kept
    EvidenceReport r = VerifyEvidence(b, key->VerifierKey());
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.entries[0].problem.empty());
    EXPECT_NE(r.entries[1].problem.find("叶哈希不符"), std::string::npos);
  }
  {
    EvidenceBundle b = bundle;
    b.entries[1].entry.actor = "someone else";  // content and hash changed together
    b.entries[1].entry.leaf_hash = b.entries[1].entry.ComputeLeafHash();
    EvidenceReport r = VerifyEvidence(b, key->VerifierKey());
    EXPECT_NE(r.entries[1].problem.find("包含证明不成立"), std::string::npos);
  }
  {
    EvidenceBundle b = bundle;
    std::swap(b.entries[0].proof, b.entries[1].proof);
    EXPECT_FALSE(VerifyEvidence(b, key->VerifierKey()).ok());
  }
  {
    EvidenceBundle b = bundle;
    b.subject = "case:B";
    EXPECT_NE(VerifyEvidence(b, key->VerifierKey()).entries[0].problem.find("不符"),
              std::string::npos);
  }
  {
    EvidenceBundle b = bundle;
    b.checkpoint = key->SignNote(Checkpoint{"t", 5, Sha256("other root")}.Body());
    EXPECT_FALSE(VerifyEvidence(b, key->VerifierKey()).ok());
  }
  auto other = SigningKey::Generate("test-log");
  EvidenceReport r = VerifyEvidence(bundle, other->VerifierKey());
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.problem.find("签名"), std::string::npos) << r.problem;
}

TEST_F(EvidenceTest, MalformedBundlesNameTheField) {
  Json j = bundle.ToJson();
  j["entries"][1]["inclusion_proof"][0] = "not base64!";
  auto r = EvidenceBundle::FromJson(j);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("$.entries[1].inclusion_proof[0]"), std::string::npos)
      << r.error().message;
  Json k = bundle.ToJson();
  k["entries"][0].erase("seq");
  EXPECT_NE(EvidenceBundle::FromJson(k).error().message.find("$.entries[0].seq"),
            std::string::npos);
  EXPECT_FALSE(EvidenceBundle::FromJson(Json{{"format", "other"}, {"version", 1}}));
}

}  // namespace
}  // namespace dl::ledger
