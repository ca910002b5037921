// The working-day calendar (工作日历): which civil dates are working days, and when a time
// limit (办理时限) that starts at a given instant runs out. The rules are written out, with
// examples, in docs/calendar.md; this header states each function's contract.
//
// Civil time. A calendar has a fixed UTC offset (China Standard Time, UTC+8, no daylight
// saving, unless a file says otherwise); an Instant's local date is the UTC date of
// instant + offset. "End of day D" is 24:00 local time of D, i.e. 00:00 of D+1.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/labels.h"
#include "base/result.h"
#include "catalog/power.h"

namespace dl::calendar {

// kHolidays: only years with declared data may be asked about (a year without data is an
// error, never silently weekends-only). kWeekends: every year is known, Saturday and Sunday
// are rest days, and listed days (e.g. a foreign holiday) change single dates.
enum class CalendarKind { kHolidays, kWeekends };
inline constexpr LabelTable<CalendarKind, 2> kCalendarKinds{{{
    {CalendarKind::kHolidays, "holidays"},
    {CalendarKind::kWeekends, "weekends"},
}}};

enum class DayKind {
  kWorkday,          // Monday to Friday, not a holiday
  kRestDay,          // Saturday or Sunday, not worked (休息日)
  kHoliday,          // 放假: a statutory or local holiday; may fall on a weekend
  kAdjustedWorkday,  // 调休上班: a weekend day worked in exchange for a holiday
};
inline constexpr LabelTable<DayKind, 4> kDayKinds{{{
    {DayKind::kWorkday, "工作日"},
    {DayKind::kRestDay, "休息日"},
    {DayKind::kHoliday, "放假"},
    {DayKind::kAdjustedWorkday, "调休上班"},
}}};

struct Day {
  Date date;
  DayKind kind = DayKind::kWorkday;
  std::string name;  // "春节", "春节调休上班"; empty for ordinary days
  bool IsWorkday() const { return kind == DayKind::kWorkday || kind == DayKind::kAdjustedWorkday; }
  bool operator==(const Day&) const = default;
};

// A span [begin, end) during which a case's clock is stopped (暂停计时: 补正材料, 听证, 专家评审,
// 公示 …). Intervals may overlap and come in any order; end < begin is an error. For a
// suspension still running, pass end = now (the deadline then reads "if resumed now").
struct Interval {
  Instant begin;
  Instant end;
};

// Time counted against a limit: working time (工作日), calendar time (自然日) or clock time
// (小时), suspensions excluded, from the point where counting starts (see Deadline).
struct Elapsed {
  catalog::TimeLimit::Unit unit = catalog::TimeLimit::Unit::kWorkday;
  std::chrono::microseconds counted{0};
  // Whole units counted so far (rounded down): 12 means twelve full working days are used.
  int WholeUnits() const;
};

// "已用 12 个工作日 / 时限 20 个工作日" (also 自然日, 小时). The unit of `limit` is the one
// shown; callers pass the Elapsed measured in that unit.
std::string DescribeProgress(const Elapsed& elapsed, const catalog::TimeLimit& limit);

// One year with declared data, and where the data came from.
struct YearSource {
  int year = 0;
  std::string source;  // e.g. the title, number and date of the State Council notice
  bool operator==(const YearSource&) const = default;
};

// Immutable once built, so any number of threads may read one calendar at once; share it as
// WorkCalendar::Ptr and swap the pointer whole to change it.
class WorkCalendar {
 public:
  using Ptr = std::shared_ptr<const WorkCalendar>;

  // The Chinese calendar with the years compiled into the binary (data/calendar/cn-*.toml:
  // 2024–2026). Built once and shared; an error means the shipped data is broken (a bug).
  static Result<Ptr> China();
  // Saturday and Sunday off, every other day worked, every year known. For data without a
  // Chinese calendar, e.g. the Dutch BPIC 2020 logs (utc_offset +1h; daylight saving is not
  // modelled).
  static Ptr WeekendsOnly(std::chrono::minutes utc_offset = std::chrono::hours(8));
  // A calendar from one TOML file alone (format in docs/calendar.md). source_name names the
  // file in errors: "cn-2026.toml 第 12 行: 字段 from: 日期 '2026-02-30' 无效 …"
  // (kInvalidArgument, with details {file, line, field}).
  static Result<Ptr> FromToml(std::string_view text, std::string_view source_name);

  // A new calendar: this one changed by a deployment's override file. A year the file
  // declares under [[years]] is replaced whole (or added); listed days outside declared
  // years change single dates of years this calendar already knows. `this` is unchanged.
  Result<Ptr> WithOverrides(std::string_view text, std::string_view source_name) const;
  // The same, reading the file at `path` (kIo if it cannot be read).
  Result<Ptr> WithOverrideFile(const std::string& path) const;

  const std::string& name() const { return name_; }
  CalendarKind kind() const { return kind_; }
  std::chrono::minutes utc_offset() const { return utc_offset_; }
  // Years with declared data, ascending.
  std::vector<YearSource> Years() const;
  // True if dates of `year` can be classified (always, for a weekends calendar).
  bool HasYear(int year) const;

  // The kind and name of a date. kNotFound if its year has no data ("日历 cn 没有 2027 年的
  // 节假日数据 …"), which every function below passes on.
  Result<Day> Describe(Date date) const;
  Result<bool> IsWorkday(Date date) const;
  // The n-th working day after `date` (n > 0), before it (n < 0), or `date` itself (n = 0,
  // even when it is not a working day). |n| <= 36500.
  Result<Date> AddWorkdays(Date date, int n) const;
  // The number of working days d with from < d <= to; when to < from, minus the number in
  // (to, from]. So WorkdaysBetween(d, AddWorkdays(d, n)) == n for n >= 0.
  Result<int> WorkdaysBetween(Date from, Date to) const;

  // Local civil date of an instant, and the instant local day `date` begins.
  Date LocalDate(Instant t) const;
  Instant StartOfDay(Date date) const;

  // When a limit that starts at `start` (e.g. 受理) runs out; the case is on time if it ends
  // before the returned instant.
  //  - N 工作日: the end of the N-th working day after the start's local date (the start day
  //    itself never counts: 开始的当日不计入). Counting starts at the end of the start day; each
  //    working day contributes its 24 hours, and suspended time never counts, so a suspension
  //    pushes the deadline by exactly the working time it covered (which may end mid-day).
  //  - N 自然日: the same over all days; if the period ends on a day that is not a working day
  //    (weekend or holiday), it runs to the end of the next working day (民法典 第二百零三条).
  //  - N 小时: N clock hours from `start` plus the suspended time; holidays do not matter.
  // kInvalidArgument for an empty or negative limit or a reversed interval; kNotFound when
  // counting reaches a year without data.
  Result<Instant> Deadline(Instant start, const catalog::TimeLimit& limit,
                           std::span<const Interval> suspended) const;
  // The first instant at which `counted` time has been counted toward a limit in `unit` that
  // starts at `start` (the rules of Deadline, without its move past a closing holiday): the
  // basis of "80 % of the limit used" and "half the limit again". WhenCounted(s, u, N units)
  // equals Deadline(s, N u) for working days and hours.
  Result<Instant> WhenCounted(Instant start, catalog::TimeLimit::Unit unit,
                              std::chrono::microseconds counted,
                              std::span<const Interval> suspended) const;
  // Time counted from `start` to `now` by the rules of Deadline, in `unit`; zero if `now` is
  // before counting starts. At the deadline of an N-unit working-day or hour limit, exactly N
  // units are counted.
  Result<Elapsed> Measure(Instant start, Instant now, catalog::TimeLimit::Unit unit,
                          std::span<const Interval> suspended) const;

 private:
  friend struct CalendarBuilder;  // calendar.cc: builds calendars from parsed files
  WorkCalendar() = default;

  struct Special {
    bool workday = false;  // true: 调休上班 (or a cancelled holiday); false: 放假
    std::string name;
  };

  // What counts toward a limit: the working days' 24 hours, every day's, or all clock time.
  enum class Counting { kWorkingDays, kAllDays, kClock };
  // Calls visit(begin, end) for each stretch of [from, to) that counts (never suspended), in
  // order, until visit returns false. `merged`: sorted, disjoint suspensions.
  // Where counting starts for a limit in `unit` that starts at `start`, and what counts.
  std::pair<Instant, Counting> CountingFrom(Instant start, catalog::TimeLimit::Unit unit) const;
  Status Walk(Instant from, Instant to, Counting counting, std::span<const Interval> merged,
              const std::function<bool(Instant, Instant)>& visit) const;

  std::string name_;
  CalendarKind kind_ = CalendarKind::kHolidays;
  std::chrono::minutes utc_offset_{8 * 60};
  std::map<int, std::string> years_;                   // year -> source
  std::unordered_map<int32_t, Special> special_days_;  // Date::days() -> what the file says
  // IsWorkday at a glance, for the days of the years from the first declared or listed to
  // the last (deadlines walk day by day): kTableRest, kTableWork, or kTableUnknown for a day
  // of a year without data. Rebuilt by CalendarBuilder whenever the fields above change.
  static constexpr uint8_t kTableRest = 0, kTableWork = 1, kTableUnknown = 2;
  std::vector<uint8_t> day_table_;
  int32_t table_from_ = 0;  // Date::days() of day_table_[0]
};

}  // namespace dl::calendar
