// Case events through the writer: each new event goes through the case engine (dedup, the
// power version in force at opening, conformance) and becomes one ledger entry
//   kind "case.event", subject "case:<id>",
//   payload {"event": <event JSON>, "case": {"power", "version", "unit"},
//            "deviations": [{"kind", "nodes", "message"}]}
// which holds everything the case projection needs, so the projection is rebuilt from the
// ledger alone (verify --deep). The supervision rules then judge the event; each finding
// becomes a warning entry right after it:
//   kind "warning.raise", subject "warning:<seq>",
//   payload {"rule", "rule_name", "level", "message", "case", "power", "unit", "supervisor",
//            "person", "evidence": [<seq of the event entry>], "raised", "due"}
// ("due": when the unit's answer is due; "promoted" when the repetition rule made it red —
// see oversight/book.h and docs/disposal.md).
// An overdue warning (a deadline stage, see monitor/overdue.h) has the same form; its evidence
// is the entry that started the clock (and the event that showed it late, if one did), it is
// raised at the stage's instant, and it adds "deadline": {"node", "since", "stage", "due"}.
// Writer thread only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/issue.h"
#include "calendar/calendar.h"
#include "engine/case_engine.h"
#include "engine/deadline_index.h"
#include "monitor/lua_rule.h"
#include "monitor/rules.h"
#include "monitor/window_rules.h"
#include "oversight/book.h"
#include "store/store.h"

namespace dl::writer {

inline constexpr const char* kCaseEventKind = "case.event";
inline constexpr const char* kWarningKind = "warning.raise";

// What a submission's events did, for its receipt.
struct CaseTally {
  size_t events = 0;      // recorded (or, on a dry run, that would be)
  size_t duplicates = 0;  // already recorded: skipped
  size_t cases_opened = 0;
  size_t unknown_power = 0;                  // cases opened for a power the lists do not hold
  std::map<std::string, size_t> deviations;  // Chinese kind → events
  std::vector<std::string> examples;         // the first deviation messages
  std::map<std::string, size_t> warnings;    // rule id → warnings raised
  size_t deadline_unknown = 0;               // clocks whose deadline the calendar cannot compute
  std::optional<Error> denied;  // an event outside the submitter's scope (RecordEvents::scope)
};

// What the recorder works with: the case engine, the supervision rules and the lists.
struct CaseWork {
  engine::CaseEngine& engine;
  monitor::WindowRules& windows;
  const monitor::RuleParams& params;
  const catalog::Catalog& declared;
  // Custom Lua rules (docs/rules.md). A rule that fails is disabled and the failure is
  // recorded as an "audit.rule-disabled" entry, subject "rule:<id>".
  const std::vector<std::shared_ptr<monitor::LuaRule>>& custom;
  // The working-day calendar of the time limits (overdue rules).
  const calendar::WorkCalendar& calendar;
  // Serial numbers of the cases whose clocks may have changed; the writer reschedules their
  // deadlines once the transaction is over (committed or not).
  std::vector<uint64_t>& touched;
  // The warnings in progress: every raised warning enters it (repetition, due time).
  oversight::Book& book;
};

// A ledger entry of `payload`, hashed; `text` receives the payload's canonical text.
ledger::Entry Stamp(std::string kind, std::string subject, const std::string& actor, Instant now,
                    uint64_t seq, Json payload, std::string& text);

// Appends the warning.raise entry of `payload` as the next record (see above), after the book
// has applied the repetition rule and set its due time; returns its sequence number. When an
// exception in force covers it (oversight/exception.h), an exception.cover entry holding the
// payload is appended instead and 0 is returned.
uint64_t AppendWarning(const CaseWork& work, Json payload, const std::string& actor,
                       Instant entry_time, uint64_t base_seq, std::vector<store::Record>& records,
                       std::vector<store::Blob> blobs = {});

// The canonical text of the ledger payload of one recorded event (see above), written
// directly: the writer's hot path builds no JSON tree.
std::string CaseEventPayloadText(const engine::Event& event, const engine::OpenCase& c,
                                 const engine::Verdict& verdict);

// Sequence numbers: `base_seq` is the number of records[0] (the batch's first entry), so an
// entry appended at records[i] is numbered base_seq + i, whatever the batch already holds.
//
// Applies `events` to `engine` in order. Each new event is appended to `records` as the next
// entry; a refused event becomes an error issue
// naming it (the caller then rolls the submission back). With `guided` (RecordEvents::guided)
// the findings of flow-deviation, actor-post and power-not-in-force refuse the event.
//
// With a `scope` (RecordEvents::scope), each event's case unit is put to it; the first refusal
// goes to tally.denied and an error issue, and the remaining events are not applied.
void RecordCaseEvents(const CaseWork& work, const std::vector<engine::Event>& events, bool guided,
                      const std::function<Status(const std::string&)>& scope,
                      const std::string& actor, Instant now, uint64_t base_seq,
                      std::vector<store::Record>& records, std::vector<Issue>& issues,
                      CaseTally& tally);

// The writer's tick: raises every deadline stage (overdue-step, overdue-case) that has come by
// `now`, popping them from `index`, as warning entries appended to `records`. Raised at
// most once per stage; the touched cases go to work.touched for rescheduling.
void RecordDueDeadlines(const CaseWork& work, engine::DeadlineIndex& index,
                        const std::string& actor, Instant now, uint64_t base_seq,
                        std::vector<store::Record>& records, CaseTally& tally);

// The rules over the organisation on `day` (sod-static, rotation, review-overdue): each finding
// not raised before becomes a warning entry (case empty; unit and supervisor of the post or the
// power; "subject" names the post, the pair of posts or the risk), raised at `day_start`. A finding
// is raised once per rule, person and subject — `seen` holds those already in the ledger, and
// `raised` receives the keys of the new ones (for the caller to add once they are committed).
void RecordOrganisation(const CaseWork& work, Date day, Instant day_start,
                        const std::unordered_set<std::string>& seen, const std::string& actor,
                        Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                        std::vector<std::string>& raised, CaseTally& tally);
// The keys of the organisation warnings in the ledger (a restarted writer's `seen`).
Result<std::unordered_set<std::string>> OrganisationRaised(store::Store& store);

// Puts the earliest next stage of the clocks of each given case (or of every case in memory)
// into `index`, one entry per case (owner = the case's serial); closed and unknown cases
// are skipped. A check then takes every stage of that case that has come.
void ScheduleDeadlines(const engine::CaseEngine& engine, const std::vector<uint64_t>& serials,
                       engine::DeadlineIndex& index);
void ScheduleAllDeadlines(const engine::CaseEngine& engine, engine::DeadlineIndex& index);

// The recorded events of one case, oldest first (the engine's CaseHistory).
Result<std::vector<engine::Event>> RecordedEvents(store::Store& store, const std::string& case_id);

// At start: loads the cases that are open, or opened within the rules' longest window
// before `now`, and replays their events through the engine and the window rules (the
// warnings they raised are in the ledger already), then marks the deadline stages already
// reported (from the open cases' overdue warnings) and schedules the rest. Cost O(those
// cases' events), not O(log); older closed cases load on demand.
Status RebuildCases(store::Store& store, const CaseWork& work, Instant now);

}  // namespace dl::writer
