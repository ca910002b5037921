// Importing case events from files (docs/events.md). The file is read (all or nothing, every
// problem located); its events then go through the writer as one submission — the same path
// as events from the HTTP API — so a dry run judges them exactly as the import would:
// deduplicated against what is recorded, each case pinned to the power version in force
// when it opened, every step checked against the flow.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "io/event_file.h"
#include "writer/writer.h"

namespace dl::service {

struct EventImportReport {
  io::EventReadCounts read;
  std::vector<io::Problem> problems;  // the file's problems, then refused events
  writer::CaseTally cases;            // what the events did (or would do)
  size_t entries = 0;                 // ledger entries written (0 on a dry run)
  uint64_t first_seq = 0, last_seq = 0;
  bool dry_run = false;
  bool ok() const;  // no error problem
  Json ToJson() const;
  std::string ToText() const;
};

// Reads `path` and submits its events as `actor`. With dry_run (or when the file has errors)
// nothing is written. An error result only when the file cannot be read at all or the
// writer fails; refused events are problems in the report.
Result<EventImportReport> ImportEventFile(writer::Writer& writer, const std::string& actor,
                                          const std::string& path,
                                          const io::EventReadOptions& options, bool dry_run);

}  // namespace dl::service
