#include "base/issue.h"

#include <map>

namespace dl {
namespace {
std::string EntityWord(const std::string& e) {
  static const std::map<std::string, std::string> words = {
      {"unit", "单位"},        {"post", "岗位"},          {"person", "人员"},
      {"assignment", "任职"},  {"relation", "关系"},      {"power", "权力"},
      {"node", "节点"},        {"edge", "连线"},          {"risk", "风险点"},
      {"control", "防控措施"}, {"benchmark", "裁量基准"}, {"status", "状态变更"},
      {"account", "账号"},     {"api_key", "API 密钥"}};
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

namespace dl {

Json IssuesToJson(const std::vector<Issue>& issues) {
  Json a = Json::array();
  for (const auto& i : issues) {
    a.push_back({{"severity", i.severity == Issue::Severity::kError ? "error" : "warning"},
                 {"entity", i.ref.entity},
                 {"code", i.ref.code},
                 {"part", i.ref.part},
                 {"part_code", i.ref.part_code},
                 {"field", i.field},
                 {"message", i.message}});
  }
  return a;
}

std::vector<Issue> IssuesFromJson(const Json& j) {
  std::vector<Issue> out;
  if (!j.is_array()) return out;
  for (const auto& x : j) {
    if (!x.is_object()) continue;
    Issue i;
    i.severity = x.value("severity", "error") == "error" ? Issue::Severity::kError
                                                         : Issue::Severity::kWarning;
    i.ref = {x.value("entity", ""), x.value("code", ""), x.value("part", ""),
             x.value("part_code", "")};
    i.field = x.value("field", "");
    i.message = x.value("message", "");
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace dl
