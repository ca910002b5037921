#include "catalog/catalog.h"

#include <functional>

namespace dl::catalog {

std::vector<const org::Unit*> Catalog::UnitsInTreeOrder() const {
  std::map<std::string, std::vector<const org::Unit*>> children;  // parent code -> children
  for (const auto& [code, unit] : units) {
    // A unit whose parent is unknown is listed as a root, so nothing is ever dropped.
    std::string parent = units.contains(unit.parent) ? unit.parent : "";
    children[parent].push_back(&unit);
  }
  std::vector<const org::Unit*> out;
  out.reserve(units.size());
  std::function<void(const std::string&)> visit = [&](const std::string& parent) {
    auto it = children.find(parent);
    if (it == children.end()) return;
    for (const org::Unit* u : it->second) {  // already sorted by code (map order)
      out.push_back(u);
      if (u->code != parent) visit(u->code);
    }
  };
  visit("");
  // Units on a parent cycle are unreachable from a root; append them so nothing is lost.
  if (out.size() < units.size()) {
    std::map<std::string, bool> seen;
    for (auto* u : out) seen[u->code] = true;
    for (const auto& [code, unit] : units) {
      if (!seen.contains(code)) out.push_back(&unit);
    }
  }
  return out;
}

}  // namespace dl::catalog
