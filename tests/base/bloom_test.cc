#include "base/bloom.h"

#include <gtest/gtest.h>

#include <string>

namespace dl {
namespace {

TEST(BloomSetTest, NeverForgetsAMemberAndRarelyClaimsAStranger) {
  BloomSet set;
  EXPECT_FALSE(set.MayContain("CASE-1"));
  EXPECT_FALSE(set.MayContain(""));
  // Five times the first layer's capacity: the layers grow and old members stay found.
  constexpr int kMembers = 5 * 65536;
  for (int i = 0; i < kMembers; ++i) set.Add("SCJ-2026-" + std::to_string(i));
  EXPECT_EQ(set.added(), size_t{kMembers});
  for (int i = 0; i < kMembers; ++i) {
    ASSERT_TRUE(set.MayContain("SCJ-2026-" + std::to_string(i))) << i;
  }
  int strangers = 0;
  for (int i = 0; i < kMembers; ++i) strangers += set.MayContain("ZRJ-2026-" + std::to_string(i));
  EXPECT_LT(strangers, kMembers / 200);          // under 0.5 % (three layers of about 0.1 % each)
  EXPECT_LE(set.bytes(), size_t{kMembers} * 5);  // a few bytes per member
}

}  // namespace
}  // namespace dl
