#include "oversight/manual.h"

namespace dl::oversight {
namespace {

constexpr size_t kMaxMessage = 20000;
constexpr size_t kMaxLinks = 100;

Result<std::vector<std::string>> Codes(const Json& j, const char* key, const char* what) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > kMaxLinks) {
    return Err(ErrorCode::kInvalidArgument, std::string(key) + " 应为" + what +
                                                "编码的数组（最多 " + std::to_string(kMaxLinks) +
                                                " 个）");
  }
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty()) {
      return Err(ErrorCode::kInvalidArgument,
                 std::string(key) + " 中的" + what + "编码应为非空文字");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Issue Problem(const std::string& field, std::string message) {
  return Issue{Issue::Severity::kError, {"warning", "", "", ""}, field, std::move(message)};
}

}  // namespace

Result<ManualWarning> ManualWarningFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  ManualWarning w;
  const std::string source = j.value("source", "");
  auto parsed = kSources.Parse(source);
  if (!parsed) {
    return Err(ErrorCode::kInvalidArgument,
               "问题来源应为 " + kSources.Choices() + " 之一，现为“" + source + "”");
  }
  w.source = *parsed;
  const std::string level = j.value("level", "");
  auto lv = monitor::kLevels.Parse(level);
  if (!lv) {
    return Err(ErrorCode::kInvalidArgument,
               "预警级别应为 " + monitor::kLevels.Choices() + " 之一，现为“" + level + "”");
  }
  w.level = *lv;
  w.unit = j.value("unit", "");
  w.person = j.value("person", "");
  w.message = j.value("message", "");
  if (w.unit.empty()) return Err(ErrorCode::kInvalidArgument, "须写明涉及的单位（unit）");
  if (w.message.empty()) return Err(ErrorCode::kInvalidArgument, "须填写问题描述（message）");
  if (w.message.size() > kMaxMessage) {
    return Err(ErrorCode::kInvalidArgument,
               "问题描述过长（最多 " + std::to_string(kMaxMessage) + " 字节）");
  }
  DL_ASSIGN_OR_RETURN(w.cases, Codes(j, "cases", "办件"));
  DL_ASSIGN_OR_RETURN(w.persons, Codes(j, "persons", "人员"));
  DL_ASSIGN_OR_RETURN(w.powers, Codes(j, "powers", "权力"));
  if (auto it = j.find("attachments"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Err(ErrorCode::kInvalidArgument, "attachments 应为数组");
    for (const auto& a : *it) {
      DL_ASSIGN_OR_RETURN(Attachment file, AttachmentFromJson(a));
      w.attachments.push_back(std::move(file));
    }
  }
  return w;
}

std::vector<Issue> ValidateManualWarning(const ManualWarning& w, const catalog::Catalog& c) {
  std::vector<Issue> issues;
  if (!c.units.contains(w.unit)) issues.push_back(Problem("单位", "单位“" + w.unit + "”不存在"));
  if (!w.person.empty() && !c.persons.contains(w.person)) {
    issues.push_back(Problem("当事人", "人员“" + w.person + "”不存在"));
  }
  for (const auto& p : w.persons) {
    if (!c.persons.contains(p)) issues.push_back(Problem("涉及人员", "人员“" + p + "”不存在"));
  }
  for (const auto& p : w.powers) {
    if (!c.powers.contains(p)) issues.push_back(Problem("涉及权力", "权力“" + p + "”不存在"));
  }
  return issues;
}

Json ManualWarningPayload(const ManualWarning& w, const std::string& supervisor, const Actor& by,
                          Instant raised) {
  Json files = Json::array();
  for (const auto& a : w.attachments) files.push_back(AttachmentToJson(a));
  const std::string source(kSources.Label(w.source));
  return {{"rule", kManualRule},
          {"rule_name", source},
          {"source", source},
          {"level", monitor::kLevels.Label(w.level)},
          {"message", w.message},
          {"case", w.cases.empty() ? std::string() : w.cases.front()},
          {"power", w.powers.empty() ? std::string() : w.powers.front()},
          {"unit", w.unit},
          {"supervisor", supervisor},
          {"person", w.person},
          {"evidence", Json::array()},
          {"raised", FormatInstant(raised)},
          {"links", {{"cases", w.cases}, {"persons", w.persons}, {"powers", w.powers}}},
          {"attachments", std::move(files)},
          {"entered_by", ActorToJson(by)}};
}

}  // namespace dl::oversight
