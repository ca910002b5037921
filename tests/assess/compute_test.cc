// Compute on a fixed dataset against hand-computed scores. The arithmetic is written out so
// that a reader can check every expected number.
#include <gtest/gtest.h>

#include "assess/assess.h"
#include "assess/assess_json.h"
#include "assess_fixture.h"

namespace dl::assess {
namespace {

const IndicatorScore& Ind(const UnitScore& u, std::string_view id) {
  for (const auto& s : u.indicators) {
    if (s.id == id) return s;
  }
  ADD_FAILURE() << "no indicator " << id;
  static const IndicatorScore none;
  return none;
}

const UnitScore& UnitOf(const Assessment& a, std::string_view code) {
  for (const auto& u : a.units) {
    if (u.unit == code) return u;
  }
  ADD_FAILURE() << "no unit " << code;
  static const UnitScore none;
  return none;
}

TEST(ComputeTest, FixedDatasetScoresAsComputedByHand) {
  const Scheme scheme = testing::TestScheme();
  auto a = Compute(scheme, testing::Q3(), testing::FixedUnits(), testing::FixedEntries());
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->scheme, "测试方案");
  EXPECT_EQ(a->period.code, "2026Q3");
  ASSERT_EQ(a->units.size(), 4u);

  // Ranked: B 90 (1), then A and D tied at 88 (both 2, A first by code), then C 58.25 (4).
  EXPECT_EQ(a->units[0].unit, "U-B");
  EXPECT_EQ(a->units[1].unit, "U-A");
  EXPECT_EQ(a->units[2].unit, "U-D");
  EXPECT_EQ(a->units[3].unit, "U-C");
  EXPECT_EQ(a->units[0].rank, 1);
  EXPECT_EQ(a->units[1].rank, 2);
  EXPECT_EQ(a->units[2].rank, 2);
  EXPECT_EQ(a->units[3].rank, 4);

  // U-A: 20×1 + 30×0.9 + 10×(2−10)/(0−10) + (10 − 4×0) + 20×(4−1)/(5−1) + (10 − 自查 2)
  //    = 20 + 27 + 8 + 10 + 15 + 8 = 88 → 良好. (Its 2026Q2 entry and the entry for U-X,
  //    a unit not assessed, do not count.)
  const UnitScore& ua = UnitOf(*a, "U-A");
  EXPECT_DOUBLE_EQ(ua.total, 88);
  EXPECT_EQ(ua.grade, Grade::kGood);
  EXPECT_DOUBLE_EQ(Ind(ua, "on_time").score, 27);
  EXPECT_DOUBLE_EQ(Ind(ua, "warnings").score, 8);
  EXPECT_DOUBLE_EQ(Ind(ua, "rating").score, 15);
  EXPECT_DOUBLE_EQ(Ind(ua, "self").score, 8);
  EXPECT_DOUBLE_EQ(Ind(ua, "self").value, 2);
  EXPECT_DOUBLE_EQ(Ind(ua, "self").deducted, 2);
  EXPECT_DOUBLE_EQ(Ind(ua, "on_time").deducted, 0);
  EXPECT_DOUBLE_EQ(Ind(ua, "on_time").used_weight, 30);
  // Drill-down: the late case behind on_time, the 自查 entry behind self.
  ASSERT_EQ(Ind(ua, "on_time").facts.size(), 1u);
  EXPECT_EQ(Ind(ua, "on_time").facts[0], (FactRef{"case", "C-0007", "超期 3 个工作日，亮黄牌"}));
  ASSERT_EQ(Ind(ua, "self").facts.size(), 1u);
  EXPECT_EQ(
      Ind(ua, "self").facts[0],
      (FactRef{"check", "L-17", "自查：两项风险点未按期评估，扣 2 分（王建国，2026-09-20）"}));

  // U-B: 20 + 30 + 10 + (10 − 4×1) + 20×(3.8−1)/4 + 10 = 20 + 30 + 10 + 6 + 14 + 10 = 90:
  //      exactly the 优秀 bound (3.8−1 is 2.7999… in binary; scores are kept in hundredths).
  const UnitScore& ub = UnitOf(*a, "U-B");
  EXPECT_DOUBLE_EQ(ub.total, 90);
  EXPECT_EQ(ub.grade, Grade::kExcellent);
  EXPECT_DOUBLE_EQ(Ind(ub, "red").score, 6);
  EXPECT_DOUBLE_EQ(Ind(ub, "rating").score, 14);

  // U-C has no rating: its 20 points go to the other 80 in proportion, factor 100/80 = 1.25.
  //   complete 20×0.5×1.25 = 12.5; on_time 30×0.8×1.25 = 30, minus 检查 3 = 27;
  //   warnings 10×(5−10)/(0−10)×1.25 = 6.25; red 10 − 4×3 < 0 → 0 (a further 检查 2 stays 0);
  //   rating 0 (weight redistributed); self 10×1.25 = 12.5.
  //   Total 12.5 + 27 + 6.25 + 0 + 0 + 12.5 = 58.25 → 不合格.
  const UnitScore& uc = UnitOf(*a, "U-C");
  EXPECT_DOUBLE_EQ(uc.total, 58.25);
  EXPECT_EQ(uc.grade, Grade::kFail);
  const IndicatorScore& rating = Ind(uc, "rating");
  EXPECT_FALSE(rating.available);
  EXPECT_DOUBLE_EQ(rating.used_weight, 0);
  EXPECT_DOUBLE_EQ(rating.score, 0);
  EXPECT_EQ(rating.note, "无数据，权重 20 分按比例分给其他指标");
  EXPECT_DOUBLE_EQ(Ind(uc, "complete").used_weight, 25);
  EXPECT_DOUBLE_EQ(Ind(uc, "complete").score, 12.5);
  EXPECT_DOUBLE_EQ(Ind(uc, "on_time").used_weight, 37.5);
  EXPECT_DOUBLE_EQ(Ind(uc, "on_time").score, 27);
  EXPECT_DOUBLE_EQ(Ind(uc, "warnings").score, 6.25);
  EXPECT_DOUBLE_EQ(Ind(uc, "self").score, 12.5);
  const IndicatorScore& red = Ind(uc, "red");
  EXPECT_DOUBLE_EQ(red.score, 0);
  EXPECT_DOUBLE_EQ(red.deducted, 2);
  EXPECT_EQ(red.note, "扣分 2 超过所得 0 分，按 0 分计");
  ASSERT_EQ(red.facts.size(), 1u);
  EXPECT_EQ(red.facts[0].kind, "check");

  // U-D: 20×0.8 + 30 + 10 + 10 + 20×(3.4−1)/4 + 10 = 16 + 30 + 10 + 10 + 12 + 10 = 88,
  //      tied with U-A.
  const UnitScore& ud = UnitOf(*a, "U-D");
  EXPECT_DOUBLE_EQ(ud.total, 88);
  EXPECT_DOUBLE_EQ(Ind(ud, "complete").score, 16);
}

TEST(ComputeTest, AYearCountsTheEntriesOfItsQuarters) {
  // For 2026 the U-A entry of 2026Q2 (5 points off on_time) counts too: 88 − 5 = 83.
  auto a = Compute(testing::TestScheme(), *ParsePeriod("2026"), testing::FixedUnits(),
                   testing::FixedEntries());
  ASSERT_TRUE(a) << a.error().message;
  const UnitScore& ua = UnitOf(*a, "U-A");
  EXPECT_DOUBLE_EQ(Ind(ua, "on_time").score, 22);
  EXPECT_DOUBLE_EQ(ua.total, 83);
  EXPECT_EQ(ua.rank, 3);  // B 90, D 88, A 83, C 58.25
}

TEST(ComputeTest, MissingFullZeroAndNothingToReceive) {
  auto scheme = ParseScheme(R"(name = "缺数据"
[[indicator]]
id = "a"
name = "甲"
source = "on_time"
weight = 40
scoring = "ratio"
missing = "full"
[[indicator]]
id = "b"
name = "乙"
source = "disposal_in_time"
weight = 35
scoring = "ratio"
missing = "zero"
[[indicator]]
id = "c"
name = "丙"
source = "published"
weight = 25
scoring = "ratio"
)",
                            "m.toml");
  ASSERT_TRUE(scheme) << scheme.error().message;
  // Nothing measured: a = 40 (full), b = 0 (zero), c redistributed over a and b:
  // factor 100/75, a = 40 × 4/3 = 53.33, b = 0. Total 53.33.
  UnitFacts empty{"U-E", "空单位", {}};
  auto a = Compute(*scheme, testing::Q3(), {empty}, {});
  ASSERT_TRUE(a) << a.error().message;
  const UnitScore& u = a->units[0];
  EXPECT_DOUBLE_EQ(u.total, 53.33);
  EXPECT_EQ(Ind(u, "a").note, "无数据，按满分计");
  EXPECT_EQ(Ind(u, "b").note, "无数据，按零分计");
  // 53.33 + 46.67: the used weights are split in whole hundredths adding up to 100.00.
  EXPECT_DOUBLE_EQ(Ind(u, "a").used_weight, 53.33);
  EXPECT_DOUBLE_EQ(Ind(u, "b").used_weight, 46.67);

  // Every indicator redistributed: nothing can receive, so the total is 0.
  Scheme all = *scheme;
  for (auto& i : all.indicators) i.missing = Missing::kRedistribute;
  auto none = Compute(all, testing::Q3(), {empty}, {});
  ASSERT_TRUE(none);
  EXPECT_DOUBLE_EQ(none->units[0].total, 0);
  EXPECT_EQ(none->units[0].grade, Grade::kFail);
  EXPECT_EQ(Ind(none->units[0], "a").note, "无数据；各指标均无数据，无从分配，按零分计");
}

// Three weights of 30 receiving a missing 10: 33.33… each. Rounded one by one they would add up
// to 99.99; split by the largest remainder they add up to 100.00, so full marks are 100.00.
TEST(ComputeTest, FullMarksAfterRedistributionAreAHundred) {
  std::string text = "name = \"三等分\"\n";
  for (const char* src : {"on_time", "disposal_in_time", "lists_complete"}) {
    text += std::string("[[indicator]]\nid = \"") + src + "\"\nname = \"" + src +
            "\"\nsource = \"" + src + "\"\nweight = 30\nscoring = \"ratio\"\n";
  }
  text +=
      "[[indicator]]\nid = \"p\"\nname = \"p\"\nsource = \"published\"\nweight = 10\n"
      "scoring = \"ratio\"\n";
  auto scheme = ParseScheme(text, "t.toml");
  ASSERT_TRUE(scheme) << scheme.error().message;
  UnitFacts full{"U", "满分单位", {}};
  for (const char* src : {"on_time", "disposal_in_time", "lists_complete"}) {
    full.measures[src] = RatioMeasure(4, 4);
  }
  auto a = Compute(*scheme, testing::Q3(), {full}, {});
  ASSERT_TRUE(a) << a.error().message;
  const UnitScore& u = a->units[0];
  EXPECT_DOUBLE_EQ(u.total, 100.0);
  EXPECT_EQ(u.grade, Grade::kExcellent);
  long long used = 0;
  for (const auto& i : u.indicators) used += Hundredths(i.used_weight);
  EXPECT_EQ(used, 10000);
  EXPECT_DOUBLE_EQ(Ind(u, "on_time").used_weight, 33.34);  // equal remainders: first in order
  EXPECT_DOUBLE_EQ(Ind(u, "disposal_in_time").used_weight, 33.33);
  // Half marks on one: 33.34 / 2 = 16.67.
  full.measures["on_time"] = RatioMeasure(2, 4);
  auto half = Compute(*scheme, testing::Q3(), {full}, {});
  ASSERT_TRUE(half);
  EXPECT_DOUBLE_EQ(half->units[0].total, 83.33);
}

TEST(ComputeTest, CheckEntriesAreValidated) {
  const Scheme scheme = testing::TestScheme();
  CheckEntry ok{"", "检查", "U-A", "2026Q3", "on_time", 3, "抽查发现两件超期未报", "纪委", ""};
  EXPECT_TRUE(ValidateCheckEntry(scheme, ok));
  auto message = [&](CheckEntry e) {
    auto s = ValidateCheckEntry(scheme, e);
    return s ? std::string("(valid)") : s.error().message;
  };
  CheckEntry e = ok;
  e.kind = "巡查";
  EXPECT_EQ(message(e), "考核扣分记录：类别应为“自查”或“检查”，现为“巡查”");
  e = ok;
  e.indicator = "speed";
  EXPECT_EQ(message(e),
            "考核扣分记录：考核方案中没有指标“speed”（可用：complete、on_time、warnings、red、"
            "rating、self）");
  e = ok;
  e.deduction = -1;
  EXPECT_EQ(message(e), "考核扣分记录：扣分应为不小于 0 的数，现为 -1");
  e = ok;
  e.id = "L-9";
  e.deduction = 31;
  EXPECT_EQ(message(e), "考核扣分记录“L-9”：扣分 31 超过指标“按时办结率”的权重 30 分");
  e = ok;
  e.deduction = 30;  // the whole weight is allowed
  EXPECT_EQ(message(e), "(valid)");
  e = ok;
  e.period = "2026Q7";
  EXPECT_EQ(message(e),
            "考核扣分记录：考核期间“2026Q7”无效：应为 2026Q1 至 2026Q4、2026H1、2026H2 或 2026 "
            "这样的写法");
  e = ok;
  e.reason = "";
  EXPECT_EQ(message(e), "考核扣分记录：应写明扣分理由");

  // Compute refuses an invalid entry of an assessed unit.
  auto entries = testing::FixedEntries();
  entries.push_back(CheckEntry{"", "自查", "U-B", "2026Q3", "self", 11, "超出权重", "", ""});
  auto a = Compute(scheme, testing::Q3(), testing::FixedUnits(), entries);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
}

TEST(ComputeTest, RefusesDuplicateUnitsAndBadValues) {
  auto units = testing::FixedUnits();
  units.push_back(units[0]);
  auto dup = Compute(testing::TestScheme(), testing::Q3(), units, {});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().message, "考核单位“" + units[0].unit + "”重复");

  units = testing::FixedUnits();
  units[0].measures["on_time"].value = std::nan("");
  auto nan = Compute(testing::TestScheme(), testing::Q3(), units, {});
  ASSERT_FALSE(nan);
}

TEST(ComputeTest, JsonCarriesScoresAndFacts) {
  auto a =
      Compute(testing::TestScheme(), testing::Q3(), testing::FixedUnits(), testing::FixedEntries());
  ASSERT_TRUE(a);
  Json j = AssessmentToJson(*a);
  EXPECT_EQ(j["scheme"], "测试方案");
  EXPECT_EQ(j["period"]["label"], "2026年第三季度");
  EXPECT_EQ(j["period"]["last"], "2026-09-30");
  EXPECT_EQ(j["grades"]["优秀"], 90.0);
  ASSERT_EQ(j["units"].size(), 4u);
  const Json& b = j["units"][0];
  EXPECT_EQ(b["unit"], "U-B");
  EXPECT_EQ(b["total"], 90.0);
  EXPECT_EQ(b["grade"], "优秀");
  EXPECT_EQ(b["rank"], 1);
  const Json& c = j["units"][3];
  EXPECT_EQ(c["grade"], "不合格");
  EXPECT_EQ(c["total"], 58.25);
  const Json& rating = c["indicators"][4];
  EXPECT_EQ(rating["id"], "rating");
  EXPECT_EQ(rating["available"], false);
  EXPECT_TRUE(rating["value"].is_null());
  EXPECT_EQ(rating["used_weight"], 0.0);
  const Json& on_time = j["units"][1]["indicators"][1];  // U-A
  EXPECT_EQ(on_time["value"], 0.9);
  EXPECT_EQ(on_time["score"], 27.0);
  EXPECT_EQ(on_time["facts"][0],
            (Json{{"kind", "case"}, {"id", "C-0007"}, {"note", "超期 3 个工作日，亮黄牌"}}));
}

}  // namespace
}  // namespace dl::assess
