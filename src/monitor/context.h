// What a supervision rule sees when it judges one event: the event, the case as it stands,
// the organisation and lists as declared, and the conformance verdict of the event. Built by
// the writer thread for each event; rules only read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "catalog/catalog.h"
#include "engine/conformance.h"
#include "engine/event.h"

namespace dl::monitor {

// The case an event belongs to.
struct CaseView {
  std::string id;
  std::string power;
  std::string unit;
  std::string opened;  // RFC 3339
  std::string applicant;
  std::string counterparty;
  Json values = Json::object();  // the case values after this event (engine::CaseValues::ToJson)
  struct Step {
    std::string type, node, actor, occurred;  // the case's earlier events, oldest first
  };
  std::vector<Step> steps;
};

struct EventContext {
  const engine::Event& event;
  const CaseView& case_view;
  const catalog::Catalog& declared;  // units, posts, persons, assignments, relations, powers
  // The power version the case runs against (in force when it opened); null when the power
  // is unknown.
  const catalog::Power* power = nullptr;
  // The power's status on the event's day; nullopt when the power is unknown.
  std::optional<catalog::PowerStatus> power_status;
  // The conformance verdict of this event; null when the case has no flow to follow.
  const engine::Verdict* verdict = nullptr;
  Date day;  // the local (China Standard Time) date the event occurred
};

}  // namespace dl::monitor
