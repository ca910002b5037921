// Reading case events from files (issue 4, docs/events.md): JSON Lines, CSV with English or
// Chinese headers, and IEEE XES (plain or gzip) through a mapping file. Reading is
// all-or-nothing: a read either returns every event of the file or, when anything is wrong,
// no events and every problem found, each located by file, line, column and field.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "engine/event.h"
#include "io/problem.h"

namespace dl::io {

struct EventReadOptions {
  // XES only: the mapping file (TOML, docs/events.md). Empty: the file beside the log named
  // after it without .xes/.xes.gz, e.g. DomesticDeclarations.xes.gz →
  // DomesticDeclarations.mapping.toml.
  std::string mapping_path;
  // CSV only: the UTC offset of times written without one ("2026-03-02 09:30"), i.e. the
  // time zone the sending system's clerks read. Beijing time by default.
  std::string local_utc_offset = "+08:00";
  // Most problems listed; one more line then says how many were left out. Reading goes on to
  // the end of the file regardless, so the counts stay exact.
  size_t max_problems = 1000;
};

// What a read found, for the import report. XES: `records` counts the <event> elements of the
// log, so it can be checked against the log's own statistics; the events returned are
// records − skipped + opened + closed.
struct EventReadCounts {
  size_t records = 0;   // JSON lines / CSV data rows / XES <event> elements read
  size_t events = 0;    // events returned (0 when there are errors)
  size_t cases = 0;     // distinct case ids among them
  size_t opened = 0;    // XES: opened events synthesised, one per trace
  size_t closed = 0;    // XES: closed events synthesised (docs/events.md, [close])
  size_t skipped = 0;   // XES: events whose lifecycle transition the mapping skips
  size_t unmapped = 0;  // XES: steps whose activity the mapping does not name (kept, raw code)
  std::map<std::string, size_t> unmapped_activities;  // activity → events
};

struct EventRead {
  std::vector<engine::Event> events;  // empty whenever `problems` holds an error
  std::vector<Problem> problems;      // errors and warnings in file order
  EventReadCounts counts;
};

// Reads the events of one file, by extension: .jsonl / .ndjson, .csv, .xes / .xes.gz.
// Returns an error only when a file cannot be read at all: kNotFound (the file or the XES
// mapping file is missing), kInvalidArgument (unknown extension), kIo (unreadable, corrupt
// gzip). Everything wrong inside the files — the data and the mapping — is in `problems`,
// and then `events` is empty. Events keep the file's order (XES: trace by trace, each trace
// opened, its steps, closed). Nothing is checked against a catalogue or database: codes are
// kept as written. Thread-safe (no shared state).
Result<EventRead> ReadEventFile(const std::string& path, const EventReadOptions& options = {});

}  // namespace dl::io
