// Case events from files: the dry run of an event import (docs/events.md). The file is read
// (all or nothing, every problem located), then every event is run through the case engine
// against the lists in the database — the power version in force when each case opened, its
// flow — so the person sees, before anything is written, how many cases and events the file
// holds, which events would be refused and why, and how the cases deviate from their flows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "io/event_file.h"
#include "store/store.h"

namespace dl::service {

struct EventPreview {
  io::EventReadCounts read;
  std::vector<io::Problem> problems;  // the file's problems, then refused events
  size_t cases = 0;
  size_t events = 0;               // accepted
  size_t duplicates = 0;           // the same (source, id) again: recorded once
  size_t refused = 0;              // events that cannot belong to a case (each is in `problems`)
  size_t cases_without_power = 0;  // opened for a power the lists do not hold (法无授权即禁止)
  size_t conforming_cases = 0;     // cases with no deviation at all
  std::map<std::string, size_t> deviations;  // Chinese kind → events
  std::vector<std::string> examples;         // the first deviation messages, for the report
  bool ok() const;                           // no error problem
  Json ToJson() const;
  std::string ToText() const;
};

// Reads `path` and runs its events through a case engine built on `store`'s lists. Writes
// nothing. Errors only when the file cannot be read at all (see io::ReadEventFile).
Result<EventPreview> PreviewEventFile(store::Store& store, const std::string& path,
                                      const io::EventReadOptions& options);

}  // namespace dl::service
