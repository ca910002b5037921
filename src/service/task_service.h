// 我的待办: the steps a person may take now — the next steps of open cases whose node's post the
// person holds today, in units within their scope.
#pragma once

#include <string>
#include <vector>

#include "access/scope.h"
#include "base/date.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "store/queries.h"
#include "store/store.h"

namespace dl::service {

struct Task {
  std::string case_id, power, power_name, unit, node, node_name;
  std::string opened;  // when the case opened (stored form)
  std::string since;   // when its last event happened
  bool suspended = false;
};

// The tasks of `person` on `today` (China date), oldest case first. Only cases in the units of
// the person's posts (and those units' ancestors, since a section's post works for its unit)
// that are also in `scope` are looked at, at most `limit` of them. An error only when the store
// fails; a case that cannot be replayed is left out (it still shows on the case list).
Result<std::vector<Task>> TasksOf(store::Store& store, store::Queries& queries,
                                  const catalog::Catalog& state, const std::string& person,
                                  const access::Scope& scope, Date today, size_t limit = 500);

}  // namespace dl::service
