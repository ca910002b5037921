// What every CLI command shares: output mode (text or --json), opening the store and the
// writer, and turning errors into a message and an exit code.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "catalog/risk_formula.h"
#include "monitor/rules.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::cli {

// Exit codes: 0 ok; 1 the input or the data has errors (reported); 2 usage or environment
// (missing file, cannot open the database).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitFailure = 2;

struct Context {
  bool json = false;
  bool progress = false;  // stderr is a terminal and output is not JSON
  SystemClock clock;

  // Prints a JSON document (with --json) or text to stdout.
  void Print(const Json& json_value, const std::string& text) const;
  // Prints an error to stderr (or as {"error":{…}} on stdout with --json); returns the exit code.
  int Fail(const Error& error) const;
  void Stage(const std::string& stage) const;
  std::string Actor() const;
};

// Settings kept in the database so every command applies the same rules.
inline constexpr const char* kRiskFormulaSetting = "risk_formula";
inline constexpr const char* kOriginSetting = "log_origin";  // checkpoints' origin line
// The checkpoint signing key of a database: "<db>.key" beside it (mode 0600).
std::string KeyPath(const std::string& db);
// The folder of custom Lua rules of a database: "<db>.rules" beside it (docs/rules.md).
std::string RulesPath(const std::string& db);
// The rule parameters: "<db>.rules/rules.toml" when present (docs/rules.md), else defaults.
Result<monitor::RuleParams> LoadRuleParams(const std::string& db);
// The deployment's calendar file next to the database: "<db>.calendar.toml" (docs/calendar.md).
std::string CalendarPath(const std::string& db);
// Writes `text` to `path`, replacing it; io error naming the file.
Status WriteTextFile(const std::string& path, const std::string& text);
Json RiskFormulaToJson(const catalog::RiskFormula& f);
Result<catalog::RiskFormula> RiskFormulaFromJson(const Json& j);
// Reads [risk_formula] weights = [..5 ints], high_at, medium_at from a TOML file.
Result<catalog::RiskFormula> LoadRiskFormulaToml(const std::string& path);

struct Opened {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<writer::Writer> writer;
  catalog::RiskFormula formula;
  std::string origin;
};
// Opens an existing database (with_writer: also starts the writer).
Result<Opened> OpenDatabase(Context& ctx, const std::string& path, bool with_writer);
// Creates (or reopens) a database. With a formula, stores it (through the writer, so the
// change is in the ledger); without, keeps the stored one (or the default on a new file).
Result<Opened> InitDatabase(Context& ctx, const std::string& path,
                            const catalog::RiskFormula* formula);

}  // namespace dl::cli
