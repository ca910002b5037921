// Assessment periods (考核期间): a quarter, a half year or a year, as China local dates.
#pragma once

#include <string>
#include <string_view>

#include "base/date.h"
#include "base/result.h"

namespace dl::assess {

struct Period {
  std::string code;  // canonical: "2026Q3", "2026H1", "2026"
  Date first;        // first day, inclusive
  Date last;         // last day, inclusive

  // "2026年第三季度", "2026年上半年", "2026年度".
  std::string Label() const;
  bool Contains(Date d) const { return first <= d && d <= last; }
  // True if `other` lies wholly inside this period (a quarter inside its year).
  bool Covers(const Period& other) const { return first <= other.first && other.last <= last; }
  bool operator==(const Period&) const = default;
};

// Accepts "2026Q3", "2026-Q3", "2026q3", "2026H1", "2026-H2", "2026", and the labels
// "2026年第三季度" / "2026年第3季度" / "2026年上半年" / "2026年度" / "2026年". Years 1900–9999.
// Otherwise kInvalidArgument, e.g. "考核期间“2026Q5”无效：应为 2026Q1 至 2026Q4、2026H1、
// 2026H2 或 2026 这样的写法".
Result<Period> ParsePeriod(std::string_view text);

}  // namespace dl::assess
