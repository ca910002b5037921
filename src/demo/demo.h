// The demo county (示范县): a realistic fictional county — 南屏省江屿市云溪县 — with its
// units, posts, people and a full power catalogue (四单) for every department, generated
// deterministically from a seed. Used for demos, manual testing and load tests.
#pragma once

#include <cstdint>

#include "base/date.h"
#include "catalog/catalog.h"

namespace dl::demo {

struct DemoOptions {
  uint64_t seed = 1;
};

// Returns the demo county. Deterministic: the same seed yields an identical Catalog on every
// machine and standard library. The result passes catalog::ValidateCatalog with the default
// RiskFormula and DemoToday() without errors; it carries a few warnings on purpose (risk
// reviews overdue as of DemoToday()). Thread-safe.
catalog::Catalog GenerateDemoCounty(const DemoOptions& options);

// The day the demo data treats as "today" (2026-11-23).
Date DemoToday();

}  // namespace dl::demo
