#include "access/scope.h"

#include <algorithm>

namespace dl::access {
namespace {

// Adds `root` and every unit below it.
void AddSubtree(const std::string& root,
                const std::map<std::string, std::vector<std::string>>& children,
                std::unordered_set<std::string>& into) {
  std::vector<std::string> todo{root};
  while (!todo.empty()) {
    std::string code = std::move(todo.back());
    todo.pop_back();
    if (!into.insert(code).second) continue;
    auto it = children.find(code);
    if (it != children.end()) todo.insert(todo.end(), it->second.begin(), it->second.end());
  }
}

}  // namespace

Scope Scope::Of(Role role, const std::vector<std::string>& roots,
                const std::map<std::string, org::Unit>& units) {
  Scope s;
  if (role == Role::kAdmin) {
    s.all_ = true;
    return s;
  }
  std::map<std::string, std::vector<std::string>> children;
  for (const auto& [code, unit] : units) {
    if (!unit.parent.empty()) children[unit.parent].push_back(code);
  }
  for (const auto& root : roots) {
    if (units.contains(root)) AddSubtree(root, children, s.units_);
  }
  if (role == Role::kInspector) {
    // A supervisor's scope covers the units it supervises; inheriting the supervisor from
    // an ancestor is not assumed: each unit names its own.
    std::unordered_set<std::string> supervised;
    for (const auto& [code, unit] : units) {
      if (!unit.supervisor.empty() && s.units_.contains(unit.supervisor)) supervised.insert(code);
    }
    for (const auto& code : supervised) AddSubtree(code, children, s.units_);
  }
  return s;
}

std::vector<std::string> Scope::Units() const {
  std::vector<std::string> out(units_.begin(), units_.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace dl::access
