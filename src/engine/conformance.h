// Conformance of a case to its flow, one event at a time (issue 4). Each case is a small
// token state over a shared CompiledFlow; each event is judged in time independent of the
// case's history and without searching the graph. Unlike replay that silently ignores steps
// missing from the model, every unknown step is a deviation. The semantics of each deviation
// kind are written out in docs/conformance.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/labels.h"
#include "engine/compiled_flow.h"
#include "engine/event.h"

namespace dl::engine {

enum class DeviationKind {
  kUnknownStep,  // the code is not a task of this flow: state unchanged
  kSkippedStep,  // the step lies ahead: nodes = the tasks jumped over; the case moves to it
  kOutOfOrder,   // the step lies behind (already passed): nodes = the steps expected instead;
                 // the case stays where it was
  kWrongBranch,  // the step is on a branch the case values did not choose: nodes = the
                 // steps expected instead; the case follows the step
  kNoBranch,     // no condition of an exclusive gateway held: nodes = {gateway}; the case
                 // waits at the gateway and the next step on any of its branches is accepted
  kRepeated,     // the step was started again while started, or completed again right after
                 // its completion: state unchanged
  kAfterClose,   // any event after the case was closed: state unchanged
  kClosedEarly,  // closed while tokens were short of an end: nodes = the pending steps
};
inline constexpr LabelTable<DeviationKind, 8> kDeviationKinds{{{
    {DeviationKind::kUnknownStep, "未知环节"},
    {DeviationKind::kSkippedStep, "跳过环节"},
    {DeviationKind::kOutOfOrder, "顺序颠倒"},
    {DeviationKind::kWrongBranch, "偏离分支"},
    {DeviationKind::kNoBranch, "无分支可走"},
    {DeviationKind::kRepeated, "重复办理"},
    {DeviationKind::kAfterClose, "办结后办理"},
    {DeviationKind::kClosedEarly, "提前办结"},
}}};

struct Deviation {
  DeviationKind kind = DeviationKind::kUnknownStep;
  std::string step;                // the node code the event named; empty for a close
  std::vector<std::string> nodes;  // node codes involved, as documented per kind
  std::string message;             // one Chinese sentence for inspectors
};

struct Verdict {
  bool allowed = true;  // false exactly when deviations is not empty
  std::vector<Deviation> deviations;
};

// What the engine keeps of one open case: the positions of its tokens and a few flags.
// Owned by whoever owns the case (the writer thread); not thread-safe.
class CaseState {
 public:
  struct Token {
    NodeIndex node = kNoNode;  // a task, a parked exclusive gateway, a join waiting, or an end
    uint8_t flags = 0;         // kStarted, kStray
  };
  static constexpr uint8_t kStarted = 1;  // the task has started and not completed
  static constexpr uint8_t kStray = 2;    // a started step judged out of order; not a position

  bool opened() const { return flags_ & kOpened; }
  bool closed() const { return flags_ & kClosed; }
  const std::vector<Token>& tokens() const { return tokens_; }
  // Bytes this case costs the engine: the object itself plus its heap payload (the token
  // array's capacity; the allocator adds its own header, ~16 bytes on glibc).
  size_t MemoryBytes() const { return sizeof(*this) + tokens_.capacity() * sizeof(Token); }

 private:
  friend class Conformance;
  friend class Judge;
  static constexpr uint8_t kOpened = 1;
  static constexpr uint8_t kClosed = 2;
  static constexpr uint8_t kProgressed = 4;  // some task has started or completed

  std::vector<Token> tokens_;
  NodeIndex last_completed_ = kNoNode;
  uint8_t flags_ = 0;
};

// The case's values as the conditions of exclusive gateways read them: a JSON object given
// as it is, or made from a case's CaseValues the first time a condition is evaluated — most
// steps pass no conditional gateway, and making the object is most of a step's cost.
class GatewayValues {
 public:
  GatewayValues(const Json& object) : given_(&object) {}  // NOLINT: a JSON object is values
  explicit GatewayValues(const CaseValues& values) : source_(&values) {}

  const Json& Get() {
    if (given_) return *given_;
    if (!made_) made_ = source_->ToJson();
    return *made_;
  }

 private:
  const Json* given_ = nullptr;
  const CaseValues* source_ = nullptr;
  std::optional<Json> made_;
};

// The step functions. All are stateless: `flow` is shared read-only (thread-safe), `state`
// belongs to one case. Each returns the verdict on the one event it is given.
class Conformance {
 public:
  // Most strays (out-of-order steps started but not completed) a case remembers.
  static constexpr size_t kMaxStrays = 8;

  // Resets `state` to a new case: one token leaves the start, routed by `case_values` (the
  // values the case opened with) through any gateways up to the first task(s).
  static Verdict Open(const CompiledFlow& flow, CaseState& state, GatewayValues case_values);
  // A task started. Opens the case first (with no values) if Open was never called.
  static Verdict OnStarted(const CompiledFlow& flow, CaseState& state, std::string_view node);
  // A task completed; `case_values` (the case's values as of now) decide the
  // exclusive gateways after it. A completion without a start counts as start + complete; a
  // deviation is reported once per step, on its first event.
  static Verdict OnCompleted(const CompiledFlow& flow, CaseState& state, std::string_view node,
                             GatewayValues case_values);
  // The case closed. Frees the tokens; every later event is kAfterClose.
  static Verdict OnClosed(const CompiledFlow& flow, CaseState& state);

  // The task codes that may come next without any deviation, ascending by node order.
  static std::vector<std::string> EnabledSteps(const CompiledFlow& flow, const CaseState& state);
  // A readable rendering for tests and logs: token positions in node order, "+" after a started
  // task, "?" after a parked gateway, "~" before a stray; then "closed" if closed.
  // E.g. "N3+ N4", "G1?", "E closed".
  static std::string Describe(const CompiledFlow& flow, const CaseState& state);
};

}  // namespace dl::engine
