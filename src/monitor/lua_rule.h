// Custom supervision rules in sandboxed Lua 5.4, loaded from files without rebuilding.
//
// A rule file defines a table `rule` (id, name, level) and a function `check(event, case)`
// that returns nothing when all is well, or a finding {level = "黄牌", message = "…",
// person = "…"} (level defaults to rule.level), or a list of them. `event` holds the event's
// fields (type, node, actor, actor_post, amount, counterparty, decision, decided_value,
// grade, reason, occurred, recorded, attributes …, names as in the event JSON); `case` holds
// id, power, unit, opened, applicant, counterparty, values and steps (a list of
// {type, node, actor, occurred}).
// docs/rules.md has examples.
//
// The sandbox: only the base (without dofile, loadfile, load, require, print,
// collectgarbage), string, table, math and utf8 libraries; no io, os, package or debug. Each
// call has an instruction budget and the state a memory budget; a rule that exceeds one, or
// fails in any other way, is reported and disabled — it never crashes the process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "engine/event.h"
#include "monitor/context.h"
#include "monitor/finding.h"

namespace dl::monitor {

struct LuaLimits {
  uint64_t instructions = 1'000'000;      // per call of check()
  size_t memory_bytes = 8 * 1024 * 1024;  // for the whole state
};

class LuaRule {
 public:
  // Compiles `source` (named `name` in messages, usually the file path) and runs its top
  // level, which must define `rule.id` and `check`. invalid_argument with Lua's message
  // (including the line) when it does not compile, exceeds a budget or lacks either.
  static Result<std::unique_ptr<LuaRule>> Load(const std::string& name, const std::string& source,
                                               LuaLimits limits = {});
  // Reads and loads a file; io error naming the file when it cannot be read.
  static Result<std::unique_ptr<LuaRule>> LoadFile(const std::string& path, LuaLimits limits = {});
  ~LuaRule();
  LuaRule(const LuaRule&) = delete;
  LuaRule& operator=(const LuaRule&) = delete;

  const std::string& id() const { return id_; }  // "lua:" + rule.id
  const std::string& name() const { return name_; }
  Level level() const { return level_; }
  bool disabled() const { return !disabled_reason_.empty(); }
  // Why the rule was disabled (Chinese, with Lua's message); empty while enabled.
  const std::string& disabled_reason() const { return disabled_reason_; }

  // Runs check(event, case). Returns the findings, or — when the rule fails (error, budget,
  // malformed result) — an error naming the rule, after which the rule is disabled and
  // returns no findings. Not thread-safe: one rule instance per writer thread.
  Result<std::vector<Finding>> Check(const engine::Event& event, const CaseView& c);

 private:
  struct State;
  explicit LuaRule(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
  std::string id_, name_;
  Level level_ = Level::kNotice;
  std::string disabled_reason_;
};

}  // namespace dl::monitor
