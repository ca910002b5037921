#include "catalog/report.h"

#include <gtest/gtest.h>

#include "testing/sample_catalog.h"

namespace dl::catalog {
namespace {

TEST(ReportTest, CountsStatusChangesPerPeriod) {
  Catalog c = testing::SampleCatalog();
  auto& hist = c.powers["XK-SCJ-001"].history;
  hist.push_back(
      {Date::FromYmd(2026, 2, 1), PowerStatus::kDelegated, "下放乡镇", "乡镇人民政府", ""});
  hist.push_back({Date::FromYmd(2026, 8, 1), PowerStatus::kCancelled, "取消", "", ""});
  auto years = CountStatusChanges(c, Period::kYear);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].period, "2026");
  EXPECT_EQ(years[0].total, 3);
  EXPECT_EQ(years[0].counts[PowerStatus::kCancelled], 1);
  EXPECT_EQ(years[0].counts[PowerStatus::kDelegated], 1);
  EXPECT_EQ(years[0].counts[PowerStatus::kAdjusted], 1);
  auto quarters = CountStatusChanges(c, Period::kQuarter);
  ASSERT_EQ(quarters.size(), 2u);
  EXPECT_EQ(quarters[0].period, "2026Q1");
  EXPECT_EQ(quarters[0].total, 2);
  EXPECT_EQ(quarters[1].period, "2026Q3");
  EXPECT_EQ(PeriodOf(Date::FromYmd(2026, 7, 9), Period::kMonth), "2026-07");
}

TEST(ReportTest, SummaryCountsWhatIsThere) {
  Json s = Summarize(testing::SampleCatalog());
  EXPECT_EQ(s["units"], 4);
  EXPECT_EQ(s["discipline_units"], 1);
  EXPECT_EQ(s["powers"], 2);
  EXPECT_EQ(s["powers_by_category"]["行政许可"], 1);
  EXPECT_EQ(s["risks_by_level"]["高"], 1);
  EXPECT_EQ(s["controls_by_type"]["公开"], 1);
  EXPECT_EQ(s["benchmarks"], 2);
  EXPECT_NE(SummaryText(s).find("权力 2 项"), std::string::npos);
}

}  // namespace
}  // namespace dl::catalog
