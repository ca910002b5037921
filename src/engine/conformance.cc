#include "engine/conformance.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace dl::engine {
namespace {

using catalog::NodeKind;
using Lane = CompiledFlow::Lane;
using Token = CaseState::Token;

constexpr int16_t kNoBlock = -2;
constexpr uint32_t kFar = std::numeric_limits<uint32_t>::max();

bool IsStray(const Token& t) { return t.flags & CaseState::kStray; }

// Where a token stands in the block nesting. A token waiting at a join stands inside the block
// it closes (its branch has arrived), so leaving the join means leaving that block.
Lane PlaceOf(const CompiledFlow& flow, const Token& t) {
  int16_t closes = flow.BlockOfJoin(t.node);
  if (closes != CompiledFlow::kTopBlock) return Lane{closes, CompiledFlow::kArrivedBranch};
  return flow.LaneOf(t.node);
}

// Whether `place` lies inside `block` (everything lies inside the top).
bool Within(const CompiledFlow& flow, Lane place, int16_t block) {
  if (block == CompiledFlow::kTopBlock) return true;
  for (; place.block != CompiledFlow::kTopBlock; place = flow.Outer(place)) {
    if (place.block == block) return true;
  }
  return false;
}

// Whether `place` lies inside the given branch of lane.block.
bool WithinLane(const CompiledFlow& flow, Lane place, Lane lane) {
  if (lane.block == CompiledFlow::kTopBlock) return true;
  for (; place.block != CompiledFlow::kTopBlock; place = flow.Outer(place)) {
    if (place.block == lane.block) return place.branch == lane.branch;
  }
  return false;
}

// The innermost block containing both places (kTopBlock if none).
int16_t Common(const CompiledFlow& flow, Lane a, Lane b) {
  while (flow.Depth(a.block) > flow.Depth(b.block)) a = flow.Outer(a);
  while (flow.Depth(b.block) > flow.Depth(a.block)) b = flow.Outer(b);
  while (a.block != b.block) {
    a = flow.Outer(a);
    b = flow.Outer(b);
  }
  return a.block;
}

// The outermost block a token at `from` must leave to reach `to`, or kNoBlock.
int16_t OutermostExited(const CompiledFlow& flow, Lane from, Lane to) {
  int16_t common = Common(flow, from, to), last = kNoBlock;
  for (; from.block != common; from = flow.Outer(from)) last = from.block;
  return last;
}

// Tasks left undone if token `i` moved to `to`: those on its own shortest path, plus, for every
// block it must leave, those between each sibling token and the join where they would meet.
uint32_t ForwardCost(const CompiledFlow& flow, const std::vector<Token>& tokens, size_t i,
                     NodeIndex to) {
  uint32_t cost = flow.Distance(tokens[i].node, to);
  if (cost == CompiledFlow::kUnreachable) return kFar;
  const Lane from = PlaceOf(flow, tokens[i]);
  const int16_t exited = OutermostExited(flow, from, flow.LaneOf(to));
  if (exited == kNoBlock) return cost;
  for (size_t j = 0; j < tokens.size(); ++j) {
    if (j == i || IsStray(tokens[j])) continue;
    const Lane other = PlaceOf(flow, tokens[j]);
    if (!Within(flow, other, exited)) continue;
    uint16_t d = flow.Distance(tokens[j].node, flow.block(Common(flow, from, other)).join);
    if (d != CompiledFlow::kUnreachable) cost += d;
  }
  return cost;
}

// Tasks that token `i` could take next without leaving anything undone.
void AddEnabled(const CompiledFlow& flow, const std::vector<Token>& tokens, size_t i,
                std::vector<NodeIndex>& out) {
  const NodeIndex at = tokens[i].node;
  if (flow.Kind(at) == NodeKind::kTask) {
    out.push_back(at);
    return;
  }
  for (NodeIndex next : flow.NextTasks(at)) {
    if (ForwardCost(flow, tokens, i, next) == 0) out.push_back(next);
  }
}

std::vector<NodeIndex> Enabled(const CompiledFlow& flow, const std::vector<Token>& tokens) {
  std::vector<NodeIndex> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!IsStray(tokens[i])) AddEnabled(flow, tokens, i, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

// Judges one event against one case and applies its effect to the case's tokens.
class Judge {
 public:
  Judge(const CompiledFlow& flow, CaseState& state) : flow_(flow), state_(state) {}

  Verdict Take() {
    verdict_.allowed = verdict_.deviations.empty();
    return std::move(verdict_);
  }

  void Open(GatewayValues* values) {
    state_ = CaseState{};
    state_.flags_ = CaseState::kOpened;
    Settle(flow_.start(), values);
  }

  void Step(std::string_view code, bool completed, GatewayValues* values) {
    event_ = code;
    if (!state_.opened()) Open(nullptr);
    if (state_.closed()) {
      Add(DeviationKind::kAfterClose, std::string(code), {},
          "办件已办结，又收到 “" + std::string(code) + "” 的办理记录");
      return;
    }
    const NodeIndex t = flow_.Find(code);
    if (t == kNoNode) {
      Add(DeviationKind::kUnknownStep, std::string(code), {},
          "“" + std::string(code) + "” 不是本权力运行流程中的环节");
      return;
    }
    if (flow_.Kind(t) == NodeKind::kStart) {
      if (state_.flags_ & CaseState::kProgressed) OutOfOrder(t, /*completed=*/true);
      return;  // the case's opening itself: nothing to do while no task has moved
    }
    if (flow_.Kind(t) != NodeKind::kTask) {
      Add(DeviationKind::kUnknownStep, flow_.Code(t), {},
          Label(t) + " 是" + std::string(catalog::kNodeKinds.Label(flow_.Kind(t))) +
              "节点，不是办理环节");
      return;
    }
    state_.flags_ |= CaseState::kProgressed;
    if (HandleKnown(t, completed, values)) return;
    Classify(t, completed, values);
  }

  void Close() {
    if (!state_.opened()) Open(nullptr);
    if (state_.closed()) {
      Add(DeviationKind::kAfterClose, "", {}, "办件已办结，又一次办结");
      return;
    }
    std::vector<NodeIndex> pending, joins;
    for (const Token& t : tokens()) {
      if (IsStray(t) || flow_.Kind(t.node) == NodeKind::kEnd) continue;
      (flow_.Kind(t.node) == NodeKind::kParallelJoin ? joins : pending).push_back(t.node);
    }
    if (pending.empty()) pending = joins;
    state_.flags_ |= CaseState::kClosed;
    tokens().clear();
    tokens().shrink_to_fit();
    if (pending.empty()) return;
    Sorted(pending);
    Add(DeviationKind::kClosedEarly, "", Codes(pending),
        "流程尚未走完即办结，未办理 " + Labels(pending));
  }

 private:
  std::vector<Token>& tokens() { return state_.tokens_; }

  // The step has a token or a stray of its own: start it, complete it, or report a repeat.
  bool HandleKnown(NodeIndex t, bool completed, GatewayValues* values) {
    if (int i = FindToken(t, completed); i >= 0) {
      Token& token = tokens()[static_cast<size_t>(i)];
      if (completed) {
        Complete(static_cast<size_t>(i), values);
      } else if (token.flags & CaseState::kStarted) {
        Add(DeviationKind::kRepeated, flow_.Code(t), {flow_.Code(t)},
            Label(t) + " 已在办理中，又一次开始办理");
      } else {
        token.flags |= CaseState::kStarted;
      }
      return true;
    }
    for (size_t i = 0; i < tokens().size(); ++i) {
      if (!IsStray(tokens()[i]) || tokens()[i].node != t) continue;
      if (completed) {  // already judged when it started
        Erase(i);
        state_.last_completed_ = t;
      } else {
        Add(DeviationKind::kRepeated, flow_.Code(t), {flow_.Code(t)},
            Label(t) + " 已在办理中，又一次开始办理");
      }
      return true;
    }
    if (completed && state_.last_completed_ == t) {
      Add(DeviationKind::kRepeated, flow_.Code(t), {flow_.Code(t)},
          Label(t) + " 已经办结，又一次报告办结");
      return true;
    }
    return false;
  }

  // The step is not where any token is: ahead (skipped), behind (out of order) or beside
  // (wrong branch). Ahead wins a tie: fewer undone tasks is the likelier story.
  void Classify(NodeIndex t, bool completed, GatewayValues* values) {
    uint32_t ahead = kFar, behind = kFar;
    size_t mover = 0;
    for (size_t i = 0; i < tokens().size(); ++i) {
      if (IsStray(tokens()[i])) continue;
      if (uint32_t c = ForwardCost(flow_, tokens(), i, t); c < ahead) {
        ahead = c;
        mover = i;
      }
      // Tasks strictly between t and the token (t itself is counted by Distance).
      if (uint16_t d = flow_.Distance(t, tokens()[i].node); d != CompiledFlow::kUnreachable) {
        behind = std::min<uint32_t>(behind, d - 1u);
      }
    }
    if (ahead != kFar && ahead <= behind) {
      std::vector<NodeIndex> skipped = MoveForward(mover, t);
      if (!skipped.empty()) {
        Add(DeviationKind::kSkippedStep, flow_.Code(t), Codes(skipped),
            Label(t) + " 提前办理，跳过了 " + Labels(skipped));
      }
    } else if (behind != kFar) {
      OutOfOrder(t, completed);
      return;
    } else {
      WrongBranch(t);
    }
    if (completed) Complete(tokens().size() - 1, values);
  }

  void OutOfOrder(NodeIndex t, bool completed) {
    std::vector<NodeIndex> expected = Enabled(flow_, tokens());
    std::string message = Label(t) + " 属于已经走过的环节，顺序颠倒";
    if (!expected.empty()) message += "；当前应办理 " + Labels(expected);
    Add(DeviationKind::kOutOfOrder, flow_.Code(t), Codes(expected), std::move(message));
    if (completed) {
      state_.last_completed_ = t;
    } else {
      AddStray(t);
    }
  }

  // The case follows the step: the tokens of the innermost lane of `t` that has any are
  // replaced by a started token at `t`.
  void WrongBranch(NodeIndex t) {
    Lane lane = flow_.LaneOf(t);
    auto in_lane = [&](const Token& token) {
      return !IsStray(token) && WithinLane(flow_, PlaceOf(flow_, token), lane);
    };
    while (lane.block != CompiledFlow::kTopBlock &&
           std::none_of(tokens().begin(), tokens().end(), in_lane)) {
      lane = flow_.Outer(lane);
    }
    std::vector<NodeIndex> expected;
    for (size_t i = 0; i < tokens().size(); ++i) {
      if (in_lane(tokens()[i])) AddEnabled(flow_, tokens(), i, expected);
    }
    std::erase_if(tokens(), in_lane);
    // Blocks between that lane and `t` were never entered: their other branches get tokens now,
    // so that leaving them later names what they skipped.
    for (Lane inner = flow_.LaneOf(t); inner.block != lane.block; inner = flow_.Outer(inner)) {
      const auto& branches = flow_.Successors(flow_.block(inner.block).split);
      for (size_t k = 0; k < branches.size(); ++k) {
        if (k != inner.branch) Settle(branches[k].to, nullptr);
      }
    }
    Sorted(expected);
    std::string message = Label(t) + " 不在按办件数据应走的分支上";
    if (!expected.empty()) message += "；应办理 " + Labels(expected);
    Add(DeviationKind::kWrongBranch, flow_.Code(t), Codes(expected), std::move(message));
    AddToken(t, CaseState::kStarted);
  }

  // Moves token `i` along its shortest path to `t`, spawning the other branches of splits it
  // passes and forcing the blocks it leaves. Returns the tasks left undone, in path order.
  std::vector<NodeIndex> MoveForward(size_t i, NodeIndex t) {
    std::vector<NodeIndex> path = flow_.Path(tokens()[i].node, t), skipped;
    Erase(i);
    Walk(path, skipped);
    AddToken(t, CaseState::kStarted);
    return skipped;
  }

  // Handles every node of `path` except the last.
  void Walk(const std::vector<NodeIndex>& path, std::vector<NodeIndex>& skipped) {
    for (size_t k = 0; k + 1 < path.size(); ++k) {
      const NodeIndex x = path[k];
      switch (flow_.Kind(x)) {
        case NodeKind::kTask:
          if (std::find(skipped.begin(), skipped.end(), x) == skipped.end()) skipped.push_back(x);
          break;
        case NodeKind::kParallelSplit:
          SpawnOthers(x, path[k + 1]);
          break;
        case NodeKind::kParallelJoin:
          Force(flow_.BlockOfJoin(x), skipped);
          break;
        default:
          break;
      }
    }
  }

  // Gives tokens to the branches of `split` other than the one leading to `taken`; gateways on
  // them wait for the steps that follow (no values are at hand).
  void SpawnOthers(NodeIndex split, NodeIndex taken) {
    bool passed = false;
    for (const auto& s : flow_.Successors(split)) {
      if (!passed && s.to == taken) {
        passed = true;
        continue;
      }
      Settle(s.to, nullptr);
    }
  }

  // Walks every token inside `block` to its join, collecting the tasks left undone, and removes
  // them all: the case has left the block.
  void Force(int16_t block, std::vector<NodeIndex>& skipped) {
    const NodeIndex join = flow_.block(block).join;
    for (;;) {
      auto it = std::find_if(tokens().begin(), tokens().end(), [&](const Token& t) {
        return !IsStray(t) && t.node != join && Within(flow_, PlaceOf(flow_, t), block);
      });
      if (it == tokens().end()) break;
      const NodeIndex from = it->node;
      tokens().erase(it);
      Walk(flow_.Path(from, join), skipped);
    }
    std::erase_if(tokens(), [&](const Token& t) { return !IsStray(t) && t.node == join; });
  }

  // Places a token arriving at `v` and lets it run through gateways, splits and ready joins.
  // With no values, an exclusive gateway keeps the token (it waits for the next step).
  void Settle(NodeIndex v, GatewayValues* values) {
    switch (flow_.Kind(v)) {
      case NodeKind::kTask:
      case NodeKind::kEnd:
        AddToken(v, 0);
        break;
      case NodeKind::kStart:
        Settle(flow_.Successors(v).front().to, values);
        break;
      case NodeKind::kExclusive:
        Route(v, values);
        break;
      case NodeKind::kParallelSplit:
        for (const auto& s : flow_.Successors(v)) Settle(s.to, values);
        break;
      case NodeKind::kParallelJoin: {
        AddToken(v, 0);
        auto waiting = std::count_if(tokens().begin(), tokens().end(),
                                     [&](const Token& t) { return !IsStray(t) && t.node == v; });
        if (waiting >= flow_.block(flow_.BlockOfJoin(v)).branches) {
          std::erase_if(tokens(), [&](const Token& t) { return !IsStray(t) && t.node == v; });
          Settle(flow_.Successors(v).front().to, values);
        }
        break;
      }
    }
  }

  // The first edge whose condition holds, else the unconditional edge, else kNoBranch.
  void Route(NodeIndex gateway, GatewayValues* values) {
    if (!values) {
      AddToken(gateway, 0);
      return;
    }
    const auto& edges = flow_.Successors(gateway);
    for (const auto& s : edges) {
      if (s.condition && s.condition->Evaluate(values->Get())) return Settle(s.to, values);
    }
    for (const auto& s : edges) {
      if (!s.condition) return Settle(s.to, values);
    }
    std::string conditions;
    for (const auto& s : edges) conditions += (conditions.empty() ? "" : "；") + s.condition_text;
    Add(DeviationKind::kNoBranch, std::string(event_), {flow_.Code(gateway)},
        Label(gateway) + " 的条件均不满足（" + conditions + "），办件数据无法确定去向");
    AddToken(gateway, 0);
  }

  void Complete(size_t i, GatewayValues* values) {
    const NodeIndex x = tokens()[i].node;
    Erase(i);
    state_.last_completed_ = x;
    Settle(flow_.Successors(x).front().to, values);
  }

  // A token at `t`, not a stray; when several, the started one for a completion and the idle
  // one for a start. -1 if none.
  int FindToken(NodeIndex t, bool completed) const {
    int found = -1;
    for (size_t i = 0; i < state_.tokens_.size(); ++i) {
      const Token& token = state_.tokens_[i];
      if (IsStray(token) || token.node != t) continue;
      bool started = token.flags & CaseState::kStarted;
      if (started == completed) return static_cast<int>(i);
      if (found < 0) found = static_cast<int>(i);
    }
    return found;
  }

  void AddToken(NodeIndex node, uint8_t flags) { tokens().push_back(Token{node, flags}); }

  void AddStray(NodeIndex node) {
    auto strays = std::count_if(tokens().begin(), tokens().end(), IsStray);
    if (static_cast<size_t>(strays) >= Conformance::kMaxStrays) {
      tokens().erase(std::find_if(tokens().begin(), tokens().end(), IsStray));
    }
    AddToken(node, CaseState::kStarted | CaseState::kStray);
  }

  void Erase(size_t i) { tokens().erase(tokens().begin() + static_cast<std::ptrdiff_t>(i)); }

  void Add(DeviationKind kind, std::string step, std::vector<std::string> nodes,
           std::string message) {
    verdict_.deviations.push_back(
        Deviation{kind, std::move(step), std::move(nodes), std::move(message)});
  }

  std::string Label(NodeIndex n) const { return "“" + flow_.Name(n) + "”(" + flow_.Code(n) + ")"; }
  std::string Labels(const std::vector<NodeIndex>& nodes) const {
    std::string out;
    for (NodeIndex n : nodes) out += (out.empty() ? "" : "、") + Label(n);
    return out;
  }
  std::vector<std::string> Codes(const std::vector<NodeIndex>& nodes) const {
    std::vector<std::string> out;
    for (NodeIndex n : nodes) out.push_back(flow_.Code(n));
    return out;
  }
  static void Sorted(std::vector<NodeIndex>& nodes) {
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  }

  const CompiledFlow& flow_;
  CaseState& state_;
  std::string_view event_;  // the node code of the event being judged; empty when opening
  Verdict verdict_;
};

Verdict Conformance::Open(const CompiledFlow& flow, CaseState& state, GatewayValues case_values) {
  Judge judge(flow, state);
  judge.Open(&case_values);
  return judge.Take();
}

Verdict Conformance::OnStarted(const CompiledFlow& flow, CaseState& state, std::string_view node) {
  Judge judge(flow, state);
  judge.Step(node, /*completed=*/false, nullptr);
  return judge.Take();
}

Verdict Conformance::OnCompleted(const CompiledFlow& flow, CaseState& state, std::string_view node,
                                 GatewayValues case_values) {
  Judge judge(flow, state);
  judge.Step(node, /*completed=*/true, &case_values);
  return judge.Take();
}

Verdict Conformance::OnClosed(const CompiledFlow& flow, CaseState& state) {
  Judge judge(flow, state);
  judge.Close();
  return judge.Take();
}

std::vector<std::string> Conformance::EnabledSteps(const CompiledFlow& flow,
                                                   const CaseState& state) {
  std::vector<std::string> out;
  if (state.closed()) return out;
  for (NodeIndex n : Enabled(flow, state.tokens())) out.push_back(flow.Code(n));
  return out;
}

std::string Conformance::Describe(const CompiledFlow& flow, const CaseState& state) {
  std::vector<Token> tokens = state.tokens();
  std::sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) {
    return std::pair(IsStray(a), a.node) < std::pair(IsStray(b), b.node);
  });
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    if (IsStray(t)) out += '~';
    out += flow.Code(t.node);
    if (t.flags & CaseState::kStarted) out += '+';
    if (flow.Kind(t.node) == NodeKind::kExclusive) out += '?';
  }
  if (state.closed()) out += out.empty() ? "closed" : " closed";
  return out;
}

}  // namespace dl::engine
