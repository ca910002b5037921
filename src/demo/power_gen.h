// Assembles the demo county's power catalogue: every unit's external powers from the
// tables, internal powers for every unit, each with its flow, risks, controls and (for
// penalties) benchmarks; then the status history of some of them.
#pragma once

#include "catalog/catalog.h"
#include "demo/org_gen.h"
#include "demo/random.h"

namespace dl::demo {

// Adds every power to `catalog` (whose org part GenerateOrg has filled). `today` is the
// demo's today: a few risk reviews are made overdue relative to it.
void GeneratePowers(const OrgIndex& org, Date today, Rng& rng, catalog::Catalog& catalog);

// Dated, reasoned status changes in 2025–2026 for some powers: about 5 % 取消, 5 % 下放,
// 2 % 合并 and 5 % 调整. A power merged into another is never one that gets cancelled.
void GenerateStatusHistory(Rng& rng, catalog::Catalog& catalog);

}  // namespace dl::demo
