// The built-in rules that count events over time (issue 4): splitting (拆分采购) and
// concentration (同一对象办理过于集中). They keep per-key sliding windows in memory, bounded in
// size, and can roll back a batch the writer could not commit.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "monitor/context.h"
#include "monitor/finding.h"
#include "monitor/rules.h"

namespace dl::monitor {

// splitting: every event that carries an amount for a case of a splitting category (物资采购 by
// default) records that case's purchase under its counterparty (one entry per case; a later
// amount replaces the earlier). When a new or changed purchase below the threshold brings the
// purchases below the threshold from that counterparty in the window ending at it — those that
// happened less than window_days × 24 h before — to at least two whose sum reaches the
// threshold, it is a finding.
//
// concentration: every opened, started or completed event with an actor and a counterparty
// records the case under (actor, counterparty), once per case. When a newly recorded case
// makes more than max_count cases in the period ending at it, it is a finding.
//
// Windows are judged at the event's `occurred` time; an event that arrives late is judged
// against the purchases and cases before it.
//
// Memory: each key keeps at most window_max_entries_per_key entries (the oldest are dropped)
// and entries older than the window behind the newest one. Keys whose entries all fell out of
// the window, relative to the latest `recorded` time seen, are swept on Commit() / CommitTo()
// once the observations since the last sweep number at least half the keys (a sweep reads every
// key, so this keeps its cost O(1) per observation) or, while no mark is open, every 1024
// observations; if more than window_max_keys keys remain, those idle longest are dropped, which
// every Commit() checks. So between sweeps the key count may exceed the bound by one batch.
//
// Batches: Mark() opens an undo log; RollbackTo(mark) restores every window touched since the
// mark (copying a window the first time it is touched after a mark); Commit() drops the log
// once the batch is durable. Without a mark nothing is logged.
//
// Not thread-safe: one instance per writer thread.
class WindowRules {
 public:
  explicit WindowRules(RuleParams params) : params_(std::move(params)) {}

  // Judges the event against the windows and records it. Returns the findings (empty when all
  // is well).
  std::vector<Finding> Observe(const EventContext& ctx);

  // Opens (or nests) an undo mark; returns it for RollbackTo.
  size_t Mark();
  // Undoes every observation since `mark` (a value Mark() returned since the last Commit()).
  void RollbackTo(size_t mark);
  // Makes the logged observations permanent, closes the marks and sweeps idle keys.
  // Drops the undo log up to `mark` (changes made durable while later ones are pending) and
  // sweeps; marks count every change, so later marks stay valid.
  void CommitTo(size_t mark);
  void Commit();

  size_t keys() const { return purchases_.size() + contacts_.size(); }
  size_t entries() const;
  // Entries kept for rollback (the undo log and its index): what CommitTo has not forgotten.
  size_t undo_held() const { return undo_.size() + saved_at_.size(); }

 private:
  struct Entry {
    std::string case_id;
    Instant at;
    double amount = 0;
  };
  using Window = std::vector<Entry>;  // ascending by `at`
  enum class Kind : uint8_t { kPurchases, kContacts };
  using Map = std::unordered_map<std::string, Window>;

  Map& MapOf(Kind kind) { return kind == Kind::kPurchases ? purchases_ : contacts_; }
  // The window for `key`, created if absent, saved in the undo log first when a mark is open.
  Window& Touch(Kind kind, const std::string& key);
  // Inserts or updates the case's entry; drops entries more than `span` behind the newest and
  // the oldest beyond the size bound.
  void Record(Window& w, const std::string& case_id, Instant at, double amount,
              std::chrono::hours span);
  void Splitting(const EventContext& ctx, std::vector<Finding>& out);
  void Concentration(const EventContext& ctx, std::vector<Finding>& out);
  void Sweep();
  void SweepIfDue();  // on Commit / CommitTo

  RuleParams params_;
  Map purchases_;  // by counterparty
  Map contacts_;   // by actor '\x1f' counterparty
  struct Undo {
    Kind kind;
    std::string key;
    std::optional<Window> before;  // nullopt: the key did not exist
  };
  std::vector<Undo> undo_;
  std::unordered_map<std::string, size_t> saved_at_;  // TagOf(kind, key) → its undo entry (a mark)
  static std::string TagOf(Kind kind, const std::string& key);
  size_t base_ = 0;  // the mark of undo_[0]
  size_t mark_ = 0;
  bool marked_ = false;
  Instant latest_{};  // the latest `recorded` seen, for sweeping
  uint32_t since_sweep_ = 0;
};

}  // namespace dl::monitor
