// The mapping that turns an IEEE XES log into case events (docs/events.md, "XES 映射文件"):
// which power the traces exercise, how case ids are made, which attributes carry the actor,
// post, amount and case values, which activity is which flow node, and how opened and closed
// are synthesised. Internal to the event readers.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/event.h"
#include "io/event_readers.h"

namespace dl::io::internal {

struct ActivityRule {
  std::string node;                       // flow node code
  std::string decision;                   // Event.decision for this activity, if any
  std::optional<engine::EventType> type;  // overrides the lifecycle transition
  std::string post;                       // overrides the post read from the event
};

// A case value set on `opened` from the whole trace: `yes` when any of the activities occurs
// in it, else `no`. It stands in for routing facts a live system knows when a case opens
// (e.g. whether the budget owner must approve) but a log does not record.
struct CaseFlag {
  std::string name;
  std::vector<std::string> activities;
  std::string yes = "是";
  std::string no = "否";
};

// Event types by lifecycle transition; nullopt means the event is skipped (and counted).
using LifecycleRule = std::optional<engine::EventType>;

struct XesMapping {
  std::string source;  // Event.source of every event
  std::string power;   // the power code of every case

  // [case]
  std::string case_id_key = "concept:name";  // trace attribute holding the case id
  std::string case_id_prefix;
  std::string case_amount_key;  // attribute keys read from the trace, else its first event
  std::string case_applicant_key;
  std::string case_counterparty_key;
  std::vector<std::pair<std::string, std::string>> case_attributes;  // name → attribute key
  std::vector<CaseFlag> flags;

  // [event]
  std::string event_id_key;  // empty: the external id is "<case id>#<index of the event>"
  std::string activity_key = "concept:name";
  std::string time_key = "time:timestamp";
  std::string lifecycle_key = "lifecycle:transition";
  std::string actor_key;
  std::string post_key;
  std::string amount_key;
  std::string decision_key;
  std::vector<std::pair<std::string, std::string>> event_attributes;  // name → attribute key

  std::unordered_map<std::string, LifecycleRule> lifecycle{
      {"complete", engine::EventType::kCompleted}, {"start", engine::EventType::kStarted}};
  std::unordered_map<std::string, std::string> posts;   // post attribute value → post code
  std::unordered_map<std::string, std::string> actors;  // actor attribute value → person code
  std::unordered_map<std::string, ActivityRule> activities;

  // [close]
  std::vector<std::string> final_activities;  // a trace ending in one of these is complete
  std::string outcome = "办结";               // decision of the closed event of such a trace
  bool close_unfinished = true;               // close other traces too, at their last event
  std::string unfinished_outcome = "终止";
};

// Reads a mapping file. Every problem (TOML syntax, unknown or missing keys, wrong types) is
// added to `problems`, located by the mapping file's line and key; nullopt if any.
std::optional<XesMapping> ReadXesMapping(const std::string& path, const std::string& text,
                                         ProblemList& problems);

}  // namespace dl::io::internal
