// The challenge against bulk submissions: HMAC-SHA-256 against RFC 4231's vectors, the zero
// bits counted exactly, and tokens that are this server's, fresh, solved and used once.
#include "portal/challenge.h"

#include <gtest/gtest.h>

namespace dl::portal {
namespace {

TEST(ChallengeTest, HmacMatchesRfc4231) {
  // Test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(ToHex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a 131-byte key (hashed first).
  EXPECT_EQ(ToHex(HmacSha256(std::string(131, '\xaa'),
                             "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(ChallengeTest, LeadingZeroBitsAreCountedExactly) {
  Hash h{};
  h[2] = 0x10;  // 0000 0000 0000 0000 0001 ...: 19 zero bits
  EXPECT_TRUE(LeadingZeroBits(h, 19));
  EXPECT_FALSE(LeadingZeroBits(h, 20));
  EXPECT_TRUE(LeadingZeroBits(h, 0));
  h[0] = 0x80;
  EXPECT_FALSE(LeadingZeroBits(h, 1));
}

Json Solve(const std::string& token, int bits) {
  for (uint64_t n = 0;; ++n) {
    if (LeadingZeroBits(Sha256(token + ":" + std::to_string(n)), bits)) {
      return {{"token", token}, {"nonce", std::to_string(n)}};
    }
  }
}

TEST(ChallengeTest, ATokenIsRedeemedOnceWhenSolvedInTime) {
  const Instant now = *ParseInstant("2026-11-24T08:00:00Z");
  Challenges challenges(std::string(32, 'k'));
  const std::string token = challenges.Issue(now);
  const Json proof = Solve(token, 12);
  EXPECT_TRUE(challenges.Redeem(proof, 12, now));
  auto again = challenges.Redeem(proof, 12, now);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "这次安全验证已经用过：请重新提交");

  // Unsolved (a nonce that misses the bits), expired, forged or from another server.
  const std::string second = challenges.Issue(now);
  Json wrong = Solve(second, 12);
  for (uint64_t n = 0;; ++n) {
    if (!LeadingZeroBits(Sha256(second + ":" + std::to_string(n)), 12)) {
      wrong["nonce"] = std::to_string(n);
      break;
    }
  }
  EXPECT_FALSE(challenges.Redeem(wrong, 12, now));
  EXPECT_FALSE(challenges.Redeem(Solve(second, 12), 12, now + std::chrono::minutes(11)));
  std::string forged = second;
  forged[0] = forged[0] == '9' ? '8' : '9';  // a later expiry
  EXPECT_FALSE(challenges.Redeem(Solve(forged, 12), 12, now));
  Challenges other(std::string(32, 'x'));
  EXPECT_FALSE(other.Redeem(Solve(second, 12), 12, now));
  EXPECT_FALSE(challenges.Redeem(Json::object(), 12, now));
  EXPECT_TRUE(challenges.Redeem(Solve(second, 12), 12, now));
}

}  // namespace
}  // namespace dl::portal
