// Validation of declared things against the rest of the catalogue. Each function returns
// every finding (never stops at the first); errors block a change, warnings do not.
// All functions are pure and thread-safe.
#pragma once

#include <vector>

#include "base/issue.h"
#include "catalog/catalog.h"
#include "catalog/risk_formula.h"

namespace dl::catalog {

std::vector<Issue> ValidateUnit(const org::Unit& unit, const Catalog& catalog);
std::vector<Issue> ValidatePost(const org::Post& post, const Catalog& catalog);
std::vector<Issue> ValidatePerson(const org::Person& person);
std::vector<Issue> ValidateAssignment(const org::Assignment& a, const Catalog& catalog);
std::vector<Issue> ValidateRelation(const org::Relation& r, const Catalog& catalog);
// An account: its fields (access::ValidateAccountFields), its scope's units and its person.
std::vector<Issue> ValidateAccount(const access::Account& a, const Catalog& catalog);
// An API key: an id, a name, a SHA-256 hash and at least one unit of scope, all known.
std::vector<Issue> ValidateApiKey(const access::ApiKey& k, const Catalog& catalog);

// The flow alone (a missing flow is a warning: a list gap): one start, at least one end, edges
// between known nodes, every node reachable from the start and able to reach an end, parallel joins
// matching their splits, every task with a post and a time limit, conditions that parse.
std::vector<Issue> ValidateFlow(const Power& power, const Catalog& catalog);

// A power version with its four lists (includes ValidateFlow). A high risk without a
// control is a warning, not an error.
std::vector<Issue> ValidatePower(const Power& power, const Catalog& catalog,
                                 const RiskFormula& formula);

// A status change of the power `code`; `record` is the power's current record (null if
// the power is unknown).
std::vector<Issue> ValidateStatusChange(const std::string& code, const StatusChange& change,
                                        const PowerRecord* record, const Catalog& catalog);

// Everything in the catalogue, plus a risk of a power in force whose review date has
// passed as of `today` (warning).
std::vector<Issue> ValidateCatalog(const Catalog& catalog, const RiskFormula& formula, Date today);

}  // namespace dl::catalog
