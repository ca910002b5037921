// The input of an assessment: for each unit, one raw measurement per source (the fixed
// vocabulary below), each with the facts behind it so that every lost point can be traced.
// Catalogue measures come from catalog_facts.h; case and warning measures are computed from
// the store by the service layer.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dl::assess {

// One fact behind a measurement (drill-down). kind: "power", "risk", "case", "warning",
// "rating", "check"; id: the power code, "power/risk" code, case id, warning seq as text, or
// the check entry's id; note: a Chinese one-liner saying why it counts.
struct FactRef {
  std::string kind;
  std::string id;
  std::string note;
  bool operator==(const FactRef&) const = default;
};

// One raw measurement for one unit and period.
struct Measure {
  bool available = false;  // false: no data (no cases, no ratings …); see Missing in scheme.h
  double numerator = 0;    // for ratios: value = numerator / denominator
  double denominator = 0;
  double value = 0;            // a ratio 0..1, a count, a rate per 100, an average 1..5, or points
  std::vector<FactRef> facts;  // the facts behind the deductions, e.g. the late cases
};

// A ratio measure: available when the denominator is positive.
inline Measure RatioMeasure(double numerator, double denominator, std::vector<FactRef> facts = {}) {
  Measure m;
  m.available = denominator > 0;
  m.numerator = numerator;
  m.denominator = denominator;
  m.value = m.available ? numerator / denominator : 0;
  m.facts = std::move(facts);
  return m;
}

struct UnitFacts {
  std::string unit;                         // unit code
  std::string name;                         // unit name, for display
  std::map<std::string, Measure> measures;  // by source id; a source left out has no data
};

// What kind of number a source measures; it decides which scorings make sense.
enum class ValueKind {
  kRatio,    // 0..1
  kPer100,   // a rate per 100 cases
  kCount,    // a whole number
  kAverage,  // an average rating 1..5
  kPoints,   // points deducted by 自查 / 检查 entries (filled in by Compute)
};

struct SourceInfo {
  std::string_view id;
  std::string_view name;  // Chinese
  ValueKind kind;
  std::string_view definition;  // Chinese, one line (docs/assessment.md has the full text)
};

inline constexpr std::array<SourceInfo, 10> kSources{{
    {"lists_complete", "四单完整率", ValueKind::kRatio,
     "在用权力中有流程图且高风险点均有防控措施的比例"},
    {"lists_current", "风险评估及时率", ValueKind::kRatio,
     "在用权力的风险点中下次评估日期不早于期末的比例"},
    {"published", "权力公开率", ValueKind::kRatio, "在用外部权力中公开属性为“公开”的比例"},
    {"on_time", "按时办结率", ValueKind::kRatio, "期内办结的办件中未因超期被亮黄牌、红牌的比例"},
    {"warnings_per_100", "每百件预警数", ValueKind::kPer100, "期内预警数 ÷ 期内受理办件数 × 100"},
    {"red_cards", "红牌数", ValueKind::kCount, "期内红牌预警数"},
    {"disposal_in_time", "预警按时处置率", ValueKind::kRatio,
     "期内应处置的预警中按时处置或销号、未被升级的比例"},
    {"public_rating", "群众满意度", ValueKind::kAverage, "期内群众评价的平均分（1–5）"},
    {"self_check", "自查扣分", ValueKind::kPoints, "自查发现问题扣的分"},
    {"review", "检查扣分", ValueKind::kPoints, "监督检查发现问题扣的分"},
}};

// The source with this id; nullptr if there is none.
inline const SourceInfo* FindSource(std::string_view id) {
  for (const auto& s : kSources) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

// "lists_complete、lists_current、…" for error messages.
inline std::string SourceChoices() {
  std::string s;
  for (const auto& info : kSources) {
    if (!s.empty()) s += "、";
    s += info.id;
  }
  return s;
}

}  // namespace dl::assess
