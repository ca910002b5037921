#include "render/flow_svg.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

// Under LeakSanitizer: Graphviz 2.42 leaks in its HTML-label code on every layout and keeps
// plugin lists, as fontconfig and pango keep their caches; none of it is ours to free.
// (A missing agclose would still show: cgraph's allocations are not suppressed.)
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\nleak:libfontconfig.so\nleak:libglib-2.0.so\nleak:libpango\n";
}

namespace dl::render {
namespace {

using catalog::Edge;
using catalog::Node;
using catalog::NodeKind;
using catalog::Risk;
using catalog::RiskLevel;
using catalog::TimeLimit;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kEscapedName = "技术审查<&>\"复核\"";

catalog::Catalog TestCatalog() {
  catalog::Catalog c;
  auto post = [&](const char* code, const char* name) {
    org::Post p;
    p.code = code;
    p.unit = "U1";
    p.name = name;
    c.posts[code] = p;
  };
  post("P_WINDOW", "窗口受理岗");
  post("P_REVIEW", "审批科科长");
  post("P_PARTY", "局党组会议");
  post("P_TECH", "技术审查岗");
  post("P_FIN", "财务审核岗");
  return c;
}

Node MakeNode(const char* code, const char* name, NodeKind kind, const char* post = "",
              TimeLimit limit = {}) {
  Node n;
  n.code = code;
  n.name = name;
  n.kind = kind;
  n.post = post;
  n.time_limit = limit;
  return n;
}

Risk MakeRisk(const char* code, const char* name, RiskLevel level, const char* node) {
  Risk r;
  r.code = code;
  r.name = name;
  r.level = level;
  r.node = node;
  return r;
}

// start → 受理 → 条件分支 → (amount >= 500000) 集体决策 / else 审核 → 并行分支 → two
// parallel tasks → 并行汇合 → 办结 → end.
catalog::Power TestPower() {
  using U = TimeLimit::Unit;
  catalog::Power p;
  p.code = "XK-001";
  p.name = "建设工程施工许可";
  p.time_limit = {20, U::kWorkday};
  auto& nodes = p.flow.nodes;
  nodes.push_back(MakeNode("S", "申请", NodeKind::kStart));
  nodes.push_back(MakeNode("N1", "受理", NodeKind::kTask, "P_WINDOW", {2, U::kWorkday}));
  nodes.push_back(MakeNode("G1", "投资额判断", NodeKind::kExclusive));
  nodes.push_back(MakeNode("N2", "集体研究决定", NodeKind::kTask, "P_PARTY", {5, U::kWorkday}));
  nodes.back().collective = true;
  nodes.push_back(MakeNode("N3", "审核", NodeKind::kTask, "P_REVIEW", {20, U::kWorkday}));
  nodes.push_back(MakeNode("P1", "分送会签", NodeKind::kParallelSplit));
  nodes.push_back(MakeNode("T1", kEscapedName, NodeKind::kTask, "P_TECH", {3, U::kDay}));
  nodes.push_back(MakeNode("T2", "财务审核", NodeKind::kTask, "P_FIN", {4, U::kHour}));
  nodes.push_back(MakeNode("J1", "会签汇合", NodeKind::kParallelJoin));
  nodes.push_back(MakeNode("N4", "办结", NodeKind::kTask, "P_UNKNOWN", {1, U::kWorkday}));
  nodes.push_back(MakeNode("E", "办结归档", NodeKind::kEnd));
  auto edge = [&](const char* from, const char* to, const char* condition = "") {
    p.flow.edges.push_back(Edge{from, to, condition});
  };
  edge("S", "N1");
  edge("N1", "G1");
  edge("G1", "N2", "amount >= 500000");
  edge("G1", "N3");
  edge("N2", "P1");
  edge("N3", "P1");
  edge("P1", "T1");
  edge("P1", "T2");
  edge("T1", "J1");
  edge("T2", "J1");
  edge("J1", "N4");
  edge("N4", "E");
  p.risks.push_back(MakeRisk("R1", "未经集体研究擅自决定", RiskLevel::kHigh, "N2"));
  p.risks.push_back(MakeRisk("R2", "降低审核标准", RiskLevel::kMedium, "N3"));
  p.risks.push_back(MakeRisk("R3", "材料审查不严", RiskLevel::kLow, "N1"));
  p.risks.push_back(MakeRisk("R4", "资金拨付不规范", RiskLevel::kMedium, "T2"));
  p.risks.push_back(MakeRisk("R5", "虚报冒领", RiskLevel::kHigh, "T2"));
  p.risks.push_back(MakeRisk("R6", "廉洁意识淡薄", RiskLevel::kLow, ""));
  return p;
}

struct ParsedSvg {
  std::string raw;
  pugi::xml_document doc;
  pugi::xml_parse_result parse;
};

void Parse(const std::string& svg, ParsedSvg& out) {
  out.raw = svg;
  out.parse = out.doc.load_string(svg.c_str());
}

// Every <text> under `root`, one per line.
std::string Texts(pugi::xml_node root) {
  std::string out;
  for (pugi::xpath_node t : root.select_nodes(".//*[local-name()='text']")) {
    out += t.node().text().get();
    out += "\n";
  }
  return out;
}

pugi::xml_node ById(const pugi::xml_document& doc, const std::string& id) {
  return doc.find_node([&](pugi::xml_node n) { return id == n.attribute("id").value(); });
}

// (fill, stroke) of every drawn element under `root`.
std::set<std::pair<std::string, std::string>> Paints(pugi::xml_node root) {
  std::set<std::pair<std::string, std::string>> out;
  for (pugi::xpath_node p : root.select_nodes(".//*[@fill or @stroke]")) {
    out.emplace(p.node().attribute("fill").value(), p.node().attribute("stroke").value());
  }
  return out;
}
std::set<std::string> Colors(pugi::xml_node root) {
  std::set<std::string> out;
  for (const auto& [fill, stroke] : Paints(root)) {
    out.insert(fill);
    out.insert(stroke);
  }
  return out;
}

class FlowSvgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto svg = RenderFlowSvg(power_, catalog_);
    ASSERT_TRUE(svg.has_value()) << svg.error().ToString();
    Parse(*svg, svg_);
    ASSERT_TRUE(svg_.parse) << svg_.parse.description();
    text_ = Texts(svg_.doc);
  }

  catalog::Power power_ = TestPower();
  catalog::Catalog catalog_ = TestCatalog();
  ParsedSvg svg_;
  std::string text_;
};

TEST_F(FlowSvgTest, IsAnSvgDocumentWithTitle) {
  EXPECT_STREQ(svg_.doc.document_element().name(), "svg");
  EXPECT_THAT(text_, HasSubstr("XK-001"));
  EXPECT_THAT(text_, HasSubstr("建设工程施工许可"));
  EXPECT_THAT(text_, HasSubstr("行政许可"));
}

TEST_F(FlowSvgTest, ShowsNodesPostsAndTimeLimits) {
  for (const Node& n : power_.flow.nodes) EXPECT_THAT(text_, HasSubstr(n.name)) << n.code;
  for (const char* post : {"窗口受理岗", "审批科科长", "局党组会议", "技术审查岗", "财务审核岗"}) {
    EXPECT_THAT(text_, HasSubstr(post));
  }
  EXPECT_THAT(text_, HasSubstr("P_UNKNOWN"));  // a post not in the catalogue shows its code
  EXPECT_THAT(text_, HasSubstr("审批科科长 · 20个工作日"));
  EXPECT_THAT(text_, HasSubstr("3个自然日"));
  EXPECT_THAT(text_, HasSubstr("4小时"));
  EXPECT_THAT(Texts(ById(svg_.doc, "node-N2")), HasSubstr("集体决策"));
  EXPECT_THAT(Texts(ById(svg_.doc, "node-N3")), Not(HasSubstr("集体决策")));
}

TEST_F(FlowSvgTest, ShapesByKind) {
  // Ellipses for start and end, a diamond (polygon) for the gateway.
  EXPECT_TRUE(ById(svg_.doc, "node-S").select_node(".//*[local-name()='ellipse']"));
  EXPECT_EQ(ById(svg_.doc, "node-E").select_nodes(".//*[local-name()='ellipse']").size(), 2u);
  pugi::xml_node gateway =
      ById(svg_.doc, "node-G1").select_node(".//*[local-name()='polygon']").node();
  ASSERT_TRUE(gateway);
  // A diamond has its four corners plus the closing point.
  std::string points = gateway.attribute("points").value();
  EXPECT_EQ(std::count(points.begin(), points.end(), ' ') + 1, 5) << points;
  EXPECT_THAT(Texts(ById(svg_.doc, "node-P1")), HasSubstr("+"));
}

TEST_F(FlowSvgTest, EdgesShowConditions) {
  EXPECT_THAT(text_, HasSubstr("amount >= 500000"));
  EXPECT_THAT(svg_.raw, HasSubstr("amount &gt;= 500000"));
  EXPECT_THAT(text_, HasSubstr("否则"));
}

TEST_F(FlowSvgTest, MarksRisksInTheColourOfTheirLevel) {
  const std::pair<std::string, std::string> high{"#fce8e6", "#d93025"};
  const std::pair<std::string, std::string> medium{"#fef7e0", "#f29900"};
  const std::pair<std::string, std::string> low{"#e8f0fe", "#1a73e8"};
  EXPECT_TRUE(Paints(ById(svg_.doc, "node-N2")).contains(high));
  EXPECT_TRUE(Paints(ById(svg_.doc, "node-N3")).contains(medium));
  EXPECT_TRUE(Paints(ById(svg_.doc, "node-N1")).contains(low));
  // Several risks on one node: the outline takes the highest level.
  EXPECT_TRUE(Paints(ById(svg_.doc, "node-T2")).contains(high));
  EXPECT_FALSE(Paints(ById(svg_.doc, "node-T2")).contains(medium));
  for (const char* code : {"node-G1", "node-T1", "node-N4"}) {
    std::set<std::string> colors = Colors(ById(svg_.doc, code));
    for (const char* c : {"#d93025", "#f29900", "#1a73e8"})
      EXPECT_FALSE(colors.contains(c)) << code;
  }
  EXPECT_THAT(Texts(ById(svg_.doc, "node-N2")), HasSubstr("高风险：未经集体研究擅自决定"));
  EXPECT_THAT(Texts(ById(svg_.doc, "node-T2")), HasSubstr("中风险：资金拨付不规范"));
  EXPECT_THAT(Texts(ById(svg_.doc, "node-T2")), HasSubstr("高风险：虚报冒领"));
}

TEST_F(FlowSvgTest, ListsRisksWithoutNodeInANote) {
  pugi::xml_node note = ById(svg_.doc, "unplaced-risks");
  ASSERT_TRUE(note);
  EXPECT_THAT(Texts(note), HasSubstr("低风险：廉洁意识淡薄"));
  EXPECT_THAT(Texts(note), Not(HasSubstr("虚报冒领")));
}

TEST_F(FlowSvgTest, HasALegend) {
  for (const char* word : {"图例", "开始", "结束", "办理环节", "条件分支", "并行分支", "并行汇合",
                           "集体决策", "高风险", "中风险", "低风险"}) {
    EXPECT_THAT(text_, HasSubstr(word));
  }
  std::set<std::string> colors = Colors(svg_.doc);
  for (const char* c : {"#d93025", "#f29900", "#1a73e8"}) EXPECT_TRUE(colors.contains(c));
}

TEST_F(FlowSvgTest, UsesTheCjkFont) {
  EXPECT_THAT(svg_.raw, HasSubstr("font-family=\"Noto Sans CJK SC"));
}

TEST_F(FlowSvgTest, EscapesUserText) {
  EXPECT_THAT(Texts(ById(svg_.doc, "node-T1")), HasSubstr(kEscapedName));
  EXPECT_THAT(svg_.raw, HasSubstr("技术审查&lt;&amp;&gt;"));
}

TEST_F(FlowSvgTest, WritesASampleForPeopleToLookAt) {
  std::string path = ::testing::TempDir() + "daylight_flow_svg_test.svg";
  std::ofstream(path) << svg_.raw;
  EXPECT_TRUE(std::ifstream(path).good()) << path;
}

TEST(FlowSvg, EmptyFlowIsAnError) {
  catalog::Power power = TestPower();
  power.flow = {};
  auto svg = RenderFlowSvg(power, TestCatalog());
  ASSERT_FALSE(svg.has_value());
  EXPECT_EQ(svg.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(svg.error().message, HasSubstr("XK-001"));
}

TEST(FlowSvg, DrawsAnInvalidFlowAsItIs) {
  catalog::Power power = TestPower();
  power.flow.edges.push_back(Edge{"N4", "GHOST", ""});
  power.risks.push_back(MakeRisk("R7", "幽灵环节风险", RiskLevel::kMedium, "NOPE"));
  power.flow.nodes.push_back(MakeNode("", "", NodeKind::kTask));
  auto svg = RenderFlowSvg(power, TestCatalog());
  ASSERT_TRUE(svg.has_value()) << svg.error().ToString();
  ParsedSvg parsed;
  Parse(*svg, parsed);
  ASSERT_TRUE(parsed.parse);
  std::string text = Texts(parsed.doc);
  EXPECT_THAT(text, HasSubstr("节点 GHOST 不存在"));
  EXPECT_THAT(Texts(ById(parsed.doc, "unplaced-risks")),
              HasSubstr("幽灵环节风险（环节 NOPE 不存在）"));
}

// Renders are cached by their Graphviz input; a change anywhere in it must show.
TEST(FlowSvg, RedrawsWhenTheInputChanges) {
  catalog::Power power = TestPower();
  catalog::Catalog catalog = TestCatalog();
  auto first = RenderFlowSvg(power, catalog);
  ASSERT_TRUE(first.has_value());
  catalog.posts["P_WINDOW"].name = "综合窗口岗";
  auto renamed = RenderFlowSvg(power, catalog);
  ASSERT_TRUE(renamed.has_value());
  EXPECT_THAT(*renamed, HasSubstr("综合窗口岗"));
  EXPECT_THAT(*renamed, Not(HasSubstr("窗口受理岗")));
  power.risks[2].level = RiskLevel::kHigh;  // R3 on N1
  auto raised = RenderFlowSvg(power, catalog);
  ASSERT_TRUE(raised.has_value());
  ParsedSvg parsed;
  Parse(*raised, parsed);
  EXPECT_TRUE(Paints(ById(parsed.doc, "node-N1")).contains({"#fce8e6", "#d93025"}));
  EXPECT_EQ(*RenderFlowSvg(TestPower(), TestCatalog()), *first);
}

TEST(FlowSvg, RendersFromSeveralThreadsAtOnce) {
  const catalog::Power power = TestPower();
  const catalog::Catalog catalog = TestCatalog();
  auto reference = RenderFlowSvg(power, catalog);
  ASSERT_TRUE(reference.has_value());
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        auto svg = RenderFlowSvg(power, catalog);
        results[t] = svg ? *svg : "error: " + svg.error().ToString();
        if (!svg || *svg != *reference) return;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string& r : results) EXPECT_EQ(r, *reference);
}

TEST(FlowSvg, SurvivesMalformedTextAndControlCharacters) {
  catalog::Power power = TestPower();
  power.code = "XK\x01-\xff";
  power.flow.nodes[1].name = "受理\xff\xfe\x02";
  power.flow.nodes[2].code = "G1\xc3";
  power.flow.edges[1].to = power.flow.edges[2].from = power.flow.edges[3].from = "G1\xc3";
  auto svg = RenderFlowSvg(power, TestCatalog());
  ASSERT_TRUE(svg.has_value()) << svg.error().ToString();
  ParsedSvg parsed;
  Parse(*svg, parsed);
  ASSERT_TRUE(parsed.parse) << parsed.parse.description();
  std::string text = Texts(ById(parsed.doc, "node-N1"));
  EXPECT_THAT(text, Not(HasSubstr("TABLE")));  // the label was parsed, not shown as markup
  EXPECT_THAT(text, HasSubstr("窗口受理岗"));
  EXPECT_TRUE(ById(parsed.doc, "node-G1?"));
}

// Pango measures text at whole pixels (96 dpi), so only sizes that are whole pixels fit
// their boxes when a browser draws them; a size in an HTML label must be a whole point.
TEST_F(FlowSvgTest, UsesOnlyFontSizesThatMeasureTrue) {
  for (pugi::xpath_node t : svg_.doc.select_nodes("//*[local-name()='text']")) {
    std::string size = t.node().attribute("font-size").value();
    EXPECT_THAT((std::vector<std::string>{"9.00", "10.50", "12.00", "15.00", "18.00"}),
                ::testing::Contains(size))
        << t.node().text().get();
  }
}

// Without Graphviz's plugin configuration there is no "dot" layout; the error says what to
// do. Runs in a fresh process (threadsafe death tests re-execute the binary), so the
// process-wide Graphviz context is created under the test's environment.
TEST(FlowSvgDeathTest, ExplainsMissingGraphvizPlugins) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        setenv("GVBINDIR", "/nonexistent", 1);
        auto svg = RenderFlowSvg(TestPower(), TestCatalog());
        std::fprintf(stderr, "%s\n", svg ? "rendered" : svg.error().message.c_str());
        std::exit(!svg && svg.error().code == ErrorCode::kInternal ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "dot -c");
}

}  // namespace
}  // namespace dl::render
