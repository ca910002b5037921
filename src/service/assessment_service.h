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
#include "oversight/lifecycle.h"
#include "store/queries.h"
#include "writer/writer.h"

namespace dl::service {

// The measures of every unit that owns powers and is in `scope`: lists_complete,
// lists_current and published from the lists (with the accepted-risk exceptions in force on
// the period's last day); on_time, warnings_per_100, red_cards and disposal_in_time from the
// store; public_rating (the average of the ratings the public gave the unit's closed cases in
// the period, docs/portal.md) when there are any. A section's cases, warnings and ratings
// count for its unit.
Result<std::vector<assess::UnitFacts>> GatherFacts(store::Queries& queries,
                                                   const catalog::Catalog& catalog,
                                                   const assess::Period& period,
                                                   const access::Scope& scope);

// The 自查 / 检查 entries recorded for units in `scope` whose period lies in `period`'s year,
// as the scheme reads them (id: the entry's seq). Entries the scheme no longer accepts (an
// indicator since removed, a deduction above a lowered weight) are left out.
Result<std::vector<assess::CheckEntry>> StoredChecks(store::Queries& queries,
                                                     const assess::Scheme& scheme,
                                                     const assess::Period& period,
                                                     const access::Scope& scope);

// GatherFacts, then assess::Compute with the stored 自查 / 检查 entries (StoredChecks).
Result<assess::Assessment> Assess(store::Queries& queries, const catalog::Catalog& catalog,
                                  const assess::Scheme& scheme, const assess::Period& period,
                                  const access::Scope& scope);

// Records a 自查 / 检查 entry through the writer: {"kind", "unit", "period", "indicator",
// "deduction", "reason", "date"?}. invalid_argument for what the scheme refuses
// (assess::ValidateCheckEntry); permission_denied unless 自查 comes from the unit's
// administrator or a leader with it in scope, and 检查 from an inspector with it in scope.
// Returns the entry's seq.
Result<uint64_t> EnterCheck(writer::Writer& writer, const std::string& ledger_actor,
                            const assess::Scheme& scheme, const Json& body,
                            const oversight::Actor& by);

}  // namespace dl::service
