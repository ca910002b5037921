// `daylight case`: online handling from the command line (service/handling_service.h).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace dl::cli {

// Adds `case --db F open|start|step|decide|suspend|resume|close|show …` to `app`; the chosen
// command sets `rc` to its exit code (0 done, 1 bad input or refused, 2 failure).
void AddCaseCommand(CLI::App& app, Context& ctx, int& rc);

}  // namespace dl::cli
