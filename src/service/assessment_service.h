// 考核 for the API and the CLI: the measures of each unit in a period — from the four lists
// (assess/catalog_facts.h) and from the cases and warnings the store holds — scored by a
// scheme (docs/assessment.md).
#pragma once

#include <string>
#include <vector>

#include "access/scope.h"
#include "assess/assess.h"
#include "assess/facts.h"
#include "assess/period.h"
#include "assess/scheme.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "store/queries.h"

namespace dl::service {

// The measures of every unit that owns powers and is in `scope`: lists_complete,
// lists_current and published from the lists; on_time, warnings_per_100, red_cards and
// disposal_in_time from the store. A section's cases and warnings count for its unit.
// public_rating has no data until the public portal exists.
Result<std::vector<assess::UnitFacts>> GatherFacts(store::Queries& queries,
                                                   const catalog::Catalog& catalog,
                                                   const assess::Period& period,
                                                   const access::Scope& scope);

// GatherFacts, then assess::Compute with the given 自查 / 检查 entries.
Result<assess::Assessment> Assess(store::Queries& queries, const catalog::Catalog& catalog,
                                  const assess::Scheme& scheme, const assess::Period& period,
                                  const access::Scope& scope,
                                  const std::vector<assess::CheckEntry>& checks = {});

}  // namespace dl::service
