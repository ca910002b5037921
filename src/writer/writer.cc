#include "writer/writer.h"

#include <algorithm>
#include <functional>
#include <unordered_set>
#include <utility>

#include "base/overloaded.h"
#include "base/thread_name.h"
#include "catalog/validate.h"

namespace dl::writer {

// The changes of one transaction: applied to the state with an undo log, so that a
// rejected submission, a dry run or a failed commit leaves the state as it was.
class Writer::Batch {
 public:
  Batch(catalog::Catalog& state, const catalog::RiskFormula& formula)
      : state_(state), formula_(formula) {}

  size_t Mark() const { return undo_.size(); }
  // Undoes everything applied since `mark`, newest first.
  void RollbackTo(size_t mark) {
    while (undo_.size() > mark) {
      undo_.back()();
      undo_.pop_back();
    }
  }

  // Applies one change. Checks that depend on the state just before the change (a version's
  // effective date, a status change's order) run now; the others run in ValidateDeferred,
  // against the state at the end of the submission, so that references within one
  // submission need no particular order. Returns true if the change did something.
  bool Apply(const catalog::Change& change, std::vector<Issue>& issues) {
    ValidateNow(change, issues);
    SaveUndo(change);
    return catalog::Apply(change, state_);
  }

  // Validates a change against the state after the whole submission was applied.
  void ValidateDeferred(const catalog::Change& change, std::vector<Issue>& issues) const {
    auto add = [&issues](std::vector<Issue> more) {
      issues.insert(issues.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
    };
    std::visit(
        Overloaded{
            [&](const catalog::UnitPut& x) { add(catalog::ValidateUnit(x.unit, state_)); },
            [&](const catalog::PostPut& x) { add(catalog::ValidatePost(x.post, state_)); },
            [&](const catalog::PersonPut& x) { add(catalog::ValidatePerson(x.person)); },
            [&](const catalog::AssignmentPut& x) {
              add(catalog::ValidateAssignment(x.assignment, state_));
            },
            [&](const catalog::RelationPut& x) {
              add(catalog::ValidateRelation(x.relation, state_));
            },
            [&](const catalog::PowerVersionPut& x) {
              add(catalog::ValidatePower(x.power, state_, formula_));
            },
            [&](const catalog::PowerStatusPut&) {}, [&](const catalog::SettingPut&) {},
            [&](const catalog::AccountPut& x) { add(catalog::ValidateAccount(x.account, state_)); },
            [&](const catalog::ApiKeyPut& x) { add(catalog::ValidateApiKey(x.key, state_)); }},
        change);
  }

  // The state's current record of a power version, after Apply (for the entry payload).
  int VersionOf(const std::string& code) const {
    auto it = state_.powers.find(code);
    return it == state_.powers.end() ? 0 : it->second.version;
  }

  const catalog::Catalog& state() const { return state_; }

 private:
  void ValidateNow(const catalog::Change& change, std::vector<Issue>& issues) const {
    if (const auto* v = std::get_if<catalog::PowerVersionPut>(&change)) {
      auto it = state_.powers.find(v->power.code);
      if (it != state_.powers.end() && v->power.effective_from < it->second.power.effective_from) {
        issues.push_back(Issue{
            Issue::Severity::kError,
            {"power", v->power.code, "", ""},
            "生效日期",
            "新版本的生效日期早于现行版本（" + it->second.power.effective_from.ToString() + "）"});
      }
    } else if (const auto* a = std::get_if<catalog::AccountPut>(&change);
               a && a->create && state_.accounts.contains(a->account.login)) {
      issues.push_back(Issue{Issue::Severity::kError,
                             {"account", a->account.login, "", ""},
                             "登录名",
                             "登录名“" + a->account.login + "”已被使用"});
    } else if (const auto* st = std::get_if<catalog::PowerStatusPut>(&change)) {
      auto it = state_.powers.find(st->code);
      auto more = catalog::ValidateStatusChange(
          st->code, st->change, it == state_.powers.end() ? nullptr : &it->second, state_);
      issues.insert(issues.end(), more.begin(), more.end());
    }
  }

  template <class Map>
  void SaveEntry(Map& map, const std::string& key) {
    auto it = map.find(key);
    if (it == map.end()) {
      undo_.push_back([&map, key] { map.erase(key); });
    } else {
      undo_.push_back([&map, key, old = it->second] { map[key] = old; });
    }
  }

  void SaveUndo(const catalog::Change& change) {
    std::visit(
        Overloaded{
            [&](const catalog::UnitPut& x) { SaveEntry(state_.units, x.unit.code); },
            [&](const catalog::PostPut& x) { SaveEntry(state_.posts, x.post.code); },
            [&](const catalog::PersonPut& x) { SaveEntry(state_.persons, x.person.code); },
            [&](const catalog::AssignmentPut& x) {
              SaveEntry(state_.assignments, x.assignment.Key());
            },
            [&](const catalog::RelationPut& x) { SaveEntry(state_.relations, x.relation.Key()); },
            [&](const catalog::PowerVersionPut& x) { SaveEntry(state_.powers, x.power.code); },
            [&](const catalog::PowerStatusPut& x) { SaveEntry(state_.powers, x.code); },
            [&](const catalog::SettingPut&) {},
            [&](const catalog::AccountPut& x) { SaveEntry(state_.accounts, x.account.login); },
            [&](const catalog::ApiKeyPut& x) { SaveEntry(state_.api_keys, x.key.id); }},
        change);
  }

  catalog::Catalog& state_;
  const catalog::RiskFormula& formula_;
  std::vector<std::function<void()>> undo_;
};

namespace {

// Fills in the subtree hashes of a ledger written before they were stored (one pass over the
// leaves, once).
Status BackfillSubtreeNodes(store::Store& store, uint64_t size) {
  constexpr size_t kChunk = 100000;
  ledger::CompactTree tree;
  for (uint64_t first = 1; first <= size; first += kChunk) {
    DL_ASSIGN_OR_RETURN(auto leaves, store.ReadLeafHashes(first, kChunk));
    if (leaves.empty()) break;
    std::vector<ledger::SubtreeNode> nodes;
    for (const Hash& leaf : leaves) tree.Append(leaf, &nodes);
    DL_RETURN_IF_ERROR(store.Append({}, nodes));
  }
  if (tree.size() != size) {
    return Err(ErrorCode::kCorrupt, "账本记录编号不连续；请运行 daylight verify");
  }
  return Ok();
}

}  // namespace

Result<std::unique_ptr<Writer>> Writer::Start(store::Store& store, const Clock& clock,
                                              WriterOptions options) {
  if (!options.calendar) {
    DL_ASSIGN_OR_RETURN(options.calendar, calendar::WorkCalendar::China());
  }
  DL_ASSIGN_OR_RETURN(catalog::Catalog state, store.LoadCatalog());
  DL_ASSIGN_OR_RETURN(uint64_t size, store.LedgerSize());
  DL_ASSIGN_OR_RETURN(auto latest, store.LatestCheckpoint());
  const store::StoredCheckpoint* last = latest ? &*latest : nullptr;
  if (last && last->size > size) {
    return Err(ErrorCode::kCorrupt, "账本只有 " + std::to_string(size) +
                                        " 条记录，但检查点记载了 " + std::to_string(last->size) +
                                        " 条；请运行 daylight verify");
  }
  DL_ASSIGN_OR_RETURN(bool has_nodes, store.HasSubtreeNodes());
  if (!has_nodes && size >= (uint64_t{1} << ledger::kStoredLevelStride)) {
    DL_RETURN_IF_ERROR(BackfillSubtreeNodes(store, size));
  }
  auto read = [&store](int level, uint64_t first, uint64_t count) {
    return store.ReadStoredHashes(level, first, count);
  };
  // The latest checkpoint must agree with the stored tree, or the writer would sign a
  // checkpoint that contradicts an earlier one.
  if (last) {
    auto at_checkpoint = ledger::TreeFromStored(read, last->size);
    if (!at_checkpoint || at_checkpoint->Root() != last->root) {
      return Err(ErrorCode::kCorrupt, "账本与最近的签名检查点（" + std::to_string(last->size) +
                                          " 条）不一致，拒绝继续写入；请运行 daylight verify");
    }
  }
  auto tree = ledger::TreeFromStored(read, size);
  if (!tree) {
    return Err(ErrorCode::kCorrupt,
               "无法重建默克尔树（" + tree.error().message + "）；请运行 daylight verify");
  }
  std::unique_ptr<Writer> writer(new Writer(store, clock, std::move(options), std::move(state),
                                            std::move(*tree), last ? last->size : 0));
  DL_RETURN_IF_ERROR(
      store.ForEachCaseId([&w = *writer](std::string_view id) { w.known_cases_.Add(id); }));
  DL_RETURN_IF_ERROR(RebuildCases(store, writer->Work(), clock.Now()));
  DL_RETURN_IF_ERROR(LoadBook(store, writer->book_, clock.Now()));
  DL_ASSIGN_OR_RETURN(writer->organisation_seen_, OrganisationRaised(store));
  writer->touched_.clear();
  writer->Publish();
  ScheduleAllDeadlines(writer->cases_, writer->deadlines_);
  writer->committer_ = std::thread([w = writer.get()] { w->CommitLoop(); });
  NameThread(writer->committer_, "dl-committer");
  writer->thread_ = std::thread([w = writer.get()] { w->Run(); });
  NameThread(writer->thread_, "dl-writer");
  return writer;
}

Writer::Writer(store::Store& store, const Clock& clock, WriterOptions options,
               catalog::Catalog state, ledger::CompactTree tree, uint64_t last_checkpoint)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      state_(std::move(state)),
      cases_([this](const std::string& code, Instant opened) { return PowerForCase(code, opened); },
             [this](const std::string& case_id) { return HistoryOf(case_id); }),
      windows_(options_.rules),
      book_(options_.rules.disposal, *options_.calendar),
      next_seq_(tree.size() + 1),
      tree_(tree),
      committed_tree_(std::move(tree)),
      last_checkpoint_size_(last_checkpoint),
      last_checkpoint_time_(clock.Now()),
      planned_checkpoint_size_(last_checkpoint_size_),
      planned_checkpoint_time_(last_checkpoint_time_) {}

Result<std::vector<engine::Event>> Writer::HistoryOf(const std::string& case_id) {
  if (!known_cases_.MayContain(case_id)) {
    known_cases_.Add(case_id);  // the engine now holds the case; from here on it may be recorded
    return std::vector<engine::Event>{};
  }
  return RecordedEvents(store_, case_id);
}

CaseWork Writer::Work() {
  return {cases_,   windows_, options_.rules, state_, options_.custom_rules, *options_.calendar,
          touched_, book_};
}

Result<engine::PinnedPower> Writer::PowerForCase(const std::string& code, Instant opened) {
  const Date day = ChinaDate(opened);
  auto it = state_.powers.find(code);
  if (it != state_.powers.end() && it->second.power.effective_from <= day) {
    auto& pinned = pinned_[{code, it->second.version}];
    if (!pinned) pinned = std::make_shared<const catalog::Power>(it->second.power);
    return engine::PinnedPower{it->second.version, pinned};
  }
  // An earlier version: from the store (versions are committed before cases refer to them).
  DL_ASSIGN_OR_RETURN(auto versions, store_.PowerVersions(code));
  int version = 0;
  for (const auto& v : versions) {
    if (v.effective_from <= day) version = v.version;
  }
  auto& pinned = pinned_[{code, version}];
  if (!pinned) {
    DL_ASSIGN_OR_RETURN(catalog::Power power, store_.PowerInForce(code, day));
    pinned = std::make_shared<const catalog::Power>(std::move(power));
  }
  return engine::PinnedPower{version, pinned};
}

Writer::~Writer() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (thread_.joinable()) thread_.join();  // every batch has landed
  {
    std::lock_guard lock(commit_mu_);
    commit_stop_ = true;
  }
  commit_cv_.notify_all();
  if (committer_.joinable()) committer_.join();
  CheckpointOnStop();
}

store::StoredCheckpoint Writer::SignCheckpoint(const ledger::CompactTree& tree, Instant now) const {
  const ledger::Checkpoint cp{options_.origin, tree.size(), tree.Root()};
  return {cp.size, cp.root, now, options_.signer->SignNote(cp.Body())};
}

void Writer::CheckpointOnStop() {
  if (!options_.signer || committed_tree_.size() == last_checkpoint_size_) return;
  const Instant now = clock_.Now();
  if (!store_.AppendCheckpoint(SignCheckpoint(committed_tree_, now))) return;
  last_checkpoint_size_ = committed_tree_.size();
  last_checkpoint_time_ = now;
  std::lock_guard lock(queue_mu_);
  stats_.checkpoints++;
}

std::future<Result<Receipt>> Writer::SubmitAsync(Submission submission) {
  auto pending = std::make_unique<Pending>();
  pending->submission = std::move(submission);
  // The JSON and most of the hashing of audit notes happen here, on the caller's thread.
  pending->prefixes.resize(pending->submission.commands.size());
  for (size_t i = 0; i < pending->submission.commands.size(); ++i) {
    if (auto* note = std::get_if<Audit>(&pending->submission.commands[i])) {
      pending->prefixes[i] = ledger::EntryPrefix::Of(pending->submission.actor, note->kind,
                                                     CanonicalJson(note->payload));
      note->payload = Json();  // the text is what the writer stores; the tree is freed here
    }
  }
  auto future = pending->promise.get_future();
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_ || queue_.size() >= options_.max_queue) {
      pending->promise.set_value(Err(ErrorCode::kResourceExhausted, "写入队列已满，请稍后重试"));
      return future;
    }
    queue_.push_back(std::move(pending));
  }
  queue_cv_.notify_one();
  return future;
}

Result<Receipt> Writer::Submit(Submission submission) {
  return SubmitAsync(std::move(submission)).get();
}

Result<Receipt> Writer::Tick() {
  Submission sub;
  sub.actor = kMonitorActor;
  sub.commands.emplace_back(std::in_place_type<CheckDeadlines>);
  return Submit(std::move(sub));
}

catalog::Catalog Writer::Snapshot() const {
  std::shared_lock lock(state_mu_);
  return state_;
}

std::shared_ptr<const catalog::Catalog> Writer::Published() const {
  std::lock_guard lock(published_mu_);
  return published_;
}

void Writer::Publish() {
  auto fresh = std::make_shared<const catalog::Catalog>(state_);  // writer thread: no lock
  std::lock_guard lock(published_mu_);
  published_ = std::move(fresh);
}

Writer::Stats Writer::stats() const {
  std::lock_guard lock(queue_mu_);
  Stats s = stats_;
  s.queued = queue_.size();
  return s;
}

std::optional<Instant> Writer::NextCheck(Instant now) {
  const Date today = options_.calendar->LocalDate(now);
  if (organisation_day_ != today) return std::nullopt;  // today's organisation check is due
  const Instant tomorrow = options_.calendar->StartOfDay(today.AddDays(1));
  Instant next = tomorrow;
  if (const std::optional<Instant> deadline = deadlines_.Next()) next = std::min(next, *deadline);
  if (const std::optional<Instant> due = book_.NextDue()) next = std::min(next, *due);
  if (const std::optional<Instant> lapse = book_.NextLapse()) next = std::min(next, *lapse);
  return next;
}

bool Writer::EnoughQueuedToApplyEarly() const {
  size_t n = 0;  // every command counts at least one, so this reads at most the threshold
  for (const auto& pending : queue_) {
    for (const Command& c : pending->submission.commands) {
      const auto* record = std::get_if<RecordEvents>(&c);
      n += record ? std::max<size_t>(record->events.size(), 1) : 1;
      if (n >= kEarlyApplyEvents) return true;
    }
  }
  return false;
}

std::vector<std::unique_ptr<Writer::Pending>> Writer::NextBatch(bool wait) {
  // Longest sleep while a deadline is pending, so that a clock set forward is noticed.
  constexpr auto kMaxSleep = std::chrono::seconds(30);
  std::vector<std::unique_ptr<Pending>> batch;
  bool tick = false;
  {
    std::unique_lock lock(queue_mu_);
    for (;;) {
      if (!wait) {
        // A batch is committing. Land it once it is done, with all that arrived meanwhile as
        // the next batch (group commit); but apply the submissions already there at once when
        // they hold enough work to be worth applying during the commit (bulk imports,
        // integrators' batches), rather than leave the writer idle.
        if (stopping_ || commit_done_ || EnoughQueuedToApplyEarly()) break;
        queue_cv_.wait(lock);
        continue;
      }
      if (stopping_ || !queue_.empty()) break;
      if (!options_.auto_tick) {
        queue_cv_.wait(lock);
        continue;
      }
      const Instant now = clock_.Now();
      const std::optional<Instant> wake = NextCheck(now);
      if (!wake || *wake <= now) break;
      queue_cv_.wait_for(lock, std::min<std::chrono::microseconds>(*wake - now, kMaxSleep));
    }
    if (stopping_ && queue_.empty()) {
      // Drained. One last deadline check, so that what fell due while the writer ran (e.g.
      // the cases a command just imported) is raised before it stops.
      if (final_check_done_) return batch;
      final_check_done_ = true;
    }
    while (!queue_.empty() && batch.size() < options_.max_batch_submissions) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
  }
  if (options_.auto_tick) {
    const Instant now = clock_.Now();
    const std::optional<Instant> wake = NextCheck(now);
    tick = !wake || *wake <= now;
  }
  if (tick) {
    auto pending = std::make_unique<Pending>();
    pending->submission.actor = kMonitorActor;
    pending->submission.commands.emplace_back(std::in_place_type<CheckDeadlines>);
    pending->prefixes.resize(1);
    batch.push_back(std::move(pending));
  }
  return batch;
}

// Whether a batch may be applied while the one before it commits: only case events and audit
// notes, which change neither the declared state nor read what the batch before wrote. Others
// (changes to the lists, deadline checks, handling, warnings, complaints) wait for it.
bool Writer::Pipelinable(const std::vector<std::unique_ptr<Pending>>& batch) {
  for (const auto& pending : batch) {
    for (const Command& c : pending->submission.commands) {
      if (!std::holds_alternative<RecordEvents>(c) && !std::holds_alternative<Audit>(c)) {
        return false;
      }
    }
  }
  return true;
}

void Writer::Run() {
  std::unique_ptr<Flight> flight;  // committing while the next batch is applied
  for (;;) {
    std::vector<std::unique_ptr<Pending>> batch = NextBatch(/*wait=*/!flight);
    if (batch.empty()) {
      if (!flight) return;
      if (Land(*flight, nullptr, nullptr)) Answer(*flight);
      flight.reset();
      continue;
    }
    const bool overlap = Pipelinable(batch);
    if (flight && !overlap) {
      if (Land(*flight, nullptr, nullptr)) Answer(*flight);
      flight.reset();
    }
    // A batch that may change the declared state holds readers off until it has committed.
    std::unique_lock state_lock(state_mu_, std::defer_lock);
    if (!overlap) state_lock.lock();
    std::unique_ptr<Flight> next = Prepare(std::move(batch));
    std::unique_ptr<Flight> landed = std::move(flight);
    if (landed && !Land(*landed, next.get(), nullptr)) {
      continue;  // `next` was rolled back and answered with the failure
    }
    // The committer gets its next transaction before the callers of the landed batch are
    // answered: a woken caller may take this thread's core (and, in a pipelined caller, keep
    // it for milliseconds preparing its next submission), and the committer would idle.
    Launch(*next);
    if (landed) Answer(*landed);
    landed.reset();  // its submissions and entries are freed while `next` commits
    if (overlap) {
      flight = std::move(next);
    } else if (Land(*next, nullptr, &state_lock)) {
      Answer(*next);
    }
  }
}

std::unique_ptr<Writer::Flight> Writer::Prepare(std::vector<std::unique_ptr<Pending>> batch) {
  auto f = std::make_unique<Flight>();
  f->batch = std::move(batch);
  f->changes = std::make_unique<Batch>(state_, options_.formula);
  Batch& changes = *f->changes;
  std::vector<store::Record>& records = f->records;
  const Instant now = clock_.Now();
  f->now = now;
  const uint64_t first_seq = next_seq_;
  f->seq_begin = next_seq_;
  f->tree_begin = tree_;
  f->case_begin = cases_.Mark();
  f->window_begin = windows_.Mark();
  f->book_begin = book_.Mark();
  uint64_t ticks = 0;
  touched_.clear();
  organisation_raised_.clear();
  std::optional<Date> organisation_checked;  // the day this batch checked, if any

  for (auto& pending : f->batch) {
    Submission& sub = pending->submission;
    const size_t mark = changes.Mark();
    const size_t case_mark = cases_.Mark();
    const size_t window_mark = windows_.Mark();
    const size_t book_mark = book_.Mark();
    const size_t records_before = records.size();
    const size_t raised_before = organisation_raised_.size();
    const std::optional<Date> checked_before = organisation_checked;
    std::vector<Issue> issues;
    CaseTally tally;
    size_t escalated = 0;
    auto audit = [&](Audit& note, std::optional<ledger::EntryPrefix>& prefix) {
      if (!store::IsAuditKind(note.kind) || note.subject.empty()) {
        issues.push_back(Issue{Issue::Severity::kError,
                               {"audit", note.kind, "", ""},
                               "kind",
                               "审计记录的类型必须以 audit. 开头，且须写明对象"});
        return;
      }
      ledger::Entry e;
      e.seq = first_seq + records.size();
      e.kind = std::move(note.kind);  // the submission is spent once its entries are built
      e.subject = std::move(note.subject);
      e.actor = sub.actor;
      e.time = now;
      e.payload = std::move(note.payload);
      if (!prefix) prefix = ledger::EntryPrefix::Of(e.actor, e.kind, CanonicalJson(e.payload));
      std::string text = std::move(prefix->payload_text);  // LeafHashFrom reads only the state
      e.leaf_hash = e.LeafHashFrom(std::move(*prefix));
      records.push_back({std::move(e), std::nullopt, std::move(text)});
    };
    auto record = [&](const catalog::Change& change) {
      if (!changes.Apply(change, issues)) return;
      catalog::Change stored = change;
      if (auto* v = std::get_if<catalog::PowerVersionPut>(&stored)) {
        v->version = changes.VersionOf(v->power.code);
      }
      ledger::Entry e;
      e.seq = first_seq + records.size();
      e.kind = catalog::KindOf(stored);
      e.subject = catalog::SubjectOf(stored);
      e.actor = sub.actor;
      e.time = now;
      e.payload = catalog::ChangeToJson(stored);
      std::string text = CanonicalJson(e.payload);
      e.leaf_hash = e.LeafHashWith(text);
      records.push_back({std::move(e), std::move(stored), std::move(text)});
    };
    for (size_t i = 0; i < sub.commands.size(); ++i) {
      std::visit(
          Overloaded{
              [&](const catalog::Change& change) { record(change); },
              [&](const ImportCatalog& import) {
                for (const auto& planned : catalog::PlanImport(changes.state(), import.catalog))
                  record(planned);
              },
              [&](Audit& note) { audit(note, pending->prefixes[i]); },
              [&](const RecordEvents& rec) {
                RecordCaseEvents(Work(), rec.events, rec.guided, rec.scope, sub.actor, now,
                                 first_seq, records, issues, tally);
              },
              [&](const CheckDeadlines&) {
                ++ticks;
                RecordDueDeadlines(Work(), deadlines_, sub.actor, now, first_seq, records, tally);
                RecordLapses(Work(), now, first_seq, records);
                RecordEscalations(Work(), now, first_seq, records, escalated);
                const Date day = options_.calendar->LocalDate(now);
                if (organisation_day_ != day && organisation_checked != day) {
                  RecordOrganisation(Work(), day, options_.calendar->StartOfDay(day),
                                     organisation_seen_, sub.actor, now, first_seq, records,
                                     organisation_raised_, tally);
                  organisation_checked = day;
                }
              },
              [&](const TakeStep& take) {
                RecordStep(Work(), store_, take, sub.actor, now, first_seq, records, issues);
              },
              [&](const RaiseWarning& raise) {
                RecordManualWarning(Work(), store_, raise, sub.actor, now, first_seq, records,
                                    issues);
              },
              [&](const GrantException& grant) {
                RecordGrant(Work(), grant, sub.actor, now, first_seq, records, issues);
              },
              [&](const RevokeException& revoke) {
                RecordRevoke(Work(), revoke, sub.actor, now, first_seq, records, issues);
              },
              [&](const EnterCheck& enter) {
                RecordCheck(Work(), enter, sub.actor, now, first_seq, records, issues);
              },
              [&](const RateCase& rate) {
                RecordRating(store_, rate, now, first_seq, records, issues);
              },
              [&](const FileComplaint& file) {
                RecordComplaint(Work(), store_, file, now, first_seq, records, issues);
              },
              [&](const AddToComplaint& add) {
                RecordComplaintAddition(store_, add, now, first_seq, records, issues);
              }},
          sub.commands[i]);
    }
    for (size_t i = records_before; i < records.size(); ++i) {
      if (records[i].change) changes.ValidateDeferred(*records[i].change, issues);
    }
    Receipt receipt;
    receipt.dry_run = sub.dry_run;
    receipt.cases = std::move(tally);
    receipt.escalated = escalated;
    receipt.entries = records.size() - records_before;
    for (auto& i : issues) {
      if (i.severity == Issue::Severity::kWarning) receipt.warnings.push_back(i);
    }
    if (HasErrors(issues) || sub.dry_run) {
      // A version declared by this submission is undone, and its number may come again.
      if (changes.Mark() != mark) pinned_.clear();
      changes.RollbackTo(mark);
      cases_.RollbackTo(case_mark);
      windows_.RollbackTo(window_mark);
      book_.RollbackTo(book_mark);
      records.resize(records_before);
      organisation_raised_.resize(raised_before);
      organisation_checked = checked_before;
      if (sub.dry_run && !HasErrors(issues)) {
        pending->promise.set_value(std::move(receipt));
        continue;
      }
      if (receipt.cases.denied) {  // outside the submitter's scope: said as such
        pending->promise.set_value(Err(std::move(*receipt.cases.denied)));
        continue;
      }
      size_t errors = 0;
      for (const auto& i : issues) errors += i.severity == Issue::Severity::kError;
      pending->promise.set_value(
          Err(ErrorCode::kInvalidArgument,
              "校验未通过：" + std::to_string(errors) + " 处错误，未写入任何内容",
              IssuesToJson(issues)));
      continue;
    }
    if (receipt.entries > 0) {
      receipt.first_seq = first_seq + records_before;
      receipt.last_seq = first_seq + records.size() - 1;
    }
    f->accepted.emplace_back(pending.get(), std::move(receipt));
  }

  // The Merkle tree after this batch, and the subtree hashes it completes, which are stored
  // in the same transaction as the entries. The next batch is numbered on from it.
  ledger::CompactTree tree = tree_;
  for (const auto& r : records) tree.Append(r.entry.leaf_hash, &f->nodes);
  if (options_.signer && !records.empty() &&
      (tree.size() - planned_checkpoint_size_ >= options_.checkpoint_every ||
       now - planned_checkpoint_time_ >= options_.checkpoint_interval)) {
    f->checkpoint = SignCheckpoint(tree, now);
    planned_checkpoint_size_ = tree.size();
    planned_checkpoint_time_ = now;
  }
  f->tree_end = tree;
  tree_ = std::move(tree);
  next_seq_ += records.size();
  f->case_end = cases_.Mark();
  f->window_end = windows_.Mark();
  f->book_end = book_.Mark();
  f->touched = std::move(touched_);
  touched_.clear();
  f->ticks = ticks;
  f->organisation_checked = organisation_checked;
  f->catalog_changed =
      std::any_of(records.begin(), records.end(), [](const auto& r) { return r.change; });
  return f;
}

void Writer::Launch(Flight& f) {
  std::lock_guard lock(commit_mu_);
  if (f.records.empty()) {
    CommitDone(Ok());
    return;
  }
  commit_job_ = &f;
  commit_cv_.notify_all();
}

void Writer::CommitLoop() {
  std::unique_lock lock(commit_mu_);
  for (;;) {
    commit_cv_.wait(lock, [this] { return commit_job_ != nullptr || commit_stop_; });
    if (!commit_job_) return;
    Flight* f = std::exchange(commit_job_, nullptr);
    lock.unlock();
    Status s = options_.commit_fault ? options_.commit_fault() : Ok();
    if (s) s = store_.Append(f->records, f->nodes, f->checkpoint ? &*f->checkpoint : nullptr);
    lock.lock();
    CommitDone(std::move(s));
    commit_cv_.notify_all();
  }
}

void Writer::UpdateGauges() {
  std::lock_guard lock(queue_mu_);
  stats_.pending_deadlines = deadlines_.size();
  stats_.cases_in_memory = cases_.open_cases();
  stats_.warnings_in_progress = book_.size();
}

void Writer::CommitDone(Status result) {
  commit_result_ = std::move(result);
  {
    std::lock_guard lock(queue_mu_);
    commit_done_ = true;
  }
  queue_cv_.notify_all();
}

bool Writer::Land(Flight& f, Flight* next, std::unique_lock<std::shared_mutex>* state_lock) {
  Status committed = Ok();
  {
    std::unique_lock lock(commit_mu_);
    commit_cv_.wait(lock, [this] { return commit_result_.has_value(); });
    committed = std::move(*commit_result_);
    commit_result_.reset();
    std::lock_guard queue_lock(queue_mu_);
    commit_done_ = false;
  }
  std::vector<uint64_t>& touched = f.touched;
  if (!committed) {
    // Everything since this batch began, and the batch applied after it, is undone.
    f.changes->RollbackTo(0);
    if (next) next->changes->RollbackTo(0);
    pinned_.clear();
    cases_.RollbackTo(f.case_begin);
    windows_.RollbackTo(f.window_begin);
    book_.RollbackTo(f.book_begin);
    next_seq_ = f.seq_begin;
    tree_ = f.tree_begin;
    planned_checkpoint_size_ = last_checkpoint_size_;
    planned_checkpoint_time_ = last_checkpoint_time_;
    if (next) touched.insert(touched.end(), next->touched.begin(), next->touched.end());
    // The deadlines popped by a check come back from the restored clocks.
    ScheduleDeadlines(cases_, touched, deadlines_);
    for (uint64_t serial : f.closed_before) cases_.EvictIfClosed(serial);  // none pending now
    organisation_raised_.clear();
    if (state_lock && state_lock->owns_lock()) state_lock->unlock();
    UpdateGauges();
    for (auto& [pending, _] : f.accepted) pending->promise.set_value(Err(committed.error()));
    if (next) {
      for (auto& [pending, _] : next->accepted) pending->promise.set_value(Err(committed.error()));
    }
    return false;
  }
  committed_tree_ = f.tree_end;
  if (f.checkpoint) {
    last_checkpoint_size_ = f.checkpoint->size;
    last_checkpoint_time_ = f.checkpoint->time;
  }
  if (next) {  // the next batch's changes stay undoable
    cases_.CommitTo(f.case_end);
    windows_.CommitTo(f.window_end);
    book_.CommitTo(f.book_end);
  } else {
    cases_.Commit();
    windows_.Commit();
    book_.Commit();
  }
  // Also after a rejected submission or a dry run: their cases were restored, and a deadline
  // check they held may have popped stages that must come back.
  ScheduleDeadlines(cases_, touched, deadlines_);
  // A case closed in this batch leaves memory: the ledger and the projections hold it, and a
  // later event for it loads it back (the engine's CaseHistory). A case the next batch has
  // touched waits for that batch to land (it may have changed it, and the store does not hold
  // those changes yet); only those are handed on, so a chain of batches that never pauses
  // carries no more than one batch's cases from one landing to the next.
  if (next) {
    const std::unordered_set<uint64_t> pending(next->touched.begin(), next->touched.end());
    const auto settle = [&](uint64_t serial) {
      const engine::OpenCase* c = cases_.FindSerial(serial);
      if (!c || !c->closed) return;
      if (pending.contains(serial)) {
        next->closed_before.push_back(serial);
      } else {
        cases_.EvictIfClosed(serial);
      }
    };
    for (uint64_t serial : touched) settle(serial);
    for (uint64_t serial : f.closed_before) settle(serial);
  } else {
    for (uint64_t serial : touched) cases_.EvictIfClosed(serial);
    for (uint64_t serial : f.closed_before) cases_.EvictIfClosed(serial);
  }
  for (auto& key : organisation_raised_) organisation_seen_.insert(std::move(key));
  organisation_raised_.clear();
  if (f.organisation_checked) organisation_day_ = f.organisation_checked;
  // A change to the lists or the organisation is judged at once, not the next day.
  if (f.catalog_changed) organisation_day_.reset();
  if (state_lock && state_lock->owns_lock()) state_lock->unlock();
  // Readers see the new declared state before any caller of this batch is answered.
  if (f.catalog_changed) Publish();
  UpdateGauges();
  {
    std::lock_guard lock(queue_mu_);
    stats_.ticks += f.ticks;
    stats_.transactions += f.records.empty() ? 0 : 1;
    stats_.submissions += f.batch.size();
    stats_.entries += f.records.size();
    stats_.checkpoints += f.checkpoint ? 1 : 0;
  }
  return true;
}

void Writer::Answer(Flight& f) {
  for (auto& [pending, receipt] : f.accepted) pending->promise.set_value(std::move(receipt));
}

}  // namespace dl::writer
