// The demo county (seed 1) and its year of cases, generated once per test process and shared:
// both are immutable, and the year takes seconds to generate in a Debug build.
#pragma once

#include "demo/case_gen.h"
#include "demo/demo.h"

namespace dl::testing {

inline const catalog::Catalog& DemoCounty() {
  static const catalog::Catalog county = demo::GenerateDemoCounty({1});
  return county;
}

inline const demo::DemoCases& DemoYear() {
  static const demo::DemoCases year = demo::GenerateDemoCases(DemoCounty(), {});
  return year;
}

}  // namespace dl::testing
