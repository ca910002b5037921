#include "demo/demo.h"

#include "demo/org_gen.h"
#include "demo/power_gen.h"
#include "demo/random.h"

namespace dl::demo {

Date DemoToday() { return Date::FromYmd(2026, 11, 23); }

catalog::Catalog GenerateDemoCounty(const DemoOptions& options) {
  Rng root(options.seed);
  catalog::Catalog c;
  Rng org_rng = root.Fork("org");
  OrgIndex org = GenerateOrg(org_rng, c);
  Rng power_rng = root.Fork("powers");
  GeneratePowers(org, DemoToday(), power_rng, c);
  Rng status_rng = root.Fork("status");
  GenerateStatusHistory(status_rng, c);
  return c;
}

}  // namespace dl::demo
