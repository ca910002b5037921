// Use cases over the catalogue, shared by the CLI and (later) the HTTP API: import a file
// with an optional dry run, and validate the stored catalogue.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "io/problem.h"
#include "writer/writer.h"

namespace dl::service {

struct ImportReport {
  bool dry_run = false;
  bool applied = false;  // true when the changes were committed
  size_t entries = 0;    // ledger entries written (or that a real run would write)
  uint64_t first_seq = 0, last_seq = 0;
  std::vector<io::Problem> problems;  // every error and warning, located in the file
  Json ToJson() const;
};

// Progress stages for a person watching a terminal ("读取", "校验", "写入").
using Progress = std::function<void(const std::string& stage)>;

// Decides whether the importer may declare what a file holds (e.g. only units in their scope);
// an error refuses the whole import.
using Admit = std::function<Status(const catalog::Catalog& incoming)>;

// Reads the file (.json/.xlsx), validates everything it declares against the current
// state, and — unless dry_run, and only if there is no error — commits it as one atomic
// submission. Nothing is ever half-imported. An error result only when the file cannot be
// read, `admit` refuses it, or the store fails; content problems are in the report with
// applied = false. `display_name` names the file in problems (default: the path).
Result<ImportReport> ImportCatalogFile(writer::Writer& writer, const std::string& path,
                                       const std::string& actor, bool dry_run,
                                       const Progress& progress = {}, const Admit& admit = {},
                                       const std::string& display_name = "");

}  // namespace dl::service
