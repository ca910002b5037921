// A power version's flow compiled for conformance checking: nodes by dense index, successors
// with parsed conditions, the parallel blocks (会签) with their joins, and all-pairs tables of
// "how many tasks lie between" so that judging an event never searches the graph.
// Built once per power version, immutable, and shared by every case of that version.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "catalog/condition.h"
#include "catalog/power.h"

namespace dl::engine {

using NodeIndex = uint16_t;
inline constexpr NodeIndex kNoNode = 0xFFFF;

class CompiledFlow {
 public:
  static constexpr size_t kMaxNodes = 1024;         // the tables are n×n
  static constexpr uint16_t kUnreachable = 0xFFFF;  // Distance() when there is no path
  static constexpr int16_t kTopBlock = -1;          // "outside every parallel block"
  static constexpr uint8_t kArrivedBranch = 0xFE;   // a token waiting at its block's join

  struct Successor {
    NodeIndex to = kNoNode;
    std::optional<catalog::Condition> condition;  // none: unconditional (the default branch)
    std::string condition_text;
  };

  // Where a node sits in the nesting of parallel blocks: the innermost block and the branch
  // (the split's out-edge, 0-based) it belongs to. A split and its join sit in the lane that
  // contains the block, not inside it.
  struct Lane {
    int16_t block = kTopBlock;
    uint8_t branch = 0;
    bool operator==(const Lane&) const = default;
  };

  // One parallel split with its matching join.
  struct Block {
    NodeIndex split = kNoNode;
    NodeIndex join = kNoNode;
    int16_t parent = kTopBlock;  // the enclosing block
    uint8_t depth = 1;           // 1 for an outermost block
    uint8_t branches = 0;        // out-edges of the split = tokens the join waits for
  };

  // Compiles a flow that passed catalog::ValidateFlow. Returns kInvalidArgument (with a Chinese
  // message naming the node or edge) for what the engine cannot run: no single start, a task or
  // join without exactly one out-edge, a condition that does not parse, a split without a join,
  // an edge entering or leaving a parallel block other than through its split and join, branches
  // of one block joined before their join, a loop without any task, more than kMaxNodes nodes.
  // The result is immutable and thread-safe.
  static Result<std::shared_ptr<const CompiledFlow>> Compile(const catalog::Flow& flow);

  size_t size() const { return nodes_.size(); }
  // The node's index, or kNoNode if the flow has no node with that code.
  NodeIndex Find(std::string_view code) const;
  const std::string& Code(NodeIndex n) const { return nodes_[n].code; }
  const std::string& Name(NodeIndex n) const { return nodes_[n].name; }
  catalog::NodeKind Kind(NodeIndex n) const { return nodes_[n].kind; }
  NodeIndex start() const { return start_; }
  // Out-edges in the order the flow declares them.
  const std::vector<Successor>& Successors(NodeIndex n) const { return nodes_[n].successors; }
  // The tasks that can come right after `n` when only gateways lie between (for a task: the
  // steps that may legally follow it; for a gateway: the first tasks of its branches).
  const std::vector<NodeIndex>& NextTasks(NodeIndex n) const { return nodes_[n].next_tasks; }

  // The fewest tasks a token at `from` passes to reach `to`: `from` itself counts if it is a
  // task, `to` does not. 0 for from == to; kUnreachable if `to` is not ahead of `from`.
  uint16_t Distance(NodeIndex from, NodeIndex to) const { return dist_[Cell(from, to)]; }
  // The nodes of a shortest such path, both ends included; empty if unreachable. O(length).
  std::vector<NodeIndex> Path(NodeIndex from, NodeIndex to) const;

  Lane LaneOf(NodeIndex n) const { return nodes_[n].lane; }
  // The lane one level out: the lane of the block's split. Requires lane.block != kTopBlock.
  Lane Outer(Lane lane) const { return nodes_[blocks_[lane.block].split].lane; }
  int Depth(int16_t block) const { return block == kTopBlock ? 0 : blocks_[block].depth; }
  const Block& block(int16_t b) const { return blocks_[b]; }
  size_t block_count() const { return blocks_.size(); }
  // The block whose join `n` is, or kTopBlock if `n` is not a join.
  int16_t BlockOfJoin(NodeIndex n) const { return nodes_[n].joins_block; }

  // Bytes held by this object (tables, names, conditions counted roughly).
  size_t MemoryBytes() const;

 private:
  struct NodeInfo {
    std::string code;
    std::string name;
    catalog::NodeKind kind = catalog::NodeKind::kTask;
    std::vector<Successor> successors;
    std::vector<NodeIndex> next_tasks;
    Lane lane;
    int16_t joins_block = kTopBlock;
  };
  friend class FlowCompiler;
  CompiledFlow() = default;

  size_t Cell(NodeIndex from, NodeIndex to) const { return size_t{from} * nodes_.size() + to; }

  std::vector<NodeInfo> nodes_;
  struct CodeHash {  // lets Find look up a string_view without building a string
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, NodeIndex, CodeHash, std::equal_to<>> index_;
  NodeIndex start_ = kNoNode;
  std::vector<Block> blocks_;
  std::vector<uint16_t> dist_;       // n×n, see Distance()
  std::vector<NodeIndex> previous_;  // n×n: the node before `to` on a shortest path from `from`
};

}  // namespace dl::engine
