// The fixed dataset of the assessment tests: a scheme of six indicators and four units whose
// scores are computed by hand in compute_test.cc.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assess/assess.h"
#include "assess/scheme.h"

namespace dl::assess::testing {

// Weights 20 + 30 + 10 + 10 + 20 + 10 = 100; grades by default 90 / 80 / 60.
inline Scheme TestScheme() {
  auto s = ParseScheme(R"(name = "测试方案"
[[indicator]]
id = "complete"
name = "四单完整率"
source = "lists_complete"
weight = 20
scoring = "ratio"
missing = "zero"
[[indicator]]
id = "on_time"
name = "按时办结率"
source = "on_time"
weight = 30
scoring = "ratio"
[[indicator]]
id = "warnings"
name = "每百件预警数"
source = "warnings_per_100"
weight = 10
scoring = "linear"
best = 0
worst = 10
[[indicator]]
id = "red"
name = "红牌"
source = "red_cards"
weight = 10
scoring = "deduct"
per = 4
[[indicator]]
id = "rating"
name = "群众满意度"
source = "public_rating"
weight = 20
scoring = "linear"
best = 5
worst = 1
[[indicator]]
id = "self"
name = "自查"
source = "self_check"
weight = 10
)",
                       "test.toml");
  EXPECT_TRUE(s) << s.error().message;
  return s ? *s : Scheme{};
}

inline Period Q3() { return *ParsePeriod("2026Q3"); }

inline Measure Value(double v) {
  Measure m;
  m.available = true;
  m.value = v;
  return m;
}

// complete, on_time (ratios of 10), warnings per 100, red cards, rating (< 0: none).
inline UnitFacts Unit(std::string code, std::string name, double complete, double on_time,
                      double warnings, double red, double rating) {
  UnitFacts u{std::move(code), std::move(name), {}};
  u.measures["lists_complete"] = RatioMeasure(complete * 10, 10);
  u.measures["on_time"] = RatioMeasure(on_time * 10, 10);
  u.measures["warnings_per_100"] = Value(warnings);
  u.measures["red_cards"] = Value(red);
  if (rating >= 0) u.measures["public_rating"] = Value(rating);
  return u;
}

// Listed out of rank order, so that the ranking is tested.
inline std::vector<UnitFacts> FixedUnits() {
  std::vector<UnitFacts> units = {
      Unit("U-C", "丙局", 0.5, 0.8, 5, 3, -1),
      Unit("U-D", "丁局", 0.8, 1.0, 0, 0, 3.4),
      Unit("U-A", "甲局", 1.0, 0.9, 2, 0, 4.0),
      Unit("U-B", "乙局", 1.0, 1.0, 0, 1, 3.8),
  };
  units[2].measures["on_time"].facts = {{"case", "C-0007", "超期 3 个工作日，亮黄牌"}};
  return units;
}

inline std::vector<CheckEntry> FixedEntries() {
  return {
      {"L-17", "自查", "U-A", "2026Q3", "self", 2, "两项风险点未按期评估", "王建国", "2026-09-20"},
      {"L-12", "自查", "U-A", "2026Q2", "on_time", 5, "二季度超期未报", "王建国", "2026-06-28"},
      {"L-20", "检查", "U-C", "2026Q3", "on_time", 3, "抽查发现超期办件未亮牌", "县纪委",
       "2026-09-25"},
      {"L-21", "检查", "U-C", "2026Q3", "red", 2, "红牌整改不到位", "县纪委", "2026-09-25"},
      {"L-22", "检查", "U-X", "2026Q3", "on_time", 30, "不在考核范围的单位", "县纪委", ""},
  };
}

}  // namespace dl::assess::testing
