// The writer: the one path for every change. Commands are validated against the in-memory
// state, applied, turned into ledger entries and committed with the projections in one
// transaction. Many submissions that arrive together share a transaction (group commit);
// each caller is answered only after its transaction has committed, so an acknowledged
// change is never lost.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <variant>
#include <vector>

#include "base/bloom.h"
#include "base/clock.h"
#include "base/issue.h"
#include "base/result.h"
#include "catalog/change.h"
#include "catalog/risk_formula.h"
#include "engine/case_engine.h"
#include "ledger/checkpoint.h"
#include "ledger/entry.h"
#include "ledger/merkle.h"
#include "store/store.h"
#include "writer/case_recorder.h"
#include "writer/oversight_recorder.h"
#include "writer/public_recorder.h"

namespace dl::writer {

// Declares everything in `catalog` (see catalog::PlanImport): unchanged things are skipped.
struct ImportCatalog {
  catalog::Catalog catalog;
};

// A ledger-only entry that changes no state: a login, a sensitive read, a refused request.
// `kind` must start with "audit." (store::kAuditKindPrefix).
struct Audit {
  std::string kind;
  std::string subject;
  Json payload = Json::object();
};

// Case events (from an external system, an import or online handling), recorded in order.
// A duplicate of an event already recorded (same source and id) is skipped; an event that
// cannot belong to a case rejects the submission (see engine::CaseEngine::Apply).
struct RecordEvents {
  std::vector<engine::Event> events;
  // Online handling (service/handling_service.h): the events come from a person working in
  // Daylight, who is guided rather than watched — an event that deviates from the flow, whose
  // actor does not hold the node's post that day, or that opens a case of a power not in
  // force is refused (the whole submission, with the rule's message) instead of recorded
  // with a warning. The other rules judge it as any event.
  bool guided = false;
  // The caller's reach (the server's accounts and API keys): called with the unit of each
  // event's case — the unit of the case as recorded, or of the power the event opens it for —
  // it returns an error for a unit outside the caller's scope, and the whole submission is then
  // refused with that error (permission_denied). A case without a unit (a power the lists do
  // not hold) is not asked about. Called on the writer thread while the submitter waits for
  // its receipt. Unset: no check (imports and the writer's other callers).
  std::function<Status(const std::string& unit)> scope;
};

// Raises the deadline stages (overdue steps and cases) that have come by the writer's clock,
// lapses the exceptions whose end has passed (oversight/exception.h), escalates the warnings
// whose due time has passed (oversight/lifecycle.h), and, on the first check
// of a (local) day or after a change to the lists, the findings of the rules over the organisation
// (sod-static, rotation, review-overdue) not raised before. The writer does this on its own when a
// deadline passes or a day begins (WriterOptions::auto_tick); the command lets a caller with an
// injected clock tick at a chosen moment.
struct CheckDeadlines {};
// The actor of the writer's own deadline checks.
inline constexpr const char* kMonitorActor = "daylight:monitor";

using Command = std::variant<catalog::Change, ImportCatalog, Audit, RecordEvents, CheckDeadlines,
                             TakeStep, RaiseWarning, GrantException, RevokeException, EnterCheck,
                             RateCase, FileComplaint, AddToComplaint>;

// An atomic group of commands: all are applied or none. With dry_run, everything is
// validated and nothing is written.
struct Submission {
  std::string actor;
  std::vector<Command> commands;
  bool dry_run = false;
};

struct Receipt {
  size_t entries = 0;      // ledger entries written (or that would be written, on a dry run)
  uint64_t first_seq = 0;  // 0 when nothing was written
  uint64_t last_seq = 0;
  std::vector<Issue> warnings;
  bool dry_run = false;
  CaseTally cases;       // what the submission's case events did
  size_t escalated = 0;  // warnings escalated by a deadline check
};

struct WriterOptions {
  catalog::RiskFormula formula;
  size_t max_batch_submissions = 256;  // submissions per transaction at most
  size_t max_queue = 10000;            // pending submissions before callers are refused
  // Signed checkpoints: with a signer, the writer signs (origin, size, root) of the tree after
  // a batch once `checkpoint_every` entries or `checkpoint_interval` have passed since the last
  // checkpoint, and stores it in the batch's transaction (a batch that fails to commit takes
  // its checkpoint with it); and when it stops. Without one, no checkpoints are written.
  std::shared_ptr<const ledger::SigningKey> signer;
  std::string origin = "daylight";
  uint64_t checkpoint_every = 1000;
  std::chrono::milliseconds checkpoint_interval{1000};
  // The supervision rules' parameters (docs/rules.md), with the [disposal] table: due times,
  // escalation and repetition of warnings (docs/disposal.md).
  monitor::RuleParams rules;
  // Custom Lua rules, run on every new event after the built-in ones (writer thread only).
  std::vector<std::shared_ptr<monitor::LuaRule>> custom_rules;
  // The working-day calendar of time limits; null: the built-in Chinese calendar.
  calendar::WorkCalendar::Ptr calendar;
  // Tick on its own: wake when the earliest deadline passes (by the clock) and raise it. Tests
  // with a ManualClock may turn this off and Tick() themselves.
  bool auto_tick = true;
  // Tests only: called on the committer thread before each commit; an error fails that commit
  // as a failed Store::Append would (the store is not called).
  std::function<Status()> commit_fault;
};

class Writer {
 public:
  // Loads the current state from the store, rebuilds the Merkle frontier from the stored
  // subtree hashes (O(log n) reads; a database without them is filled in once, O(n)) and
  // starts the writer thread. corrupt if the ledger contradicts its latest checkpoint.
  static Result<std::unique_ptr<Writer>> Start(store::Store& store, const Clock& clock,
                                               WriterOptions options);
  // Drains the queue, then stops the thread.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Blocks until the submission has committed (or failed). On validation failure the error
  // is invalid_argument and its details hold every issue (IssuesFromJson). Thread-safe.
  Result<Receipt> Submit(Submission submission);
  // As Submit, without blocking; resource_exhausted when the queue is full. Thread-safe.
  std::future<Result<Receipt>> SubmitAsync(Submission submission);

  // Raises the deadline stages that have come by the clock's now (a CheckDeadlines submission)
  // and returns its receipt. Thread-safe.
  Result<Receipt> Tick();

  // A copy of the current declared state. Thread-safe.
  catalog::Catalog Snapshot() const;
  // The declared state as of the last committed change, shared and immutable: cheap to take
  // per request (the server checks accounts and scopes against it). A submission that
  // changed it is answered only after the new state is published. Thread-safe.
  std::shared_ptr<const catalog::Catalog> Published() const;

  struct Stats {
    uint64_t transactions = 0;
    uint64_t submissions = 0;
    uint64_t entries = 0;
    uint64_t checkpoints = 0;
    uint64_t ticks = 0;               // deadline checks run
    size_t pending_deadlines = 0;     // deadline stages scheduled (at the last batch)
    size_t cases_in_memory = 0;       // cases the engine holds (at the last batch)
    size_t queued = 0;                // submissions waiting (now)
    size_t warnings_in_progress = 0;  // warnings not closed (at the last batch)
  };
  Stats stats() const;

 private:
  struct Pending {
    Submission submission;
    std::promise<Result<Receipt>> promise;
    // Per command: the entry prefix hashed on the submitter's thread (audit notes).
    std::vector<std::optional<ledger::EntryPrefix>> prefixes;
  };
  class Batch;
  // A batch applied to the in-memory state with its entries built: committing (on the
  // committer thread) while the writer thread applies the next one, then landed — its
  // callers answered, or everything since it began rolled back when the commit failed.
  struct Flight {
    std::vector<std::unique_ptr<Pending>> batch;
    std::unique_ptr<Batch> changes;  // undo log of the declared state
    std::vector<store::Record> records;
    std::vector<ledger::SubtreeNode> nodes;
    std::vector<std::pair<Pending*, Receipt>> accepted;
    std::vector<uint64_t> touched;  // cases whose clocks may have changed
    // Cases of earlier batches that this batch touched too: evicted, if closed, when it lands.
    std::vector<uint64_t> closed_before;
    size_t case_begin = 0, window_begin = 0, book_begin = 0;  // undo marks before the batch
    size_t case_end = 0, window_end = 0, book_end = 0;        // and after it
    uint64_t seq_begin = 0;
    ledger::CompactTree tree_begin, tree_end;
    Instant now;
    uint64_t ticks = 0;
    std::optional<Date> organisation_checked;
    bool catalog_changed = false;
    // The signed checkpoint of tree_end when one is due, stored in the batch's transaction.
    std::optional<store::StoredCheckpoint> checkpoint;
  };

  Writer(store::Store& store, const Clock& clock, WriterOptions options, catalog::Catalog state,
         ledger::CompactTree tree, uint64_t last_checkpoint);
  // The power version a case opened at `opened` runs against (writer thread).
  Result<engine::PinnedPower> PowerForCase(const std::string& code, Instant opened);
  void Run();
  // Waits for submissions, or until the earliest deadline passes; returns the batch to
  // process (with a deadline check added when one is due), empty when stopping and drained.
  std::vector<std::unique_ptr<Pending>> NextBatch(bool wait);
  // When the next check is due: the earliest deadline, or the start of the next local day
  // (for the organisation rules); nullopt when today's organisation check has not run yet.
  std::optional<Instant> NextCheck(Instant now);
  CaseWork Work();
  static bool Pipelinable(const std::vector<std::unique_ptr<Pending>>& batch);
  // Applies a batch: validates and applies each submission (answering the rejected ones and
  // dry runs), builds its entries and the Merkle tree after it (writer thread).
  std::unique_ptr<Flight> Prepare(std::vector<std::unique_ptr<Pending>> batch);
  // Hands the batch's entries to the committer thread (nothing to commit: done at once).
  void Launch(Flight& f);
  // Waits for the commit of `f` and settles the writer's state after it; `next` is the batch
  // applied since, kept undoable, and rolled back with `f` if the commit failed (then false,
  // and the callers of both are answered with the failure). Releases `state_lock`. Callers of
  // a landed batch are answered by Answer, after `next` has been launched.
  bool Land(Flight& f, Flight* next, std::unique_lock<std::shared_mutex>* state_lock);
  // Answers the callers of a landed batch with their receipts.
  static void Answer(Flight& f);
  void CommitLoop();  // the committer thread
  // The recorded events of a case not in memory (the engine's CaseHistory): none, without a
  // read, for a case id known_cases_ certainly lacks (it is added then).
  Result<std::vector<engine::Event>> HistoryOf(const std::string& case_id);
  // Makes the current state the one Published() returns (writer thread, or before it starts).
  void Publish();
  // The checkpoint of `tree` signed at `now` (the writer has a signer).
  store::StoredCheckpoint SignCheckpoint(const ledger::CompactTree& tree, Instant now) const;
  // On stopping: signs and stores a checkpoint of the committed tree if it has none.
  void CheckpointOnStop();

  store::Store& store_;
  const Clock& clock_;
  const WriterOptions options_;

  mutable std::shared_mutex state_mu_;  // guards state_ (written by the writer thread only)
  catalog::Catalog state_;
  mutable std::mutex published_mu_;
  std::shared_ptr<const catalog::Catalog> published_;
  engine::CaseEngine cases_;  // the open cases (writer thread)
  // Every case id in the ledger, and every one looked up since start (writer thread): an
  // event of a case id it certainly lacks — the first event of most cases — needs no read of
  // the ledger for the case's history. See HistoryOf.
  BloomSet known_cases_;
  // The power versions cases run against, by (code, version), shared by their cases; cleared
  // when a change to the lists is undone (writer thread).
  std::map<std::pair<std::string, int>, std::shared_ptr<const catalog::Power>> pinned_;
  monitor::WindowRules windows_;     // splitting and concentration windows (writer thread)
  engine::DeadlineIndex deadlines_;  // the next stage of every running clock (writer thread)
  oversight::Book book_;             // the warnings not closed (writer thread)
  std::vector<uint64_t> touched_;    // cases whose clocks changed in this batch (writer thread)
  bool final_check_done_ = false;    // the deadline check on stopping has run (writer thread)
  // The rules over the organisation (sod-static, rotation, review-overdue) run once a day with the
  // deadline check: the day last checked, the findings already in the ledger, and those of the
  // batch in progress (writer thread).
  std::optional<Date> organisation_day_;
  std::unordered_set<std::string> organisation_seen_;
  std::vector<std::string> organisation_raised_;
  uint64_t next_seq_;
  ledger::CompactTree tree_;            // the Merkle tree after the batches applied (writer thread)
  ledger::CompactTree committed_tree_;  // the Merkle tree of the committed ledger
  // The latest stored checkpoint, and the latest one of the batches applied (writer thread):
  // a batch carries a checkpoint when checkpoint_every entries or checkpoint_interval have
  // passed since the one before it.
  uint64_t last_checkpoint_size_;
  Instant last_checkpoint_time_;
  uint64_t planned_checkpoint_size_;
  Instant planned_checkpoint_time_;

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  // The committer has a result for Land (set with commit_mu_ held, then queue_mu_): while a
  // batch commits, the writer waits for whichever comes first, enough queued work to apply
  // next or the end of the commit.
  bool commit_done_ = false;
  // Whether the queued submissions hold at least kEarlyApplyEvents events (other commands
  // count one): work worth applying while a batch commits, rather than waiting to group it
  // with what arrives until the commit ends. queue_mu_ held.
  bool EnoughQueuedToApplyEarly() const;
  static constexpr size_t kEarlyApplyEvents = 100;
  Stats stats_;
  std::thread thread_;

  // The committer thread commits one batch at a time, handed over by Launch.
  std::mutex commit_mu_;
  std::condition_variable commit_cv_;
  Flight* commit_job_ = nullptr;
  std::optional<Status> commit_result_;
  bool commit_stop_ = false;
  // The stats that describe the writer's memory (deadlines, cases, warnings), after a landing
  // or a rollback.
  void UpdateGauges();
  // Sets commit_result_ and commit_done_; commit_mu_ held.
  void CommitDone(Status result);
  std::thread committer_;
};

}  // namespace dl::writer
