// The book's undo log across batches: the writer commits batch n while batch n+1 is applied.
#include "oversight/book.h"

#include <gtest/gtest.h>

namespace dl::oversight {
namespace {

Json Warning(const std::string& unit) {
  return {{"rule", "flow-deviation"},
          {"unit", unit},
          {"level", "提醒"},
          {"raised", "2026-11-23T02:00:00Z"}};
}

TEST(BookTest, CommitToKeepsTheLaterBatchUndoable) {
  auto calendar = calendar::WorkCalendar::China();
  ASSERT_TRUE(calendar);
  Book book(Params{}, **calendar);
  const Instant now = *ParseInstant("2026-11-23T02:00:00Z");
  const size_t first = book.Mark();
  Json a = Warning("YX-SCJ");
  book.Raise(a, 10, now);
  const size_t second = book.Mark();
  Json b = Warning("YX-CZJ");
  book.Raise(b, 11, now);
  EXPECT_EQ(book.size(), 2u);
  book.CommitTo(second);  // the first batch committed, the second not yet
  book.RollbackTo(second);
  EXPECT_EQ(book.size(), 1u);
  EXPECT_NE(book.Find(10), nullptr);
  EXPECT_EQ(book.Find(11), nullptr);
  book.RollbackTo(first);  // committed: stays
  EXPECT_NE(book.Find(10), nullptr);
  EXPECT_GE(book.Mark(), second);  // marks go on counting
}

}  // namespace
}  // namespace dl::oversight
