// daylight assess: 考核 of every unit in a period (docs/assessment.md).
#include "assess/assess_json.h"
#include "assess/report_xlsx.h"
#include "cli/commands.h"
#include "service/assessment_service.h"

namespace dl::cli {

int RunAssess(Context& ctx, const std::string& db, const std::string& period_text,
              const std::string& scheme_path, const std::string& out) {
  auto period = assess::ParsePeriod(period_text);
  if (!period) return ctx.Fail(period.error());
  auto scheme = scheme_path.empty() ? assess::DefaultScheme() : assess::LoadScheme(scheme_path);
  if (!scheme) return ctx.Fail(scheme.error());
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto catalog = opened->store->LoadCatalog();
  if (!catalog) return ctx.Fail(catalog.error());
  auto queries = store::OpenSqliteQueries(db);
  if (!queries) return ctx.Fail(queries.error());
  const access::Scope all = access::Scope::Of(access::Role::kAdmin, {}, catalog->units);
  auto result = service::Assess(**queries, *catalog, *scheme, *period, all);
  if (!result) return ctx.Fail(result.error());
  if (!out.empty()) {
    if (auto written = assess::WriteAssessmentXlsx(*result, *scheme, *period, out); !written) {
      return ctx.Fail(written.error());
    }
  }
  std::string text = scheme->name + " · " + period->Label() + "\n";
  for (const auto& u : result->units) {
    text += "  " + std::to_string(u.rank) + ". " + u.name + "  " + assess::FormatPoints(u.total) +
            " 分  " + std::string(assess::kGrades.Label(u.grade)) + "\n";
  }
  text += "共 " + std::to_string(result->units.size()) + " 个单位";
  if (!out.empty()) text += "；报表已写入 " + out;
  text += "\n";
  ctx.Print(assess::AssessmentToJson(*result), text);
  return kExitOk;
}

}  // namespace dl::cli
