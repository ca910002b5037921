// Deadlines and elapsed time of time limits (WorkCalendar::Deadline, Measure). The rules are
// in calendar.h and docs/calendar.md.
#include <algorithm>
#include <vector>

#include "calendar/calendar.h"

namespace dl::calendar {
namespace {

using std::chrono::microseconds;
using Unit = catalog::TimeLimit::Unit;

constexpr microseconds kDay = std::chrono::hours(24);
// Counting further than this means a mistake (a limit of centuries, a suspension without
// end): fail instead of walking on.
constexpr microseconds kMaxSpan = kDay * 366 * 200;

// Sorted, non-empty, non-overlapping intervals.
Result<std::vector<Interval>> Merge(std::span<const Interval> suspended) {
  std::vector<Interval> sorted;
  for (size_t i = 0; i < suspended.size(); ++i) {
    const Interval& s = suspended[i];
    if (s.end < s.begin) {
      return Err(ErrorCode::kInvalidArgument,
                 "第 " + std::to_string(i + 1) + " 段暂停 " + FormatInstant(s.begin) + " 至 " +
                     FormatInstant(s.end) + " 结束早于开始 (suspension ends before it begins)");
    }
    if (s.begin < s.end) sorted.push_back(s);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  std::vector<Interval> merged;
  for (const Interval& s : sorted) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

microseconds UnitLength(Unit unit) {
  return unit == Unit::kHour ? microseconds(std::chrono::hours(1)) : kDay;
}

Status CheckLimit(const catalog::TimeLimit& limit) {
  int max_units = limit.unit == Unit::kHour ? 24 * 36500 : 36500;
  if (limit.value <= 0 || limit.value > max_units) {
    return Err(ErrorCode::kInvalidArgument, "办理时限 " + std::to_string(limit.value) +
                                                std::string(catalog::kTimeUnits.Label(limit.unit)) +
                                                " 无法计算期限，应为 1 至 " +
                                                std::to_string(max_units) +
                                                " (a limit must be a positive number of units)");
  }
  return Ok();
}

}  // namespace

int Elapsed::WholeUnits() const { return static_cast<int>(counted / UnitLength(unit)); }

std::string DescribeProgress(const Elapsed& elapsed, const catalog::TimeLimit& limit) {
  auto amount = [](long long n, Unit unit) {
    return std::to_string(n) + (unit == Unit::kHour ? " " : " 个") +
           std::string(catalog::kTimeUnits.Label(unit));
  };
  return "已用 " + amount(elapsed.WholeUnits(), elapsed.unit) + " / 时限 " +
         amount(limit.value, limit.unit);
}

std::pair<Instant, WorkCalendar::Counting> WorkCalendar::CountingFrom(Instant start,
                                                                      Unit unit) const {
  if (unit == Unit::kHour) return {start, Counting::kClock};
  // Day limits start counting when the start day ends: 开始的当日不计入.
  Instant day_after_start = StartOfDay(LocalDate(start).AddDays(1));
  return {day_after_start, unit == Unit::kWorkday ? Counting::kWorkingDays : Counting::kAllDays};
}

Status WorkCalendar::Walk(Instant from, Instant to, Counting counting,
                          std::span<const Interval> merged,
                          const std::function<bool(Instant, Instant)>& visit) const {
  size_t k = 0;  // first suspension that does not end before the current point
  for (Instant t = from; t < to;) {
    Date day = LocalDate(t);
    Instant next_day = StartOfDay(day.AddDays(1));
    if (next_day <= t) return Err(ErrorCode::kInternal, "calendar day walk does not advance");
    Instant day_end = std::min(next_day, to);
    while (k < merged.size() && merged[k].end <= t) ++k;
    // A day spent wholly suspended counts nothing, so its year need not be known.
    bool counts = !(k < merged.size() && merged[k].begin <= t && merged[k].end >= day_end);
    if (counts && counting == Counting::kWorkingDays) {
      DL_ASSIGN_OR_RETURN(counts, IsWorkday(day));
    }
    for (Instant cur = t; counts && cur < day_end;) {
      while (k < merged.size() && merged[k].end <= cur) ++k;
      if (k < merged.size() && merged[k].begin <= cur) {  // suspended: skip to its end
        cur = std::min(merged[k].end, day_end);
        continue;
      }
      Instant free_end = k < merged.size() && merged[k].begin < day_end ? merged[k].begin : day_end;
      if (!visit(cur, free_end)) return Ok();
      cur = free_end;
    }
    t = next_day;
  }
  return Ok();
}

Result<Instant> WorkCalendar::WhenCounted(Instant start, Unit unit, microseconds counted,
                                          std::span<const Interval> suspended) const {
  if (counted < microseconds(0) || counted > kMaxSpan) {
    return Err(ErrorCode::kInvalidArgument, "计时长度超出可计算范围 (counted time out of range)");
  }
  DL_ASSIGN_OR_RETURN(auto merged, Merge(suspended));
  microseconds budget = counted;
  auto [from, counting] = CountingFrom(start, unit);
  if (budget == microseconds(0)) return from;
  std::optional<Instant> end;
  DL_RETURN_IF_ERROR(Walk(from, from + kMaxSpan, counting, merged, [&](Instant b, Instant e) {
    if (e - b >= budget) {
      end = b + budget;  // the first instant at which the whole budget is counted
      return false;
    }
    budget -= e - b;
    return true;
  }));
  if (!end) {
    return Err(ErrorCode::kInvalidArgument, "期限超出可计算范围（200 年）(deadline out of range)");
  }
  return *end;
}

Result<Instant> WorkCalendar::Deadline(Instant start, const catalog::TimeLimit& limit,
                                       std::span<const Interval> suspended) const {
  DL_RETURN_IF_ERROR(CheckLimit(limit));
  auto end = WhenCounted(start, limit.unit, UnitLength(limit.unit) * limit.value, suspended);
  if (!end) return end;
  if (limit.unit != Unit::kDay) return *end;
  // 自然日: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日.
  Date last_day = LocalDate(*end - microseconds(1));
  DL_ASSIGN_OR_RETURN(bool workday, IsWorkday(last_day));
  if (workday) return *end;
  DL_ASSIGN_OR_RETURN(Date next, AddWorkdays(last_day, 1));
  return StartOfDay(next.AddDays(1));
}

Result<Elapsed> WorkCalendar::Measure(Instant start, Instant now, Unit unit,
                                      std::span<const Interval> suspended) const {
  DL_ASSIGN_OR_RETURN(auto merged, Merge(suspended));
  auto [from, counting] = CountingFrom(start, unit);
  Elapsed elapsed{unit, microseconds(0)};
  if (now - from > kMaxSpan) {
    return Err(ErrorCode::kInvalidArgument, "区间超出可计算范围（200 年）(span out of range)");
  }
  DL_RETURN_IF_ERROR(Walk(from, now, counting, merged, [&](Instant b, Instant e) {
    elapsed.counted += e - b;
    return true;
  }));
  return elapsed;
}

}  // namespace dl::calendar
