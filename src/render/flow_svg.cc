#include "render/flow_svg.h"

#include <gvc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/sha256.h"
#include "base/text.h"

namespace dl::render {
namespace {

using catalog::Catalog;
using catalog::Node;
using catalog::NodeKind;
using catalog::Power;
using catalog::Risk;
using catalog::RiskLevel;

constexpr const char* kFont = "Noto Sans CJK SC";

// Palette. Risk colours are reserved for risks; the kinds use neutral, green and purple.
constexpr const char* kInk = "#202124";
constexpr const char* kMuted = "#5f6368";
constexpr const char* kLine = "#3c4043";
constexpr const char* kConditionInk = "#1967d2";
constexpr const char* kStartStroke = "#188038";
constexpr const char* kStartFill = "#e6f4ea";
constexpr const char* kEndFill = "#e8eaed";
constexpr const char* kGatewayFill = "#f1f3f4";
constexpr const char* kCollectiveStroke = "#8430ce";
constexpr const char* kCollectiveFill = "#f3e8fd";

struct LevelColors {
  const char* stroke;
  const char* fill;
};
LevelColors ColorsOf(RiskLevel level) {
  switch (level) {
    case RiskLevel::kHigh:
      return {"#d93025", "#fce8e6"};
    case RiskLevel::kMedium:
      return {"#f29900", "#fef7e0"};
    case RiskLevel::kLow:
      return {"#1a73e8", "#e8f0fe"};
  }
  return {kLine, "#ffffff"};
}
constexpr RiskLevel kLevelsHighFirst[] = {RiskLevel::kHigh, RiskLevel::kMedium, RiskLevel::kLow};

// ---- HTML-like label text ---------------------------------------------------------------

// User text made safe for Graphviz and XML: malformed UTF-8, which Graphviz's label parser
// rejects and would copy into the SVG, has each non-ASCII byte replaced by '?'; control
// characters other than line breaks, which XML forbids, become spaces.
std::string Clean(std::string_view text) {
  std::string out(text);
  bool valid = IsValidUtf8(text);
  for (char& c : out) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7f) c = ' ';
    if (byte >= 0x80 && !valid) c = '?';
  }
  return out;
}

// Escapes user text for a Graphviz HTML-like label; line breaks become <BR/>.
std::string Html(std::string_view text) {
  std::string out;
  for (char c : Clean(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += "<BR/>";
        break;
      default:
        out += c;
    }
  }
  return out;
}
std::string Html(std::string_view a, std::string_view b) { return Html(a) + Html(b); }

// Font sizes are whole pixels at Graphviz's 96 dpi (9pt = 12px, 10.5pt = 14px, 12pt = 16px):
// pango measures text with glyph advances rounded to pixels, so at other sizes the text comes
// out narrower than browsers draw it and overflows its box. HTML labels take whole points only,
// so 10.5 is the objects' fontsize attribute, which FONT without a size (kInherit) keeps.
constexpr const char* kNormal = "10.5";
constexpr const char* kInherit = nullptr;
constexpr const char* kSmall = "9";
constexpr const char* kLarge = "12";
constexpr const char* kTitle = "18";
constexpr const char* kSymbol = "15";  // the "+" of a parallel gateway

std::string Font(const char* color, const char* size, const std::string& html) {
  std::string font = "<FONT COLOR=\"" + std::string(color) + "\"";
  if (size) font += " POINT-SIZE=\"" + std::string(size) + "\"";
  return font + ">" + html + "</FONT>";
}
std::string Bold(const std::string& html) { return "<B>" + html + "</B>"; }
std::string Row(const std::string& html) { return "<TR><TD>" + html + "</TD></TR>"; }
// A coloured pill with white text, e.g. for a risk or a collective decision.
std::string Badge(const char* color, const std::string& html) {
  return "<TR><TD BGCOLOR=\"" + std::string(color) + "\" STYLE=\"rounded\" CELLPADDING=\"4\">" +
         Font("#ffffff", kInherit, Bold(html)) + "</TD></TR>";
}
std::string Table(const std::string& rows) {
  return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">" + rows +
         "</TABLE>";
}

std::string RiskBadge(const Risk& risk, std::string_view note = {}) {
  return Badge(ColorsOf(risk.level).stroke,
               Html(catalog::kRiskLevels.Label(risk.level), "风险：") + Html(risk.name, note));
}

// ---- Graphviz state ---------------------------------------------------------------------

// Rendered SVGs by a digest of the Graphviz input they were drawn from, least recently used
// dropped first. Debian's Graphviz (2.42) leaks about 70 bytes per text line of an HTML-like
// label on every layout (15–20 KB for a typical flow), so drawing the same flow again must
// not run the layout again.
class SvgCache {
 public:
  const std::string* Find(const Hash& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }
  void Put(const Hash& key, std::string svg) {
    if (index_.contains(key)) return;
    entries_.emplace_front(key, std::move(svg));
    index_[key] = entries_.begin();
    if (entries_.size() > kCapacity) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
  }

 private:
  static constexpr size_t kCapacity = 512;
  std::list<std::pair<Hash, std::string>> entries_;  // most recently used first
  std::map<Hash, std::list<std::pair<Hash, std::string>>::iterator> index_;
};

// Graphviz keeps global state (the context, the label parsers, the error hook), so every
// call into it happens under one mutex, which also guards the cache.
struct Engine {
  std::mutex mu;
  GVC_t* gvc = nullptr;
  std::string setup_error;  // non-empty when Graphviz cannot draw at all
  SvgCache cache;
};

// Graphviz's diagnostics of the current call (guarded by Engine::mu).
std::string& Diagnostics() {
  static auto* text = new std::string;
  return *text;
}
int CollectDiagnostic(char* message) {
  if (message && Diagnostics().size() < 4000) Diagnostics() += message;
  return 0;
}
std::string DiagnosticsSuffix() {
  std::string text = Diagnostics();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "" : "：" + text;
}

bool HasPlugin(GVC_t* gvc, const char* kind, std::string_view name) {
  int count = 0;
  char** list = gvPluginList(gvc, kind, &count, nullptr);
  bool found = false;
  for (int i = 0; list && i < count; ++i) {
    found = found || name == list[i];
    std::free(list[i]);
  }
  std::free(list);
  return found;
}

// The process-wide Graphviz context, created on first use and never freed. gvContext()
// loads the plugins listed in Graphviz's config file (on Debian
// /usr/lib/x86_64-linux-gnu/graphviz/config6a, written by `dot -c` when the graphviz
// package is installed); without it there is no "dot" layout and no SVG output.
Engine& GetEngine() {
  static Engine* engine = [] {
    auto* e = new Engine;
    agseterrf(&CollectDiagnostic);
    e->gvc = gvContext();
    if (e->gvc == nullptr) {
      e->setup_error = "无法初始化 Graphviz";
    } else if (!HasPlugin(e->gvc, "layout", "dot") || !HasPlugin(e->gvc, "device", "svg")) {
      e->setup_error =
          "Graphviz 未能加载 dot 布局或 svg 输出插件：请安装 graphviz 软件包，或以 root 运行 "
          "`dot -c` 重新生成插件配置（/usr/lib/x86_64-linux-gnu/graphviz/config6a）";
    }
    return e;
  }();
  return *engine;
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// ---- building the graph ----------------------------------------------------------------

class FlowGraphBuilder {
 public:
  FlowGraphBuilder(const Power& power, const Catalog& catalog) : power_(power), catalog_(catalog) {}

  // Returns null if Graphviz cannot create the graph.
  GraphPtr Build() {
    std::string name = power_.code.empty() ? "flow" : Clean(power_.code);
    graph_.reset(agopen(name.data(), Agdirected, nullptr));
    if (!graph_) return nullptr;
    SetDefaults();
    AssignRisks();
    for (size_t i = 0; i < power_.flow.nodes.size(); ++i) AddNode(power_.flow.nodes[i], i);
    for (const catalog::Edge& edge : power_.flow.edges) AddEdge(edge);
    AddLegend();
    AddUnplacedRisks();
    return std::move(graph_);
  }

 private:
  Agraph_t* g() const { return graph_.get(); }

  static void Declare(Agraph_t* graph, int kind, const char* name, std::string value) {
    std::string n(name);
    agattr(graph, kind, n.data(), value.data());
  }
  static void Set(void* obj, const char* name, std::string value) {
    std::string n(name), no_default;
    agsafeset(obj, n.data(), value.data(), no_default.data());
  }
  void SetLabel(void* obj, std::string html) {
    char* label = agstrdup_html(g(), html.data());
    std::string n("label"), no_default;
    agsafeset(obj, n.data(), label, no_default.data());
    agstrfree(g(), label);
  }
  Agnode_t* NewNode(Agraph_t* in, std::string name) { return agnode(in, name.data(), 1); }
  Agedge_t* NewEdge(Agnode_t* from, Agnode_t* to) { return agedge(g(), from, to, nullptr, 1); }

  void SetDefaults() {
    Declare(g(), AGRAPH, "label", "");
    Declare(g(), AGRAPH, "fontname", kFont);
    Declare(g(), AGRAPH, "fontsize", kLarge);
    Declare(g(), AGNODE, "label", "\\N");
    Declare(g(), AGNODE, "fontname", kFont);
    Declare(g(), AGNODE, "fontsize", kNormal);
    Declare(g(), AGNODE, "fontcolor", kInk);
    Declare(g(), AGNODE, "color", kLine);
    Declare(g(), AGNODE, "penwidth", "1.2");
    Declare(g(), AGNODE, "margin", "0.12,0.05");
    Declare(g(), AGEDGE, "label", "");
    Declare(g(), AGEDGE, "fontname", kFont);
    Declare(g(), AGEDGE, "fontsize", kNormal);
    Declare(g(), AGEDGE, "color", kMuted);
    Declare(g(), AGEDGE, "arrowsize", "0.8");
    Set(g(), "rankdir", "TB");
    Set(g(), "labelloc", "t");
    Set(g(), "nodesep", "0.45");
    Set(g(), "ranksep", "0.4");
    Set(g(), "pad", "0.3");
    Set(g(), "bgcolor", "#ffffff");
    std::string subtitle =
        "权力运行流程图 · " + std::string(catalog::kCategories.Label(power_.category));
    if (!power_.time_limit.empty()) {
      subtitle += " · 办理时限 " + catalog::FormatTimeLimit(power_.time_limit);
    }
    SetLabel(g(), Font(kInk, kTitle, Bold(Html(power_.code, "　") + Html(power_.name))) + "<BR/>" +
                      Font(kMuted, kLarge, Html(subtitle)) + "<BR/> ");
  }

  // Risks sit on the nodes they name, highest level first; the rest go to a note.
  void AssignRisks() {
    for (const Risk& risk : power_.risks) {
      if (!risk.node.empty() && power_.flow.FindNode(risk.node)) {
        risks_by_node_[risk.node].push_back(&risk);
      } else {
        unplaced_risks_.push_back(&risk);
      }
    }
    for (auto& [code, risks] : risks_by_node_) {
      std::stable_sort(risks.begin(), risks.end(),
                       [](const Risk* a, const Risk* b) { return a->level > b->level; });
    }
  }

  std::string PostName(const std::string& code) const {
    auto it = catalog_.posts.find(code);
    return it == catalog_.posts.end() || it->second.name.empty() ? code : it->second.name;
  }

  std::string NodeLabel(const Node& node, const std::vector<const Risk*>& risks) const {
    std::string name =
        node.name.empty() ? std::string(catalog::kNodeKinds.Label(node.kind)) : node.name;
    std::string rows;
    if (node.kind == NodeKind::kParallelSplit || node.kind == NodeKind::kParallelJoin) {
      rows += Row(Font(kInk, kSymbol, Bold("+")) + "  " + Font(kInk, kLarge, Bold(Html(name))));
    } else {
      rows += Row(Font(kInk, kLarge, Bold(Html(name))));
    }
    std::string detail = PostName(node.post);
    if (!node.time_limit.empty()) {
      if (!detail.empty()) detail += " · ";
      detail += catalog::FormatTimeLimit(node.time_limit);
    }
    if (!detail.empty()) rows += Row(Font(kMuted, kInherit, Html(detail)));
    if (node.collective) rows += Badge(kCollectiveStroke, "集体决策");
    for (const Risk* risk : risks) rows += RiskBadge(*risk);
    return Table(rows);
  }

  // Shape and colours by kind; a risk overrides the colours with its level's.
  void StyleNode(Agnode_t* n, const Node& node, const std::vector<const Risk*>& risks) {
    const char* stroke = kLine;
    const char* fill = "#ffffff";
    switch (node.kind) {
      case NodeKind::kStart:
        Set(n, "shape", "ellipse");
        stroke = kStartStroke;
        fill = kStartFill;
        break;
      case NodeKind::kEnd:
        Set(n, "shape", "ellipse");
        Set(n, "peripheries", "2");
        fill = kEndFill;
        break;
      case NodeKind::kTask:
        Set(n, "shape", "box");
        if (node.collective) {
          stroke = kCollectiveStroke;
          fill = kCollectiveFill;
        }
        break;
      case NodeKind::kExclusive:
        Set(n, "shape", "diamond");
        Set(n, "margin", "0.02,0.02");
        fill = kGatewayFill;
        break;
      case NodeKind::kParallelSplit:
      case NodeKind::kParallelJoin:
        Set(n, "shape", "box");
        Set(n, "width", "2.6");
        Set(n, "height", "0.3");
        fill = kGatewayFill;
        break;
    }
    std::string style = node.kind == NodeKind::kTask ? "rounded,filled" : "filled";
    if (!risks.empty()) {
      LevelColors colors = ColorsOf(risks.front()->level);
      stroke = colors.stroke;
      fill = colors.fill;
      Set(n, "penwidth", "2.5");
    }
    Set(n, "style", style);
    Set(n, "color", stroke);
    Set(n, "fillcolor", fill);
  }

  void AddNode(const Node& node, size_t index) {
    std::string name =
        node.code.empty() ? "未编码节点" + std::to_string(index + 1) : Clean(node.code);
    Agnode_t* n = NewNode(g(), name);
    nodes_[node.code] = n;
    static const std::vector<const Risk*> kNoRisks;
    auto it = risks_by_node_.find(node.code);
    const auto& risks = it == risks_by_node_.end() ? kNoRisks : it->second;
    Set(n, "id", "node-" + Clean(node.code));
    StyleNode(n, node, risks);
    SetLabel(n, NodeLabel(node, risks));
  }

  // An edge may name a node the flow does not have; it ends in a dashed placeholder.
  Agnode_t* NodeOrPlaceholder(const std::string& code) {
    if (auto it = nodes_.find(code); it != nodes_.end()) return it->second;
    Agnode_t* n = NewNode(g(), "缺失节点:" + Clean(code));
    Set(n, "shape", "box");
    Set(n, "style", "dashed");
    Set(n, "color", kMuted);
    SetLabel(n, Font(kMuted, kInherit, Html("节点 ", code) + Html(" 不存在")));
    nodes_[code] = n;
    return n;
  }

  void AddEdge(const catalog::Edge& edge) {
    Agedge_t* e = NewEdge(NodeOrPlaceholder(edge.from), NodeOrPlaceholder(edge.to));
    std::string text;
    const char* color = kConditionInk;
    if (!edge.condition.empty()) {
      text = Html(edge.condition);
    } else if (IsDefaultBranch(edge)) {
      text = "否则";
      color = kMuted;
    }
    if (text.empty()) return;
    SetLabel(e, "<TABLE BORDER=\"0\" CELLPADDING=\"1\" BGCOLOR=\"#ffffff\"><TR><TD>" +
                    Font(color, kInherit, text) + "</TD></TR></TABLE>");
  }

  // The unconditional way out of a 条件分支 whose other ways have conditions.
  bool IsDefaultBranch(const catalog::Edge& edge) const {
    const Node* from = power_.flow.FindNode(edge.from);
    if (!from || from->kind != NodeKind::kExclusive) return false;
    return std::any_of(power_.flow.edges.begin(), power_.flow.edges.end(),
                       [&](const catalog::Edge& other) {
                         return other.from == edge.from && !other.condition.empty();
                       });
  }

  // The legend: one sample of each shape and the risk colours, stacked in a side column.
  void AddLegend() {
    std::string name = "cluster_legend";
    Agraph_t* legend = agsubg(g(), name.data(), 1);
    SetLabel(legend, Font(kInk, kLarge, Bold("图例")));
    Set(legend, "style", "rounded,filled");
    Set(legend, "color", "#dadce0");
    Set(legend, "fillcolor", "#fafafa");
    Set(legend, "margin", "12");
    const auto& kinds = catalog::kNodeKinds;
    auto kind = [&](NodeKind k) { return Html(kinds.Label(k)); };
    auto sample = [&](const char* key, const char* shape, const char* style, const char* stroke,
                      const char* fill, const std::string& label) {
      Agnode_t* n = NewNode(legend, std::string("图例:") + key);
      Set(n, "shape", shape);
      Set(n, "style", style);
      Set(n, "color", stroke);
      Set(n, "fillcolor", fill);
      Set(n, "fontsize", kNormal);
      SetLabel(n, label);
      return n;
    };
    std::vector<Agnode_t*> column;
    column.push_back(sample("起止", "ellipse", "filled", kStartStroke, kStartFill,
                            kind(NodeKind::kStart) + " / " + kind(NodeKind::kEnd)));
    column.push_back(sample("办理", "box", "rounded,filled", kLine, "#ffffff",
                            Table(Row(Bold(kind(NodeKind::kTask) + "环节")) +
                                  Row(Font(kMuted, kSmall, "办理岗位 · 办理时限")))));
    column.push_back(
        sample("条件分支", "diamond", "filled", kLine, kGatewayFill, kind(NodeKind::kExclusive)));
    Agnode_t* parallel =
        sample("并行", "box", "filled", kLine, kGatewayFill,
               Font(kInk, kSymbol, Bold("+")) + "  " + kind(NodeKind::kParallelSplit) + " / " +
                   kind(NodeKind::kParallelJoin));
    Set(parallel, "height", "0.3");
    column.push_back(parallel);
    column.push_back(
        sample("集体决策", "box", "rounded,filled", kCollectiveStroke, kCollectiveFill,
               Table(Row(Bold("集体决策环节")) + Badge(kCollectiveStroke, "集体决策"))));
    std::string levels;
    for (RiskLevel level : kLevelsHighFirst) {
      levels += "<TD BGCOLOR=\"" + std::string(ColorsOf(level).stroke) +
                "\" STYLE=\"rounded\" CELLPADDING=\"4\">" +
                Font("#ffffff", kInherit, Bold(Html(catalog::kRiskLevels.Label(level), "风险"))) +
                "</TD>";
    }
    column.push_back(
        sample("风险", "plain", "", kLine, "#ffffff",
               "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\"><TR><TD COLSPAN=\"3\">" +
                   Font(kInk, kInherit, "风险点按等级着色（边框与标签）") + "</TD></TR><TR>" +
                   levels + "</TR></TABLE>"));
    for (size_t i = 1; i < column.size(); ++i) {
      Set(NewEdge(column[i - 1], column[i]), "style", "invis");
    }
    legend_bottom_ = column.back();
  }

  // Risks of the power as a whole (or on a node the flow lacks), in a note under the legend.
  void AddUnplacedRisks() {
    if (unplaced_risks_.empty()) return;
    std::stable_sort(unplaced_risks_.begin(), unplaced_risks_.end(),
                     [](const Risk* a, const Risk* b) { return a->level > b->level; });
    std::string rows = Row(Bold("未关联环节的风险点"));
    for (const Risk* risk : unplaced_risks_) {
      std::string note;
      if (!risk->node.empty()) note = "（环节 " + risk->node + " 不存在）";
      rows += RiskBadge(*risk, note);
    }
    Agnode_t* n = NewNode(g(), "风险注释");
    Set(n, "shape", "note");
    Set(n, "style", "filled");
    Set(n, "fillcolor", "#fffdf5");
    Set(n, "color", kMuted);
    Set(n, "id", "unplaced-risks");
    SetLabel(n, Table(rows));
    if (legend_bottom_) Set(NewEdge(legend_bottom_, n), "style", "invis");
  }

  const Power& power_;
  const Catalog& catalog_;
  GraphPtr graph_;
  std::map<std::string, Agnode_t*> nodes_;  // by flow node code, placeholders included
  std::map<std::string, std::vector<const Risk*>> risks_by_node_;
  std::vector<const Risk*> unplaced_risks_;
  Agnode_t* legend_bottom_ = nullptr;
};

// Frees a layout when leaving scope; must be destroyed before its graph.
struct LayoutGuard {
  GVC_t* gvc;
  Agraph_t* graph;
  ~LayoutGuard() { gvFreeLayout(gvc, graph); }
};

// The graph as DOT text, or nullopt if it cannot be written.
std::optional<std::string> WriteDot(Agraph_t* graph) {
  char* buffer = nullptr;
  size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  if (stream == nullptr) return std::nullopt;
  int rc = agwrite(graph, stream);
  std::fclose(stream);
  std::optional<std::string> dot;
  if (rc == 0 && buffer != nullptr) dot.emplace(buffer, size);
  std::free(buffer);
  return dot;
}

Result<std::string> RenderLocked(Engine& engine, const Power& power, const Catalog& catalog) {
  GraphPtr graph = FlowGraphBuilder(power, catalog).Build();
  if (!graph) return Err(ErrorCode::kInternal, "Graphviz 无法创建流程图" + DiagnosticsSuffix());
  std::optional<Hash> key;
  if (std::optional<std::string> dot = WriteDot(graph.get())) key = Sha256(*dot);
  if (key) {
    if (const std::string* svg = engine.cache.Find(*key)) return *svg;
  }
  if (gvLayout(engine.gvc, graph.get(), "dot") != 0) {
    return Err(ErrorCode::kInternal, "Graphviz 布局流程图失败" + DiagnosticsSuffix());
  }
  LayoutGuard layout{engine.gvc, graph.get()};
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(engine.gvc, graph.get(), "svg", &data, &length);
  std::string svg = rc == 0 && data ? std::string(data, length) : std::string();
  if (data) gvFreeRenderData(data);
  if (svg.empty()) {
    return Err(ErrorCode::kInternal, "Graphviz 输出 SVG 失败" + DiagnosticsSuffix());
  }
  if (key) engine.cache.Put(*key, svg);
  return svg;
}

}  // namespace

Result<std::string> RenderFlowSvg(const catalog::Power& power, const catalog::Catalog& catalog) {
  if (power.flow.empty()) {
    return Err(ErrorCode::kNotFound,
               "权力事项 " + power.code + "（" + power.name + "）尚未定义运行流程，无法绘制流程图");
  }
  try {
    Engine& engine = GetEngine();
    std::lock_guard lock(engine.mu);
    if (!engine.setup_error.empty()) return Err(ErrorCode::kInternal, engine.setup_error);
    Diagnostics().clear();
    return RenderLocked(engine, power, catalog);
  } catch (const std::exception& e) {
    return Err(ErrorCode::kInternal, std::string("绘制流程图时出错：") + e.what());
  }
}

}  // namespace dl::render
