// Internal to the event readers (event_file.cc, event_csv.cc, xes_reader.cc): the pieces the
// format readers share. Not part of the io library's interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "io/event_file.h"

namespace dl::io::internal {

// Collects the problems of one read, keeping at most `max` of them (the count of the rest is
// reported by Finish).
class ProblemList {
 public:
  ProblemList(std::vector<Problem>& out, size_t max) : out_(out), max_(max) {}
  void Error(Location where, std::string message);
  void Warning(Location where, std::string message);
  bool has_errors() const { return errors_ > 0; }
  // Puts the problems in file order and adds "另有 N 处问题未列出" if some were left out.
  void Finish(const std::string& file);

 private:
  void Add(Issue::Severity severity, Location where, std::string message);
  std::vector<Problem>& out_;
  size_t max_;
  size_t errors_ = 0;
  size_t omitted_ = 0;
};

// A location in a text file: file, line, optional column and field.
Location At(const std::string& file, int line, std::string column = "", std::string field = "");

// The field an EventFromJson error names (its details' "field"), and its message without the
// leading "字段 X: " (the location shows the field already).
std::pair<std::string, std::string> SplitFieldError(const Error& error);

// The spreadsheet letters of a 0-based column index: 0 → "A", 26 → "AA".
std::string ColumnLetters(size_t index);

// Events read so far, with the line each came from, so that checks across the file can be
// located.
struct EventSink {
  std::vector<engine::Event>* events = nullptr;
  std::vector<int> lines;
};

// Reports events that share (source, id): an error when they differ, a warning when they are
// the same event twice (recorded once). `hint` is appended to the error (what to do about it
// in this format).
void CheckDuplicateIds(const std::string& file, const std::string& id_field,
                       const std::string& hint, const EventSink& sink, ProblemList& problems);

// Reads JSON Lines text (docs/events.md). Lines are 1-based.
void ReadJsonLines(const std::string& file, std::string_view text, ProblemList& problems,
                   EventSink& sink, EventReadCounts& counts);

// Reads CSV text with a header row (docs/events.md).
void ReadCsv(const std::string& file, std::string_view text, const EventReadOptions& options,
             ProblemList& problems, EventSink& sink, EventReadCounts& counts);

// Reads an XES log (gzip or plain) through its mapping. Errors: kNotFound (the mapping is
// missing), kIo (unreadable, corrupt gzip).
Status ReadXes(const std::string& file, const EventReadOptions& options, ProblemList& problems,
               EventSink& sink, EventReadCounts& counts);

// Time text a person might type: RFC 3339, or "2026-03-02 09:30[:00]" / "2026/3/2 9:30" in
// the given UTC offset. Returns RFC 3339 text, or empty if it is neither.
std::string NormalizeTime(std::string_view text, std::string_view utc_offset);

// Parses a whole decimal number ("12", "-3.5", "1e3"); nullopt for anything else.
std::optional<double> ParseNumber(std::string_view text);

}  // namespace dl::io::internal
