// Flow templates per power category: each builds a valid flow (one start, ends reachable,
// gateways with conditions, parallel 会签 blocks closed by their joins) whose task nodes are
// handled by posts of the owning unit.
#pragma once

#include <string>
#include <vector>

#include "catalog/power.h"
#include "demo/org_gen.h"
#include "demo/random.h"
#include "demo/tags.h"

namespace dl::demo {

struct TaggedNode {
  std::string code;
  std::string post;
  Tag tag;
};

struct FlowPlan {
  catalog::Flow flow;
  std::vector<TaggedNode> tasks;  // task nodes in flow order, with what they are about
};

// Everything a template needs to know about the power it builds a flow for.
struct FlowContext {
  const UnitInfo* unit = nullptr;
  size_t section = 1;  // handling section index in unit->sections
  // Amount (元) from which 集体决策 is required; 0: never (a penalty with small fines).
  long long collective_threshold = 500000;
  bool internal = false;  // an internal power (人财物, 三重一大)
};

FlowPlan BuildFlow(catalog::Category category, const FlowContext& ctx, Rng& rng);

}  // namespace dl::demo
