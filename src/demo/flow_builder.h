// The builder the flow templates share: numbers nodes N1, N2, …, records each task's tag
// and names the unit's posts by role. Internal to the demo generator.
#pragma once

#include <string>
#include <vector>

#include "demo/flow_gen.h"

namespace dl::demo {

inline catalog::TimeLimit Workdays(int n) { return {n, catalog::TimeLimit::Unit::kWorkday}; }
inline catalog::TimeLimit Days(int n) { return {n, catalog::TimeLimit::Unit::kDay}; }
inline catalog::TimeLimit Hours(int n) { return {n, catalog::TimeLimit::Unit::kHour}; }

// The supervision method (监督方式) written on a node.
std::string SupervisionFor(Tag tag, catalog::Stage stage, bool internal, Rng& rng);

class FlowBuilder {
 public:
  FlowBuilder(const FlowContext& ctx, Rng& rng) : ctx_(ctx), rng_(rng) {}

  std::string Start() { return Add("开始", catalog::NodeKind::kStart); }
  std::string End(const std::string& name = "结束") { return Add(name, catalog::NodeKind::kEnd); }
  std::string Gateway(const std::string& name) { return Add(name, catalog::NodeKind::kExclusive); }
  std::string Split() { return Add("并行分支", catalog::NodeKind::kParallelSplit); }
  std::string Join() { return Add("并行汇合", catalog::NodeKind::kParallelJoin); }
  std::string Task(const std::string& name, const std::string& post, catalog::TimeLimit limit,
                   catalog::Stage stage, Tag tag, bool collective = false) {
    std::string code = Add(name, catalog::NodeKind::kTask);
    catalog::Node& n = plan_.flow.nodes.back();
    n.post = post;
    n.time_limit = limit;
    n.stage = stage;
    n.supervision = SupervisionFor(tag, stage, ctx_.internal, rng_);
    n.collective = collective;
    plan_.tasks.push_back({code, post, tag});
    return code;
  }
  void Link(const std::string& from, const std::string& to, const std::string& condition = "") {
    plan_.flow.edges.push_back(catalog::Edge{from, to, condition});
  }
  // Links each node to the next.
  void Chain(const std::vector<std::string>& codes) {
    for (size_t i = 1; i < codes.size(); ++i) Link(codes[i - 1], codes[i]);
  }
  FlowPlan Done() { return std::move(plan_); }

  // Posts of the unit, by role.
  const UnitInfo& U() const { return *ctx_.unit; }
  const SectionInfo& S() const { return U().sections[ctx_.section]; }
  const std::string& ClerkA() const { return S().clerks[0]; }
  const std::string& ClerkB() const { return S().clerks[1]; }
  const std::string& Chief() const { return S().chief; }
  const std::string& Deputy() const { return U().DeputyFor(ctx_.section); }
  // The deputy in charge of the office: personnel, finance, projects, procurement.
  const std::string& AdminDeputy() const { return U().deputies[0]; }
  const std::string& Head() const { return U().head; }
  const SectionInfo& Office() const { return U().Office(); }
  // A business section other than the office, for 业务股会签.
  const SectionInfo& Business() const { return ctx_.section == 0 ? U().sections[1] : S(); }
  std::string Collective() const { return U().spec->body + "集体研究决定"; }
  long long Threshold() const { return ctx_.collective_threshold; }
  std::string AmountAtLeast() const {
    return "amount >= " + std::to_string(ctx_.collective_threshold);
  }
  Rng& R() { return rng_; }

 private:
  std::string Add(const std::string& name, catalog::NodeKind kind) {
    catalog::Node n;
    n.code = "N" + std::to_string(plan_.flow.nodes.size() + 1);
    n.name = name;
    n.kind = kind;
    plan_.flow.nodes.push_back(n);
    return n.code;
  }

  const FlowContext& ctx_;
  Rng& rng_;
  FlowPlan plan_;
};

// Templates of internal powers (flow_internal.cc).
FlowPlan PersonnelFlow(FlowBuilder& b);
FlowPlan FinanceFlow(FlowBuilder& b);
FlowPlan ProcurementFlow(FlowBuilder& b);
FlowPlan ProjectFlow(FlowBuilder& b);
FlowPlan MajorDecisionFlow(FlowBuilder& b);
// A 会签 block after `from`: finance and a business section countersign in parallel.
// Returns the join, which the caller links onward.
std::string Countersign(FlowBuilder& b, const std::string& from, catalog::Stage stage);

}  // namespace dl::demo
