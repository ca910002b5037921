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
  Instant opened;
  std::string applicant;
  std::string counterparty;
  // The case values after this event; null when there are none (rules see an empty object).
  const engine::CaseValues* values = nullptr;
  struct Step {  // the case's earlier events, oldest first
    std::string type, node, actor;
    Instant occurred;
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
