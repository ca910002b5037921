#include "catalog/power.h"

#include <charconv>

#include "base/text.h"

namespace dl::catalog {

std::string FormatTimeLimit(const TimeLimit& t) {
  if (t.empty()) return "";
  switch (t.unit) {
    case TimeLimit::Unit::kWorkday:
      return std::to_string(t.value) + "个工作日";
    case TimeLimit::Unit::kDay:
      return std::to_string(t.value) + "个自然日";
    case TimeLimit::Unit::kHour:
      return std::to_string(t.value) + "小时";
  }
  return "";
}

std::optional<TimeLimit> ParseTimeLimit(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return TimeLimit{};
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 6) return std::nullopt;
  int value = 0;
  std::from_chars(text.data(), text.data() + digits, value);
  if (value <= 0) return std::nullopt;
  std::string_view rest = Trim(text.substr(digits));
  if (rest.starts_with("个")) rest.remove_prefix(std::string_view("个").size());
  TimeLimit t{value, TimeLimit::Unit::kWorkday};
  if (rest.empty() || rest == "工作日") return t;
  if (rest == "自然日" || rest == "日" || rest == "天") {
    t.unit = TimeLimit::Unit::kDay;
    return t;
  }
  if (rest == "小时") {
    t.unit = TimeLimit::Unit::kHour;
    return t;
  }
  return std::nullopt;
}

const Node* Flow::FindNode(std::string_view code) const {
  for (const auto& n : nodes) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

}  // namespace dl::catalog
