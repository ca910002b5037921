// Computing an assessment (考核): every unit's indicators scored by the scheme, 自查 / 检查
// deductions applied, totals graded and ranked. Formulas: docs/assessment.md. Pure and
// thread-safe; the caller gathers the facts (catalog_facts.h, and the service layer for
// cases, warnings and ratings).
#pragma once

#include <string>
#include <vector>

#include "assess/facts.h"
#include "assess/period.h"
#include "assess/scheme.h"
#include "base/result.h"

namespace dl::assess {

// One 自查 (a unit's self-check) or 检查 (a review by the supervisor) finding: it takes
// `deduction` points from one indicator of one unit for one period.
struct CheckEntry {
  std::string id;    // optional: where it is stored (e.g. the ledger seq), for drill-down
  std::string kind;  // "自查" or "检查"
  std::string unit;
  std::string period;     // a period code ParsePeriod accepts, e.g. "2026Q3"
  std::string indicator;  // an indicator id of the scheme
  double deduction = 0;   // 0 ≤ deduction ≤ the indicator's weight
  std::string reason;
  std::string by;
  std::string date;  // "2026-07-15"; may be empty
};

// Checks an entry against the scheme. kInvalidArgument naming the problem in Chinese:
// a kind other than 自查 / 检查, no unit or reason, a bad period or date, an unknown
// indicator, a deduction below 0 or above the indicator's weight.
Status ValidateCheckEntry(const Scheme& scheme, const CheckEntry& entry);

struct IndicatorScore {
  std::string id;
  std::string name;
  std::string source;
  double weight = 0;       // as in the scheme
  double used_weight = 0;  // after redistribution; 0 when this one's weight was redistributed
  bool available = false;  // the measure had data
  double value = 0;        // the measured value (self_check / review: the points deducted)
  double numerator = 0, denominator = 0;
  double deducted = 0;  // points 自查 / 检查 entries took (before the floor at 0)
  double score = 0;     // 0 ≤ score ≤ used_weight, in whole hundredths
  std::string note;     // how missing data or deductions were handled; empty if plainly scored
  std::vector<FactRef> facts;  // the measure's facts, then one {"check", …} per entry
};

struct UnitScore {
  std::string unit;
  std::string name;
  std::vector<IndicatorScore> indicators;  // in scheme order
  double total = 0;  // the sum of the indicator scores, in whole hundredths (0–100)
  Grade grade = Grade::kFail;
  int rank = 0;  // 1 = best; equal totals share a rank (1, 1, 3)
};

struct Assessment {
  std::string scheme;  // the scheme's name
  Period period;
  GradeBounds grades;
  std::vector<UnitScore> units;  // by rank; equal totals by unit code
};

// Scores every unit. Entries count when their period lies within `period` (a 2026Q3 entry
// counts in 2026Q3 and in 2026) and their unit is among `units`; others are left out.
// kInvalidArgument for an invalid entry (ValidateCheckEntry), a unit without a code or
// listed twice, or an available measure whose value is not a finite number.
Result<Assessment> Compute(const Scheme& scheme, const Period& period,
                           const std::vector<UnitFacts>& units,
                           const std::vector<CheckEntry>& entries);

// Total hundredths of a score or total as shown (90.00 → 9000).
long long Hundredths(double points);

}  // namespace dl::assess
