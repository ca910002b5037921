#include "catalog/validate.h"

#include <functional>
#include <map>
#include <optional>
#include <set>

#include "catalog/condition.h"

namespace dl::catalog {
namespace {

using Severity = Issue::Severity;

// Collects issues about one thing.
class Findings {
 public:
  Findings(std::vector<Issue>* out, Ref ref) : out_(out), ref_(std::move(ref)) {}
  void Error(std::string field, std::string message) {
    Add(Severity::kError, {}, {}, field, message);
  }
  void Warn(std::string field, std::string message) {
    Add(Severity::kWarning, {}, {}, field, message);
  }
  void PartError(std::string part, std::string part_code, std::string field, std::string message) {
    Add(Severity::kError, std::move(part), std::move(part_code), std::move(field),
        std::move(message));
  }
  void PartWarn(std::string part, std::string part_code, std::string field, std::string message) {
    Add(Severity::kWarning, std::move(part), std::move(part_code), std::move(field),
        std::move(message));
  }

 private:
  void Add(Severity s, std::string part, std::string part_code, std::string field,
           std::string message) {
    Ref r = ref_;
    if (!part.empty()) {
      r.part = std::move(part);
      r.part_code = std::move(part_code);
    }
    out_->push_back(Issue{s, std::move(r), std::move(field), std::move(message)});
  }
  std::vector<Issue>* out_;
  Ref ref_;
};

std::string Quote(const std::string& s) { return "“" + s + "”"; }

// ---- flow structure -------------------------------------------------------------------

struct Graph {
  std::map<std::string, const Node*> nodes;
  std::map<std::string, std::vector<const Edge*>> out, in;
};

std::set<std::string> Reach(const std::string& from,
                            const std::map<std::string, std::vector<const Edge*>>& adj,
                            bool forward) {
  std::set<std::string> seen{from};
  std::vector<std::string> stack{from};
  while (!stack.empty()) {
    std::string n = stack.back();
    stack.pop_back();
    auto it = adj.find(n);
    if (it == adj.end()) continue;
    for (const Edge* e : it->second) {
      const std::string& next = forward ? e->to : e->from;
      if (seen.insert(next).second) stack.push_back(next);
    }
  }
  return seen;
}

// Finds the join that closes the parallel split `split`: every path from each branch must
// meet a parallel join before an end; nested split/join pairs are skipped over. Returns the
// join's code, or an explanation of why there is none.
class JoinMatcher {
 public:
  explicit JoinMatcher(const Graph& g) : g_(g) {}

  std::optional<std::string> MatchOf(const std::string& split, std::string* why) {
    if (auto it = memo_.find(split); it != memo_.end()) return it->second;
    if (!active_.insert(split).second) {
      *why = "并行分支嵌套成环";
      return std::nullopt;
    }
    std::optional<std::string> join;
    bool ok = true;
    for (const Edge* e : g_.out.at(split)) {
      std::set<std::string> visited;
      if (!Walk(e->to, visited, &join, why)) {
        ok = false;
        break;
      }
    }
    active_.erase(split);
    if (!ok) return std::nullopt;
    if (!join) {
      *why = "并行分支没有对应的并行汇合节点";
      return std::nullopt;
    }
    memo_[split] = join;
    return join;
  }

 private:
  // Follows every path from `node` until a parallel join; all must reach the same join.
  bool Walk(const std::string& node, std::set<std::string>& visited,
            std::optional<std::string>* join, std::string* why) {
    if (!visited.insert(node).second) return true;  // a loop inside the branch
    const Node* n = g_.nodes.at(node);
    if (n->kind == NodeKind::kParallelJoin) {
      if (*join && **join != node) {
        *why = "并行分支的各分支汇合到不同节点（" + **join + "、" + node + "）";
        return false;
      }
      *join = node;
      return true;
    }
    if (n->kind == NodeKind::kEnd) {
      *why = "并行分支的一个分支未经并行汇合就到达结束节点 " + node;
      return false;
    }
    std::string next_from = node;
    if (n->kind == NodeKind::kParallelSplit) {
      auto inner = MatchOf(node, why);
      if (!inner) return false;
      next_from = *inner;
    }
    auto it = g_.out.find(next_from);
    if (it == g_.out.end()) return true;  // dead end: reported by the reachability check
    for (const Edge* e : it->second) {
      if (!Walk(e->to, visited, join, why)) return false;
    }
    return true;
  }

  const Graph& g_;
  std::map<std::string, std::optional<std::string>> memo_;
  std::set<std::string> active_;
};

void CheckParallelBlocks(const Graph& g, Findings& f) {
  JoinMatcher matcher(g);
  std::map<std::string, std::string> join_owner;  // join -> split
  for (const auto& [code, node] : g.nodes) {
    if (node->kind != NodeKind::kParallelSplit) continue;
    if (g.out.at(code).size() < 2) {
      f.PartError("node", code, "节点类型", "并行分支应至少有两条出线");
      continue;
    }
    std::string why;
    auto join = matcher.MatchOf(code, &why);
    if (!join) {
      f.PartError("node", code, "节点类型", why);
      continue;
    }
    if (auto [it, fresh] = join_owner.emplace(*join, code); !fresh) {
      f.PartError("node", code, "节点类型",
                  "并行汇合节点 " + *join + " 同时对应并行分支 " + it->second + " 和 " + code);
    }
  }
  for (const auto& [code, node] : g.nodes) {
    if (node->kind == NodeKind::kParallelJoin && !join_owner.contains(code)) {
      f.PartError("node", code, "节点类型", "并行汇合节点没有对应的并行分支");
    }
  }
}

void CheckNodes(const Power& power, const Catalog& catalog, Graph& g, Findings& f) {
  for (const Node& n : power.flow.nodes) {
    if (n.code.empty()) {
      f.PartError("node", n.name, "节点编码", "节点编码不能为空");
      continue;
    }
    if (!g.nodes.emplace(n.code, &n).second) {
      f.PartError("node", n.code, "节点编码", "节点编码 " + Quote(n.code) + " 重复");
      continue;
    }
    g.out[n.code];
    g.in[n.code];
    if (n.name.empty()) f.PartError("node", n.code, "节点名称", "节点名称不能为空");
    if (n.kind == NodeKind::kTask) {
      if (n.post.empty()) {
        f.PartError("node", n.code, "办理岗位", "办理节点必须指定办理岗位");
      }
      if (n.time_limit.empty()) {
        f.PartError("node", n.code, "办理时限", "办理节点必须规定办理时限（如“5个工作日”）");
      }
    }
    if (!n.post.empty() && !catalog.posts.contains(n.post)) {
      f.PartError("node", n.code, "办理岗位", "岗位 " + Quote(n.post) + " 不存在");
    }
  }
}

void CheckEdges(const Power& power, Graph& g, Findings& f) {
  for (const Edge& e : power.flow.edges) {
    std::string code = e.from + "->" + e.to;
    bool known = true;
    for (const auto& [end, field] : {std::pair{e.from, "起始节点"}, std::pair{e.to, "目标节点"}}) {
      if (!g.nodes.contains(end)) {
        f.PartError("edge", code, field, "节点 " + Quote(end) + " 不存在");
        known = false;
      }
    }
    if (!e.condition.empty()) {
      if (auto c = Condition::Parse(e.condition); !c) {
        f.PartError("edge", code, "流转条件", c.error().message);
      }
    }
    if (!known) continue;
    g.out[e.from].push_back(&e);
    g.in[e.to].push_back(&e);
  }
}

void CheckDegrees(const Graph& g, Findings& f) {
  for (const auto& [code, n] : g.nodes) {
    size_t outs = g.out.at(code).size(), ins = g.in.at(code).size();
    switch (n->kind) {
      case NodeKind::kStart:
        if (ins) f.PartError("node", code, "节点类型", "开始节点不能有进线");
        if (outs != 1) f.PartError("node", code, "节点类型", "开始节点应有且只有一条出线");
        break;
      case NodeKind::kEnd:
        if (outs) f.PartError("node", code, "节点类型", "结束节点不能有出线");
        break;
      case NodeKind::kTask:
        if (outs > 1) {
          f.PartError("node", code, "节点类型", "办理节点只能有一条出线，分支请使用条件分支节点");
        }
        break;
      case NodeKind::kExclusive: {
        if (outs < 2) f.PartError("node", code, "节点类型", "条件分支应至少有两条出线");
        size_t unconditional = 0;
        for (const Edge* e : g.out.at(code)) unconditional += e->condition.empty();
        if (outs >= 2 && unconditional > 1) {
          f.PartError("node", code, "流转条件", "条件分支最多只能有一条无条件（默认）出线");
        }
        break;
      }
      case NodeKind::kParallelSplit:
      case NodeKind::kParallelJoin:
        break;
    }
  }
}

}  // namespace

// ---- org ------------------------------------------------------------------------------

std::vector<Issue> ValidateUnit(const org::Unit& unit, const Catalog& catalog) {
  std::vector<Issue> out;
  Findings f(&out, {"unit", unit.code, "", ""});
  if (unit.code.empty()) f.Error("单位编码", "单位编码不能为空");
  if (unit.name.empty()) f.Error("单位名称", "单位名称不能为空");
  if (!unit.parent.empty()) {
    if (!catalog.units.contains(unit.parent)) {
      f.Error("上级单位编码", "上级单位 " + Quote(unit.parent) + " 不存在");
    } else {
      // Walk up from the parent: meeting this unit again means a cycle.
      std::string at = unit.parent;
      for (size_t steps = 0; !at.empty() && steps <= catalog.units.size(); ++steps) {
        if (at == unit.code) {
          f.Error("上级单位编码", "上级单位关系成环");
          break;
        }
        auto it = catalog.units.find(at);
        at = it == catalog.units.end() ? "" : it->second.parent;
      }
    }
  }
  if (!unit.supervisor.empty() && !catalog.units.contains(unit.supervisor)) {
    f.Error("监督单位编码", "监督单位 " + Quote(unit.supervisor) + " 不存在");
  }
  return out;
}

std::vector<Issue> ValidatePost(const org::Post& post, const Catalog& catalog) {
  std::vector<Issue> out;
  Findings f(&out, {"post", post.code, "", ""});
  if (post.code.empty()) f.Error("岗位编码", "岗位编码不能为空");
  if (post.name.empty()) f.Error("岗位名称", "岗位名称不能为空");
  if (!catalog.units.contains(post.unit))
    f.Error("所属单位", "单位 " + Quote(post.unit) + " 不存在");
  if (post.head && !post.leadership) f.Error("一把手", "一把手岗位必须同时是班子成员");
  return out;
}

std::vector<Issue> ValidatePerson(const org::Person& person) {
  std::vector<Issue> out;
  Findings f(&out, {"person", person.code, "", ""});
  if (person.code.empty()) f.Error("人员编码", "人员编码不能为空");
  if (person.name.empty()) f.Error("姓名", "姓名不能为空");
  return out;
}

std::vector<Issue> ValidateAssignment(const org::Assignment& a, const Catalog& catalog) {
  std::vector<Issue> out;
  Findings f(&out, {"assignment", a.Key(), "", ""});
  if (!catalog.persons.contains(a.person))
    f.Error("人员编码", "人员 " + Quote(a.person) + " 不存在");
  if (!catalog.posts.contains(a.post)) f.Error("岗位编码", "岗位 " + Quote(a.post) + " 不存在");
  if (a.to && *a.to < a.from) f.Error("任职结束日期", "任职结束日期早于开始日期");
  return out;
}

std::vector<Issue> ValidateRelation(const org::Relation& r, const Catalog& catalog) {
  std::vector<Issue> out;
  Findings f(&out, {"relation", r.Key(), "", ""});
  if (!catalog.persons.contains(r.person))
    f.Error("人员编码", "人员 " + Quote(r.person) + " 不存在");
  if (r.counterparty.empty()) f.Error("相对人", "相对人不能为空");
  return out;
}

// ---- powers ---------------------------------------------------------------------------

std::vector<Issue> ValidateFlow(const Power& power, const Catalog& catalog) {
  std::vector<Issue> out;
  Findings f(&out, {"power", power.code, "", ""});
  if (power.flow.empty()) {
    // Declaring a power before its flow is allowed; the gap is a finding, not a blocker.
    f.Warn("流程清单", "权力没有运行流程（四单缺项）");
    return out;
  }
  Graph g;
  CheckNodes(power, catalog, g, f);
  CheckEdges(power, g, f);
  std::vector<std::string> starts, ends;
  for (const auto& [code, n] : g.nodes) {
    if (n->kind == NodeKind::kStart) starts.push_back(code);
    if (n->kind == NodeKind::kEnd) ends.push_back(code);
  }
  if (starts.size() != 1) {
    f.Error("节点类型",
            "流程应有且只有一个开始节点，实际有 " + std::to_string(starts.size()) + " 个");
  }
  if (ends.empty()) f.Error("节点类型", "流程至少应有一个结束节点");
  CheckDegrees(g, f);
  if (starts.size() != 1 || ends.empty() || HasErrors(out)) return out;

  auto reached = Reach(starts[0], g.out, true);
  std::set<std::string> reaches_end;
  for (const auto& e : ends) {
    auto back = Reach(e, g.in, false);
    reaches_end.insert(back.begin(), back.end());
  }
  for (const auto& [code, n] : g.nodes) {
    if (!reached.contains(code)) f.PartError("node", code, "节点编码", "从开始节点无法到达该节点");
    if (!reaches_end.contains(code))
      f.PartError("node", code, "节点编码", "该节点无法到达结束节点");
  }
  if (!HasErrors(out)) CheckParallelBlocks(g, f);
  return out;
}

std::vector<Issue> ValidatePower(const Power& power, const Catalog& catalog,
                                 const RiskFormula& formula) {
  std::vector<Issue> out;
  Findings f(&out, {"power", power.code, "", ""});
  if (power.code.empty()) f.Error("权力编码", "权力编码不能为空");
  if (power.name.empty()) f.Error("权力名称", "权力名称不能为空");
  if (!catalog.units.contains(power.unit))
    f.Error("实施主体", "单位 " + Quote(power.unit) + " 不存在");
  if (!power.handling_unit.empty() && !catalog.units.contains(power.handling_unit)) {
    f.Error("承办机构", "单位 " + Quote(power.handling_unit) + " 不存在");
  }
  if (power.held_at != HolderLevel::kUnit) {
    if (power.held_by_post.empty()) {
      f.Error("行使岗位", "行使层级为班子成员或岗位时必须填写行使岗位");
    } else if (!catalog.posts.contains(power.held_by_post)) {
      f.Error("行使岗位", "岗位 " + Quote(power.held_by_post) + " 不存在");
    }
  }
  if (power.legal_basis.empty()) {
    f.Error("设定依据", "至少应有一项设定依据（法无授权即禁止）");
  }
  if (power.effective_from == Date()) f.Warn("生效日期", "未填写生效日期");

  auto flow = ValidateFlow(power, catalog);
  out.insert(out.end(), flow.begin(), flow.end());

  std::set<std::string> risk_codes, control_codes;
  std::map<std::string, int> controls_per_risk;
  for (const Control& c : power.controls) controls_per_risk[c.risk]++;
  for (const Risk& r : power.risks) {
    if (!risk_codes.insert(r.code).second) {
      f.PartError("risk", r.code, "风险编码", "风险编码 " + Quote(r.code) + " 重复");
    }
    if (r.name.empty()) f.PartError("risk", r.code, "风险点", "风险点不能为空");
    if (!r.node.empty() && !power.flow.FindNode(r.node)) {
      f.PartError("risk", r.code, "所在节点", "流程中没有节点 " + Quote(r.node));
    }
    const std::pair<int, const char*> factors[] = {{r.factors.importance, "权力重要程度"},
                                                   {r.factors.discretion, "自由裁量程度"},
                                                   {r.factors.frequency, "行使频率"},
                                                   {r.factors.likelihood, "发生概率"},
                                                   {r.factors.harm, "危害程度"}};
    bool factors_ok = true;
    for (const auto& [v, name] : factors) {
      if (v < 1 || v > 5) {
        f.PartError("risk", r.code, name,
                    std::string(name) + "应为 1–5 的整数，实际为 " + std::to_string(v));
        factors_ok = false;
      }
    }
    if (factors_ok && formula.LevelOf(r.factors) != r.level) {
      f.PartError("risk", r.code, "风险等级",
                  "风险等级为“" + std::string(kRiskLevels.Label(r.level)) + "”，但按评分公式应为“" +
                      std::string(kRiskLevels.Label(formula.LevelOf(r.factors))) + "”（得分 " +
                      std::to_string(formula.Score(r.factors)) + "；" + formula.Describe() + "）");
    }
    // 动态管理: a risk is re-assessed at least yearly.
    if (r.approved_on && r.next_review && *r.next_review > r.approved_on->AddDays(366)) {
      f.PartWarn("risk", r.code, "下次评估日期", "距集体审定日期超过一年，风险点至少每年评估一次");
    }
    if (r.next_review && r.approved_on && *r.next_review < *r.approved_on) {
      f.PartError("risk", r.code, "下次评估日期", "下次评估日期早于集体审定日期");
    }
    if (r.level == RiskLevel::kHigh && !controls_per_risk.contains(r.code)) {
      f.PartWarn("risk", r.code, "防控措施", "高风险点没有防控措施");
    }
  }
  for (const Control& c : power.controls) {
    if (!control_codes.insert(c.code).second) {
      f.PartError("control", c.code, "措施编码", "措施编码 " + Quote(c.code) + " 重复");
    }
    if (!risk_codes.contains(c.risk)) {
      f.PartError("control", c.code, "风险编码", "本权力没有风险点 " + Quote(c.risk));
    }
    if (c.measure.empty()) f.PartError("control", c.code, "防控措施", "防控措施不能为空");
    if (c.types.empty()) {
      f.PartError("control", c.code, "措施类型",
                  "至少选择一种措施类型：" + kControlTypes.Choices());
    }
    if (!c.post.empty() && !catalog.posts.contains(c.post)) {
      f.PartError("control", c.code, "责任岗位", "岗位 " + Quote(c.post) + " 不存在");
    }
  }
  for (const Benchmark& b : power.benchmarks) {
    std::string code = b.item + "/" + std::string(kGrades.Label(b.grade));
    if (b.lower < 0 || b.upper < b.lower) {
      f.PartError(
          "benchmark", code, "上限",
          "裁量范围无效：下限 " + std::to_string(b.lower) + "，上限 " + std::to_string(b.upper));
    }
  }
  return out;
}

std::vector<Issue> ValidateStatusChange(const std::string& code, const StatusChange& change,
                                        const PowerRecord* record, const Catalog& catalog) {
  std::vector<Issue> out;
  Findings f(&out, {"power", code, "status", change.date.ToString()});
  if (!record) {
    f.Error("权力编码", "权力 " + Quote(code) + " 不存在");
    return out;
  }
  if (change.reason.empty()) f.Error("变更理由", "状态变更必须说明理由");
  if (!record->history.empty() && change.date < record->history.back().date) {
    f.Error("变更日期", "变更日期早于上一次变更（" + record->history.back().date.ToString() + "）");
  }
  if (change.status == PowerStatus::kMerged) {
    if (change.target.empty()) {
      f.Error("变更去向", "合并时必须填写并入的权力编码");
    } else if (!catalog.powers.contains(change.target)) {
      f.Error("变更去向", "并入的权力 " + Quote(change.target) + " 不存在");
    } else if (change.target == code) {
      f.Error("变更去向", "权力不能并入自身");
    } else if (!InForce(catalog.powers.at(change.target).Status())) {
      f.Error("变更去向",
              "并入的权力 " + Quote(change.target) + " 已不在用（" +
                  std::string(kPowerStatuses.Label(catalog.powers.at(change.target).Status())) +
                  "）");
    }
  }
  if (change.status == PowerStatus::kDelegated && change.target.empty()) {
    f.Error("变更去向", "下放时必须填写承接单位或层级");
  }
  return out;
}

std::vector<Issue> ValidateCatalog(const Catalog& catalog, const RiskFormula& formula, Date today) {
  std::vector<Issue> out;
  auto append = [&out](std::vector<Issue> more) {
    out.insert(out.end(), more.begin(), more.end());
  };
  for (const auto& [_, u] : catalog.units) append(ValidateUnit(u, catalog));
  for (const auto& [_, p] : catalog.posts) append(ValidatePost(p, catalog));
  for (const auto& [_, p] : catalog.persons) append(ValidatePerson(p));
  for (const auto& [_, a] : catalog.assignments) append(ValidateAssignment(a, catalog));
  for (const auto& [_, r] : catalog.relations) append(ValidateRelation(r, catalog));
  for (const auto& [code, rec] : catalog.powers) {
    append(ValidatePower(rec.power, catalog, formula));
    PowerRecord so_far{rec.power, rec.version, {}};
    for (const auto& change : rec.history) {
      append(ValidateStatusChange(code, change, &so_far, catalog));
      so_far.history.push_back(change);
    }
    if (!InForce(rec.Status())) continue;
    for (const Risk& r : rec.power.risks) {
      if (r.next_review && *r.next_review < today) {
        out.push_back(Issue{Issue::Severity::kWarning,
                            {"power", code, "risk", r.code},
                            "下次评估日期",
                            "风险点应于 " + r.next_review->ToString() + " 前重新评估，已逾期"});
      }
    }
  }
  return out;
}

namespace {

void CheckScopeUnits(const std::vector<std::string>& units, const Ref& ref, const Catalog& catalog,
                     std::vector<Issue>& issues) {
  for (const auto& u : units) {
    if (!catalog.units.contains(u)) {
      issues.push_back(Issue{Issue::Severity::kError, ref, "单位范围", "单位“" + u + "”不存在"});
    }
  }
}

}  // namespace

std::vector<Issue> ValidateAccount(const access::Account& a, const Catalog& catalog) {
  std::vector<Issue> issues = access::ValidateAccountFields(a);
  const Ref ref{"account", a.login, "", ""};
  CheckScopeUnits(a.units, ref, catalog, issues);
  if (!a.person.empty() && !catalog.persons.contains(a.person)) {
    issues.push_back(Issue{Issue::Severity::kError, ref, "人员", "人员“" + a.person + "”不存在"});
  }
  return issues;
}

std::vector<Issue> ValidateApiKey(const access::ApiKey& k, const Catalog& catalog) {
  std::vector<Issue> issues;
  const Ref ref{"api_key", k.id, "", ""};
  auto error = [&](const char* field, std::string message) {
    issues.push_back(Issue{Issue::Severity::kError, ref, field, std::move(message)});
  };
  if (k.id.empty()) error("编号", "API 密钥须有编号");
  if (k.name.empty()) error("名称", "API 密钥须写明是哪个业务系统的");
  if (k.key_hash.size() != 64) error("密钥", "密钥散列须为 64 位十六进制 SHA-256");
  if (k.units.empty()) error("单位范围", "API 密钥须至少有一个单位范围");
  CheckScopeUnits(k.units, ref, catalog, issues);
  return issues;
}

}  // namespace dl::catalog
