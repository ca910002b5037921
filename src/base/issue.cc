#include "base/issue.h"

#include <map>

namespace dl {
namespace {
std::string EntityWord(const std::string& e) {
  static const std::map<std::string, std::string> words = {
      {"unit", "单位"},     {"post", "岗位"},     {"person", "人员"}, {"assignment", "任职"},
      {"relation", "关系"}, {"power", "权力"},    {"node", "节点"},   {"edge", "连线"},
      {"risk", "风险点"},   {"control", "防控措施"}, {"benchmark", "裁量基准"},
      {"status", "状态变更"}};
  auto it = words.find(e);
  return it == words.end() ? e : it->second;
}
}  // namespace

std::string Describe(const Issue& issue) {
  std::string s = issue.severity == Issue::Severity::kError ? "错误 " : "警告 ";
  s += EntityWord(issue.ref.entity) + " " + issue.ref.code;
  if (!issue.ref.part.empty()) {
    s += " " + EntityWord(issue.ref.part);
    if (!issue.ref.part_code.empty()) s += " " + issue.ref.part_code;
  }
  if (!issue.field.empty()) s += " [" + issue.field + "]";
  s += ": " + issue.message;
  return s;
}

}  // namespace dl
