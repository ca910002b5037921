#include "catalog/report.h"

#include <algorithm>
#include <cstdio>

namespace dl::catalog {

std::string PeriodOf(Date d, Period period) {
  auto ymd = d.Ymd();
  int y = static_cast<int>(ymd.year());
  unsigned m = static_cast<unsigned>(ymd.month());
  char buf[32];
  switch (period) {
    case Period::kYear:
      std::snprintf(buf, sizeof buf, "%04d", y);
      break;
    case Period::kQuarter:
      std::snprintf(buf, sizeof buf, "%04dQ%u", y, (m - 1) / 3 + 1);
      break;
    case Period::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
      break;
  }
  return buf;
}

std::vector<StatusChangeRow> CountStatusChanges(const Catalog& catalog, Period period,
                                                const PowerFilter& keep) {
  std::map<std::string, StatusChangeRow> rows;
  for (const auto& [_, rec] : catalog.powers) {
    if (keep && !keep(rec)) continue;
    for (const auto& change : rec.history) {
      auto& row = rows[PeriodOf(change.date, period)];
      row.counts[change.status]++;
      row.total++;
    }
  }
  std::vector<StatusChangeRow> out;
  for (auto& [p, row] : rows) {
    row.period = p;
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<StatusChangeItem> ListStatusChanges(const Catalog& catalog, const PowerFilter& keep) {
  std::vector<StatusChangeItem> out;
  for (const auto& [code, rec] : catalog.powers) {
    if (keep && !keep(rec)) continue;
    for (const auto& change : rec.history) {
      out.push_back({code, rec.power.name, rec.power.unit, change});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.change.date > b.change.date; });
  return out;
}

std::vector<ReviewItem> ReviewCampaign(const Catalog& catalog, int year, Date today,
                                       const PowerFilter& keep) {
  const Date year_end = Date::FromYmd(year, 12, 31);
  std::vector<ReviewItem> out;
  for (const auto& [code, rec] : catalog.powers) {
    if (!InForce(rec.Status()) || (keep && !keep(rec))) continue;
    const Power& p = rec.power;
    for (const Risk& r : p.risks) {
      if (r.next_review && *r.next_review > year_end) continue;
      ReviewItem item{p.unit, code,    p.name,        r.code,
                      r.name, r.level, r.next_review, !r.next_review || *r.next_review < today,
                      0};
      for (const auto& c : p.controls) item.controls += c.risk == r.code;
      out.push_back(std::move(item));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ReviewItem& a, const ReviewItem& b) { return a.unit < b.unit; });
  return out;
}

Json Summarize(const Catalog& c) {
  std::map<std::string, int> by_category, by_status, by_disclosure, risks_by_level,
      controls_by_type;
  int risks = 0, controls = 0, benchmarks = 0, flows = 0, nodes = 0, discipline_units = 0;
  for (const auto& [_, u] : c.units) {
    discipline_units +=
        u.kind == org::UnitKind::kDiscipline || u.kind == org::UnitKind::kResidentGroup;
  }
  for (const auto& [_, rec] : c.powers) {
    const Power& p = rec.power;
    by_category[std::string(kCategories.Label(p.category))]++;
    by_status[std::string(kPowerStatuses.Label(rec.Status()))]++;
    by_disclosure[std::string(kDisclosures.Label(p.disclosure))]++;
    flows += !p.flow.empty();
    nodes += static_cast<int>(p.flow.nodes.size());
    for (const auto& r : p.risks) {
      risks_by_level[std::string(kRiskLevels.Label(r.level))]++;
      ++risks;
    }
    for (const auto& ctl : p.controls) {
      ++controls;
      for (auto t : ctl.types) controls_by_type[std::string(kControlTypes.Label(t))]++;
    }
    benchmarks += static_cast<int>(p.benchmarks.size());
  }
  return {{"units", c.units.size()},
          {"discipline_units", discipline_units},
          {"posts", c.posts.size()},
          {"persons", c.persons.size()},
          {"assignments", c.assignments.size()},
          {"relations", c.relations.size()},
          {"powers", c.powers.size()},
          {"powers_by_category", by_category},
          {"powers_by_status", by_status},
          {"powers_by_disclosure", by_disclosure},
          {"flows", flows},
          {"flow_nodes", nodes},
          {"risks", risks},
          {"risks_by_level", risks_by_level},
          {"controls", controls},
          {"controls_by_type", controls_by_type},
          {"benchmarks", benchmarks}};
}

std::string SummaryText(const Json& s) {
  auto counts = [](const Json& m) {
    std::string out;
    for (const auto& [k, v] : m.items()) {
      if (!out.empty()) out += "，";
      out += k + " " + std::to_string(v.get<int>());
    }
    return out;
  };
  std::string t;
  t += "单位 " + std::to_string(s["units"].get<int>()) + " 个（其中纪检监察机构 " +
       std::to_string(s["discipline_units"].get<int>()) + " 个），岗位 " +
       std::to_string(s["posts"].get<int>()) + " 个，人员 " +
       std::to_string(s["persons"].get<int>()) + " 人，任职 " +
       std::to_string(s["assignments"].get<int>()) + " 条，利害关系 " +
       std::to_string(s["relations"].get<int>()) + " 条\n";
  t += "权力 " + std::to_string(s["powers"].get<int>()) + " 项：" +
       counts(s["powers_by_category"]) + "\n";
  t += "  状态：" + counts(s["powers_by_status"]) + "\n";
  t += "  公开属性：" + counts(s["powers_by_disclosure"]) + "\n";
  t += "流程 " + std::to_string(s["flows"].get<int>()) + " 个，节点 " +
       std::to_string(s["flow_nodes"].get<int>()) + " 个\n";
  t += "风险点 " + std::to_string(s["risks"].get<int>()) + " 个：" + counts(s["risks_by_level"]) +
       "\n";
  t += "防控措施 " + std::to_string(s["controls"].get<int>()) + " 条：" +
       counts(s["controls_by_type"]) + "\n";
  t += "裁量基准 " + std::to_string(s["benchmarks"].get<int>()) + " 档\n";
  return t;
}

}  // namespace dl::catalog
