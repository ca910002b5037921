#include "catalog/validate.h"

#include <gtest/gtest.h>

#include "testing/sample_catalog.h"

namespace dl::catalog {
namespace {

using testing::SampleCatalog;

// Finds an issue with this severity, field and a message containing `fragment`.
::testing::AssertionResult Has(const std::vector<Issue>& issues, Issue::Severity severity,
                               const std::string& field, const std::string& fragment) {
  for (const auto& i : issues) {
    if (i.severity == severity && i.field == field &&
        i.message.find(fragment) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  std::string all;
  for (const auto& i : issues) all += "\n  " + Describe(i);
  return ::testing::AssertionFailure()
         << "no issue [" << field << "] ~ " << fragment << " in:" << all;
}
constexpr auto kError = Issue::Severity::kError;
constexpr auto kWarning = Issue::Severity::kWarning;

class ValidateTest : public ::testing::Test {
 protected:
  Catalog c = SampleCatalog();
  RiskFormula formula;
  Power& lic() { return c.powers["XK-SCJ-001"].power; }
  std::vector<Issue> Check() { return ValidatePower(lic(), c, formula); }
};

TEST_F(ValidateTest, SampleCatalogIsValid) {
  auto issues = ValidateCatalog(c, formula, Date::FromYmd(2026, 11, 23));
  EXPECT_FALSE(HasErrors(issues));
  EXPECT_TRUE(issues.empty()) << Describe(issues.front());
}

TEST_F(ValidateTest, FlowNeedsExactlyOneStart) {
  lic().flow.nodes[1].kind = NodeKind::kStart;
  EXPECT_TRUE(Has(Check(), kError, "节点类型", "有且只有一个开始节点"));
}

TEST_F(ValidateTest, FlowNeedsAnEnd) {
  lic().flow.nodes.back().kind = NodeKind::kTask;
  lic().flow.nodes.back().post = "SCJ-JZ";
  lic().flow.nodes.back().time_limit = {1, TimeLimit::Unit::kWorkday};
  EXPECT_TRUE(Has(Check(), kError, "节点类型", "至少应有一个结束节点"));
}

TEST_F(ValidateTest, EveryNodeReachableFromStart) {
  lic().flow.nodes.push_back(Node{"X",
                                  "孤立节点",
                                  NodeKind::kTask,
                                  "SCJ-JZ",
                                  {1, TimeLimit::Unit::kWorkday},
                                  Stage::kNone,
                                  "",
                                  false});
  lic().flow.edges.push_back({"X", "E", ""});
  EXPECT_TRUE(Has(Check(), kError, "节点编码", "从开始节点无法到达"));
}

TEST_F(ValidateTest, EveryNodeReachesAnEnd) {
  lic().flow.nodes.push_back(Node{"X",
                                  "死胡同",
                                  NodeKind::kTask,
                                  "SCJ-JZ",
                                  {1, TimeLimit::Unit::kWorkday},
                                  Stage::kNone,
                                  "",
                                  false});
  lic().flow.nodes[2].kind = NodeKind::kExclusive;
  lic().flow.edges.push_back({"G1", "X", "amount > 1"});
  EXPECT_TRUE(Has(Check(), kError, "节点编码", "无法到达结束节点"));
}

TEST_F(ValidateTest, EdgesMustJoinKnownNodes) {
  lic().flow.edges.push_back({"N5", "NOPE", ""});
  EXPECT_TRUE(Has(Check(), kError, "目标节点", "“NOPE” 不存在"));
}

TEST_F(ValidateTest, TasksNeedPostAndTimeLimit) {
  lic().flow.nodes[1].post = "";
  lic().flow.nodes[3].time_limit = {};
  auto issues = Check();
  EXPECT_TRUE(Has(issues, kError, "办理岗位", "必须指定办理岗位"));
  EXPECT_TRUE(Has(issues, kError, "办理时限", "必须规定办理时限"));
}

TEST_F(ValidateTest, PostMustExist) {
  lic().flow.nodes[1].post = "NO-SUCH-POST";
  EXPECT_TRUE(Has(Check(), kError, "办理岗位", "岗位 “NO-SUCH-POST” 不存在"));
}

TEST_F(ValidateTest, ConditionsMustParse) {
  lic().flow.edges[2].condition = "need_inspection = 是";
  EXPECT_TRUE(Has(Check(), kError, "流转条件", "条件表达式"));
}

TEST_F(ValidateTest, TaskCannotBranchWithoutGateway) {
  lic().flow.edges.push_back({"N1", "N5", ""});
  EXPECT_TRUE(Has(Check(), kError, "节点类型", "办理节点只能有一条出线"));
}

TEST_F(ValidateTest, ParallelJoinMustMatchSplit) {
  // Give one branch of the 会签 a join of its own.
  lic().flow.nodes.push_back(
      Node{"J2", "另一汇合", NodeKind::kParallelJoin, "", {}, Stage::kNone, "", false});
  for (auto& e : lic().flow.edges) {
    if (e.from == "N4") e.to = "J2";
  }
  lic().flow.edges.push_back({"J2", "N5", ""});
  EXPECT_TRUE(Has(Check(), kError, "节点类型", "汇合到不同节点"));
}

TEST_F(ValidateTest, ParallelBranchMustNotReachEndUnjoined) {
  for (auto& e : lic().flow.edges) {
    if (e.from == "N4") e.to = "E";
  }
  EXPECT_TRUE(Has(Check(), kError, "节点类型", "未经并行汇合就到达结束节点"));
}

TEST_F(ValidateTest, JoinWithoutSplit) {
  for (auto& n : lic().flow.nodes) {
    if (n.code == "P1") n.kind = NodeKind::kExclusive;
  }
  lic().flow.edges[5].condition = "x == 1";
  EXPECT_TRUE(Has(Check(), kError, "节点类型", "并行汇合节点没有对应的并行分支"));
}

TEST_F(ValidateTest, RiskFactorsAreOneToFive) {
  lic().risks[0].factors.harm = 6;
  lic().risks[1].factors.importance = 0;
  auto issues = Check();
  EXPECT_TRUE(Has(issues, kError, "危害程度", "应为 1–5 的整数，实际为 6"));
  EXPECT_TRUE(Has(issues, kError, "权力重要程度", "实际为 0"));
}

TEST_F(ValidateTest, RiskLevelFollowsTheFormula) {
  lic().risks[1].level = RiskLevel::kLow;
  EXPECT_TRUE(Has(Check(), kError, "风险等级", "按评分公式应为“中”"));
  // A different formula changes the verdict: with harm weighted 3, R2 scores 19 → 高.
  formula.weights = {1, 1, 1, 1, 3};
  lic().risks[1].level = RiskLevel::kHigh;
  auto issues = Check();
  EXPECT_FALSE(Has(issues, kError, "风险等级", "R2"));
  for (const auto& i : issues) EXPECT_NE(i.ref.part_code, "R2") << Describe(i);
}

TEST_F(ValidateTest, HighRiskWithoutControlIsAWarningNotAnError) {
  lic().controls.erase(lic().controls.begin());  // C1 controlled R1 (高)
  auto issues = Check();
  EXPECT_FALSE(HasErrors(issues));
  EXPECT_TRUE(Has(issues, kWarning, "防控措施", "高风险点没有防控措施"));
}

TEST_F(ValidateTest, ControlsNeedRiskTypeAndKnownPost) {
  lic().controls[0].risk = "R9";
  lic().controls[1].types.clear();
  lic().controls[1].post = "NOPE";
  auto issues = Check();
  EXPECT_TRUE(Has(issues, kError, "风险编码", "没有风险点 “R9”"));
  EXPECT_TRUE(Has(issues, kError, "措施类型", "至少选择一种措施类型"));
  EXPECT_TRUE(Has(issues, kError, "责任岗位", "“NOPE” 不存在"));
}

TEST_F(ValidateTest, RiskNodeMustExist) {
  lic().risks[0].node = "N99";
  EXPECT_TRUE(Has(Check(), kError, "所在节点", "没有节点 “N99”"));
}

TEST_F(ValidateTest, PowerNeedsLegalBasisAndKnownUnit) {
  lic().legal_basis.clear();
  lic().unit = "NOPE";
  auto issues = Check();
  EXPECT_TRUE(Has(issues, kError, "设定依据", "法无授权即禁止"));
  EXPECT_TRUE(Has(issues, kError, "实施主体", "不存在"));
}

TEST_F(ValidateTest, HolderPostRequiredAboveUnitLevel) {
  lic().held_at = HolderLevel::kLeadership;
  EXPECT_TRUE(Has(Check(), kError, "行使岗位", "必须填写行使岗位"));
}

TEST_F(ValidateTest, MissingFlowIsAListGapWarning) {
  lic().flow = {};
  lic().risks.clear();
  lic().controls.clear();
  auto issues = Check();
  EXPECT_FALSE(HasErrors(issues));
  EXPECT_TRUE(Has(issues, kWarning, "流程清单", "四单缺项"));
}

TEST_F(ValidateTest, BenchmarkRangeMustBeOrdered) {
  auto& pen = c.powers["CF-SCJ-001"].power;
  pen.benchmarks[0].upper = 10;
  EXPECT_TRUE(Has(ValidatePower(pen, c, formula), kError, "上限", "裁量范围无效"));
}

TEST_F(ValidateTest, UnitTreeRules) {
  org::Unit u = c.units["YX"];
  u.parent = "YX-SCJ-ZC";  // the county under its own grandchild section: a cycle
  EXPECT_TRUE(Has(ValidateUnit(u, c), kError, "上级单位编码", "成环"));
  org::Unit v{"X", "某单位", "NOPE", org::UnitLevel::kUnit, org::UnitKind::kGovernment, "NOPE2"};
  auto issues = ValidateUnit(v, c);
  EXPECT_TRUE(Has(issues, kError, "上级单位编码", "不存在"));
  EXPECT_TRUE(Has(issues, kError, "监督单位编码", "不存在"));
}

TEST_F(ValidateTest, OrgRules) {
  EXPECT_TRUE(
      Has(ValidatePost({"X", "YX-SCJ", "组长", false, true}, c), kError, "一把手", "班子成员"));
  EXPECT_TRUE(
      Has(ValidatePost({"X", "NOPE", "组长", false, false}, c), kError, "所属单位", "不存在"));
  org::Assignment a{"P001", "SCJ-JZ", Date::FromYmd(2026, 1, 1), Date::FromYmd(2025, 1, 1)};
  EXPECT_TRUE(Has(ValidateAssignment(a, c), kError, "任职结束日期", "早于开始日期"));
  org::Relation r{"P404", "某公司", org::RelationKind::kShareholding, ""};
  EXPECT_TRUE(Has(ValidateRelation(r, c), kError, "人员编码", "不存在"));
}

TEST_F(ValidateTest, StatusChangeRules) {
  const PowerRecord& rec = c.powers["CF-SCJ-001"];
  StatusChange merge{Date::FromYmd(2026, 5, 1), PowerStatus::kMerged, "职能整合", "NOPE", ""};
  EXPECT_TRUE(
      Has(ValidateStatusChange("CF-SCJ-001", merge, &rec, c), kError, "变更去向", "不存在"));
  StatusChange early{Date::FromYmd(2025, 1, 1), PowerStatus::kCancelled, "取消", "", ""};
  EXPECT_TRUE(Has(ValidateStatusChange("CF-SCJ-001", early, &rec, c), kError, "变更日期",
                  "早于上一次变更"));
  StatusChange no_reason{Date::FromYmd(2026, 6, 1), PowerStatus::kCancelled, "", "", ""};
  EXPECT_TRUE(Has(ValidateStatusChange("CF-SCJ-001", no_reason, &rec, c), kError, "变更理由",
                  "必须说明理由"));
  StatusChange down{Date::FromYmd(2026, 6, 1), PowerStatus::kDelegated, "下放乡镇", "", ""};
  EXPECT_TRUE(
      Has(ValidateStatusChange("CF-SCJ-001", down, &rec, c), kError, "变更去向", "下放时必须填写"));
}

TEST_F(ValidateTest, MergeTargetMustBeInForce) {
  c.powers["XK-SCJ-001"].history.push_back(
      {Date::FromYmd(2026, 4, 1), PowerStatus::kCancelled, "取消", "", ""});
  const PowerRecord& rec = c.powers["CF-SCJ-001"];
  StatusChange merge{Date::FromYmd(2026, 5, 1), PowerStatus::kMerged, "职能整合", "XK-SCJ-001", ""};
  EXPECT_TRUE(Has(ValidateStatusChange("CF-SCJ-001", merge, &rec, c), kError, "变更去向",
                  "已不在用（取消）"));
}

TEST_F(ValidateTest, RisksAreReviewedAtLeastYearly) {
  lic().risks[0].next_review = Date::FromYmd(2027, 6, 1);  // approved 2026-01-10
  EXPECT_TRUE(Has(Check(), kWarning, "下次评估日期", "至少每年评估一次"));
  lic().risks[0].next_review = Date::FromYmd(2025, 6, 1);
  EXPECT_TRUE(Has(Check(), kError, "下次评估日期", "早于集体审定日期"));
}

TEST_F(ValidateTest, OverdueReviewIsAWarning) {
  auto issues = ValidateCatalog(c, formula, Date::FromYmd(2027, 2, 1));
  EXPECT_FALSE(HasErrors(issues));
  EXPECT_TRUE(Has(issues, kWarning, "下次评估日期", "已逾期"));
}

TEST(TimeLimitTest, ParsesAndFormats) {
  EXPECT_EQ(ParseTimeLimit("20个工作日"), (TimeLimit{20, TimeLimit::Unit::kWorkday}));
  EXPECT_EQ(ParseTimeLimit("20"), (TimeLimit{20, TimeLimit::Unit::kWorkday}));
  EXPECT_EQ(ParseTimeLimit("15天"), (TimeLimit{15, TimeLimit::Unit::kDay}));
  EXPECT_EQ(ParseTimeLimit("4小时"), (TimeLimit{4, TimeLimit::Unit::kHour}));
  EXPECT_EQ(ParseTimeLimit(""), TimeLimit{});
  EXPECT_FALSE(ParseTimeLimit("五"));
  EXPECT_FALSE(ParseTimeLimit("2.5个工作日"));
  EXPECT_FALSE(ParseTimeLimit("0"));
  EXPECT_EQ(FormatTimeLimit({20, TimeLimit::Unit::kWorkday}), "20个工作日");
  EXPECT_EQ(*ParseTimeLimit(FormatTimeLimit({7, TimeLimit::Unit::kDay})),
            (TimeLimit{7, TimeLimit::Unit::kDay}));
}

}  // namespace
}  // namespace dl::catalog
