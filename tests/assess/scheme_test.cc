#include "assess/scheme.h"

#include <gtest/gtest.h>

#include <set>

#include "assess/facts.h"
#include "testing/data_suite.h"

namespace dl::assess {
namespace {

std::string ErrorOf(std::string_view text) {
  auto s = ParseScheme(text, "t.toml");
  return s ? "(parsed)" : s.error().message;
}

// A valid scheme of three indicators, lines numbered for the error tests below.
constexpr std::string_view kValid = R"(name = "测试方案"
[grades]
"优秀" = 90
"良好" = 80
"合格" = 60
[[indicator]]
id = "on_time"
name = "按时办结率"
source = "on_time"
weight = 50
scoring = "ratio"
[[indicator]]
id = "red"
name = "红牌"
source = "red_cards"
weight = 30
scoring = "deduct"
per = 2
missing = "zero"
[[indicator]]
id = "self"
name = "自查"
source = "self_check"
weight = 20
)";

std::string Replace(std::string_view text, std::string_view from, std::string_view to) {
  std::string s(text);
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(SchemeTest, ParsesAValidScheme) {
  auto s = ParseScheme(kValid, "t.toml");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->name, "测试方案");
  EXPECT_EQ(s->grades, (GradeBounds{9000, 8000, 6000}));
  ASSERT_EQ(s->indicators.size(), 3u);
  const Indicator& red = s->indicators[1];
  EXPECT_EQ(red.id, "red");
  EXPECT_EQ(red.scoring, Scoring::kDeduct);
  EXPECT_EQ(red.per, 2);
  EXPECT_EQ(red.missing, Missing::kZero);
  EXPECT_EQ(red.line, 16);                                      // the weight's line
  EXPECT_EQ(s->indicators[0].missing, Missing::kRedistribute);  // the default
  EXPECT_EQ(s->indicators[2].scoring, Scoring::kChecks);
  EXPECT_EQ(s->Find("self"), &s->indicators[2]);
  EXPECT_EQ(s->Find("nope"), nullptr);
  EXPECT_EQ(DescribeScoring(red), "数值每 1 扣 2 分，扣完 30 分为止");
}

TEST(SchemeTest, DefaultSchemeIsTheConfigFileAndCoversTheEightSources) {
  const std::string file =
      testing::ReadText(std::string(DAYLIGHT_SOURCE_DIR) + "/config/assessment.toml");
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(DefaultSchemeText(), file);
  auto from_file = LoadScheme(std::string(DAYLIGHT_SOURCE_DIR) + "/config/assessment.toml");
  ASSERT_TRUE(from_file) << from_file.error().message;
  auto s = DefaultScheme();
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(*s, *from_file);

  double total = 0;
  std::set<std::string> sources;
  for (const auto& i : s->indicators) {
    total += i.weight;
    sources.insert(i.source);
  }
  EXPECT_DOUBLE_EQ(total, 100);
  EXPECT_EQ(sources, (std::set<std::string>{"lists_complete", "lists_current", "published",
                                            "on_time", "warnings_per_100", "red_cards",
                                            "disposal_in_time", "public_rating"}));
  const Indicator* rating = s->Find("rating");
  ASSERT_NE(rating, nullptr);
  EXPECT_EQ(rating->source, "public_rating");
  EXPECT_EQ(rating->missing, Missing::kRedistribute);  // no portal yet
  EXPECT_EQ(s->grades, (GradeBounds{9000, 8000, 6000}));
}

TEST(SchemeTest, WeightsMustSumTo100) {
  EXPECT_EQ(ErrorOf(Replace(kValid, "weight = 20", "weight = 15")),
            "t.toml 第 24 行 indicator[3].weight: 权重合计应为 100，现为 95");
  EXPECT_EQ(ErrorOf(Replace(kValid, "weight = 20", "weight = 20.5")),
            "t.toml 第 24 行 indicator[3].weight: 权重合计应为 100，现为 100.5");
}

TEST(SchemeTest, UnknownKeyNamesItsLine) {
  EXPECT_EQ(
      ErrorOf(Replace(kValid, "per = 2\n", "per = 2\nweigth = 3\n")),
      "t.toml 第 19 行 indicator[2].weigth: 未知的键（可用：id、name、source、weight、scoring、"
      "best、worst、per、missing、description）");
  EXPECT_EQ(ErrorOf(Replace(kValid, "\"合格\" = 60", "\"及格\" = 60")),
            "t.toml 第 5 行 grades.及格: 未知的键（可用：优秀、良好、合格）");
  EXPECT_EQ(ErrorOf(Replace(kValid, "方案\"\n", "方案\"\nowner = \"纪委\"\n")),
            "t.toml 第 2 行 owner: 未知的键（可用：name、description、grades、indicator）");
}

TEST(SchemeTest, BadScoringAndSource) {
  EXPECT_EQ(ErrorOf(Replace(kValid, "scoring = \"ratio\"", "scoring = \"percent\"")),
            "t.toml 第 11 行 indicator[1].scoring: 未知的计分方法“percent”（可用：ratio、linear、"
            "deduct）");
  EXPECT_EQ(ErrorOf(Replace(kValid, "scoring = \"deduct\"", "scoring = \"ratio\"")),
            "t.toml 第 17 行 indicator[2].scoring: ratio 只适用于比率类数据来源，red_cards "
            "不是比率（可用 linear 或 deduct）");
  const std::string unknown_source =
      ErrorOf(Replace(kValid, "\"on_time\"\nweight", "\"ontime\"\nweight"));
  EXPECT_EQ(
      unknown_source.rfind(
          "t.toml 第 9 行 indicator[1].source: 未知的数据来源“ontime”（可用：lists_complete、", 0),
      0u)
      << unknown_source;
  EXPECT_EQ(ErrorOf(Replace(kValid, "per = 2\n", "")),
            "t.toml 第 12 行 indicator[2].per: scoring = \"deduct\" 时必填");
  EXPECT_EQ(ErrorOf(Replace(kValid, "per = 2\n", "per = 2\nbest = 0\n")),
            "t.toml 第 19 行 indicator[2].best: 只用于 scoring = \"linear\"");
  EXPECT_EQ(ErrorOf(Replace(kValid, "weight = 20\n", "weight = 20\nscoring = \"ratio\"\n")),
            "t.toml 第 25 行 indicator[3].scoring: 自查、检查扣分类指标（source = self_check）"
            "按自查、检查记录扣分，不写 scoring");
  EXPECT_EQ(ErrorOf(Replace(kValid, "missing = \"zero\"", "missing = \"skip\"")),
            "t.toml 第 19 行 indicator[2].missing: 应为 redistribute、full、zero 之一");
}

TEST(SchemeTest, NegativeWeightAndOtherValues) {
  // A bad weight is reported on its own; the sum is not checked then.
  EXPECT_EQ(ErrorOf(Replace(kValid, "weight = 30", "weight = -30")),
            "t.toml 第 16 行 indicator[2].weight: 权重应为大于 0、不超过 100 的数，现为 -30");
  EXPECT_EQ(ErrorOf(Replace(kValid, "weight = 30", "weight = \"30\"")),
            "t.toml 第 16 行 indicator[2].weight: 应为数字");
  EXPECT_EQ(ErrorOf(Replace(kValid, "id = \"red\"", "id = \"on_time\"")),
            "t.toml 第 13 行 indicator[2].id: 指标编号“on_time”重复");
  EXPECT_EQ(ErrorOf(Replace(kValid, "\"良好\" = 80", "\"良好\" = 95")),
            "t.toml 第 5 行 grades: 等级分数线应为 优秀 > 良好 > 合格");
  EXPECT_EQ(ErrorOf(Replace(kValid, "name = \"测试方案\"", "title = \"测试方案\"")),
            "t.toml 第 1 行 title: 未知的键（可用：name、description、grades、indicator）\n"
            "t.toml 第 1 行 name: 缺少方案名称");
}

TEST(SchemeTest, EveryProblemIsReportedInLineOrder) {
  std::string text = Replace(kValid, "weight = 50", "weight = 0");
  text = Replace(text, "scoring = \"deduct\"", "scoring = \"steps\"");
  auto s = ParseScheme(text, "t.toml");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message,
            "t.toml 第 10 行 indicator[1].weight: 权重应为大于 0、不超过 100 的数，现为 0\n"
            "t.toml 第 17 行 indicator[2].scoring: 未知的计分方法“steps”（可用：ratio、linear、"
            "deduct）");
  ASSERT_EQ(s.error().details.size(), 2u);
  EXPECT_EQ(s.error().details[1]["line"], 17);
  EXPECT_EQ(s.error().details[1]["key"], "indicator[2].scoring");
}

TEST(SchemeTest, TomlSyntaxErrorNamesTheLine) {
  const std::string message = ErrorOf(Replace(kValid, "per = 2", "per = = 2"));
  EXPECT_EQ(message.rfind("t.toml 第 18 行: TOML 格式错误：", 0), 0u) << message;
}

TEST(SchemeTest, LoadSchemeReportsAMissingFile) {
  auto s = LoadScheme("/nonexistent/assessment.toml");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
}

TEST(SchemeTest, GradeBoundsCompareInHundredths) {
  GradeBounds g;
  EXPECT_EQ(g.Of(10000), Grade::kExcellent);
  EXPECT_EQ(g.Of(9000), Grade::kExcellent);
  EXPECT_EQ(g.Of(8999), Grade::kGood);
  EXPECT_EQ(g.Of(8000), Grade::kGood);
  EXPECT_EQ(g.Of(6000), Grade::kPass);
  EXPECT_EQ(g.Of(5999), Grade::kFail);
  EXPECT_EQ(g.Of(0), Grade::kFail);
}

}  // namespace
}  // namespace dl::assess
