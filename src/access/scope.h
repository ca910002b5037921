// Which units an account or key may see and act on.
#pragma once

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "access/account.h"
#include "org/org.h"

namespace dl::access {

// The set of unit codes in scope: every listed unit and all units below it; for an
// inspector also every unit supervised (org::Unit::supervisor) by a unit in that set, with
// all units below those. An admin's scope is every unit whatever it lists.
class Scope {
 public:
  Scope() = default;
  static Scope Of(Role role, const std::vector<std::string>& roots,
                  const std::map<std::string, org::Unit>& units);

  bool Contains(const std::string& unit) const { return all_ || units_.contains(unit); }
  bool all() const { return all_; }
  // The units in scope, sorted (empty when all()).
  std::vector<std::string> Units() const;

 private:
  bool all_ = false;
  std::unordered_set<std::string> units_;
};

}  // namespace dl::access
