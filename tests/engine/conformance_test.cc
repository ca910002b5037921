#include "engine/conformance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "catalog/validate.h"
#include "testing/sample_catalog.h"

namespace dl::engine {
namespace {

using catalog::Edge;
using catalog::Flow;
using catalog::Node;
using catalog::NodeKind;

Node Task(std::string code, std::string name) {
  Node n;
  n.code = std::move(code);
  n.name = std::move(name);
  n.kind = NodeKind::kTask;
  n.post = "SCJ-ZC-KY";
  n.time_limit = {1, catalog::TimeLimit::Unit::kWorkday};
  return n;
}

Node Other(std::string code, std::string name, NodeKind kind) {
  Node n;
  n.code = std::move(code);
  n.name = std::move(name);
  n.kind = kind;
  return n;
}

// Compiles a flow after checking that the catalogue's own validation accepts it.
std::shared_ptr<const CompiledFlow> CompileValid(const Flow& flow) {
  catalog::Power power;
  power.code = "T";
  power.flow = flow;
  auto issues = catalog::ValidateFlow(power, testing::SampleCatalog());
  for (const auto& issue : issues) ADD_FAILURE() << Describe(issue);
  auto compiled = CompiledFlow::Compile(flow);
  if (!compiled) ADD_FAILURE() << compiled.error().message;
  return compiled.value_or(nullptr);
}

// "S>A A>B": unconditional edges, in order.
std::vector<Edge> Edges(const std::string& spec) {
  std::vector<Edge> out;
  std::istringstream in(spec);
  for (std::string pair; in >> pair;) {
    size_t gt = pair.find('>');
    out.push_back({pair.substr(0, gt), pair.substr(gt + 1), ""});
  }
  return out;
}

Flow Make(std::vector<Node> nodes, std::vector<std::vector<Edge>> edge_groups) {
  Flow f;
  f.nodes = std::move(nodes);
  for (auto& group : edge_groups) f.edges.insert(f.edges.end(), group.begin(), group.end());
  return f;
}

// 申请 → 受理 → 是否需要现场核查 → [现场核查] → 会签(业务股审核 ∥ 分管领导审核) → 决定 → 办结
std::shared_ptr<const CompiledFlow> SampleFlow() {
  return CompileValid(testing::SampleCatalog().powers.at("XK-SCJ-001").power.flow);
}

// S → A → B → C → E
std::shared_ptr<const CompiledFlow> SequenceFlow() {
  return CompileValid(
      Make({Other("S", "申请", NodeKind::kStart), Task("A", "受理"), Task("B", "审查"),
            Task("C", "决定"), Other("E", "办结", NodeKind::kEnd)},
           {Edges("S>A A>B B>C C>E")}));
}

// S → A → G{amount >= 500000 → COLL; else → LEAD} → D → E. Without a default, the second
// edge carries "amount < 500000" instead.
std::shared_ptr<const CompiledFlow> AmountFlow(bool with_default) {
  return CompileValid(Make(
      {Other("S", "申请", NodeKind::kStart), Task("A", "经办审核"),
       Other("G", "金额判断", NodeKind::kExclusive), Task("COLL", "集体决策"),
       Task("LEAD", "分管领导审批"), Task("D", "执行"), Other("E", "办结", NodeKind::kEnd)},
      {Edges("S>A A>G"),
       {{"G", "COLL", "amount >= 500000"}, {"G", "LEAD", with_default ? "" : "amount < 500000"}},
       Edges("COLL>D LEAD>D D>E")}));
}

// S → A → B → G{decision == "退回" → A; else → C} → C → E: a rejection loop in the model.
std::shared_ptr<const CompiledFlow> LoopFlow() {
  return CompileValid(
      Make({Other("S", "申请", NodeKind::kStart), Task("A", "提交材料"), Task("B", "审核"),
            Other("G", "审核结论", NodeKind::kExclusive), Task("C", "决定"),
            Other("E", "办结", NodeKind::kEnd)},
           {Edges("S>A A>B B>G"), {{"G", "A", "decision == \"退回\""}}, Edges("G>C C>E")}));
}

// S → A0 → P1 ⟨ A → P2 ⟨ B ∥ C ⟩ J2 → D ∥ E1 ⟩ J1 → F → END
std::shared_ptr<const CompiledFlow> NestedFlow() {
  return CompileValid(
      Make({Other("S", "开始", NodeKind::kStart), Task("A0", "受理"),
            Other("P1", "外层会签", NodeKind::kParallelSplit), Task("A", "财务初审"),
            Other("P2", "内层会签", NodeKind::kParallelSplit), Task("B", "会计审核"),
            Task("C", "出纳审核"), Other("J2", "内层汇合", NodeKind::kParallelJoin),
            Task("D", "财务负责人审核"), Task("E1", "纪检审核"),
            Other("J1", "外层汇合", NodeKind::kParallelJoin), Task("F", "决定"),
            Other("END", "办结", NodeKind::kEnd)},
           {Edges("S>A0 A0>P1 P1>A A>P2 P2>B P2>C B>J2 C>J2 J2>D D>J1 P1>E1 E1>J1 J1>F F>END")}));
}

// S → T1 → … → Tn → G{again == 1 → T1; else → E}
std::shared_ptr<const CompiledFlow> RingFlow(int tasks) {
  Flow f;
  f.nodes.push_back(Other("S", "开始", NodeKind::kStart));
  for (int i = 1; i <= tasks; ++i) f.nodes.push_back(Task("T" + std::to_string(i), "环节"));
  f.nodes.push_back(Other("G", "是否重办", NodeKind::kExclusive));
  f.nodes.push_back(Other("E", "结束", NodeKind::kEnd));
  for (int i = 0; i <= tasks; ++i) f.edges.push_back({f.nodes[i].code, f.nodes[i + 1].code, ""});
  f.edges.push_back({"G", "T1", "again == 1"});
  f.edges.push_back({"G", "E", ""});
  return CompileValid(f);
}

const char* KindName(DeviationKind kind) {
  static constexpr const char* kNames[] = {"unknown",   "skipped",  "out_of_order", "wrong_branch",
                                           "no_branch", "repeated", "after_close",  "closed_early"};
  return kNames[static_cast<int>(kind)];
}

// "ok", or "kind step [nodes]; …".
std::string Render(const Verdict& v) {
  if (v.allowed != v.deviations.empty()) return "allowed disagrees with the deviations";
  if (v.allowed) return "ok";
  std::string out;
  for (const Deviation& d : v.deviations) {
    if (!out.empty()) out += "; ";
    out += KindName(d.kind);
    if (!d.step.empty()) out += " " + d.step;
    out += " [";
    for (size_t i = 0; i < d.nodes.size(); ++i) out += (i ? " " : "") + d.nodes[i];
    out += "]";
    if (d.message.empty()) out += " (no message)";
  }
  return out;
}

// One case: each call returns the rendered verdict; the last verdict is kept.
class Case {
 public:
  explicit Case(std::shared_ptr<const CompiledFlow> flow, const Json& opened = Json::object())
      : flow_(std::move(flow)) {
    last_ = Conformance::Open(*flow_, state_, opened);
  }
  std::string Start(std::string_view code) {
    return Keep(Conformance::OnStarted(*flow_, state_, code));
  }
  std::string Done(std::string_view code, const Json& values = Json::object()) {
    return Keep(Conformance::OnCompleted(*flow_, state_, code, values));
  }
  std::string Close() { return Keep(Conformance::OnClosed(*flow_, state_)); }
  std::string State() const { return Conformance::Describe(*flow_, state_); }
  std::vector<std::string> Enabled() const { return Conformance::EnabledSteps(*flow_, state_); }
  const Verdict& last() const { return last_; }
  const CaseState& state() const { return state_; }

 private:
  std::string Keep(Verdict v) {
    last_ = std::move(v);
    return Render(last_);
  }
  std::shared_ptr<const CompiledFlow> flow_;
  CaseState state_;
  Verdict last_;
};

using Codes = std::vector<std::string>;

TEST(CompiledFlowTest, PrecomputesTheSampleFlow) {
  auto flow = SampleFlow();
  ASSERT_TRUE(flow);
  NodeIndex n1 = flow->Find("N1"), n5 = flow->Find("N5"), p1 = flow->Find("P1");
  ASSERT_NE(n1, kNoNode);
  EXPECT_EQ(flow->Find("X"), kNoNode);
  EXPECT_EQ(flow->Code(flow->start()), "N0");
  auto codes = [&](const std::vector<NodeIndex>& nodes) {
    Codes out;
    for (NodeIndex i : nodes) out.push_back(flow->Code(i));
    return out;
  };
  EXPECT_EQ(codes(flow->NextTasks(n1)), (Codes{"N2", "N3", "N4"}));
  EXPECT_EQ(flow->Distance(n1, n5), 2);  // N1 itself and one 会签 task
  EXPECT_EQ(flow->Distance(n5, n1), CompiledFlow::kUnreachable);
  EXPECT_EQ(codes(flow->Path(n1, flow->Find("N3"))), (Codes{"N1", "G1", "P1", "N3"}));
  ASSERT_EQ(flow->block_count(), 1u);
  EXPECT_EQ(flow->Code(flow->block(0).join), "J1");
  EXPECT_EQ(flow->block(0).branches, 2);
  EXPECT_EQ(flow->LaneOf(flow->Find("N4")), (CompiledFlow::Lane{0, 1}));
  EXPECT_EQ(flow->LaneOf(p1), (CompiledFlow::Lane{}));
  EXPECT_GT(flow->MemoryBytes(), flow->size() * flow->size() * 4);
}

TEST(CompiledFlowTest, NestedBlocksKnowTheirParents) {
  auto flow = NestedFlow();
  ASSERT_TRUE(flow);
  ASSERT_EQ(flow->block_count(), 2u);
  const auto& inner = flow->block(flow->LaneOf(flow->Find("B")).block);
  EXPECT_EQ(flow->Code(inner.join), "J2");
  EXPECT_EQ(inner.depth, 2);
  EXPECT_EQ(flow->Code(flow->block(inner.parent).join), "J1");
  EXPECT_EQ(flow->LaneOf(flow->Find("D")), flow->LaneOf(flow->Find("A")));
}

TEST(CompiledFlowTest, RejectsWhatTheEngineCannotRun) {
  const std::vector<Node> nodes = {Other("S", "开始", NodeKind::kStart),
                                   Task("A", "甲"),
                                   Other("P", "会签", NodeKind::kParallelSplit),
                                   Task("B", "乙"),
                                   Task("C", "丙"),
                                   Other("J", "汇合", NodeKind::kParallelJoin),
                                   Other("E", "结束", NodeKind::kEnd),
                                   Other("G1", "判断一", NodeKind::kExclusive),
                                   Other("G2", "判断二", NodeKind::kExclusive),
                                   Task("K", "合并")};
  // Compiles the nodes that the edges mention; returns the error or "compiled".
  auto compile = [&](const std::string& spec, std::vector<Edge> conditional = {}) {
    Flow f = Make(nodes, {Edges(spec), std::move(conditional)});
    std::erase_if(f.nodes, [&](const Node& n) {
      return std::none_of(f.edges.begin(), f.edges.end(),
                          [&](const Edge& e) { return e.from == n.code || e.to == n.code; });
    });
    auto c = CompiledFlow::Compile(f);
    return c ? std::string("compiled") : c.error().message;
  };
  using ::testing::HasSubstr;
  EXPECT_EQ(compile("S>A A>P P>B P>C B>J C>J J>E"), "compiled");
  // into a branch without passing the split
  EXPECT_THAT(compile("S>A A>G1 G1>B P>B P>C B>J C>J J>E", {{"G1", "P", "x == 1"}}),
              HasSubstr("跨越了并行块的边界"));
  EXPECT_THAT(compile("S>A A>G1 G1>P P>B P>C B>J C>J J>E", {{"G1", "E", "amount = 5"}}),
              HasSubstr("条件无效"));
  EXPECT_THAT(compile("S>A A>P P>B P>C B>J C>J J>E A>E"), HasSubstr("“甲”(A) 应有且只有一条出线"));
  EXPECT_THAT(compile("S>G1 G1>A G2>A A>P P>B P>C B>J C>J J>E",
                      {{"G1", "G2", "x == 1"}, {"G2", "G1", "x == 2"}}),
              HasSubstr("环路中没有办理环节"));
  EXPECT_THAT(compile("S>A A>P P>B P>C B>K C>K K>J J>E"), HasSubstr("在汇合前相连"));
  EXPECT_THAT(compile("A>P P>B P>C B>J C>J J>E"), HasSubstr("没有开始节点"));
}

// ---- the sample flow ------------------------------------------------------------------------

TEST(ConformanceTest, SampleWithInspectionStartsAndCompletes) {
  Case c(SampleFlow());
  EXPECT_EQ(Render(c.last()), "ok");
  EXPECT_EQ(c.State(), "N1");
  EXPECT_EQ(c.Start("N1"), "ok");
  EXPECT_EQ(c.State(), "N1+");
  EXPECT_EQ(c.Done("N1", {{"need_inspection", "是"}}), "ok");
  EXPECT_EQ(c.State(), "N2");
  EXPECT_EQ(c.Start("N2"), "ok");
  EXPECT_EQ(c.Done("N2"), "ok");
  EXPECT_EQ(c.State(), "N3 N4");
  EXPECT_EQ(c.Start("N4"), "ok");  // 会签: the leader first
  EXPECT_EQ(c.Start("N3"), "ok");
  EXPECT_EQ(c.State(), "N3+ N4+");
  EXPECT_EQ(c.Done("N4"), "ok");
  EXPECT_EQ(c.State(), "N3+ J1");
  EXPECT_EQ(c.Done("N3"), "ok");
  EXPECT_EQ(c.State(), "N5");
  EXPECT_EQ(c.Start("N5"), "ok");
  EXPECT_EQ(c.Done("N5"), "ok");
  EXPECT_EQ(c.State(), "E");
  EXPECT_EQ(c.Close(), "ok");
  EXPECT_EQ(c.State(), "closed");
}

TEST(ConformanceTest, SampleCompletionOnlyWithoutInspectionInEitherOrder) {
  for (bool section_first : {true, false}) {
    Case c(SampleFlow());
    EXPECT_EQ(c.Done("N0"), "ok");  // the application itself, sent by some systems
    EXPECT_EQ(c.Done("N1", {{"need_inspection", "否"}}), "ok");
    EXPECT_EQ(c.Enabled(), (Codes{"N3", "N4"}));
    EXPECT_EQ(c.Done(section_first ? "N3" : "N4"), "ok");
    EXPECT_EQ(c.Enabled(), (Codes{section_first ? "N4" : "N3"}));
    EXPECT_EQ(c.Done(section_first ? "N4" : "N3"), "ok");
    EXPECT_EQ(c.Done("N5"), "ok");
    EXPECT_EQ(c.Close(), "ok");
  }
}

TEST(ConformanceTest, SampleSkippedInspectionIsNamedOnce) {
  Case c(SampleFlow());
  EXPECT_EQ(c.Done("N1", {{"need_inspection", "是"}}), "ok");
  EXPECT_EQ(c.Done("N3"), "skipped N3 [N2]");
  EXPECT_NE(c.last().deviations[0].message.find("跳过了 “现场核查”(N2)"), std::string::npos)
      << c.last().deviations[0].message;
  EXPECT_EQ(c.State(), "N4 J1");  // the split gave the other branch its token
  EXPECT_EQ(c.Done("N4"), "ok");  // no cascade
  EXPECT_EQ(c.Done("N5"), "ok");
  EXPECT_EQ(c.Close(), "ok");
  Case decided(SampleFlow());
  EXPECT_EQ(decided.Done("N1"), "ok");
  EXPECT_EQ(decided.Start("N5"), "skipped N5 [N3 N4]");
  EXPECT_EQ(decided.State(), "N5+");
  EXPECT_EQ(decided.Done("N5"), "ok");
  EXPECT_EQ(decided.Close(), "ok");
}

TEST(ConformanceTest, SampleInspectionAfterTheBranchWentOnIsOutOfOrder) {
  Case c(SampleFlow());
  EXPECT_EQ(c.Done("N1"), "ok");  // no need_inspection: the default branch, straight to 会签
  EXPECT_EQ(c.Done("N2"), "out_of_order N2 [N3 N4]");
  EXPECT_EQ(c.State(), "N3 N4");
  EXPECT_EQ(c.Done("N3"), "ok");
  EXPECT_EQ(c.Done("N4"), "ok");
  EXPECT_EQ(c.Close(), "closed_early [N5]");
}

TEST(ConformanceTest, CaseStateStaysSmall) {
  EXPECT_LE(sizeof(CaseState), 64u);
  for (auto flow : {SampleFlow(), NestedFlow()}) {
    Case c(flow);
    size_t most = c.state().MemoryBytes();
    for (const char* step : {"N1", "N2", "N3", "N4", "N5", "A0", "A", "E1", "B", "C", "D", "F"}) {
      (void)c.Start(step);
      most = std::max(most, c.state().MemoryBytes());
      (void)c.Done(step);
      most = std::max(most, c.state().MemoryBytes());
    }
    EXPECT_LE(most, 64u + 8 * sizeof(CaseState::Token));
    EXPECT_EQ(c.Close(), "ok");
    EXPECT_EQ(c.state().MemoryBytes(), sizeof(CaseState));
  }
  Case loop(LoopFlow());  // a long history in a modelled loop
  size_t first = loop.state().MemoryBytes();
  for (int round = 0; round < 1000; ++round) {
    ASSERT_EQ(loop.Done("A"), "ok");
    ASSERT_EQ(loop.Done("B", {{"decision", "退回"}}), "ok");
  }
  EXPECT_LE(loop.state().MemoryBytes(), first + 4 * sizeof(CaseState::Token));
}

// ---- a straight sequence ------------------------------------------------------------------

TEST(ConformanceTest, SequenceHappyPath) {
  Case c(SequenceFlow());
  for (const char* step : {"A", "B", "C"}) {
    EXPECT_EQ(c.Start(step), "ok") << step;
    EXPECT_EQ(c.Done(step), "ok") << step;
  }
  EXPECT_EQ(c.State(), "E");
  EXPECT_EQ(c.Close(), "ok");
}

TEST(ConformanceTest, SkippedStepNamesTheSkippedNode) {
  Case c(SequenceFlow());
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("C"), "skipped C [B]");
  EXPECT_EQ(c.last().deviations[0].message, "“决定”(C) 提前办理，跳过了 “审查”(B)");
  EXPECT_EQ(c.State(), "E");
  EXPECT_EQ(c.Close(), "ok");
  Case from_start(SequenceFlow());
  EXPECT_EQ(from_start.Start("C"), "skipped C [A B]");
  EXPECT_EQ(from_start.Done("C"), "ok");  // the completion of the step already judged
}

TEST(ConformanceTest, OutOfOrderKeepsThePosition) {
  Case c(SequenceFlow());
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("B"), "ok");
  EXPECT_EQ(c.Start("A"), "out_of_order A [C]");  // rework not in the model
  EXPECT_EQ(c.State(), "C ~A+");
  EXPECT_EQ(c.Done("A"), "ok");  // judged once, at its start
  EXPECT_EQ(c.State(), "C");
  EXPECT_EQ(c.Done("B"), "out_of_order B [C]");
  EXPECT_EQ(c.Done("C"), "ok");
  EXPECT_EQ(c.Close(), "ok");
}

TEST(ConformanceTest, RepeatedEvents) {
  Case c(SequenceFlow());
  EXPECT_EQ(c.Start("A"), "ok");
  EXPECT_EQ(c.Start("A"), "repeated A [A]");
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("A"), "repeated A [A]");  // e.g. a resent completion
  EXPECT_EQ(c.State(), "B");
}

TEST(ConformanceTest, UnknownStepLeavesTheStateAlone) {
  Case c(SequenceFlow());
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("X9"), "unknown X9 []");
  EXPECT_EQ(c.last().deviations[0].message, "“X9” 不是本权力运行流程中的环节");
  EXPECT_EQ(c.Start("E"), "unknown E []");  // the end is not a step anyone performs
  EXPECT_NE(c.last().deviations[0].message.find("不是办理环节"), std::string::npos);
  EXPECT_EQ(c.State(), "B");
  EXPECT_EQ(c.Done("B"), "ok");
}

TEST(ConformanceTest, ClosingEarlyAndEventsAfterClose) {
  Case c(SequenceFlow());
  for (const char* step : {"A", "B", "C"}) EXPECT_EQ(c.Done(step), "ok");
  EXPECT_EQ(c.Close(), "ok");
  EXPECT_EQ(c.Done("B"), "after_close B []");
  EXPECT_EQ(c.Start("X9"), "after_close X9 []");
  EXPECT_EQ(c.Close(), "after_close []");
  EXPECT_EQ(c.State(), "closed");
  Case early(SequenceFlow());
  EXPECT_EQ(early.Done("A"), "ok");
  EXPECT_EQ(early.Close(), "closed_early [B]");
  EXPECT_EQ(early.last().deviations[0].message, "流程尚未走完即办结，未办理 “审查”(B)");
}

TEST(ConformanceTest, StartNodeAndUnopenedCases) {
  Case c(SequenceFlow());
  EXPECT_EQ(c.Done("S"), "ok");
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("S"), "out_of_order S [B]");
  auto flow = SequenceFlow();
  CaseState state;
  EXPECT_FALSE(state.opened());
  EXPECT_EQ(Render(Conformance::OnCompleted(*flow, state, "A", Json::object())), "ok");
  EXPECT_TRUE(state.opened());
  EXPECT_EQ(Conformance::Describe(*flow, state), "B");
}

// ---- exclusive gateways ---------------------------------------------------------------------

TEST(ConformanceTest, CaseValuesChooseTheBranch) {
  for (const auto& [values, next] :
       std::vector<std::pair<Json, std::string>>{{{{"amount", 600000}}, "COLL"},
                                                 {{{"amount", 500000}}, "COLL"},
                                                 {{{"amount", 499999}}, "LEAD"},
                                                 {Json::object(), "LEAD"}}) {
    Case c(AmountFlow(/*with_default=*/true));
    EXPECT_EQ(c.Done("A", values), "ok");
    EXPECT_EQ(c.State(), next) << values.dump();
    EXPECT_EQ(c.Done(next), "ok");
    EXPECT_EQ(c.Done("D"), "ok");
    EXPECT_EQ(c.Close(), "ok");
  }
}

TEST(ConformanceTest, AvoidingTheCollectiveDecisionIsAWrongBranch) {
  Case c(AmountFlow(/*with_default=*/true));
  EXPECT_EQ(c.Done("A", {{"amount", 800000}}), "ok");
  EXPECT_EQ(c.Done("LEAD"), "wrong_branch LEAD [COLL]");
  EXPECT_EQ(c.last().deviations[0].message,
            "“分管领导审批”(LEAD) 不在按办件数据应走的分支上；应办理 “集体决策”(COLL)");
  EXPECT_EQ(c.State(), "D");
  EXPECT_EQ(c.Done("D"), "ok");  // one deviation, not a cascade
  EXPECT_EQ(c.Close(), "ok");
}

TEST(ConformanceTest, WrongBranchIntoAParallelBlockStillExpectsItsOtherBranch) {
  Flow f = Make(
      {Other("S", "开始", NodeKind::kStart), Task("A", "受理"),
       Other("G", "是否会签", NodeKind::kExclusive), Task("X", "简易审批"),
       Other("P", "会签", NodeKind::kParallelSplit), Task("Y", "业务审核"), Task("Z", "法制审核"),
       Other("J", "会签汇合", NodeKind::kParallelJoin), Task("W", "决定"),
       Other("E", "结束", NodeKind::kEnd)},
      {Edges("S>A A>G"), {{"G", "X", "simple == 1"}}, Edges("G>P X>W P>Y P>Z Y>J Z>J J>W W>E")});
  Case c(CompileValid(f));
  EXPECT_EQ(c.Done("A", {{"simple", 1}}), "ok");
  EXPECT_EQ(c.State(), "X");
  EXPECT_EQ(c.Done("Y"), "wrong_branch Y [X]");
  EXPECT_EQ(c.State(), "Z J");
  EXPECT_EQ(c.Done("W"), "skipped W [Z]");
  EXPECT_EQ(c.Close(), "ok");
}

TEST(ConformanceTest, NoBranchMatchesWaitsAtTheGateway) {
  Case c(AmountFlow(/*with_default=*/false));
  EXPECT_EQ(c.Done("A", {{"amount", "五十万"}}), "no_branch A [G]");
  EXPECT_NE(c.last().deviations[0].message.find("amount >= 500000；amount < 500000"),
            std::string::npos);
  EXPECT_EQ(c.State(), "G?");
  EXPECT_EQ(c.Enabled(), (Codes{"COLL", "LEAD"}));
  EXPECT_EQ(c.Done("LEAD"), "ok");  // the case shows the branch
  EXPECT_EQ(c.State(), "D");
}

TEST(ConformanceTest, ModelledRejectionLoopIsAllowed) {
  Case c(LoopFlow());
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("B", {{"decision", "退回"}}), "ok");
  EXPECT_EQ(c.State(), "A");
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("B", {{"decision", "退回"}}), "ok");
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("B", {{"decision", "通过"}}), "ok");
  EXPECT_EQ(c.State(), "C");
  EXPECT_EQ(c.Done("C"), "ok");
  EXPECT_EQ(c.Close(), "ok");
  Case not_chosen(LoopFlow());
  EXPECT_EQ(not_chosen.Done("A"), "ok");
  EXPECT_EQ(not_chosen.Done("B", {{"decision", "通过"}}), "ok");
  EXPECT_EQ(not_chosen.Done("A"), "out_of_order A [C]");
  EXPECT_EQ(not_chosen.State(), "C");
}

TEST(ConformanceTest, SkippingInsideTheLoopRound) {
  Case c(LoopFlow());
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("B", {{"decision", "退回"}}), "ok");
  EXPECT_EQ(c.Done("B", {{"decision", "通过"}}), "repeated B [B]");  // state unchanged
  EXPECT_EQ(c.State(), "A");
  EXPECT_EQ(c.Done("C"), "skipped C [A B]");  // the returned round was never redone
  EXPECT_EQ(c.State(), "E");
}

TEST(ConformanceTest, AheadOrBehindInALoopIsDecidedByTheTasksBetween) {
  // Three tasks, back at T1: T2 is 1 task ahead (T1) and 1 task behind (T3); a tie goes ahead.
  Case three(RingFlow(3));
  for (const char* step : {"T1", "T2"}) EXPECT_EQ(three.Done(step), "ok");
  EXPECT_EQ(three.Done("T3", {{"again", 1}}), "ok");
  EXPECT_EQ(three.State(), "T1");
  EXPECT_EQ(three.Done("T2"), "skipped T2 [T1]");
  // Four tasks, back at T1: T3 is 2 tasks ahead (T1 T2) but only 1 behind (T4).
  Case four(RingFlow(4));
  for (const char* step : {"T1", "T2", "T3"}) EXPECT_EQ(four.Done(step), "ok");
  EXPECT_EQ(four.Done("T4", {{"again", 1}}), "ok");
  EXPECT_EQ(four.Done("T3"), "out_of_order T3 [T1]");
  EXPECT_EQ(four.State(), "T1");
}

TEST(ConformanceTest, StraysAreCapped) {
  Case c(RingFlow(12));
  for (int i = 1; i <= 12; ++i) ASSERT_EQ(c.Done("T" + std::to_string(i)), "ok");
  for (int i = 1; i <= 11; ++i) {
    std::string step = "T" + std::to_string(i);
    EXPECT_EQ(c.Start(step), "out_of_order " + step + " []");  // nothing is expected at the end
  }
  EXPECT_EQ(c.State(), "E ~T4+ ~T5+ ~T6+ ~T7+ ~T8+ ~T9+ ~T10+ ~T11+");
  EXPECT_LE(c.state().MemoryBytes(), 64u + 16 * sizeof(CaseState::Token));
}

// ---- parallel blocks ------------------------------------------------------------------------

TEST(ConformanceTest, NestedParallelHappyPath) {
  Case c(NestedFlow());
  EXPECT_EQ(c.Done("A0"), "ok");
  EXPECT_EQ(c.State(), "A E1");
  EXPECT_EQ(c.Start("E1"), "ok");  // a step in one branch while the other is pending
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.State(), "B C E1+");
  EXPECT_EQ(c.Done("C"), "ok");
  EXPECT_EQ(c.State(), "B J2 E1+");
  EXPECT_EQ(c.Done("E1"), "ok");
  EXPECT_EQ(c.Done("B"), "ok");
  EXPECT_EQ(c.State(), "D J1");
  EXPECT_EQ(c.Done("D"), "ok");
  EXPECT_EQ(c.State(), "F");
  EXPECT_EQ(c.Done("F"), "ok");
  EXPECT_EQ(c.Close(), "ok");
}

TEST(ConformanceTest, NestedParallelSkipsNameEveryPendingBranch) {
  Case c(NestedFlow());
  EXPECT_EQ(c.Done("A0"), "ok");
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Done("D"), "skipped D [B C]");
  EXPECT_EQ(c.State(), "E1 J1");
  EXPECT_EQ(c.Done("F"), "skipped F [E1]");
  EXPECT_EQ(c.State(), "END");
  EXPECT_EQ(c.Close(), "ok");
  Case whole(NestedFlow());
  EXPECT_EQ(whole.Done("A0"), "ok");
  EXPECT_EQ(whole.Done("F"), "skipped F [A B C D E1]");
  EXPECT_EQ(whole.State(), "END");
}

TEST(ConformanceTest, JumpingIntoANestedBlockSpawnsItsOtherBranch) {
  Case c(NestedFlow());
  EXPECT_EQ(c.Done("A0"), "ok");
  EXPECT_EQ(c.Done("B"), "skipped B [A]");
  EXPECT_EQ(c.State(), "C J2 E1");
  EXPECT_EQ(c.Done("C"), "ok");
  EXPECT_EQ(c.Done("E1"), "ok");
  EXPECT_EQ(c.Done("D"), "ok");
  EXPECT_EQ(c.Done("F"), "ok");
  EXPECT_EQ(c.Close(), "ok");
}

TEST(ConformanceTest, RedoingAFinishedBranchIsOutOfOrder) {
  Case c(NestedFlow());
  EXPECT_EQ(c.Done("A0"), "ok");
  EXPECT_EQ(c.Done("E1"), "ok");
  EXPECT_EQ(c.State(), "A J1");
  EXPECT_EQ(c.Done("E1"), "repeated E1 [E1]");
  EXPECT_EQ(c.Done("A"), "ok");
  EXPECT_EQ(c.Start("E1"), "out_of_order E1 [B C]");
  EXPECT_EQ(c.Close(), "closed_early [B C]");
}

}  // namespace
}  // namespace dl::engine
