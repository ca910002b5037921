// Texts of risks (廉政风险点) and control measures (防控措施), per flow-step tag and per
// control type, written the way county 风险防控清单 are.
#pragma once

#include <string>
#include <vector>

#include "catalog/power.h"
#include "demo/tags.h"

namespace dl::demo {

struct RiskText {
  std::string name;         // 风险点
  std::string description;  // 风险表现
  catalog::RiskCategory category = catalog::RiskCategory::kExercise;
};

// What risks at a step look like and how they are usually controlled.
struct TagProfile {
  std::vector<RiskText> risks;                 // at least one
  std::vector<catalog::ControlType> controls;  // preferred control types, at least one
  std::string rule;       // monitor rule that can enforce a control here; empty if none
  int high_percent = 12;  // how often a risk here is rated 高
};

const TagProfile& ProfileOf(Tag tag);

// Measure texts for one control type (at least three each), for an external power (行政
// 权力 exercised over the public) or an internal one (人财物, 三重一大).
const std::vector<std::string>& MeasuresOf(catalog::ControlType type, bool internal);
// The measure of a control bound to a monitor rule, and the types it has.
std::string RuleMeasure(const std::string& rule);
std::vector<catalog::ControlType> RuleTypes(const std::string& rule);
// 监督方式 texts for controls.
const std::vector<std::string>& ControlSupervisions();

}  // namespace dl::demo
