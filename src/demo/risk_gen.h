// Risks (风险清单), controls (防控清单) and discretion benchmarks (裁量权基准) of one power.
#pragma once

#include <string>
#include <vector>

#include "catalog/power.h"
#include "demo/flow_gen.h"
#include "demo/power_rows.h"
#include "demo/random.h"

namespace dl::demo {

struct RiskContext {
  const UnitInfo* unit = nullptr;
  size_t section = 1;
  Date approved_on;             // the unit's collective approval (集体审定) of its risks
  std::string approval_record;  // "局党组会议纪要〔2026〕7号"
  Date today;                   // reviews before it are overdue
};

// Adds 1–4 risks (mostly on task nodes of `plan`) and their controls to `power`. Every 高
// risk gets at least one control; levels follow the default RiskFormula exactly.
void AddRisksAndControls(catalog::Power& power, const FlowPlan& plan, const RiskContext& ctx,
                         Rng& rng);

// The four grades 轻微/一般/较重/严重 over the row's statutory range: non-overlapping,
// increasing, each with its conditions. Empty unless the row is a 行政处罚.
std::vector<catalog::Benchmark> PenaltyBenchmarks(const PowerRow& row);

}  // namespace dl::demo
