#include "catalog/change.h"

#include <gtest/gtest.h>

#include "testing/sample_catalog.h"

namespace dl::catalog {
namespace {

TEST(PlanImportTest, EverythingIsNewInAnEmptyCatalogue) {
  Catalog incoming = testing::SampleCatalog();
  auto plan = PlanImport(Catalog{}, incoming);
  // 4 units, 4 posts, 2 persons, 2 assignments, 1 relation, 2 versions, 1 status change.
  EXPECT_EQ(plan.size(), 16u);
  EXPECT_EQ(KindOf(plan.front()), "unit.put");
  EXPECT_EQ(SubjectOf(plan.front()), "unit:YX");  // the root comes first
  EXPECT_EQ(KindOf(plan.back()), "power.status");
}

TEST(PlanImportTest, NothingChangesTwice) {
  Catalog c = testing::SampleCatalog();
  Catalog state;
  for (const auto& change : PlanImport(state, c)) Apply(change, state);
  EXPECT_TRUE(PlanImport(state, c).empty());
}

TEST(PlanImportTest, AnEditMakesANewVersion) {
  Catalog c = testing::SampleCatalog();
  Catalog state;
  for (const auto& change : PlanImport(state, c)) Apply(change, state);
  EXPECT_EQ(state.powers["XK-SCJ-001"].version, 1);
  c.powers["XK-SCJ-001"].power.time_limit.value = 8;
  c.powers["XK-SCJ-001"].power.effective_from = Date::FromYmd(2026, 12, 1);
  c.powers["CF-SCJ-001"].history.push_back({Date::FromYmd(2026, 9, 1), PowerStatus::kCancelled,
                                            "法律修订后取消", "", "云政发〔2026〕30号"});
  auto plan = PlanImport(state, c);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(KindOf(plan[0]), "power.version");
  EXPECT_EQ(KindOf(plan[1]), "power.status");
  for (const auto& change : plan) EXPECT_TRUE(Apply(change, state));
  EXPECT_EQ(state.powers["XK-SCJ-001"].version, 2);
  EXPECT_EQ(state.powers["CF-SCJ-001"].Status(), PowerStatus::kCancelled);
}

TEST(ChangeJsonTest, EveryKindRoundTrips) {
  Catalog c = testing::SampleCatalog();
  for (const auto& change : PlanImport(Catalog{}, c)) {
    auto back = ChangeFromJson(KindOf(change), ChangeToJson(change));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(ChangeToJson(*back), ChangeToJson(change));
    EXPECT_EQ(SubjectOf(*back), SubjectOf(change));
  }
  Change setting = SettingPut{"risk_formula", "{\"high_at\":18}"};
  auto back = ChangeFromJson(KindOf(setting), ChangeToJson(setting));
  ASSERT_TRUE(back);
  EXPECT_EQ(std::get<SettingPut>(*back).value, "{\"high_at\":18}");
  EXPECT_EQ(SubjectOf(setting), "setting:risk_formula");
  EXPECT_FALSE(ChangeFromJson("power.delete", Json::object()));
  EXPECT_FALSE(ChangeFromJson("unit.put", Json{{"code", 1}}));
}

}  // namespace
}  // namespace dl::catalog
