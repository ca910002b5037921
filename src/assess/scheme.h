// The assessment scheme (考核方案): indicators with weights and scorings, and the grade
// bounds, read from a TOML file (format: docs/assessment.md). The shipped default is
// config/assessment.toml, compiled in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/labels.h"
#include "base/result.h"

namespace dl::assess {

// How a measured value becomes points (w = the indicator's weight, v = the value):
//   ratio   w × v (v clamped to 0..1)
//   linear  w × (v − worst) / (best − worst), clamped to 0..w; best may be below worst
//   deduct  w − per × v, not below 0
//   checks  w (the indicators of self_check / review; only 自查 / 检查 entries take points)
enum class Scoring { kRatio, kLinear, kDeduct, kChecks };
inline constexpr LabelTable<Scoring, 3> kScorings{{{
    {Scoring::kRatio, "ratio"},
    {Scoring::kLinear, "linear"},
    {Scoring::kDeduct, "deduct"},
}}};

// What an indicator scores when its measure is not available.
enum class Missing { kRedistribute, kFull, kZero };
inline constexpr LabelTable<Missing, 3> kMissings{{{
    {Missing::kRedistribute, "redistribute"},
    {Missing::kFull, "full"},
    {Missing::kZero, "zero"},
}}};

enum class Grade { kExcellent, kGood, kPass, kFail };
inline constexpr LabelTable<Grade, 4> kGrades{{{
    {Grade::kExcellent, "优秀"},
    {Grade::kGood, "良好"},
    {Grade::kPass, "合格"},
    {Grade::kFail, "不合格"},
}}};

// Lower bounds of the total (0–100), in hundredths of a point so that a total compares
// exactly: a total of 90.00 with 优秀 = 90 is 优秀.
struct GradeBounds {
  long long excellent = 9000;
  long long good = 8000;
  long long pass = 6000;
  Grade Of(long long total_hundredths) const;
  bool operator==(const GradeBounds&) const = default;
};

struct Indicator {
  std::string id;  // unique within the scheme; ASCII letters, digits, _ and -
  std::string name;
  std::string source;  // one of kSources (facts.h)
  std::string description;
  double weight = 0;  // > 0; all weights sum to 100
  Scoring scoring = Scoring::kRatio;
  double best = 0, worst = 0;  // linear only
  double per = 0;              // deduct only: points per unit of the value
  Missing missing = Missing::kRedistribute;
  int line = 0;  // line of the indicator's weight in the file (0 if built in code)
  bool operator==(const Indicator& o) const {
    return id == o.id && name == o.name && source == o.source && description == o.description &&
           weight == o.weight && scoring == o.scoring && best == o.best && worst == o.worst &&
           per == o.per && missing == o.missing;
  }
};

struct Scheme {
  std::string name;  // e.g. "2026年度党风廉政建设考核"
  std::string description;
  GradeBounds grades;
  std::vector<Indicator> indicators;  // in file order: the order of report columns
  // The indicator with this id; nullptr if none.
  const Indicator* Find(std::string_view id) const;
  bool operator==(const Scheme&) const = default;
};

// Parses a scheme. Every problem is reported (not only the first), in line order, one a
// line: "{source_name} 第 {line} 行 {key}: {message}", e.g. "assessment.toml 第 12 行
// indicator[3].weight: 权重合计应为 100，现为 95" (indicators numbered from 1); the error's
// details hold [{line, key, message}]; a TOML syntax error has no key. Unknown keys, sources
// and scorings are errors.
Result<Scheme> ParseScheme(std::string_view text, const std::string& source_name);
// Reads and parses a file; kNotFound / kIo if it cannot be read. Errors name the file.
Result<Scheme> LoadScheme(const std::string& path);

// The text of config/assessment.toml as compiled in, and that text parsed.
std::string_view DefaultSchemeText();
Result<Scheme> DefaultScheme();

// The scoring in words, e.g. "得分 = 20 × 比率", "每 1 件扣 2 分，扣完为止".
std::string DescribeScoring(const Indicator& indicator);
// "20", "12.5": a weight or bound without trailing zeros.
std::string FormatPoints(double points);

}  // namespace dl::assess
