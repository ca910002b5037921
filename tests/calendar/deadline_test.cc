// Deadlines and elapsed time of time limits on the working-day calendar. Expected values are
// counted by hand from the State Council notices; "end of day D" is written as 00:00 of D+1.
#include <gtest/gtest.h>

#include <vector>

#include "calendar/calendar.h"
#include "calendar_testing.h"

namespace dl::calendar {
namespace {

using catalog::TimeLimit;
using testing::China;
using testing::Cst;
using testing::InCst;
using Unit = TimeLimit::Unit;

constexpr TimeLimit Workdays(int n) { return {n, Unit::kWorkday}; }
constexpr TimeLimit Days(int n) { return {n, Unit::kDay}; }
constexpr TimeLimit Hours(int n) { return {n, Unit::kHour}; }

std::string DeadlineIn(const WorkCalendar& cal, const std::string& start, TimeLimit limit,
                       const std::vector<Interval>& suspended = {}) {
  auto r = cal.Deadline(Cst(start), limit, suspended);
  return r ? InCst(*r) : "error: " + r.error().message;
}

TEST(DeadlineTest, LicenceAcrossNationalDayAndMidAutumn2025) {
  // Accepted Tue 2025-09-30; 10-01..08 off; 10-09, 10-10, Sat 10-11 (调休) are days 1–3; …
  // day 20 is Tue 11-04.
  EXPECT_EQ(DeadlineIn(*China(), "2025-09-30 10:00", Workdays(20)), "2025-11-05 00:00");
  EXPECT_EQ(DeadlineIn(*WorkCalendar::WeekendsOnly(), "2025-09-30 10:00", Workdays(20)),
            "2025-10-29 00:00");
  // Accepted Fri 09-26: Sun 09-28 (调休) is day 1, 09-29, 09-30, 10-09, 10-10 days 2–5.
  EXPECT_EQ(DeadlineIn(*China(), "2025-09-26 15:00", Workdays(5)), "2025-10-11 00:00");
}

TEST(DeadlineTest, SpringFestival2026) {
  // 02-13 and Sat 02-14 (调休) are days 1–2; 02-15..23 off; 02-24..26 days 3–5.
  EXPECT_EQ(DeadlineIn(*China(), "2026-02-12 09:00", Workdays(5)), "2026-02-27 00:00");
  // Accepted on a holiday: the next working day is day 1.
  EXPECT_EQ(DeadlineIn(*China(), "2026-02-18 10:00", Workdays(1)), "2026-02-25 00:00");
}

TEST(DeadlineTest, AdjustedSaturdayIsAWorkingDay) {
  EXPECT_EQ(DeadlineIn(*China(), "2026-02-13 16:00", Workdays(1)), "2026-02-15 00:00");
  EXPECT_EQ(DeadlineIn(*WorkCalendar::WeekendsOnly(), "2026-02-13 16:00", Workdays(1)),
            "2026-02-17 00:00");
}

TEST(DeadlineTest, SuspensionPushesByTheWorkingTimeItCovered) {
  auto cal = China();
  // Mon 03-02 + 10 working days: 03-03..06, 03-09..13, 03-16.
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Workdays(10)), "2026-03-17 00:00");
  // Suspended Thu 15:00 to Mon 11:00: 9 h + 24 h + 0 + 0 + 11 h = 1 working day 20 hours.
  std::vector<Interval> suspended = {{Cst("2026-03-05 15:00"), Cst("2026-03-09 11:00")}};
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Workdays(10), suspended), "2026-03-18 20:00");

  auto deadline = cal->Deadline(Cst("2026-03-02 10:00"), Workdays(10), suspended);
  ASSERT_TRUE(deadline);
  auto at = cal->Measure(Cst("2026-03-02 10:00"), *deadline, Unit::kWorkday, suspended);
  EXPECT_EQ(at->counted, std::chrono::hours(24 * 10));
  auto before = cal->Measure(Cst("2026-03-02 10:00"), *deadline - std::chrono::microseconds(1),
                             Unit::kWorkday, suspended);
  EXPECT_EQ(before->WholeUnits(), 9);

  // Two hours on the last day push it two hours into the next day.
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Workdays(10),
                       {{Cst("2026-03-16 12:00"), Cst("2026-03-16 14:00")}}),
            "2026-03-17 02:00");
}

TEST(DeadlineTest, SuspensionThatCoversNoWorkingTimeChangesNothing) {
  auto cal = China();
  // A weekend.
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Workdays(10),
                       {{Cst("2026-03-07 00:00"), Cst("2026-03-09 00:00")}}),
            "2026-03-17 00:00");
  // The day of acceptance, which does not count anyway.
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Workdays(10),
                       {{Cst("2026-03-02 10:00"), Cst("2026-03-02 18:00")}}),
            "2026-03-17 00:00");
  // The National Day holiday.
  EXPECT_EQ(DeadlineIn(*cal, "2025-09-30 10:00", Workdays(20),
                       {{Cst("2025-10-01 00:00"), Cst("2025-10-09 00:00")}}),
            "2025-11-05 00:00");
}

TEST(DeadlineTest, OverlappingSuspensionsCountOnce) {
  // Union 03-05 15:00 .. 03-06 12:00 = 9 h + 12 h.
  EXPECT_EQ(DeadlineIn(*China(), "2026-03-02 10:00", Workdays(10),
                       {{Cst("2026-03-06 00:00"), Cst("2026-03-06 12:00")},
                        {Cst("2026-03-05 15:00"), Cst("2026-03-06 06:00")}}),
            "2026-03-17 21:00");
  auto reversed =
      China()->Deadline(Cst("2026-03-02 10:00"), Workdays(10),
                        std::vector<Interval>{{Cst("2026-03-06 00:00"), Cst("2026-03-05 00:00")}});
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(reversed.error().message.find("第 1 段暂停"), std::string::npos);
}

TEST(DeadlineTest, HoursAreClockHoursAcrossMidnightAndHolidays) {
  auto cal = China();
  auto t = cal->Deadline(Cst("2026-01-05 22:30"), Hours(4), {});
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatInstant(*t), "2026-01-05T18:30:00.000Z");
  EXPECT_EQ(InCst(*t), "2026-01-06 02:30");
  EXPECT_EQ(DeadlineIn(*cal, "2025-10-01 09:00", Hours(4)), "2025-10-01 13:00");
  EXPECT_EQ(DeadlineIn(*cal, "2025-10-01 09:00", Hours(4),
                       {{Cst("2025-10-01 10:00"), Cst("2025-10-01 11:30")}}),
            "2025-10-01 14:30");
  EXPECT_EQ(DeadlineIn(*cal, "2027-06-01 09:00", Hours(4)), "2027-06-01 13:00");  // no data needed
}

TEST(DeadlineTest, StartDayIsTheLocalDateNotTheUtcDate) {
  auto cal = China();
  Instant after_midnight = *ParseInstant("2026-01-05T16:30:00Z");  // Tue 01-06 00:30 CST
  EXPECT_EQ(DateOf(after_midnight), testing::D("2026-01-05"));
  EXPECT_EQ(cal->LocalDate(after_midnight), testing::D("2026-01-06"));
  EXPECT_EQ(InCst(*cal->Deadline(after_midnight, Workdays(1), {})), "2026-01-08 00:00");
  Instant before_midnight = *ParseInstant("2026-01-05T15:30:00Z");  // Mon 01-05 23:30 CST
  EXPECT_EQ(InCst(*cal->Deadline(before_midnight, Workdays(1), {})), "2026-01-07 00:00");
}

TEST(DeadlineTest, NaturalDaysEndingOnAHolidayMoveToTheNextWorkingDay) {
  auto cal = China();
  EXPECT_EQ(DeadlineIn(*cal, "2025-09-25 10:00", Days(5)), "2025-10-01 00:00");
  EXPECT_EQ(DeadlineIn(*cal, "2025-09-27 10:00", Days(5)), "2025-10-10 00:00");  // 10-02 off
  EXPECT_EQ(DeadlineIn(*cal, "2025-10-06 10:00", Days(5)), "2025-10-12 00:00");  // Sat 调休
  EXPECT_EQ(DeadlineIn(*WorkCalendar::WeekendsOnly(), "2026-03-02 10:00", Days(5)),
            "2026-03-10 00:00");  // Sat 03-07 -> Mon 03-09
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Days(10)), "2026-03-13 00:00");
  // Two suspended days carry the end to Sat 03-14, which moves to Mon 03-16.
  EXPECT_EQ(DeadlineIn(*cal, "2026-03-02 10:00", Days(10),
                       {{Cst("2026-03-05 00:00"), Cst("2026-03-07 00:00")}}),
            "2026-03-17 00:00");
}

TEST(DeadlineTest, CountingIntoAYearWithoutDataIsAnError) {
  auto cal = China();
  EXPECT_EQ(DeadlineIn(*cal, "2026-12-30 10:00", Workdays(1)), "2027-01-01 00:00");
  auto r = cal->Deadline(Cst("2026-12-21 10:00"), Workdays(20), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_NE(r.error().message.find("2027"), std::string::npos);
  auto natural = cal->Deadline(Cst("2026-12-28 10:00"), Days(5), {});  // ends on 2027-01-02
  EXPECT_FALSE(natural);
}

TEST(DeadlineTest, RejectsLimitsThatCannotBeCounted) {
  auto cal = China();
  EXPECT_EQ(cal->Deadline(Cst("2026-03-02 10:00"), TimeLimit{}, {}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(cal->Deadline(Cst("2026-03-02 10:00"), Workdays(-3), {}));
  EXPECT_FALSE(WorkCalendar::WeekendsOnly()->Deadline(Cst("2026-03-02 10:00"), Days(40000), {}));
}

TEST(ElapsedTest, ProgressAgainstTheLimit) {
  auto cal = China();
  std::vector<Interval> none;
  auto used = cal->Measure(Cst("2025-09-30 10:00"), Cst("2025-10-24 15:00"), Unit::kWorkday, none);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->counted, std::chrono::hours(12 * 24 + 15));
  EXPECT_EQ(DescribeProgress(*used, Workdays(20)), "已用 12 个工作日 / 时限 20 个工作日");
  auto days = cal->Measure(Cst("2025-09-30 10:00"), Cst("2025-10-24 15:00"), Unit::kDay, none);
  EXPECT_EQ(DescribeProgress(*days, Days(30)), "已用 23 个自然日 / 时限 30 个自然日");
  auto hours = cal->Measure(Cst("2025-09-30 09:00"), Cst("2025-09-30 12:10"), Unit::kHour, none);
  EXPECT_EQ(DescribeProgress(*hours, Hours(4)), "已用 3 小时 / 时限 4 小时");
  auto same_day =
      cal->Measure(Cst("2025-09-30 10:00"), Cst("2025-09-30 23:00"), Unit::kWorkday, none);
  EXPECT_EQ(same_day->counted, std::chrono::microseconds(0));
  // A suspension still running: counting stops at its start.
  auto paused =
      cal->Measure(Cst("2025-09-30 10:00"), Cst("2025-10-24 15:00"), Unit::kWorkday,
                   std::vector<Interval>{{Cst("2025-10-20 00:00"), Cst("2025-10-24 15:00")}});
  EXPECT_EQ(paused->WholeUnits(), 8);
}

// Without suspensions, exactly N units are counted at an N-unit deadline and fewer just before.
TEST(ElapsedTest, MeasureAtTheDeadlineIsTheLimit) {
  auto cal = China();
  for (int offset = 0; offset < 400; offset += 7) {
    Instant start = Cst("2024-09-01 09:30") + std::chrono::hours(24 * offset + offset % 13);
    for (TimeLimit limit : {Workdays(1), Workdays(7), Workdays(20), Hours(5), Hours(49)}) {
      auto end = cal->Deadline(start, limit, {});
      ASSERT_TRUE(end) << end.error().message;
      auto at = cal->Measure(start, *end, limit.unit, {});
      EXPECT_EQ(at->WholeUnits(), limit.value) << InCst(start);
      auto before = cal->Measure(start, *end - std::chrono::seconds(1), limit.unit, {});
      EXPECT_EQ(before->WholeUnits(), limit.value - 1) << InCst(start);
    }
  }
}

}  // namespace
}  // namespace dl::calendar
