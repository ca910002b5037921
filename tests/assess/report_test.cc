// The xlsx report, read back with the project's own reader.
#include <gtest/gtest.h>

#include "assess/report_xlsx.h"
#include "assess_fixture.h"
#include "io/xlsx_reader.h"
#include "testing/data_suite.h"
#include "testing/temp_dir.h"

namespace dl::assess {
namespace {

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = Compute(scheme_, testing::Q3(), testing::FixedUnits(), testing::FixedEntries());
    ASSERT_TRUE(a) << a.error().message;
    assessment_ = *a;
  }
  Scheme scheme_ = testing::TestScheme();
  Assessment assessment_;
  dl::testing::TempDir dir_;
};

TEST_F(ReportTest, ResultsSheetRoundTrips) {
  const std::string path = dir_.File("考核.xlsx");
  auto written = WriteAssessmentXlsx(assessment_, scheme_, testing::Q3(), path);
  ASSERT_TRUE(written) << written.error().message;
  auto reader = io::XlsxReader::Open(path);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(reader->SheetNames(), (std::vector<std::string>{"考核结果", "扣分明细", "考核方案"}));

  auto sheet = reader->ReadSheet("考核结果");
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->Text(1, 1), "测试方案 2026年第三季度");
  const std::vector<std::string> header = {"排名",
                                           "单位",
                                           "四单完整率（20分）",
                                           "按时办结率（30分）",
                                           "每百件预警数（10分）",
                                           "红牌（10分）",
                                           "群众满意度（20分）",
                                           "自查（10分）",
                                           "总分",
                                           "等级"};
  for (size_t i = 0; i < header.size(); ++i) {
    EXPECT_EQ(sheet->Text(2, static_cast<int>(i + 1)), header[i]) << i;
  }
  // By rank: 乙局 90 优秀; 甲局 and 丁局 88 (both 2); 丙局 58.25 不合格, rating 无数据.
  EXPECT_EQ(sheet->Text(3, 1), "1");
  EXPECT_EQ(sheet->Text(3, 2), "乙局");
  EXPECT_EQ(sheet->Text(3, 9), "90");
  EXPECT_EQ(sheet->Text(3, 10), "优秀");
  EXPECT_EQ(sheet->Text(4, 1), "2");
  EXPECT_EQ(sheet->Text(4, 2), "甲局");
  EXPECT_EQ(sheet->Text(4, 4), "27");
  EXPECT_EQ(sheet->Text(5, 1), "2");
  EXPECT_EQ(sheet->Text(5, 2), "丁局");
  EXPECT_EQ(sheet->Text(6, 1), "4");
  EXPECT_EQ(sheet->Text(6, 2), "丙局");
  EXPECT_EQ(sheet->Text(6, 3), "12.5");
  EXPECT_EQ(sheet->Text(6, 5), "6.25");
  EXPECT_EQ(sheet->Text(6, 7), "无数据");
  EXPECT_EQ(sheet->Text(6, 9), "58.25");
  EXPECT_EQ(sheet->Text(6, 10), "不合格");
  EXPECT_NE(sheet->Text(8, 1).find("优秀 ≥ 90 分"), std::string_view::npos);
}

TEST_F(ReportTest, FactsAndSchemeSheets) {
  const std::string path = dir_.File("r.xlsx");
  ASSERT_TRUE(WriteAssessmentXlsx(assessment_, scheme_, testing::Q3(), path));
  auto reader = io::XlsxReader::Open(path);
  ASSERT_TRUE(reader);
  auto facts = reader->ReadSheet("扣分明细");
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->Text(1, 1), "单位");
  EXPECT_EQ(facts->Text(1, 5), "说明");
  // Facts by rank: 乙局 none; 甲局 the late case and its 自查; 丁局 none; 丙局 two 检查.
  ASSERT_EQ(facts->LastRow(), 5);
  EXPECT_EQ(facts->Text(2, 1), "甲局");
  EXPECT_EQ(facts->Text(2, 2), "按时办结率");
  EXPECT_EQ(facts->Text(2, 3), "办件");
  EXPECT_EQ(facts->Text(2, 4), "C-0007");
  EXPECT_EQ(facts->Text(2, 5), "超期 3 个工作日，亮黄牌");
  EXPECT_EQ(facts->Text(3, 3), "自查检查");
  EXPECT_EQ(facts->Text(3, 4), "L-17");
  EXPECT_EQ(facts->Text(4, 1), "丙局");
  EXPECT_EQ(facts->Text(5, 2), "红牌");

  auto plan = reader->ReadSheet("考核方案");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->LastRow(), 7);
  EXPECT_EQ(plan->Text(2, 1), "四单完整率");
  EXPECT_EQ(plan->Text(2, 3), "20");
  EXPECT_EQ(plan->Text(4, 4), "不劣于 0 得 10 分，不优于 10 得 0 分，其间按线性计");
  EXPECT_EQ(plan->Text(6, 5), "权重按比例分给其他指标");
}

TEST_F(ReportTest, SameInputSameBytesAndErrors) {
  const std::string a = dir_.File("a.xlsx"), b = dir_.File("b.xlsx");
  ASSERT_TRUE(WriteAssessmentXlsx(assessment_, scheme_, testing::Q3(), a));
  ASSERT_TRUE(WriteAssessmentXlsx(assessment_, scheme_, testing::Q3(), b));
  EXPECT_EQ(dl::testing::ReadText(a), dl::testing::ReadText(b));

  auto bad = WriteAssessmentXlsx(assessment_, scheme_, testing::Q3(), dir_.File("no/such/x.xlsx"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace dl::assess
