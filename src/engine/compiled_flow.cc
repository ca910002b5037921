#include "engine/compiled_flow.h"

#include <algorithm>
#include <deque>

namespace dl::engine {

using catalog::NodeKind;

// Builds a CompiledFlow step by step; each step returns the first problem it finds.
class FlowCompiler {
 public:
  explicit FlowCompiler(const catalog::Flow& flow) : flow_(flow) {}

  Result<std::shared_ptr<const CompiledFlow>> Run() {
    DL_RETURN_IF_ERROR(IndexNodes());
    DL_RETURN_IF_ERROR(AddEdges());
    DL_RETURN_IF_ERROR(CheckDegrees());
    ComputeDistances();
    DL_RETURN_IF_ERROR(CheckReachAndLoops());
    DL_RETURN_IF_ERROR(FindBlocks());
    DL_RETURN_IF_ERROR(AssignLanes());
    DL_RETURN_IF_ERROR(CheckLaneCrossings());
    ComputeNextTasks();
    return std::shared_ptr<const CompiledFlow>(std::move(out_));
  }

 private:
  using Lane = CompiledFlow::Lane;
  static constexpr uint8_t kUnmarked = 0xFF;

  size_t n() const { return out_->nodes_.size(); }
  const CompiledFlow::NodeInfo& node(NodeIndex i) const { return out_->nodes_[i]; }
  NodeKind kind(NodeIndex i) const { return out_->nodes_[i].kind; }
  std::string Label(NodeIndex i) const { return "“" + node(i).name + "”(" + node(i).code + ")"; }
  static tl::unexpected<Error> Invalid(std::string message) {
    return Err(ErrorCode::kInvalidArgument, "流程无法用于合规校验：" + std::move(message));
  }

  Status IndexNodes() {
    if (flow_.nodes.empty()) return Invalid("流程没有节点");
    if (flow_.nodes.size() > CompiledFlow::kMaxNodes) {
      return Invalid("节点超过 " + std::to_string(CompiledFlow::kMaxNodes) + " 个");
    }
    for (const catalog::Node& src : flow_.nodes) {
      auto index = static_cast<NodeIndex>(out_->nodes_.size());
      if (!out_->index_.emplace(src.code, index).second) {
        return Invalid("节点编码 “" + src.code + "” 重复");
      }
      CompiledFlow::NodeInfo info;
      info.code = src.code;
      info.name = src.name;
      info.kind = src.kind;
      out_->nodes_.push_back(std::move(info));
      if (src.kind == NodeKind::kStart) {
        if (out_->start_ != kNoNode) return Invalid("流程有多个开始节点");
        out_->start_ = index;
      }
    }
    if (out_->start_ == kNoNode) return Invalid("流程没有开始节点");
    return Ok();
  }

  Status AddEdges() {
    for (const catalog::Edge& e : flow_.edges) {
      NodeIndex from = out_->Find(e.from), to = out_->Find(e.to);
      if (from == kNoNode || to == kNoNode) {
        return Invalid("连线 " + e.from + "→" + e.to + " 的端点不存在");
      }
      CompiledFlow::Successor s;
      s.to = to;
      if (!e.condition.empty()) {
        auto c = catalog::Condition::Parse(e.condition);
        if (!c) return Invalid("连线 " + e.from + "→" + e.to + " 的条件无效：" + c.error().message);
        s.condition = std::move(*c);
        s.condition_text = e.condition;
      }
      out_->nodes_[from].successors.push_back(std::move(s));
    }
    return Ok();
  }

  Status CheckDegrees() {
    for (NodeIndex i = 0; i < n(); ++i) {
      size_t outs = node(i).successors.size();
      switch (kind(i)) {
        case NodeKind::kStart:
        case NodeKind::kTask:
        case NodeKind::kParallelJoin:
          if (outs != 1) return Invalid(Label(i) + " 应有且只有一条出线");
          break;
        case NodeKind::kExclusive:
          if (outs == 0) return Invalid(Label(i) + " 没有出线");
          break;
        case NodeKind::kParallelSplit:
          if (outs < 2) return Invalid(Label(i) + " 应至少有两条出线");
          if (outs >= CompiledFlow::kArrivedBranch) return Invalid(Label(i) + " 分支过多");
          break;
        case NodeKind::kEnd:
          if (outs != 0) return Invalid(Label(i) + " 是结束节点，不能有出线");
          break;
      }
    }
    return Ok();
  }

  // 0-1 BFS from every node: leaving a task costs 1, leaving anything else costs 0.
  void ComputeDistances() {
    const size_t count = n();
    out_->dist_.assign(count * count, CompiledFlow::kUnreachable);
    out_->previous_.assign(count * count, kNoNode);
    std::deque<NodeIndex> queue;
    for (size_t f = 0; f < count; ++f) {
      auto from = static_cast<NodeIndex>(f);
      uint16_t* dist = &out_->dist_[f * count];
      NodeIndex* previous = &out_->previous_[f * count];
      dist[from] = 0;
      queue.assign(1, from);
      while (!queue.empty()) {
        NodeIndex x = queue.front();
        queue.pop_front();
        const bool task = kind(x) == NodeKind::kTask;
        const auto next = static_cast<uint16_t>(dist[x] + (task ? 1 : 0));
        // Ties go to the edge declared first: zero-cost successors are pushed to the front in
        // reverse, so the first of them is expanded first.
        const auto& successors = node(x).successors;
        for (size_t k = 0; k < successors.size(); ++k) {
          NodeIndex to = successors[task ? k : successors.size() - 1 - k].to;
          if (next >= dist[to]) continue;
          dist[to] = next;
          previous[to] = x;
          if (task) {
            queue.push_back(to);
          } else {
            queue.push_front(to);
          }
        }
      }
    }
  }

  Status CheckReachAndLoops() {
    for (NodeIndex i = 0; i < n(); ++i) {
      if (out_->Distance(out_->start_, i) == CompiledFlow::kUnreachable) {
        return Invalid("从开始节点无法到达 " + Label(i));
      }
      bool reaches_end = false;
      for (NodeIndex e = 0; e < n() && !reaches_end; ++e) {
        reaches_end =
            kind(e) == NodeKind::kEnd && out_->Distance(i, e) != CompiledFlow::kUnreachable;
      }
      if (!reaches_end) return Invalid(Label(i) + " 无法到达结束节点");
      if (kind(i) == NodeKind::kTask) continue;
      for (const auto& s : node(i).successors) {
        if (out_->Distance(s.to, i) == 0)
          return Invalid("经过 " + Label(i) + " 的环路中没有办理环节");
      }
    }
    return Ok();
  }

  // The join that closes `split`: every branch must reach the same join, skipping over nested
  // blocks. Memoized; a split met again while its own join is being sought is a nesting cycle.
  Result<NodeIndex> JoinOf(NodeIndex split) {
    if (join_of_[split] != kNoNode) return join_of_[split];
    if (active_[split]) return Invalid("并行分支 " + Label(split) + " 嵌套成环");
    active_[split] = true;
    NodeIndex join = kNoNode;
    for (const auto& s : node(split).successors) {
      std::vector<bool> visited(n(), false);
      DL_RETURN_IF_ERROR(WalkBranch(split, s.to, visited, &join));
    }
    active_[split] = false;
    if (join == kNoNode) return Invalid(Label(split) + " 没有对应的并行汇合节点");
    join_of_[split] = join;
    return join;
  }

  Status WalkBranch(NodeIndex split, NodeIndex at, std::vector<bool>& visited, NodeIndex* join) {
    if (visited[at]) return Ok();
    visited[at] = true;
    if (kind(at) == NodeKind::kParallelJoin) {
      if (*join != kNoNode && *join != at) {
        return Invalid(Label(split) + " 的各分支汇合到不同节点（" + Label(*join) + "、" +
                       Label(at) + "）");
      }
      *join = at;
      return Ok();
    }
    if (kind(at) == NodeKind::kEnd) {
      return Invalid(Label(split) + " 的一个分支未经并行汇合就到达 " + Label(at));
    }
    NodeIndex continue_from = at;
    if (kind(at) == NodeKind::kParallelSplit) {
      DL_ASSIGN_OR_RETURN(continue_from, JoinOf(at));
    }
    for (const auto& s : node(continue_from).successors) {
      DL_RETURN_IF_ERROR(WalkBranch(split, s.to, visited, join));
    }
    return Ok();
  }

  Status FindBlocks() {
    join_of_.assign(n(), kNoNode);
    active_.assign(n(), false);
    split_block_.assign(n(), CompiledFlow::kTopBlock);
    for (NodeIndex i = 0; i < n(); ++i) {
      if (kind(i) != NodeKind::kParallelSplit) continue;
      DL_ASSIGN_OR_RETURN(NodeIndex join, JoinOf(i));
      auto& owner = out_->nodes_[join].joins_block;
      if (owner != CompiledFlow::kTopBlock) {
        return Invalid(Label(join) + " 同时对应 " + Label(out_->blocks_[owner].split) + " 和 " +
                       Label(i));
      }
      owner = static_cast<int16_t>(out_->blocks_.size());
      split_block_[i] = owner;
      CompiledFlow::Block b;
      b.split = i;
      b.join = join;
      b.branches = static_cast<uint8_t>(node(i).successors.size());
      out_->blocks_.push_back(b);
    }
    for (NodeIndex i = 0; i < n(); ++i) {
      if (kind(i) == NodeKind::kParallelJoin && node(i).joins_block == CompiledFlow::kTopBlock) {
        return Invalid(Label(i) + " 没有对应的并行分支");
      }
    }
    return Ok();
  }

  // Marks, for each block, the branch of every node inside it, then gives each node the lane
  // of its innermost block (the containing block with the fewest members).
  Status AssignLanes() {
    const size_t blocks = out_->blocks_.size();
    std::vector<std::vector<uint8_t>> branch_of(blocks, std::vector<uint8_t>(n(), kUnmarked));
    std::vector<size_t> members(blocks, 0);
    for (size_t b = 0; b < blocks; ++b) {
      const auto& block = out_->blocks_[b];
      const auto& branches = node(block.split).successors;
      for (size_t k = 0; k < branches.size(); ++k) {
        std::vector<NodeIndex> stack{branches[k].to};
        while (!stack.empty()) {
          NodeIndex x = stack.back();
          stack.pop_back();
          if (x == block.join || branch_of[b][x] == k) continue;
          if (branch_of[b][x] != kUnmarked) {
            return Invalid(Label(block.split) + " 的第 " + std::to_string(branch_of[b][x] + 1) +
                           "、" + std::to_string(k + 1) + " 条分支在汇合前相连（" + Label(x) +
                           "）");
          }
          if (kind(x) == NodeKind::kEnd || x == block.split) {
            return Invalid(Label(block.split) + " 的分支未经 " + Label(block.join) +
                           " 就离开了并行块");
          }
          branch_of[b][x] = static_cast<uint8_t>(k);
          ++members[b];
          for (const auto& s : node(x).successors) stack.push_back(s.to);
        }
      }
    }
    for (NodeIndex i = 0; i < n(); ++i) {
      Lane lane;
      size_t best = SIZE_MAX;
      for (size_t b = 0; b < blocks; ++b) {
        if (branch_of[b][i] != kUnmarked && members[b] < best) {
          best = members[b];
          lane = Lane{static_cast<int16_t>(b), branch_of[b][i]};
        }
      }
      out_->nodes_[i].lane = lane;
    }
    for (auto& block : out_->blocks_) block.parent = node(block.split).lane.block;
    for (auto& block : out_->blocks_) {
      int depth = 1;
      for (int16_t p = block.parent; p != CompiledFlow::kTopBlock; p = out_->blocks_[p].parent) {
        if (++depth > 200) return Invalid("并行分支嵌套过深");
      }
      block.depth = static_cast<uint8_t>(depth);
    }
    return Ok();
  }

  // Tokens enter a block only through its split and leave only through its join.
  Status CheckLaneCrossings() {
    for (NodeIndex u = 0; u < n(); ++u) {
      const auto& successors = node(u).successors;
      for (size_t k = 0; k < successors.size(); ++k) {
        NodeIndex v = successors[k].to;
        Lane after = node(u).lane;
        if (kind(u) == NodeKind::kParallelSplit)
          after = Lane{split_block_[u], static_cast<uint8_t>(k)};
        bool ok = kind(v) == NodeKind::kParallelJoin ? after.block == node(v).joins_block
                                                     : after == node(v).lane;
        if (!ok) {
          return Invalid("连线 " + Label(u) + "→" + Label(v) +
                         " 跨越了并行块的边界（只能经并行分支节点进入、经并行汇合节点离开）");
        }
      }
    }
    return Ok();
  }

  void ComputeNextTasks() {
    for (NodeIndex i = 0; i < n(); ++i) {
      std::vector<NodeIndex> next;
      for (const auto& s : node(i).successors) {
        for (NodeIndex w = 0; w < n(); ++w) {
          if (kind(w) == NodeKind::kTask && out_->Distance(s.to, w) == 0) next.push_back(w);
        }
      }
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      out_->nodes_[i].next_tasks = std::move(next);
    }
  }

  const catalog::Flow& flow_;
  std::shared_ptr<CompiledFlow> out_{new CompiledFlow()};
  std::vector<NodeIndex> join_of_;    // per split, once found
  std::vector<bool> active_;          // splits whose join is being sought
  std::vector<int16_t> split_block_;  // per split, its block
};

Result<std::shared_ptr<const CompiledFlow>> CompiledFlow::Compile(const catalog::Flow& flow) {
  return FlowCompiler(flow).Run();
}

NodeIndex CompiledFlow::Find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? kNoNode : it->second;
}

std::vector<NodeIndex> CompiledFlow::Path(NodeIndex from, NodeIndex to) const {
  if (Distance(from, to) == kUnreachable) return {};
  std::vector<NodeIndex> path{to};
  for (NodeIndex at = to; at != from && path.size() <= size();) {
    at = previous_[Cell(from, at)];
    path.push_back(at);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

size_t CompiledFlow::MemoryBytes() const {
  size_t bytes = sizeof(*this) + dist_.capacity() * sizeof(uint16_t) +
                 previous_.capacity() * sizeof(NodeIndex) + blocks_.capacity() * sizeof(Block);
  for (const auto& n : nodes_) {
    bytes += sizeof(NodeInfo) + n.code.capacity() + n.name.capacity() +
             n.next_tasks.capacity() * sizeof(NodeIndex);
    for (const auto& s : n.successors) bytes += sizeof(Successor) + s.condition_text.capacity() * 4;
    bytes += 2 * sizeof(void*) + sizeof(std::string) + n.code.capacity() + sizeof(NodeIndex);
  }
  return bytes;
}

}  // namespace dl::engine
