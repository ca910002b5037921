// A validation finding about a declared thing, expressed in domain terms. Importers map
// the reference back to a file location (sheet and row, or JSON path).
#pragma once

#include <string>
#include <vector>

#include "base/json.h"

namespace dl {

struct Ref {
  std::string entity;     // "unit", "post", "person", "assignment", "relation", "power"
  std::string code;       // the entity's code (for assignments: "person/post")
  std::string part;       // within a power: "node", "edge", "risk", "control", "benchmark",
                          // "status"; empty for the entity itself
  std::string part_code;  // the part's code (an edge: "from->to"); empty if none
  bool operator==(const Ref&) const = default;
};

struct Issue {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  Ref ref;
  std::string field;    // the field's Chinese name as users know it, e.g. "办理时限"
  std::string message;  // Chinese, says what is wrong and what is expected
};

inline bool HasErrors(const std::vector<Issue>& issues) {
  for (const auto& i : issues) {
    if (i.severity == Issue::Severity::kError) return true;
  }
  return false;
}

// "权力 XK-001 节点 N2 办理岗位: message" — a readable one-line rendering.
std::string Describe(const Issue& issue);

}  // namespace dl

namespace dl {
// [{"severity":"error","entity":…,"code":…,"part":…,"part_code":…,"field":…,"message":…}]
Json IssuesToJson(const std::vector<Issue>& issues);
std::vector<Issue> IssuesFromJson(const Json& j);
}  // namespace dl
