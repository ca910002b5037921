#include "catalog/risk_formula.h"

namespace dl::catalog {

int RiskFormula::Score(const RiskFactors& f) const {
  return weights[0] * f.importance + weights[1] * f.discretion + weights[2] * f.frequency +
         weights[3] * f.likelihood + weights[4] * f.harm;
}

RiskLevel RiskFormula::LevelOf(const RiskFactors& f) const {
  int s = Score(f);
  if (s >= high_at) return RiskLevel::kHigh;
  if (s >= medium_at) return RiskLevel::kMedium;
  return RiskLevel::kLow;
}

std::string RiskFormula::Describe() const {
  static const char* names[] = {"权力重要程度", "自由裁量程度", "行使频率", "发生概率", "危害程度"};
  std::string s = "得分 = ";
  for (size_t i = 0; i < weights.size(); ++i) {
    if (i) s += " + ";
    s += std::to_string(weights[i]) + "×" + names[i];
  }
  s += "；得分 ≥ " + std::to_string(high_at) + " 为高，≥ " + std::to_string(medium_at) +
       " 为中，其余为低";
  return s;
}

}  // namespace dl::catalog
