#include "assess/period.h"

#include <gtest/gtest.h>

namespace dl::assess {
namespace {

TEST(PeriodTest, Quarters) {
  auto q3 = ParsePeriod("2026Q3");
  ASSERT_TRUE(q3) << q3.error().message;
  EXPECT_EQ(q3->code, "2026Q3");
  EXPECT_EQ(q3->first, Date::FromYmd(2026, 7, 1));
  EXPECT_EQ(q3->last, Date::FromYmd(2026, 9, 30));
  EXPECT_EQ(q3->Label(), "2026年第三季度");
  EXPECT_EQ(*ParsePeriod("2026-Q3"), *q3);
  EXPECT_EQ(*ParsePeriod(" 2026q3 "), *q3);
  EXPECT_EQ(*ParsePeriod("2026年第三季度"), *q3);
  EXPECT_EQ(*ParsePeriod("2026年第3季度"), *q3);

  auto q1 = ParsePeriod("2024Q1");  // a leap year: February has 29 days, March ends on the 31st
  ASSERT_TRUE(q1);
  EXPECT_EQ(q1->first, Date::FromYmd(2024, 1, 1));
  EXPECT_EQ(q1->last, Date::FromYmd(2024, 3, 31));
  EXPECT_EQ(ParsePeriod("2026Q4")->last, Date::FromYmd(2026, 12, 31));
  EXPECT_EQ(ParsePeriod("2026Q2")->last, Date::FromYmd(2026, 6, 30));
  EXPECT_EQ(ParsePeriod("2026Q4")->Label(), "2026年第四季度");
}

TEST(PeriodTest, YearsAndHalves) {
  auto year = ParsePeriod("2026");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->code, "2026");
  EXPECT_EQ(year->first, Date::FromYmd(2026, 1, 1));
  EXPECT_EQ(year->last, Date::FromYmd(2026, 12, 31));
  EXPECT_EQ(year->Label(), "2026年度");
  EXPECT_EQ(*ParsePeriod("2026年度"), *year);

  auto h1 = ParsePeriod("2026H1");
  ASSERT_TRUE(h1);
  EXPECT_EQ(h1->last, Date::FromYmd(2026, 6, 30));
  EXPECT_EQ(h1->Label(), "2026年上半年");
  auto h2 = ParsePeriod("2026-H2");
  ASSERT_TRUE(h2);
  EXPECT_EQ(h2->code, "2026H2");
  EXPECT_EQ(h2->first, Date::FromYmd(2026, 7, 1));
  EXPECT_EQ(h2->last, Date::FromYmd(2026, 12, 31));

  EXPECT_TRUE(year->Covers(*ParsePeriod("2026Q3")));
  EXPECT_TRUE(h2->Covers(*ParsePeriod("2026Q3")));
  EXPECT_FALSE(h1->Covers(*ParsePeriod("2026Q3")));
  EXPECT_FALSE(ParsePeriod("2026Q3")->Covers(*year));
  EXPECT_TRUE(ParsePeriod("2026Q3")->Contains(Date::FromYmd(2026, 9, 30)));
  EXPECT_FALSE(ParsePeriod("2026Q3")->Contains(Date::FromYmd(2026, 10, 1)));
}

TEST(PeriodTest, BadInputsSayWhatIsExpected) {
  auto q5 = ParsePeriod("2026Q5");
  ASSERT_FALSE(q5);
  EXPECT_EQ(q5.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(q5.error().message,
            "考核期间“2026Q5”无效：应为 2026Q1 至 2026Q4、2026H1、2026H2 或 2026 这样的写法");
  for (const char* bad : {"", "26Q3", "2026Q", "2026Q0", "2026H3", "2026-07", "Q3 2026", "20260",
                          "1899", "2026年第五季度", "abcd"}) {
    EXPECT_FALSE(ParsePeriod(bad)) << bad;
  }
}

}  // namespace
}  // namespace dl::assess
