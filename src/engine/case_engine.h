// The open cases, in memory (DESIGN.md: keep hot case state in memory; the projections are
// rebuilt from the ledger). The writer thread feeds every case event through CaseEngine::
// Apply, which deduplicates it, pins the case to the power version in force when it opened,
// runs conformance and keeps the case's values, steps and suspensions. Changes can be rolled
// back to a mark, so a rejected submission or a failed commit leaves the engine as it was.
//
// Not thread-safe: owned and used by the writer thread only.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "catalog/power.h"
#include "engine/compiled_flow.h"
#include "engine/conformance.h"
#include "engine/event.h"

namespace dl::engine {

// A time span during which a case's clock stood still (补正材料, 听证, 专家评审, 公示).
struct Suspension {
  Instant begin;
  std::optional<Instant> end;  // nullopt while suspended
};

// Strings the engine has seen (node codes, person codes), each stored once: a case's steps
// refer to them by number, so a step costs 24 bytes whatever its names. Grows with the
// distinct names (nodes of the flows, persons of the county), never with the cases.
class NamePool {
 public:
  uint32_t Intern(std::string_view name);
  const std::string& operator[](uint32_t id) const { return names_[id]; }
  static constexpr uint32_t kEmpty = 0;  // the id of ""

  NamePool() { Intern(""); }
  NamePool(const NamePool&) = delete;
  NamePool& operator=(const NamePool&) = delete;

 private:
  std::deque<std::string> names_;  // a deque: the views in ids_ stay valid as it grows
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// A time limit running on a case: the whole case's (node == kNoNode, from its opening) or a
// step's (from when the case reached the step until the step completes). The engine keeps the
// clocks in step with the case; the overdue monitor (monitor/overdue.h) fills in when each
// stage of the deadline falls and which stages it has reported.
struct CaseClock {
  NodeIndex node = kNoNode;
  Instant since;
  uint64_t since_seq = 0;       // ledger entry of the event that started the clock (0: unknown)
  bool scheduled = false;       // `at` holds the stages for the case's current suspensions
  uint8_t reported = 0;         // bit i: stage i reported (or passed over)
  std::array<Instant, 3> at{};  // notice, due, far late; Instant::max() when never
};

struct OpenCase {
  std::string id;
  uint64_t serial = 0;  // a number the engine gave the case when it first loaded it
  std::string power;    // power code as the opening event named it
  int version = 0;      // the version in force when the case opened; 0 when the power is unknown
  Instant opened;
  std::string applicant;
  std::shared_ptr<const catalog::Power> definition;  // the pinned version; null when unknown
  std::shared_ptr<const CompiledFlow> flow;  // null when the power is unknown or has no flow
  CaseState state;
  // The case values: amount, decision, decided_value, grade, counterparty and the
  // attributes, as the latest events gave them (values.ToJson() for conditions and rules).
  CaseValues values;
  // Every event of the case, oldest first; node and actor are ids in the engine's NamePool.
  struct Step {
    Instant occurred;
    uint32_t node = NamePool::kEmpty;
    uint32_t actor = NamePool::kEmpty;
    EventType type = EventType::kOpened;
  };
  std::vector<Step> steps;
  std::vector<Suspension> suspensions;
  std::vector<uint64_t> event_keys;  // hashes of (source, external id) already recorded
  // The clocks running: the case's own first (from its opening), then one per step the case
  // waits on. Empty once closed.
  std::vector<CaseClock> clocks;
  bool closed = false;
  bool suspended() const { return !suspensions.empty() && !suspensions.back().end; }
  // The power's unit; empty when the power is unknown.
  const std::string& unit() const;
};

// The power version a case runs against: the version number and the power, or not_found.
struct PinnedPower {
  int version = 0;
  std::shared_ptr<const catalog::Power> power;
};
using PowerLookup = std::function<Result<PinnedPower>(const std::string& code, Instant opened)>;
// The recorded events of a case that is not in memory (closed and never loaded, or from
// before a restart), oldest first; empty when the case was never recorded.
using CaseHistory = std::function<Result<std::vector<Event>>(const std::string& case_id)>;

struct Applied {
  bool duplicate = false;  // the same (source, id) was recorded before: nothing changed
  bool opened_now = false;
  Verdict verdict;                  // conformance of this event (empty when no flow)
  const OpenCase* case_ = nullptr;  // the case after the event; valid until the next Apply
};

class CaseEngine {
 public:
  // `lookup` resolves a power code to the version in force at a case's opening; compiled
  // flows are cached per (code, version).
  explicit CaseEngine(PowerLookup lookup, CaseHistory history = {});

  // Applies one event. invalid_argument (nothing changed) when the event cannot belong to a
  // case: a step for a case never opened whose event names no power, a second opened event,
  // or a power that disagrees with the case's. A step that arrives before its case's opened
  // event opens the case (the late opened event is then recorded without resetting it). A
  // duplicate (same source and id as an event of this case) changes nothing and says so.
  // `seq` is the ledger entry that records the event (0 when not known), kept as the start of
  // the clocks the event starts.
  Result<Applied> Apply(const Event& event, uint64_t seq = 0);

  const OpenCase* Find(const std::string& case_id) const;
  // The names the cases' steps refer to.
  const NamePool& names() const { return names_; }
  // The case with that serial number, if it is in memory.
  const OpenCase* FindSerial(uint64_t serial) const;
  // The case for changing what the engine does not own (the clocks' stages); the change is
  // undone with the rest on RollbackTo. nullptr if the case is not in memory.
  OpenCase* Edit(const std::string& case_id);
  // Calls f(case) for every case in memory, in no particular order.
  void ForEach(const std::function<void(const OpenCase&)>& f) const;
  // The same, for changing what the engine does not own (as Edit), without an undo log: only
  // outside a submission (a writer's start).
  void EditEach(const std::function<void(OpenCase&)>& f);
  size_t open_cases() const { return cases_.size(); }

  // Undo log: Mark() before a submission, RollbackTo(mark) to undo everything since. Marks
  // count every change since the engine was made, so they stay valid across CommitTo.
  size_t Mark();
  void RollbackTo(size_t mark);
  // Forgets the undo log up to `mark` once those changes are durable (a committed batch while
  // the next one is already applied); Commit forgets all of it.
  void CommitTo(size_t mark);
  void Commit();
  // Entries kept for rollback (the undo log and its index): what CommitTo has not forgotten.
  size_t undo_held() const { return undo_.size() + saved_at_.size(); }

  // Drops closed cases from memory (their state lives in the projections and the ledger);
  // with a CaseHistory, a later event for one loads it back. EvictClosed scans every case;
  // EvictIfClosed drops one. Only between submissions (after Commit).
  void EvictClosed();
  void EvictIfClosed(uint64_t serial);

  // The case key of an event for deduplication: a 64-bit hash of source and external id.
  static uint64_t EventKey(const Event& e);

 private:
  Result<std::shared_ptr<const CompiledFlow>> FlowFor(const std::string& code, int version,
                                                      const catalog::Power& power);
  void SaveUndo(const std::string& case_id);

  // Replays a recorded case into memory when an event names a case that is not loaded.
  Status LoadRecorded(const std::string& case_id);

  PowerLookup lookup_;
  CaseHistory history_;
  NamePool names_;
  std::unordered_map<std::string, OpenCase> cases_;
  // serial → the case in memory (map nodes do not move; entries go with their cases)
  std::unordered_map<uint64_t, OpenCase*> serials_;
  uint64_t next_serial_ = 1;
  std::unordered_map<std::string, std::shared_ptr<const CompiledFlow>> flows_;
  // Each entry restores one case as it was (or erases it when it did not exist).
  struct Undo {
    std::string case_id;
    std::optional<OpenCase> before;
  };
  std::vector<Undo> undo_;
  size_t base_ = 0;  // the mark of undo_[0]: changes before it are committed and forgotten
  size_t mark_ = 0;
  std::unordered_map<std::string, size_t> saved_at_;  // case → its latest undo entry (a mark)
};

}  // namespace dl::engine
