#include "portal/public_view.h"

#include <cstdio>

namespace dl::portal {
namespace {

std::string UnitName(const catalog::Catalog& c, const std::string& code) {
  auto it = c.units.find(code);
  return it == c.units.end() ? std::string() : it->second.name;
}

Json TimeLimitJson(const catalog::TimeLimit& t) {
  if (t.empty()) return nullptr;
  return {{"value", t.value}, {"unit", catalog::kTimeUnits.Label(t.unit)}};
}

}  // namespace

bool Listed(const catalog::PowerRecord& record, const catalog::Power& shown, Date today) {
  if (shown.disclosure != catalog::Disclosure::kPublic) return false;
  catalog::PowerStatus status = catalog::PowerStatus::kActive;
  for (const auto& change : record.history) {
    if (change.date <= today) status = change.status;
  }
  return catalog::InForce(status);
}

catalog::Power Redacted(const catalog::Power& power) {
  catalog::Power p = power;
  p.risks.clear();
  p.controls.clear();
  p.held_by_post.clear();
  for (auto& node : p.flow.nodes) node.post.clear();
  return p;
}

Json PublicSummary(const catalog::PowerRecord& record, const catalog::Power& shown,
                   const catalog::Catalog& catalog) {
  return {
      {"code", shown.code},
      {"name", shown.name},
      {"category", catalog::kCategories.Label(shown.category)},
      {"scope", catalog::ScopeOf(shown.category) == catalog::Scope::kExternal ? "外部" : "内部"},
      {"unit", shown.unit},
      {"unit_name", UnitName(catalog, shown.unit)},
      {"time_limit", TimeLimitJson(shown.time_limit)},
      {"fees", shown.fees},
      {"status", catalog::kPowerStatuses.Label(record.Status())}};
}

Json PublicPower(const catalog::PowerRecord& record, const catalog::Power& shown,
                 const catalog::Catalog& catalog, const std::string& supervision_phone) {
  Json j = PublicSummary(record, shown, catalog);
  j["legal_basis"] = shown.legal_basis;
  j["content"] = shown.content;
  j["handling_unit_name"] = UnitName(catalog, shown.handling_unit);
  j["held_at"] = catalog::kHolderLevels.Label(shown.held_at);
  j["effective_from"] = shown.effective_from.ToString();
  Json nodes = Json::array(), edges = Json::array(), benchmarks = Json::array();
  for (const auto& n : shown.flow.nodes) {
    nodes.push_back({{"code", n.code},
                     {"name", n.name},
                     {"kind", catalog::kNodeKinds.Label(n.kind)},
                     {"time_limit", TimeLimitJson(n.time_limit)},
                     {"collective", n.collective}});
  }
  for (const auto& e : shown.flow.edges) {
    edges.push_back({{"from", e.from}, {"to", e.to}, {"condition", e.condition}});
  }
  for (const auto& b : shown.benchmarks) {
    benchmarks.push_back({{"item", b.item},
                          {"grade", catalog::kGrades.Label(b.grade)},
                          {"conditions", b.conditions},
                          {"lower", b.lower},
                          {"upper", b.upper},
                          {"unit", b.unit}});
  }
  j["flow"] = {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
  j["benchmarks"] = std::move(benchmarks);
  j["supervision_phone"] = supervision_phone;
  return j;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SummariesCsv(const std::vector<Json>& summaries) {
  std::string out =
      "\xEF\xBB\xBF权力编码,权力名称,权力类别,实施主体编码,实施主体,办理时限,收费,状态\r\n";
  for (const Json& s : summaries) {
    std::string limit;
    if (const Json& t = s["time_limit"]; t.is_object()) {
      limit = std::to_string(t["value"].get<int>()) + t["unit"].get<std::string>();
    }
    for (const char* key : {"code", "name", "category", "unit", "unit_name"}) {
      out += CsvField(s.value(key, "")) + ",";
    }
    out += CsvField(limit) + "," + CsvField(s.value("fees", "")) + "," +
           CsvField(s.value("status", "")) + "\r\n";
  }
  return out;
}

std::string UnitsCsv(const Json& units) {
  std::string out =
      "\xEF\xBB\xBF单位编码,单位名称,公开权力数,办结件数,按时办结率,满意度,评价数\r\n";
  auto decimal = [](const Json& v, const char* format) {
    if (!v.is_number()) return std::string();
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v.get<double>());
    return std::string(buf);
  };
  for (const Json& u : units) {
    out += CsvField(u.value("unit", "")) + "," + CsvField(u.value("unit_name", "")) + "," +
           std::to_string(u.value("powers", int64_t{0})) + "," +
           std::to_string(u.value("cases_closed", int64_t{0})) + "," +
           decimal(u.value("on_time_rate", Json()), "%.4f") + "," +
           decimal(u.value("satisfaction", Json()), "%.2f") + "," +
           std::to_string(u.value("ratings", int64_t{0})) + "\r\n";
  }
  return out;
}

}  // namespace dl::portal
