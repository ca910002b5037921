#include "service/assessment_service.h"

#include <map>
#include <set>

#include "assess/catalog_facts.h"

namespace dl::service {
namespace {

std::string StartOf(Date day) {
  const Instant midnight{std::chrono::sys_days(std::chrono::days(day.days()))};
  return FormatInstant(midnight - kChinaOffset);
}

// Per unit: what the store's facts add up to.
struct Tally {
  int64_t opened = 0;
  int64_t closed = 0, late = 0;
  std::vector<assess::FactRef> late_cases;
  int64_t warnings = 0, red = 0;
  std::vector<assess::FactRef> reds;
  int64_t due = 0, in_time = 0;  // warnings to dispose of, and those disposed without escalation
  std::vector<assess::FactRef> escalated;
};

}  // namespace

Result<std::vector<assess::UnitFacts>> GatherFacts(store::Queries& queries,
                                                   const catalog::Catalog& catalog,
                                                   const assess::Period& period,
                                                   const access::Scope& scope) {
  std::set<std::string> units;  // the assessed units: those that own powers, in scope
  for (const auto& [code, rec] : catalog.powers) {
    const std::string unit = assess::AssessedUnitOf(catalog, rec.power.unit);
    if (scope.Contains(unit)) units.insert(unit);
  }
  DL_ASSIGN_OR_RETURN(
      store::PeriodFacts facts,
      queries.FactsOfPeriod(StartOf(period.first), StartOf(period.last.AddDays(1))));
  std::map<std::string, Tally> tally;
  auto of = [&](const std::string& unit) -> Tally* {
    const std::string assessed = assess::AssessedUnitOf(catalog, unit);
    return units.contains(assessed) ? &tally[assessed] : nullptr;
  };
  for (const auto& [unit, n] : facts.opened) {
    if (Tally* t = of(unit)) t->opened += n;
  }
  for (const auto& c : facts.closed) {
    Tally* t = of(c.unit);
    if (!t) continue;
    ++t->closed;
    if (c.late) {
      ++t->late;
      t->late_cases.push_back({"case", c.case_id, "超期办结（有超期黄牌或红牌）"});
    }
  }
  for (const auto& w : facts.warnings) {
    Tally* t = of(w.unit);
    if (!t) continue;
    ++t->warnings;
    if (w.level == "红牌") {
      ++t->red;
      t->reds.push_back({"warning", std::to_string(w.seq), w.rule_name});
    }
    // To dispose of: those the supervisor has decided (处置 or 不予处置), and those that
    // missed a due time. In time: decided without ever being escalated.
    const bool decided = w.status == "已处置" || w.status == "办结";
    if (decided || w.escalations > 0) {
      ++t->due;
      if (w.escalations == 0) {
        ++t->in_time;
      } else {
        t->escalated.push_back(
            {"warning", std::to_string(w.seq),
             w.rule_name + "：逾期未处置，升级 " + std::to_string(w.escalations) + " 次"});
      }
    }
  }
  std::vector<assess::UnitFacts> out;
  for (const std::string& unit : units) {
    assess::UnitFacts f;
    f.unit = unit;
    auto u = catalog.units.find(unit);
    f.name = u == catalog.units.end() ? unit : u->second.name;
    f.measures = assess::CatalogMeasures(catalog, unit, period);
    Tally& t = tally[unit];
    f.measures["on_time"] = assess::RatioMeasure(static_cast<double>(t.closed - t.late),
                                                 static_cast<double>(t.closed), t.late_cases);
    assess::Measure per100;
    per100.available = t.opened > 0;
    per100.numerator = static_cast<double>(t.warnings);
    per100.denominator = static_cast<double>(t.opened);
    per100.value = t.opened > 0 ? 100.0 * static_cast<double>(t.warnings) / t.opened : 0;
    f.measures["warnings_per_100"] = per100;
    assess::Measure red;  // none is a fact too: available with zero
    red.available = true;
    red.value = red.numerator = static_cast<double>(t.red);
    red.facts = t.reds;
    f.measures["red_cards"] = red;
    f.measures["disposal_in_time"] = assess::RatioMeasure(static_cast<double>(t.in_time),
                                                          static_cast<double>(t.due), t.escalated);
    out.push_back(std::move(f));
  }
  return out;
}

Result<assess::Assessment> Assess(store::Queries& queries, const catalog::Catalog& catalog,
                                  const assess::Scheme& scheme, const assess::Period& period,
                                  const access::Scope& scope,
                                  const std::vector<assess::CheckEntry>& checks) {
  DL_ASSIGN_OR_RETURN(auto facts, GatherFacts(queries, catalog, period, scope));
  return assess::Compute(scheme, period, facts, checks);
}

}  // namespace dl::service
