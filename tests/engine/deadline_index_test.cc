#include "engine/deadline_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

namespace dl::engine {
namespace {

Instant At(int minutes) {
  return *ParseInstant("2026-11-23T00:00:00Z") + std::chrono::minutes(minutes);
}

TEST(DeadlineIndexTest, DueDeadlinesComeOutEarliestFirstAndOnlyOnce) {
  DeadlineIndex index;
  index.Set(1, 0, At(30));
  index.Set(2, 0, At(10));
  index.Set(1, 1, At(20));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Next(), At(10));
  EXPECT_TRUE(index.PopDue(At(9)).empty());  // nothing due: nothing changes
  auto due = index.PopDue(At(20));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0], (DeadlineIndex::Due{2, 0, At(10)}));
  EXPECT_EQ(due[1], (DeadlineIndex::Due{1, 1, At(20)}));
  EXPECT_TRUE(index.PopDue(At(20)).empty());
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.Next(), At(30));
}

TEST(DeadlineIndexTest, MovingAndClearingADeadlineLeavesNoGhost) {
  DeadlineIndex index;
  index.Set(7, 3, At(10));
  index.Set(7, 3, At(50));  // suspended time pushed it back
  EXPECT_TRUE(index.PopDue(At(40)).empty());
  EXPECT_EQ(index.Next(), At(50));
  index.Set(8, 0, At(5));
  index.Clear(8, 0);  // the step completed in time
  index.Clear(9, 9);  // never scheduled: nothing happens
  auto due = index.PopDue(At(60));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].owner, 7u);
  EXPECT_EQ(due[0].at, At(50));
  EXPECT_EQ(index.size(), 0u);
  EXPECT_FALSE(index.Next());
}

// Against a plain model: random schedules, moves and clears, then ticks.
TEST(DeadlineIndexTest, AgreesWithABruteForceModel) {
  std::mt19937_64 random(42);
  DeadlineIndex index;
  std::map<std::pair<uint64_t, uint32_t>, Instant> model;
  for (int round = 0; round < 20000; ++round) {
    const uint64_t owner = random() % 500;
    const uint32_t tag = static_cast<uint32_t>(random() % 3);
    const int op = static_cast<int>(random() % 10);
    if (op < 6) {
      const Instant at = At(static_cast<int>(random() % 100000));
      index.Set(owner, tag, at);
      model[{owner, tag}] = at;
    } else if (op < 9) {
      index.Clear(owner, tag);
      model.erase({owner, tag});
    } else {
      const Instant now = At(round * 5);
      std::vector<DeadlineIndex::Due> expected;
      for (auto it = model.begin(); it != model.end();) {
        if (it->second <= now) {
          expected.push_back({it->first.first, it->first.second, it->second});
          it = model.erase(it);
        } else {
          ++it;
        }
      }
      std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
        return std::tie(a.at, a.owner, a.tag) < std::tie(b.at, b.owner, b.tag);
      });
      ASSERT_EQ(index.PopDue(now), expected) << "round " << round;
    }
    ASSERT_EQ(index.size(), model.size());
  }
  // Moves and clears do not make the heap grow without bound: ~12 000 schedules were made,
  // which would hold ≥ 384 kB of heap items without compaction.
  EXPECT_LT(index.MemoryBytes(), 300000u);
}

}  // namespace
}  // namespace dl::engine
