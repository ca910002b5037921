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
//            "person", "evidence": [<seq of the event entry>], "raised"}
// Writer thread only.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/issue.h"
#include "engine/case_engine.h"
#include "monitor/lua_rule.h"
#include "monitor/rules.h"
#include "monitor/window_rules.h"
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
};

// The ledger payload of one recorded event.
Json CaseEventPayload(const engine::Event& event, const engine::OpenCase& c,
                      const engine::Verdict& verdict);

// Applies `events` to `engine` in order. Each new event is appended to `records` as an
// entry numbered `next_seq`, `next_seq + 1` …; a refused event becomes an error issue
// naming it (the caller then rolls the submission back).
void RecordCaseEvents(const CaseWork& work, const std::vector<engine::Event>& events,
                      const std::string& actor, Instant now, uint64_t next_seq,
                      std::vector<store::Record>& records, std::vector<Issue>& issues,
                      CaseTally& tally);

// The recorded events of one case, oldest first (the engine's CaseHistory).
Result<std::vector<engine::Event>> RecordedEvents(store::Store& store, const std::string& case_id);

// At start: loads the cases that are open, or opened within the rules' longest window
// before `now`, and replays their events through the engine and the window rules (the
// warnings they raised are in the ledger already). Cost O(those cases' events), not O(log);
// older closed cases load on demand.
Status RebuildCases(store::Store& store, const CaseWork& work, Instant now);

}  // namespace dl::writer
