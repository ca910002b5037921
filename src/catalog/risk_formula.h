// The configurable formula that turns a risk's five factor scores into its level.
#pragma once

#include <array>
#include <string>

#include "catalog/power.h"

namespace dl::catalog {

// score = Σ weight_i × factor_i; level 高 when score ≥ high_at, 中 when ≥ medium_at, else 低.
// The default (all weights 1, 高 ≥ 18, 中 ≥ 12) puts a risk with every factor at 4 or more
// in 高 and every factor at 2 or less in 低.
struct RiskFormula {
  // importance, discretion, frequency, likelihood, harm
  std::array<int, 5> weights{1, 1, 1, 1, 1};
  int high_at = 18;
  int medium_at = 12;

  int Score(const RiskFactors& f) const;
  RiskLevel LevelOf(const RiskFactors& f) const;
  // "得分 = 1×重要程度 + …; 高 ≥ 18, 中 ≥ 12" — for messages and docs.
  std::string Describe() const;
  bool operator==(const RiskFormula&) const = default;
};

}  // namespace dl::catalog
