// Overdue steps and cases (超期, issue 4): each clock of a case (engine::CaseClock — the case's
// own time limit, and one per step it waits on) has three stages on the working-day calendar:
//   notice   (临近时限, 提醒)   once `notice_at` of the limit is used (default 80 %);
//   late     (超期, the rule's level, 黄牌 by default)   at the limit itself;
//   far late (严重超期, 红牌)   once `red_at` of the limit is used (default 150 %).
// Suspended time never counts, and nothing falls due while the case is suspended. The writer
// keeps the next stage of every clock in a DeadlineIndex and raises a stage when the clock of
// the world passes it (a tick), or when an event of the case shows that its time has passed
// (historical imports, events that arrive between ticks). Stages passed together are raised
// once, as the most severe of them; a step that completes after its notice but within its
// limit raises nothing. docs/rules.md describes the rules for inspectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/labels.h"
#include "base/result.h"
#include "calendar/calendar.h"
#include "catalog/catalog.h"
#include "engine/case_engine.h"
#include "monitor/finding.h"
#include "monitor/rules.h"

namespace dl::monitor {

enum class DeadlineStage : uint8_t { kNotice = 0, kLate = 1, kFarLate = 2 };
inline constexpr LabelTable<DeadlineStage, 3> kDeadlineStages{{{
    {DeadlineStage::kNotice, "notice"},
    {DeadlineStage::kLate, "late"},
    {DeadlineStage::kFarLate, "far-late"},
}}};
inline constexpr LabelTable<DeadlineStage, 3> kDeadlineStageNames{{{
    {DeadlineStage::kNotice, "临近时限"},
    {DeadlineStage::kLate, "超期"},
    {DeadlineStage::kFarLate, "严重超期"},
}}};

// The time limit a clock runs against: the power's (case clock) or the node's (step clock).
// Empty (value 0) when none is declared or the power is unknown.
catalog::TimeLimit LimitOf(const engine::OpenCase& c, const engine::CaseClock& clock);

// Fills in the stages of every clock of `c` that is not scheduled, for the case's current
// suspensions. While the case is suspended, its clocks stay unscheduled and nothing falls due.
// A clock without a limit, or whose rule is disabled, never falls due. An error (kNotFound: the
// calendar has no data for a year the limit reaches) leaves that clock never due and is
// returned after the others are done, for the caller to report.
Status ScheduleClocks(engine::OpenCase& c, const calendar::WorkCalendar& calendar,
                      const RuleParams& params);

// The earliest stage of `clock` not yet reported, if it is scheduled and one is left.
std::optional<Instant> NextStage(const engine::CaseClock& clock);

// The stages of `clock` that have come by `t` and were not reported: marks them reported and
// returns the most severe, or nullopt. With `finishing` (the event at `t` completes the step,
// or closes the case), a notice alone is not raised: the work is done within its limit.
std::optional<DeadlineStage> TakeDue(engine::CaseClock& clock, Instant t, bool finishing);

// Marks `stage` and the stages before it reported (a restarted writer, from the ledger).
void MarkReported(engine::CaseClock& clock, DeadlineStage stage);

// The warning for one stage of one clock, in Chinese: which step or case, its limit, when it
// started and fell due, and the time used by `now`, e.g.
//   办件 C1（行政许可“…”）的“审核”环节超期：时限 5 个工作日，自 2026-03-02 起算，
//   应于 2026-03-09 24:00 前完成；截至 2026-03-10 09:00 已用 5 个工作日 / 时限 5 个工作日
// The person is whoever started the step (empty for the case, or a step not started).
Finding OverdueFinding(const engine::OpenCase& c, const engine::NamePool& names,
                       const engine::CaseClock& clock, DeadlineStage stage, Instant now,
                       const calendar::WorkCalendar& calendar, const RuleParams& params);

// The "deadline" object of a warning's payload, which names the clock and stage so that a
// restarted writer knows what it reported: {"node": code or "", "since", "stage", "due"}.
Json DeadlinePayload(const engine::OpenCase& c, const engine::CaseClock& clock,
                     DeadlineStage stage);
// Applies one such object to the case's clocks (MarkReported on the clock it names, if the
// case still runs it). Unknown or stale objects change nothing.
void ApplyReported(engine::OpenCase& c, const Json& deadline);

}  // namespace dl::monitor
