#include "cli/context.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/issue.h"
#include "monitor/lua_rule.h"

namespace dl::cli {

void Context::Print(const Json& json_value, const std::string& text) const {
  if (json) {
    std::cout << json_value.dump(2, ' ', false) << "\n";
  } else {
    std::cout << text;
    if (!text.empty() && text.back() != '\n') std::cout << "\n";
  }
}

int Context::Fail(const Error& error) const {
  if (json) {
    Json e = {{"code", ErrorCodeName(error.code)}, {"message", error.message}};
    if (!error.details.is_null()) e["details"] = error.details;
    std::cout << Json{{"error", e}}.dump(2, ' ', false) << "\n";
  } else {
    for (const auto& issue : IssuesFromJson(error.details)) std::cerr << Describe(issue) << "\n";
    std::cerr << "错误: " << error.message << "\n";
  }
  return error.code == ErrorCode::kInvalidArgument ? kExitInvalid : kExitFailure;
}

void Context::Stage(const std::string& stage) const {
  if (progress) std::cerr << "… " << stage << "\n";
}

std::string Context::Actor() const {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : "local");
}

Json RiskFormulaToJson(const catalog::RiskFormula& f) {
  return {{"weights", f.weights}, {"high_at", f.high_at}, {"medium_at", f.medium_at}};
}

namespace {
Status CheckFormula(const catalog::RiskFormula& f) {
  for (int w : f.weights) {
    if (w < 0 || w > 100) return Err(ErrorCode::kInvalidArgument, "风险评分权重应为 0–100 的整数");
  }
  if (f.medium_at > f.high_at) {
    return Err(ErrorCode::kInvalidArgument, "medium_at 不能大于 high_at");
  }
  return Ok();
}
}  // namespace

Result<catalog::RiskFormula> RiskFormulaFromJson(const Json& j) {
  catalog::RiskFormula f;
  try {
    auto w = j.at("weights").get<std::vector<int>>();
    if (w.size() != 5) return Err(ErrorCode::kCorrupt, "风险评分公式应有 5 个权重");
    std::copy(w.begin(), w.end(), f.weights.begin());
    f.high_at = j.at("high_at").get<int>();
    f.medium_at = j.at("medium_at").get<int>();
  } catch (const Json::exception& e) {
    return Err(ErrorCode::kCorrupt, std::string("风险评分公式设置无法解析: ") + e.what());
  }
  DL_RETURN_IF_ERROR(CheckFormula(f));
  return f;
}

Result<catalog::RiskFormula> LoadRiskFormulaToml(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& err) {
    return Err(ErrorCode::kInvalidArgument, path + " 第 " +
                                                std::to_string(err.source().begin.line) + " 行第 " +
                                                std::to_string(err.source().begin.column) +
                                                " 列: " + std::string(err.description()));
  }
  catalog::RiskFormula f;
  if (const toml::array* w = t["risk_formula"]["weights"].as_array()) {
    if (w->size() != 5) {
      return Err(ErrorCode::kInvalidArgument, path + ": [risk_formula] weights 应有 5 个整数");
    }
    for (size_t i = 0; i < 5; ++i) {
      auto v = (*w)[i].value<int64_t>();
      if (!v) return Err(ErrorCode::kInvalidArgument, path + ": weights 应为整数");
      f.weights[i] = static_cast<int>(*v);
    }
  }
  if (auto v = t["risk_formula"]["high_at"].value<int64_t>()) f.high_at = static_cast<int>(*v);
  if (auto v = t["risk_formula"]["medium_at"].value<int64_t>()) f.medium_at = static_cast<int>(*v);
  DL_RETURN_IF_ERROR(CheckFormula(f));
  return f;
}

std::string KeyPath(const std::string& db) { return db + ".key"; }
std::string RulesPath(const std::string& db) { return db + ".rules"; }
std::string CalendarPath(const std::string& db) { return db + ".calendar.toml"; }

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(ErrorCode::kIo, "无法读取文件 " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Err(ErrorCode::kIo, "无法写入文件 " + path);
  out << text;
  out.close();
  if (!out) return Err(ErrorCode::kIo, "写入文件失败 " + path);
  return Ok();
}

namespace {

// The log's origin line for checkpoints: stored at init, derived from the file name.
std::string DefaultOrigin(const std::string& db) {
  return "daylight/" + std::filesystem::path(db).stem().string();
}

// The custom Lua rules in "<db>.rules/*.lua", in file-name order. A file that does not load
// is reported on stderr and left out; the others run.
std::vector<std::shared_ptr<monitor::LuaRule>> LoadCustomRules(const Context& ctx,
                                                               const std::string& db) {
  std::vector<std::shared_ptr<monitor::LuaRule>> rules;
  std::error_code ec;
  const std::filesystem::path dir = RulesPath(db);
  if (!std::filesystem::is_directory(dir, ec)) return rules;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".lua") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto rule = monitor::LuaRule::LoadFile(file.string());
    if (!rule) {
      if (!ctx.json) std::cerr << "警告：自定义规则未加载：" << rule.error().message << "\n";
      continue;
    }
    rules.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace

Result<monitor::RuleParams> LoadRuleParams(const std::string& db) {
  const std::string file = (std::filesystem::path(RulesPath(db)) / "rules.toml").string();
  if (!std::filesystem::exists(file)) return monitor::RuleParams{};
  DL_ASSIGN_OR_RETURN(std::string text, ReadTextFile(file));
  return monitor::ParseRuleParams(text, file);
}

namespace {

// The calendar of time limits: "<db>.calendar.toml" when present — a whole calendar if it
// says kind = "weekends", else overrides of the built-in Chinese one — else the built-in one.
Result<calendar::WorkCalendar::Ptr> LoadCalendar(const std::string& db) {
  DL_ASSIGN_OR_RETURN(auto china, calendar::WorkCalendar::China());
  const std::string file = CalendarPath(db);
  if (!std::filesystem::exists(file)) return china;
  DL_ASSIGN_OR_RETURN(std::string text, ReadTextFile(file));
  if (auto whole = calendar::WorkCalendar::FromToml(text, file);
      whole && (*whole)->kind() == calendar::CalendarKind::kWeekends) {
    return *whole;
  }
  return china->WithOverrides(text, file);
}

Status StartWriter(Context& ctx, const std::string& path, const std::string& origin, Opened& o) {
  writer::WriterOptions options;
  options.formula = o.formula;
  options.origin = origin;
  if (std::filesystem::exists(KeyPath(path))) {
    DL_ASSIGN_OR_RETURN(auto key, ledger::SigningKey::Load(KeyPath(path)));
    options.signer = std::make_shared<const ledger::SigningKey>(std::move(key));
  }
  options.custom_rules = LoadCustomRules(ctx, path);
  DL_ASSIGN_OR_RETURN(options.rules, LoadRuleParams(path));
  DL_ASSIGN_OR_RETURN(options.calendar, LoadCalendar(path));
  DL_ASSIGN_OR_RETURN(o.writer, writer::Writer::Start(*o.store, ctx.clock, options));
  return Ok();
}

}  // namespace

Result<Opened> OpenDatabase(Context& ctx, const std::string& path, bool with_writer) {
  Opened o;
  DL_ASSIGN_OR_RETURN(o.store, store::OpenSqliteStore(path, {.create = false}));
  DL_ASSIGN_OR_RETURN(std::string formula_text, o.store->GetSetting(kRiskFormulaSetting));
  if (!formula_text.empty()) {
    auto j = ParseJson(formula_text, nullptr);
    if (!j) return Err(ErrorCode::kCorrupt, "风险评分公式设置损坏");
    DL_ASSIGN_OR_RETURN(o.formula, RiskFormulaFromJson(*j));
  }
  DL_ASSIGN_OR_RETURN(std::string origin_text, o.store->GetSetting(kOriginSetting));
  auto origin = ParseJson(origin_text.empty() ? "null" : origin_text, nullptr);
  o.origin = origin && origin->is_string() ? origin->get<std::string>() : DefaultOrigin(path);
  if (with_writer) DL_RETURN_IF_ERROR(StartWriter(ctx, path, o.origin, o));
  return o;
}

Result<Opened> InitDatabase(Context& ctx, const std::string& path,
                            const catalog::RiskFormula* formula) {
  {
    // Create the file and apply migrations.
    DL_ASSIGN_OR_RETURN(auto created, store::OpenSqliteStore(path, {.create = true}));
  }
  if (!std::filesystem::exists(KeyPath(path))) {
    // The checkpoint signing key lives outside the database, readable only by its owner.
    DL_ASSIGN_OR_RETURN(auto key, ledger::SigningKey::Generate("daylight"));
    DL_RETURN_IF_ERROR(key.Save(KeyPath(path)));
  }
  DL_ASSIGN_OR_RETURN(Opened o, OpenDatabase(ctx, path, /*with_writer=*/false));
  if (formula) o.formula = *formula;  // otherwise: the stored one, or the default
  DL_RETURN_IF_ERROR(StartWriter(ctx, path, o.origin, o));
  // Settings that differ from the stored ones are recorded in the ledger like any change.
  writer::Submission sub{ctx.Actor(), {}, false};
  const std::pair<const char*, std::string> settings[] = {
      {kRiskFormulaSetting, CanonicalJson(RiskFormulaToJson(o.formula))},
      {kOriginSetting, CanonicalJson(Json(o.origin))}};
  for (const auto& [key, value] : settings) {
    DL_ASSIGN_OR_RETURN(std::string current, o.store->GetSetting(key));
    if (current != value) sub.commands.push_back(catalog::Change(catalog::SettingPut{key, value}));
  }
  if (!sub.commands.empty()) DL_RETURN_IF_ERROR(o.writer->Submit(std::move(sub)));
  return o;
}

}  // namespace dl::cli
