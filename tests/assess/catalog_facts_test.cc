#include "assess/catalog_facts.h"

#include <gtest/gtest.h>

namespace dl::assess {
namespace {

using namespace catalog;

// U1 with its section U1-S, and U2. Powers (all 2026):
//   P1 U1    licence, flow; R1 high with control, next review 2026-12-31; R2 medium, no
//            control (fine: only high risks need one), next review 2026-08-01; public
//   P2 U1-S  penalty, no flow; R1 high without control, no review date; disclosure 内部
//   P3 U1    personnel (internal), flow, no risks; 内部 (not counted by published)
//   P4 U1    licence, no flow; cancelled on 2026-05-01 (in force in Q1, not in Q3)
//   P5 U2    licence, no flow (another unit)
//   P6 U1    licence, flow, no risks; public; cancelled on 2026-10-15 (still in force in Q3)
Catalog TestCatalog() {
  Catalog c;
  c.units["YX"] = {"YX", "云溪县", "", org::UnitLevel::kCounty, org::UnitKind::kGovernment, ""};
  c.units["U1"] = {"U1", "市场监管局", "YX", org::UnitLevel::kUnit, org::UnitKind::kGovernment, ""};
  c.units["U1-S"] = {"U1-S", "执法股", "U1", org::UnitLevel::kSection, org::UnitKind::kInternal,
                     ""};
  c.units["U2"] = {"U2", "交通局", "YX", org::UnitLevel::kUnit, org::UnitKind::kGovernment, ""};
  Flow flow;
  flow.nodes = {Node{"N0", "开始", NodeKind::kStart, "", {}, Stage::kNone, "", false},
                Node{"E", "结束", NodeKind::kEnd, "", {}, Stage::kNone, "", false}};
  flow.edges = {{"N0", "E", ""}};
  auto power = [&](std::string code, std::string unit, Category category, bool with_flow,
                   Disclosure disclosure) -> PowerRecord& {
    Power p;
    p.code = code;
    p.name = "权力" + code;
    p.unit = std::move(unit);
    p.category = category;
    p.disclosure = disclosure;
    if (with_flow) p.flow = flow;
    c.powers[code] = PowerRecord{p, 1, {}};
    return c.powers[code];
  };
  auto risk = [](std::string code, RiskLevel level, std::optional<Date> review) {
    Risk r;
    r.code = code;
    r.name = "风险" + code;
    r.level = level;
    r.next_review = review;
    return r;
  };
  PowerRecord& p1 = power("P1", "U1", Category::kLicensing, true, Disclosure::kPublic);
  p1.power.risks = {risk("R1", RiskLevel::kHigh, Date::FromYmd(2026, 12, 31)),
                    risk("R2", RiskLevel::kMedium, Date::FromYmd(2026, 8, 1))};
  p1.power.controls = {Control{"C1", "R1", "两人核查", {ControlType::kSeparation}, "", "", ""}};
  PowerRecord& p2 = power("P2", "U1-S", Category::kPenalty, false, Disclosure::kInternal);
  p2.power.risks = {risk("R1", RiskLevel::kHigh, std::nullopt)};
  power("P3", "U1", Category::kPersonnel, true, Disclosure::kInternal);
  power("P4", "U1", Category::kLicensing, false, Disclosure::kPublic)
      .history.push_back({Date::FromYmd(2026, 5, 1), PowerStatus::kCancelled, "取消", "", ""});
  power("P5", "U2", Category::kLicensing, false, Disclosure::kPublic);
  power("P6", "U1", Category::kLicensing, true, Disclosure::kPublic)
      .history.push_back({Date::FromYmd(2026, 10, 15), PowerStatus::kCancelled, "取消", "", ""});
  return c;
}

TEST(CatalogFactsTest, SectionsCountForTheirUnit) {
  Catalog c = TestCatalog();
  EXPECT_EQ(AssessedUnitOf(c, "U1-S"), "U1");
  EXPECT_EQ(AssessedUnitOf(c, "U1"), "U1");
  EXPECT_EQ(AssessedUnitOf(c, "NOPE"), "NOPE");
  EXPECT_EQ(StatusOn(c.powers["P4"], Date::FromYmd(2026, 4, 30)), PowerStatus::kActive);
  EXPECT_EQ(StatusOn(c.powers["P4"], Date::FromYmd(2026, 5, 1)), PowerStatus::kCancelled);
}

TEST(CatalogFactsTest, ThirdQuarterOfU1) {
  auto m = CatalogMeasures(TestCatalog(), "U1", *ParsePeriod("2026Q3"));
  // In force on 2026-09-30: P1, P2 (through its section), P3, P6.
  // lists_complete: P1, P3, P6 complete; P2 has no flow and an uncontrolled high risk → 3/4.
  const Measure& complete = m["lists_complete"];
  ASSERT_TRUE(complete.available);
  EXPECT_EQ(complete.numerator, 3);
  EXPECT_EQ(complete.denominator, 4);
  EXPECT_DOUBLE_EQ(complete.value, 0.75);
  EXPECT_EQ(complete.facts, (std::vector<FactRef>{
                                {"power", "P2", "权力“权力P2”无流程图"},
                                {"risk", "P2/R1", "权力“权力P2”的高风险点“风险R1”无防控措施"},
                            }));
  // lists_current: P1/R1 (2026-12-31) current; P1/R2 (2026-08-01) before 2026-09-30; P2/R1
  // without a date → 1/3.
  const Measure& current = m["lists_current"];
  ASSERT_TRUE(current.available);
  EXPECT_EQ(current.numerator, 1);
  EXPECT_EQ(current.denominator, 3);
  EXPECT_EQ(current.facts, (std::vector<FactRef>{
                               {"risk", "P1/R2", "风险点“风险R2”评估已过期（2026-08-01）"},
                               {"risk", "P2/R1", "风险点“风险R1”未设下次评估日期"},
                           }));
  // published: external P1, P2, P6 (P3 is internal); P2 is 内部 → 2/3.
  const Measure& published = m["published"];
  ASSERT_TRUE(published.available);
  EXPECT_EQ(published.numerator, 2);
  EXPECT_EQ(published.denominator, 3);
  EXPECT_EQ(published.facts,
            (std::vector<FactRef>{{"power", "P2", "外部权力“权力P2”未公开（内部）"}}));
}

TEST(CatalogFactsTest, FirstQuarterStillCountsTheLaterCancelledPower) {
  auto m = CatalogMeasures(TestCatalog(), "U1", *ParsePeriod("2026Q1"));
  // On 2026-03-31 P4 is in force too: complete P1, P3, P6 of 5 → 3/5.
  EXPECT_EQ(m["lists_complete"].numerator, 3);
  EXPECT_EQ(m["lists_complete"].denominator, 5);
  ASSERT_EQ(m["lists_complete"].facts.size(), 3u);
  EXPECT_EQ(m["lists_complete"].facts[2], (FactRef{"power", "P4", "权力“权力P4”无流程图"}));
  // P1/R2 (2026-08-01) is not before 2026-03-31: 2 of 3 current.
  EXPECT_EQ(m["lists_current"].numerator, 2);
  // External P1, P2, P4, P6; public P1, P4, P6 → 3/4.
  EXPECT_DOUBLE_EQ(m["published"].value, 0.75);
}

TEST(CatalogFactsTest, NothingToCountIsNotAvailable) {
  auto u2 = CatalogMeasures(TestCatalog(), "U2", *ParsePeriod("2026Q3"));
  EXPECT_TRUE(u2["lists_complete"].available);
  EXPECT_DOUBLE_EQ(u2["lists_complete"].value, 0);
  EXPECT_FALSE(u2["lists_current"].available);  // no risks
  EXPECT_TRUE(u2["published"].available);
  EXPECT_DOUBLE_EQ(u2["published"].value, 1);

  auto county = CatalogMeasures(TestCatalog(), "YX", *ParsePeriod("2026Q3"));
  EXPECT_FALSE(county["lists_complete"].available);
  EXPECT_FALSE(county["lists_current"].available);
  EXPECT_FALSE(county["published"].available);
}

}  // namespace
}  // namespace dl::assess
