#include "monitor/overdue.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace dl::monitor {
namespace {

using std::chrono::microseconds;
using Unit = catalog::TimeLimit::Unit;

constexpr Instant kNever = Instant::max();

bool IsCaseClock(const engine::CaseClock& k) { return k.node == engine::kNoNode; }

RuleId RuleOf(const engine::CaseClock& k) {
  return IsCaseClock(k) ? RuleId::kOverdueCase : RuleId::kOverdueStep;
}

const RuleParams::Overdue& ParamsOf(const engine::CaseClock& k, const RuleParams& p) {
  return IsCaseClock(k) ? p.overdue_case : p.overdue_step;
}

microseconds UnitLength(Unit unit) {
  return unit == Unit::kHour ? microseconds(std::chrono::hours(1))
                             : microseconds(std::chrono::hours(24));
}

// The share of a limit's counted time, rounded down to the microsecond.
microseconds Share(const catalog::TimeLimit& limit, double share) {
  const double total = static_cast<double>((UnitLength(limit.unit) * limit.value).count());
  return microseconds(static_cast<long long>(std::floor(total * share)));
}

// "2026-03-09 24:00" for the end of a day, else "2026-03-10 09:30", in the calendar's time.
std::string FormatLocal(Instant t, const calendar::WorkCalendar& cal) {
  const Date day = cal.LocalDate(t);
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(t - cal.StartOfDay(day)).count();
  char buf[32];
  if (minutes == 0) {
    return day.AddDays(-1).ToString() + " 24:00";
  }
  std::snprintf(buf, sizeof buf, " %02lld:%02lld", static_cast<long long>(minutes / 60),
                static_cast<long long>(minutes % 60));
  return day.ToString() + buf;
}

std::string Quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

std::string NodeCode(const engine::OpenCase& c, const engine::CaseClock& k) {
  return IsCaseClock(k) || !c.flow ? std::string() : c.flow->Code(k.node);
}

}  // namespace

catalog::TimeLimit LimitOf(const engine::OpenCase& c, const engine::CaseClock& clock) {
  if (!c.definition) return {};
  if (IsCaseClock(clock)) return c.definition->time_limit;
  if (!c.flow) return {};
  const std::string& code = c.flow->Code(clock.node);
  for (const auto& node : c.definition->flow.nodes) {
    if (node.code == code) return node.time_limit;
  }
  return {};
}

Status ScheduleClocks(engine::OpenCase& c, const calendar::WorkCalendar& calendar,
                      const RuleParams& params) {
  if (c.suspended()) {
    for (auto& k : c.clocks) k.scheduled = false;
    return Ok();
  }
  std::vector<calendar::Interval> suspended;
  suspended.reserve(c.suspensions.size());
  for (const auto& s : c.suspensions) suspended.push_back({s.begin, s.end.value_or(s.begin)});
  Status first_error = Ok();
  for (auto& k : c.clocks) {
    if (k.scheduled) continue;
    k.scheduled = true;
    k.at = {kNever, kNever, kNever};
    const catalog::TimeLimit limit = LimitOf(c, k);
    if (limit.value <= 0 || !params.Enabled(RuleOf(k))) continue;
    const RuleParams::Overdue& p = ParamsOf(k, params);
    auto due = calendar.Deadline(k.since, limit, suspended);
    std::optional<Instant> notice = kNever, far = kNever;
    if (due && p.notice_at > 0) {
      auto at = calendar.WhenCounted(k.since, limit.unit, Share(limit, p.notice_at), suspended);
      notice = at ? std::optional(*at) : std::nullopt;
      if (!at && first_error) first_error = Err(at.error());
    }
    if (due) {
      auto at = calendar.WhenCounted(k.since, limit.unit, Share(limit, p.red_at), suspended);
      far = at ? std::optional(std::max(*at, *due)) : std::nullopt;
      if (!at && first_error) first_error = Err(at.error());
    } else if (first_error) {
      first_error = Err(due.error());
    }
    if (!due || !notice || !far) continue;  // never due: the error is reported
    k.at = {std::min(*notice, *due), *due, *far};
  }
  return first_error;
}

std::optional<Instant> NextStage(const engine::CaseClock& clock) {
  if (!clock.scheduled) return std::nullopt;
  for (size_t i = 0; i < clock.at.size(); ++i) {
    if (!(clock.reported & (1u << i)) && clock.at[i] != kNever) return clock.at[i];
  }
  return std::nullopt;
}

std::optional<DeadlineStage> TakeDue(engine::CaseClock& clock, Instant t, bool finishing) {
  if (!clock.scheduled) return std::nullopt;
  std::optional<DeadlineStage> worst;
  for (size_t i = 0; i < clock.at.size(); ++i) {
    if ((clock.reported & (1u << i)) || clock.at[i] == kNever || clock.at[i] > t) continue;
    clock.reported |= static_cast<uint8_t>(1u << i);
    worst = static_cast<DeadlineStage>(i);
  }
  if (worst == DeadlineStage::kNotice && finishing) return std::nullopt;
  return worst;
}

void MarkReported(engine::CaseClock& clock, DeadlineStage stage) {
  clock.reported |= static_cast<uint8_t>((2u << static_cast<unsigned>(stage)) - 1);
}

Finding OverdueFinding(const engine::OpenCase& c, const engine::NamePool& names,
                       const engine::CaseClock& clock, DeadlineStage stage, Instant now,
                       const calendar::WorkCalendar& calendar, const RuleParams& params) {
  const RuleId rule = RuleOf(clock);
  const catalog::TimeLimit limit = LimitOf(c, clock);
  std::string what = "办件 " + c.id;
  if (c.definition) what += "（" + Quoted(c.definition->name) + "）";
  std::string person;
  if (!IsCaseClock(clock) && c.flow) {
    what += "的" + Quoted(c.flow->Name(clock.node)) + "环节";
    const std::string& code = c.flow->Code(clock.node);
    for (auto it = c.steps.rbegin(); it != c.steps.rend(); ++it) {
      if (names[it->node] == code && it->actor != engine::NamePool::kEmpty) {
        person = names[it->actor];
        break;
      }
    }
  }
  Level level = params.LevelOf(rule);
  std::string headline;
  switch (stage) {
    case DeadlineStage::kNotice:
      level = Level::kNotice;
      headline = "临近办理时限";
      break;
    case DeadlineStage::kLate:
      headline = "已超过办理时限";
      break;
    case DeadlineStage::kFarLate:
      level = Level::kRed;
      headline = "严重超期";
      break;
  }
  std::vector<calendar::Interval> suspended;
  for (const auto& s : c.suspensions) suspended.push_back({s.begin, s.end.value_or(now)});
  std::string used;  // how much is used, once the limit has run out
  if (stage != DeadlineStage::kNotice) {
    if (auto elapsed = calendar.Measure(clock.since, now, limit.unit, suspended)) {
      used = "；截至 " + FormatLocal(now, calendar) + " " +
             calendar::DescribeProgress(*elapsed, limit);
    }
  }
  std::string message = what + headline + "：时限 " + catalog::FormatTimeLimit(limit) + "，自 " +
                        FormatLocal(clock.since, calendar) + " 起算" +
                        (c.suspensions.empty() ? "" : "（暂停计时的时间不计）") + "，应于 " +
                        FormatLocal(clock.at[1], calendar) + " 前" +
                        (IsCaseClock(clock) ? "办结" : "完成") + used;
  return Finding{std::string(InfoOf(rule).code), level, std::move(message), std::move(person)};
}

Json DeadlinePayload(const engine::OpenCase& c, const engine::CaseClock& clock,
                     DeadlineStage stage) {
  return {{"node", NodeCode(c, clock)},
          {"since", FormatInstant(clock.since)},
          {"stage", kDeadlineStages.Label(stage)},
          {"due", FormatInstant(clock.at[1])}};
}

void ApplyReported(engine::OpenCase& c, const Json& deadline) {
  if (!deadline.is_object()) return;
  const std::string node = deadline.value("node", std::string());
  const auto since = ParseInstant(deadline.value("since", std::string()));
  const auto stage = kDeadlineStages.Parse(deadline.value("stage", std::string()));
  if (!since || !stage) return;
  for (auto& k : c.clocks) {
    if (k.since == *since && NodeCode(c, k) == node) MarkReported(k, *stage);
  }
}

}  // namespace dl::monitor
