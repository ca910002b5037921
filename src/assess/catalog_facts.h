// The measures that come from the declared catalogue alone: lists_complete, lists_current
// and published (definitions: docs/assessment.md). Pure and thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>

#include "assess/facts.h"
#include "assess/period.h"
#include "catalog/catalog.h"

namespace dl::assess {

// The unit a power counts for: its owning unit, or, when that is a section (股室), the
// nearest ancestor that is not a section. A code not in the catalogue counts for itself.
std::string AssessedUnitOf(const catalog::Catalog& catalog, const std::string& unit_code);

// The power's status on `day`: the last dated change on or before it, else 在用.
catalog::PowerStatus StatusOn(const catalog::PowerRecord& record, Date day);

// The three catalogue measures of `unit` for `period`, judged on the period's last day
// against the latest declared version of each power. The powers counted are those in force
// on that day whose owning unit is `unit` or one of its sections (AssessedUnitOf). A measure
// with nothing to count (no powers, no risks, no external powers) is not available. Each
// shortfall leaves a FactRef: {"power", code, "无流程图"}, {"risk", "power/risk",
// "高风险点…无防控措施"}, {"risk", "power/risk", "评估已过期（2026-05-01）"}, {"power", code,
// "外部权力未公开（内部）"}. A risk in `accepted` ("power/risk": an accepted-risk exception in
// force on the period's last day, oversight/exception.h) counts as controlled and current.
std::map<std::string, Measure> CatalogMeasures(const catalog::Catalog& catalog,
                                               const std::string& unit, const Period& period,
                                               const std::set<std::string>& accepted = {});

}  // namespace dl::assess
