#include "assess/catalog_facts.h"

#include <set>
#include <vector>

namespace dl::assess {
namespace {

using catalog::Power;
using catalog::RiskLevel;

std::string Quoted(const std::string& s) { return "“" + s + "”"; }

std::string RiskId(const Power& p, const catalog::Risk& r) { return p.code + "/" + r.code; }

Measure ListsComplete(const std::vector<const Power*>& powers,
                      const std::set<std::string>& accepted) {
  double complete = 0;
  std::vector<FactRef> facts;
  for (const Power* p : powers) {
    bool ok = true;
    if (p->flow.empty()) {
      facts.push_back({"power", p->code, "权力" + Quoted(p->name) + "无流程图"});
      ok = false;
    }
    std::set<std::string> controlled;
    for (const auto& c : p->controls) controlled.insert(c.risk);
    for (const auto& r : p->risks) {
      if (r.level == RiskLevel::kHigh && !controlled.contains(r.code) &&
          !accepted.contains(RiskId(*p, r))) {
        facts.push_back({"risk", RiskId(*p, r),
                         "权力" + Quoted(p->name) + "的高风险点" + Quoted(r.name) + "无防控措施"});
        ok = false;
      }
    }
    if (ok) ++complete;
  }
  return RatioMeasure(complete, static_cast<double>(powers.size()), std::move(facts));
}

Measure ListsCurrent(const std::vector<const Power*>& powers, Date last,
                     const std::set<std::string>& accepted) {
  double current = 0, risks = 0;
  std::vector<FactRef> facts;
  for (const Power* p : powers) {
    for (const auto& r : p->risks) {
      ++risks;
      if (accepted.contains(RiskId(*p, r))) {
        ++current;
      } else if (!r.next_review) {
        facts.push_back({"risk", RiskId(*p, r), "风险点" + Quoted(r.name) + "未设下次评估日期"});
      } else if (*r.next_review < last) {
        facts.push_back(
            {"risk", RiskId(*p, r),
             "风险点" + Quoted(r.name) + "评估已过期（" + r.next_review->ToString() + "）"});
      } else {
        ++current;
      }
    }
  }
  return RatioMeasure(current, risks, std::move(facts));
}

Measure Published(const std::vector<const Power*>& powers) {
  double external = 0, published = 0;
  std::vector<FactRef> facts;
  for (const Power* p : powers) {
    if (catalog::ScopeOf(p->category) != catalog::Scope::kExternal) continue;
    ++external;
    if (p->disclosure == catalog::Disclosure::kPublic) {
      ++published;
    } else {
      facts.push_back({"power", p->code,
                       "外部权力" + Quoted(p->name) + "未公开（" +
                           std::string(catalog::kDisclosures.Label(p->disclosure)) + "）"});
    }
  }
  return RatioMeasure(published, external, std::move(facts));
}

}  // namespace

std::string AssessedUnitOf(const catalog::Catalog& catalog, const std::string& unit_code) {
  std::string at = unit_code;
  // Bounded by the number of units, so a parent cycle cannot loop forever.
  for (size_t steps = 0; steps <= catalog.units.size(); ++steps) {
    auto it = catalog.units.find(at);
    if (it == catalog.units.end() || it->second.level != org::UnitLevel::kSection ||
        it->second.parent.empty()) {
      return at;
    }
    at = it->second.parent;
  }
  return at;
}

catalog::PowerStatus StatusOn(const catalog::PowerRecord& record, Date day) {
  catalog::PowerStatus status = catalog::PowerStatus::kActive;
  for (const auto& change : record.history) {
    if (change.date <= day) status = change.status;
  }
  return status;
}

std::map<std::string, Measure> CatalogMeasures(const catalog::Catalog& catalog,
                                               const std::string& unit, const Period& period,
                                               const std::set<std::string>& accepted) {
  std::vector<const Power*> powers;  // in code order (the catalogue's map order)
  for (const auto& [code, record] : catalog.powers) {
    if (AssessedUnitOf(catalog, record.power.unit) != unit) continue;
    if (!catalog::InForce(StatusOn(record, period.last))) continue;
    powers.push_back(&record.power);
  }
  return {{"lists_complete", ListsComplete(powers, accepted)},
          {"lists_current", ListsCurrent(powers, period.last, accepted)},
          {"published", Published(powers)}};
}

}  // namespace dl::assess
