#include "cli/commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "catalog/report.h"
#include "catalog/validate.h"
#include "demo/accounts.h"
#include "demo/case_gen.h"
#include "demo/demo.h"
#include "io/catalog_file.h"
#include "render/flow_svg.h"
#include "service/account_service.h"
#include "service/catalog_service.h"
#include "service/event_service.h"

namespace dl::cli {
namespace {

std::string ProblemsText(const std::vector<io::Problem>& problems) {
  std::string t;
  for (const auto& p : problems) t += io::Describe(p) + "\n";
  return t;
}

int ReportImport(Context& ctx, const service::ImportReport& r) {
  size_t errors = 0, warnings = 0;
  for (const auto& p : r.problems) (p.severity == Issue::Severity::kError ? errors : warnings)++;
  std::string text = ProblemsText(r.problems);
  if (errors > 0) {
    text += "导入未执行：发现 " + std::to_string(errors) + " 处错误、" + std::to_string(warnings) +
            " 处警告，数据库未作任何修改。\n";
  } else if (r.dry_run) {
    text += "试运行通过：将写入 " + std::to_string(r.entries) + " 条变更（" +
            std::to_string(warnings) + " 处警告）；数据库未作任何修改。\n";
  } else {
    text += "导入完成：写入 " + std::to_string(r.entries) + " 条变更" +
            (r.entries ? "（留痕记录 " + std::to_string(r.first_seq) + "–" +
                             std::to_string(r.last_seq) + "）"
                       : "") +
            "，" + std::to_string(warnings) + " 处警告。\n";
  }
  ctx.Print(r.ToJson(), text);
  return errors > 0 ? kExitInvalid : kExitOk;
}

}  // namespace

namespace {

std::string AdminText(const std::optional<std::string>& password) {
  if (!password) return "";
  return "\n系统管理员 登录名 admin，初始密码 " + *password + "（只显示这一次；登录后请修改）";
}

// The first administrator and one account per role for trying the demo (demo/accounts.h),
// all with one random password; nullopt when the database already had accounts.
Result<std::optional<std::string>> DemoLogins(writer::Writer& writer) {
  service::AccountService accounts(writer);
  DL_ASSIGN_OR_RETURN(auto admin, accounts.EnsureFirstAdmin());
  if (!admin) return admin;
  DL_RETURN_IF_ERROR(accounts.Update("demo", "admin", {.password = *admin}).map([](auto&&) {}));
  for (const access::Account& a : demo::DemoAccounts(*writer.Published(), demo::DemoToday())) {
    service::NewAccount n{a.login, a.name, a.role, a.units, a.person, *admin};
    DL_RETURN_IF_ERROR(accounts.Create("demo", n).map([](auto&&) {}));
  }
  return admin;
}

}  // namespace

int RunInit(Context& ctx, const std::string& db, const std::string& config) {
  std::optional<catalog::RiskFormula> configured;
  if (!config.empty()) {
    auto f = LoadRiskFormulaToml(config);
    if (!f) return ctx.Fail(f.error());
    configured = *f;
  }
  auto opened = InitDatabase(ctx, db, configured ? &*configured : nullptr);
  if (!opened) return ctx.Fail(opened.error());
  const catalog::RiskFormula& formula = opened->formula;
  auto admin = service::AccountService(*opened->writer).EnsureFirstAdmin();
  if (!admin) return ctx.Fail(admin.error());
  auto size = opened->store->LedgerSize();
  Json out = {{"db", db},
              {"ledger_size", size.value_or(0)},
              {"risk_formula", RiskFormulaToJson(formula)},
              {"origin", opened->origin},
              {"key_file", KeyPath(db)}};
  if (*admin) out["admin_password"] = **admin;
  ctx.Print(out, "已初始化数据库 " + db + "\n风险评分公式：" + formula.Describe() +
                     "\n检查点签名密钥：" + KeyPath(db) +
                     "（请妥善保管并备份；用 daylight key 导出可公开的验证公钥）" +
                     AdminText(*admin));
  return kExitOk;
}

namespace {

// "办件：一年受理 23 990 件、事件 351 893 个；监察预警 3 210 条（backdating 958 …）".
std::string CasesText(const writer::CaseTally& year) {
  if (year.events == 0) return "";
  size_t warned = 0;
  std::string by_rule;
  for (const auto& [rule, n] : year.warnings) {
    warned += n;
    by_rule += (by_rule.empty() ? "" : "，") + rule + " " + std::to_string(n);
  }
  std::string t = "办件：受理 " + std::to_string(year.cases_opened) + " 件，事件 " +
                  std::to_string(year.events) + " 个；监察规则预警 " + std::to_string(warned) +
                  " 条（" + by_rule +
                  "；未办结办件的超期由期限检查随后发出；daylight warnings 查看）\n";
  if (year.deadline_unknown) {
    t += std::to_string(year.deadline_unknown) +
         " 个时限跨入日历没有数据的年份，暂不检查超期（见 docs/calendar.md）\n";
  }
  return t;
}

}  // namespace

int RunDemo(Context& ctx, const std::string& db, uint64_t seed, int cases) {
  ctx.Stage("初始化数据库");
  // The demo's risk levels follow the default formula, so a demo database uses it.
  const catalog::RiskFormula default_formula;
  auto opened = InitDatabase(ctx, db, &default_formula);
  if (!opened) return ctx.Fail(opened.error());
  ctx.Stage("生成示范县（种子 " + std::to_string(seed) + "）");
  catalog::Catalog county = demo::GenerateDemoCounty({.seed = seed});
  ctx.Stage("写入");
  writer::Submission sub;
  sub.actor = "demo";
  sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, std::move(county));
  auto receipt = opened->writer->Submit(std::move(sub));
  if (!receipt) return ctx.Fail(receipt.error());
  auto state = opened->writer->Snapshot();
  // A year of cases, one month per submission (a case never spans two): the rules judge them
  // as they are recorded, and the deadline check raises what is overdue at the end.
  writer::CaseTally year;
  size_t year_entries = 0;
  std::string tracking_sample;
  if (cases > 0) {
    ctx.Stage("生成一年的办件（" + std::to_string(cases) + " 件）");
    demo::DemoCases generated = demo::GenerateDemoCases(state, {.seed = seed, .cases = cases});
    tracking_sample = generated.tracking_sample;
    for (auto& month : generated.by_month) {
      if (month.empty()) continue;
      ctx.Stage("记录 " + FormatInstant(month.front().occurred).substr(0, 7) + " 的办件事件（" +
                std::to_string(month.size()) + " 个）");
      writer::Submission events;
      events.actor = "demo";
      events.commands.emplace_back(std::in_place_type<writer::RecordEvents>, std::move(month));
      auto recorded = opened->writer->Submit(std::move(events));
      if (!recorded) return ctx.Fail(recorded.error());
      year_entries += recorded->entries;
      year.events += recorded->cases.events;
      year.cases_opened += recorded->cases.cases_opened;
      for (const auto& [rule, n] : recorded->cases.warnings) year.warnings[rule] += n;
      year.deadline_unknown += recorded->cases.deadline_unknown;
    }
  }
  ctx.Stage("处置较早的预警");
  auto disposed = DemoDisposals(*opened->store, *opened->writer);
  if (!disposed) return ctx.Fail(disposed.error());
  ctx.Stage("演示账号");
  auto logins = DemoLogins(*opened->writer);
  if (!logins) return ctx.Fail(logins.error());
  Json summary = catalog::Summarize(state);
  summary["db"] = db;
  if (*logins) summary["password"] = **logins;
  summary["seed"] = seed;
  summary["ledger_entries"] = receipt->entries + year_entries;
  summary["cases"] = {{"opened", year.cases_opened},
                      {"events", year.events},
                      {"warnings", year.warnings},
                      {"deadline_unknown", year.deadline_unknown}};
  std::string example;  // a flow worth drawing: the first 三重一大 power
  for (const auto& [code, rec] : state.powers) {
    if (rec.power.category == catalog::Category::kMajorDecision) {
      example = code;
      break;
    }
  }
  summary["example_power"] = example;
  summary["warnings_disposed"] = *disposed;
  std::string tracking_text;  // a case to follow on the portal (办件查询)
  if (!tracking_sample.empty()) {
    const std::string phone = demo::DemoApplicantPhone(tracking_sample);
    summary["tracking_sample"] = {{"case", tracking_sample}, {"check", phone.substr(7)}};
    tracking_text = "办件查询示例（门户 /track）：受理编号 " + tracking_sample + "，手机号后四位 " +
                    phone.substr(7) + "\n";
  }
  ctx.Print(summary,
            "示范县已写入 " + db + "（种子 " + std::to_string(seed) + "，本次新增留痕记录 " +
                std::to_string(receipt->entries + year_entries) + " 条）\n" +
                catalog::SummaryText(summary) + CasesText(year) +
                (*disposed ? "预警处置：较早的 " + std::to_string(*disposed) +
                                 " 条预警已演示处置（说明、处置与两责、办结或不予处置）\n"
                           : "") +
                tracking_text +
                (example.empty() ? ""
                                 : "示例流程图：daylight render --db " + db + " flow " + example +
                                       " -o var/" + example + ".svg\n") +
                (*logins ? "演示账号 admin（系统管理员）、jingban（经办人）、lingdao（领导）、"
                           "danwei（单位管理员）、jijian（纪检监察），密码都是 " +
                               **logins + "（只显示这一次）\n"
                         : ""));
  return kExitOk;
}

int RunImportCatalog(Context& ctx, const std::string& db, const std::string& file, bool dry_run) {
  auto opened = OpenDatabase(ctx, db, true);
  if (!opened) return ctx.Fail(opened.error());
  auto report = service::ImportCatalogFile(*opened->writer, file, ctx.Actor(), dry_run,
                                           [&](const std::string& s) { ctx.Stage(s); });
  if (!report) return ctx.Fail(report.error());
  return ReportImport(ctx, *report);
}

int RunImportEvents(Context& ctx, const std::string& db, const std::string& file,
                    const std::string& mapping, bool dry_run) {
  auto opened = OpenDatabase(ctx, db, /*with_writer=*/true);
  if (!opened) return ctx.Fail(opened.error());
  ctx.Stage("读取 " + file + (dry_run ? "，按流程逐个事件检查（试运行）" : "，按流程检查并写入"));
  io::EventReadOptions options;
  options.mapping_path = mapping;
  auto report = service::ImportEventFile(*opened->writer, ctx.Actor(), file, options, dry_run);
  if (!report) return ctx.Fail(report.error());
  ctx.Print(report->ToJson(), report->ToText());
  return report->ok() ? kExitOk : kExitInvalid;
}

int RunWarnings(Context& ctx, const std::string& db, const store::WarningFilter& filter) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto rows = opened->store->Warnings(filter);
  if (!rows) return ctx.Fail(rows.error());
  Json list = Json::array();
  std::string text;
  std::map<std::string, size_t> by_level;
  for (const auto& w : *rows) {
    list.push_back({{"seq", w.seq},
                    {"rule", w.rule},
                    {"rule_name", w.rule_name},
                    {"level", w.level},
                    {"message", w.message},
                    {"case", w.case_id},
                    {"power", w.power},
                    {"unit", w.unit},
                    {"supervisor", w.supervisor},
                    {"person", w.person},
                    {"evidence", w.evidence},
                    {"raised", w.raised},
                    {"status", w.status}});
    ++by_level[w.level];
    text += w.raised.substr(0, 10) + "  " + w.level + "  " + w.rule_name + "  " + w.message +
            "（单位 " + w.unit + "，监督单位 " + (w.supervisor.empty() ? "—" : w.supervisor) +
            "，证据：第 " + (w.evidence.empty() ? "?" : std::to_string(w.evidence.front())) +
            " 条留痕，" + w.status + "）\n";
  }
  text += "共 " + std::to_string(rows->size()) + " 条预警";
  for (const auto& [level, n] : by_level) text += "，" + level + " " + std::to_string(n);
  text += "\n";
  ctx.Print(list, text);
  return kExitOk;
}

int RunExportCatalog(Context& ctx, const std::string& db, const std::string& format,
                     const std::string& out) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto cat = opened->store->LoadCatalog();
  if (!cat) return ctx.Fail(cat.error());
  if (out.empty() || out == "-") {
    if (format == "xlsx") {
      return ctx.Fail({ErrorCode::kInvalidArgument, "导出 xlsx 时必须用 -o 指定文件", nullptr});
    }
    std::cout << io::CatalogJsonText(*cat);
    return kExitOk;
  }
  if (auto s = io::WriteCatalogFile(*cat, out, format); !s) return ctx.Fail(s.error());
  ctx.Print({{"file", out}, {"powers", cat->powers.size()}},
            "已导出 " + std::to_string(cat->powers.size()) + " 项权力到 " + out);
  return kExitOk;
}

int RunExportTemplate(Context& ctx, const std::string& out) {
  if (out.empty())
    return ctx.Fail({ErrorCode::kInvalidArgument, "请用 -o 指定模板文件名（.xlsx）", nullptr});
  if (auto s = io::WriteCatalogTemplate(out); !s) return ctx.Fail(s.error());
  ctx.Print({{"file", out}}, "已生成空白模板 " + out);
  return kExitOk;
}

int RunRenderFlow(Context& ctx, const std::string& db, const std::string& code,
                  const std::string& out, const std::string& on_date) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto cat = opened->store->LoadCatalog();
  if (!cat) return ctx.Fail(cat.error());
  catalog::Power power;
  if (on_date.empty()) {
    auto it = cat->powers.find(code);
    if (it == cat->powers.end())
      return ctx.Fail({ErrorCode::kNotFound, "权力“" + code + "”不存在", nullptr});
    power = it->second.power;
  } else {
    auto day = Date::Parse(on_date);
    if (!day) return ctx.Fail({ErrorCode::kInvalidArgument, "--on 应为日期 YYYY-MM-DD", nullptr});
    auto p = opened->store->PowerInForce(code, *day);
    if (!p) return ctx.Fail(p.error());
    power = *p;
  }
  auto svg = render::RenderFlowSvg(power, *cat);
  if (!svg) return ctx.Fail(svg.error());
  if (out.empty() || out == "-") {
    std::cout << *svg;
    return kExitOk;
  }
  if (auto s = WriteTextFile(out, *svg); !s) return ctx.Fail(s.error());
  ctx.Print({{"file", out}, {"power", code}, {"bytes", svg->size()}}, "已生成流程图 " + out);
  return kExitOk;
}

int RunValidate(Context& ctx, const std::string& db, const std::string& today) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto cat = opened->store->LoadCatalog();
  if (!cat) return ctx.Fail(cat.error());
  Date day = DateOf(ctx.clock.Now());
  if (!today.empty()) {
    auto d = Date::Parse(today);
    if (!d) return ctx.Fail({ErrorCode::kInvalidArgument, "--today 应为日期 YYYY-MM-DD", nullptr});
    day = *d;
  }
  auto issues = catalog::ValidateCatalog(*cat, opened->formula, day);
  size_t errors = 0;
  std::string text;
  for (const auto& i : issues) {
    errors += i.severity == Issue::Severity::kError;
    text += Describe(i) + "\n";
  }
  // The supervision rules over the organisation on that day: incompatible posts held at once
  // (sod-static) and high-risk posts held too long (rotation).
  auto params = LoadRuleParams(db);
  if (!params) return ctx.Fail(params.error());
  std::vector<monitor::Finding> findings = monitor::CheckStaticSod(*cat, day, *params);
  for (auto& f : monitor::CheckRotation(*cat, day, *params)) findings.push_back(std::move(f));
  Json organisation = Json::array();
  for (const auto& f : findings) {
    organisation.push_back({{"rule", f.rule},
                            {"level", monitor::kLevels.Label(f.level)},
                            {"person", f.person},
                            {"message", f.message}});
    text += std::string(monitor::kLevels.Label(f.level)) + "  " + f.message + "\n";
  }
  text += "校验完成：" + std::to_string(cat->powers.size()) + " 项权力，" + std::to_string(errors) +
          " 处错误，" + std::to_string(issues.size() - errors) + " 处警告；岗位监察发现 " +
          std::to_string(findings.size()) + " 项（不相容岗位兼任、重点岗位未按期轮岗）。\n";
  ctx.Print({{"errors", errors},
             {"warnings", issues.size() - errors},
             {"issues", IssuesToJson(issues)},
             {"organisation", std::move(organisation)}},
            text);
  return errors ? kExitInvalid : kExitOk;
}

int RunReportChanges(Context& ctx, const std::string& db, const std::string& by) {
  catalog::Period period = by == "quarter" ? catalog::Period::kQuarter
                           : by == "month" ? catalog::Period::kMonth
                                           : catalog::Period::kYear;
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto cat = opened->store->LoadCatalog();
  if (!cat) return ctx.Fail(cat.error());
  Json rows = Json::array();
  std::string text = "期间\t取消\t下放\t合并\t调整\t合计\n";
  using catalog::PowerStatus;
  for (const auto& row : catalog::CountStatusChanges(*cat, period)) {
    auto n = [&](PowerStatus s) {
      auto it = row.counts.find(s);
      return it == row.counts.end() ? 0 : it->second;
    };
    rows.push_back({{"period", row.period},
                    {"取消", n(PowerStatus::kCancelled)},
                    {"下放", n(PowerStatus::kDelegated)},
                    {"合并", n(PowerStatus::kMerged)},
                    {"调整", n(PowerStatus::kAdjusted)},
                    {"total", row.total}});
    text += row.period + "\t" + std::to_string(n(PowerStatus::kCancelled)) + "\t" +
            std::to_string(n(PowerStatus::kDelegated)) + "\t" +
            std::to_string(n(PowerStatus::kMerged)) + "\t" +
            std::to_string(n(PowerStatus::kAdjusted)) + "\t" + std::to_string(row.total) + "\n";
    text += "  （取消" + std::to_string(n(PowerStatus::kCancelled)) + "项、下放" +
            std::to_string(n(PowerStatus::kDelegated)) + "项、合并" +
            std::to_string(n(PowerStatus::kMerged)) + "项、调整" +
            std::to_string(n(PowerStatus::kAdjusted)) + "项）\n";
  }
  ctx.Print({{"by", by}, {"rows", rows}}, text);
  return kExitOk;
}

int RunSummary(Context& ctx, const std::string& db) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto cat = opened->store->LoadCatalog();
  if (!cat) return ctx.Fail(cat.error());
  auto size = opened->store->LedgerSize();
  Json summary = catalog::Summarize(*cat);
  summary["ledger_entries"] = size.value_or(0);
  ctx.Print(summary, catalog::SummaryText(summary) + "留痕记录 " +
                         std::to_string(size.value_or(0)) + " 条\n");
  return kExitOk;
}

}  // namespace dl::cli
