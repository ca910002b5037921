// The SQLite implementation of Store: WAL, synchronous=FULL, one write connection used by
// the writer thread, a pool of read connections, and a checkpointer thread.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "base/overloaded.h"
#include "base/thread_name.h"
#include "catalog/catalog_json.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace dl::store {
namespace {

using catalog::Change;

// The kind of case event entries (writer/case_recorder.h); the store projects them from the
// payload alone.
constexpr std::string_view kCaseEventKind = "case.event";
constexpr std::string_view kWarningKind = "warning.raise";

// The cases row of a stored case.event entry, from its payload (when the projections are
// rebuilt from the ledger; the writer hands the row over itself).
Result<CaseEventRow> CaseEventRowOf(const ledger::Entry& e) {
  const Json& p = e.payload;
  if (!p.is_object() || !p.contains("event") || !p.contains("case")) {
    return Err(ErrorCode::kCorrupt, "第 " + std::to_string(e.seq) + " 条办件事件缺少内容");
  }
  const Json& ev = p["event"];
  const Json& c = p["case"];
  CaseEventRow row;
  row.case_id = ev.value("case", "");
  row.power = c.value("power", "");
  row.version = c.value("version", int64_t{0});
  row.unit = c.value("unit", "");
  row.occurred = ev.value("occurred", "");
  row.closes = ev.value("type", "") == "closed";
  row.deviations = static_cast<int64_t>(p.value("deviations", Json::array()).size());
  row.tracking = ev.value("tracking_check", "");
  return row;
}

// The case events of one transaction folded per case, so that the cases projection changes
// once per case and transaction instead of once per event: the same row as event by event
// (the first event's row inserts it; counts add up; the last closing and the last tracking
// check win). Rows are inserted in the order of the cases' first events, as event by event.
struct CaseRows {
  struct Change {
    CaseEventRow first;  // the case's first event in the transaction
    int64_t events = 0, deviations = 0, first_seq = 0, last_seq = 0;
    std::optional<std::string> closed;
    std::string tracking;
  };
  std::vector<Change> changes;                    // in the order of the cases' first events
  std::unordered_map<std::string, size_t> index;  // case id → its change

  void Add(const CaseEventRow& row, int64_t seq) {
    auto [it, fresh] = index.try_emplace(row.case_id, changes.size());
    if (fresh) changes.push_back({.first = row, .first_seq = seq});
    Change& c = changes[it->second];
    ++c.events;
    c.deviations += row.deviations;
    c.last_seq = seq;
    if (row.closes) c.closed = row.occurred;
    if (!row.tracking.empty()) c.tracking = row.tracking;
  }
};

// Read connections of a store: the writer thread's reads and the server's, which rarely
// number more than a handful at a time.
constexpr size_t kStoreReaders = 8;

// A WAL left larger than this by a big transaction is cut back to it when it restarts.
constexpr int64_t kWalSizeLimit = 64 << 20;

// Copies the WAL back into the database file on its own connection and thread, so that
// commits do not stop for SQLite's automatic checkpoint (which the writer connection turns
// off), and lets the WAL start again from its beginning.
//
// A checkpoint that only ever runs beside a busy writer (PASSIVE) never catches up with it:
// the WAL is never wholly copied back, so it never restarts and grows without bound under
// sustained load (100 MB in a 200 000-entry benchmark run) — every commit then writes and
// syncs a new stretch of file, and every page read searches more of the WAL's index. So each
// turn first copies back what is there (PASSIVE, beside the writer), again and again while
// the writer adds frames, until what it added during the last round is small; then it holds
// the writer off (`Gate`, which Append takes around its transaction) for that short remainder
// (FULL), so that the writer's next transaction restarts the WAL. The rounds matter: the
// writer adds a quarter of a round's frames while the round copies and syncs them, and a FULL
// step over that tail held the writer off for 16–28 ms a turn (8 % of its time); over a tail
// of at most kTailFrames it is a few milliseconds. A turn that finds the WAL already copied
// back and not grown since (no transaction has restarted it yet) does nothing. The FULL step
// never waits for a reader: with a reader on an older snapshot it gives up until the next
// turn (busy timeout 0), so a long read never stalls the writer. A turn starts every 200 ms,
// or sooner when a commit leaves the WAL with SqliteOptions::checkpoint_frames frames (the
// writer connection's WAL hook), which bounds the WAL under any write rate.
class Checkpointer {
 public:
  Checkpointer(Database db, sqlite3* writer, int wake_frames)
      : db_(std::move(db)), writer_(writer), wake_frames_(wake_frames), thread_([this] { Run(); }) {
    NameThread(thread_, "dl-walcheckpt");
    sqlite3_wal_hook(writer_, &Checkpointer::OnCommit, this);
  }
  ~Checkpointer() {
    sqlite3_wal_hook(writer_, nullptr, nullptr);
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  // Held by the writer connection's transactions.
  std::unique_lock<std::mutex> Gate() { return std::unique_lock(gate_); }

 private:
  static int OnCommit(void* arg, sqlite3*, const char*, int frames) {
    auto* self = static_cast<Checkpointer*>(arg);
    if (frames >= self->wake_frames_) self->Wake();
    return SQLITE_OK;
  }

  void Wake() {
    {
      std::lock_guard lock(mu_);
      woken_ = true;
    }
    cv_.notify_one();
  }

  void Run() {
    sqlite3_busy_timeout(db_.handle(), 0);
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_ || woken_; });
      if (stop_) return;
      woken_ = false;
      lock.unlock();
      Turn();
      lock.lock();
    }
  }

  // Failures (a reader on an old snapshot, another process writing) are retried next turn.
  void Turn() {
    int before = 0;  // frames copied back as the previous round ended (0: none this turn)
    for (int round = 0; round < kMaxRounds; ++round) {
      int log = 0, copied = 0;
      if (sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log,
                                    &copied) != SQLITE_OK ||
          log <= 0 || copied < log) {
        // Nothing in the WAL; or this connection has not read the database yet and so does
        // not know that it is in WAL mode (log -1): a first read opens the WAL for the next
        // turn; or a reader holds an older snapshot, which a FULL step would not pass either.
        if (log < 0) (void)db_.Exec("PRAGMA schema_version");
        return;
      }
      // The WAL as the last FULL step left it: copied back, no transaction since.
      if (round == 0 && log == settled_) return;
      // A WAL that restarted since the previous round (fewer frames) is all new.
      const int fresh = copied >= before ? copied - before : copied;
      before = copied;
      if (fresh <= kTailFrames) break;  // copied quickly, so little was added meanwhile
    }
    auto gate = Gate();
    int log = 0, copied = 0;
    if (sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_FULL, &log, &copied) ==
            SQLITE_OK &&
        copied == log) {
      settled_ = log;
    }
  }

  // A turn copies back beside the writer for at most this many rounds, then holds it off
  // for the rest; it does so sooner once a round has copied no more than kTailFrames (a
  // round is short in proportion, so the writer added little during it).
  static constexpr int kMaxRounds = 6;
  static constexpr int kTailFrames = 128;

  Database db_;
  sqlite3* writer_;
  const int wake_frames_;
  std::mutex gate_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, woken_ = false;
  int settled_ = -1;  // the WAL's frames after the last complete FULL step (checkpointer only)
  std::thread thread_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(Database writer, std::unique_ptr<ReaderPool> readers,
              std::unique_ptr<Checkpointer> checkpointer)
      : w_(std::move(writer)),
        readers_(std::move(readers)),
        checkpointer_(std::move(checkpointer)) {}

  Status Append(const std::vector<Record>& records, const std::vector<ledger::SubtreeNode>& nodes,
                const StoredCheckpoint* checkpoint) override {
    auto gate = checkpointer_->Gate();
    DL_RETURN_IF_ERROR(w_.Exec("BEGIN IMMEDIATE"));
    Status s = AppendInTransaction(records);
    if (s) s = AppendNodes(nodes);
    if (s && checkpoint) s = InsertCheckpoint(*checkpoint);
    if (!s) {
      (void)w_.Exec("ROLLBACK");
      return s;
    }
    if (auto c = w_.Exec("COMMIT"); !c) {
      (void)w_.Exec("ROLLBACK");
      return c;
    }
    return Ok();
  }

  Result<uint64_t> LedgerSize() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared("SELECT COALESCE(MAX(seq), 0) FROM ledger");
    DL_ASSIGN_OR_RETURN(bool row, st->Step());
    return row ? static_cast<uint64_t>(st->Int(0)) : 0;
  }

  Result<std::vector<ledger::Entry>> ReadEntries(uint64_t first, size_t limit) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(),
                 "SELECT seq, kind, subject, actor, time, payload, leaf_hash FROM ledger "
                 "WHERE seq >= ?1 ORDER BY seq LIMIT ?2");
    st.Bind(1, static_cast<int64_t>(first)).Bind(2, static_cast<int64_t>(limit));
    return EntryRows(st);
  }

  Result<LedgerRows> ReadLedgerRows(uint64_t first, size_t limit) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared(
        "SELECT seq, kind, subject, actor, time, payload, leaf_hash FROM ledger "
        "WHERE seq >= ?1 ORDER BY seq LIMIT ?2");
    st->Bind(1, static_cast<int64_t>(first)).Bind(2, static_cast<int64_t>(limit));
    LedgerRows out;
    out.rows.reserve(std::min<size_t>(limit, 10000));
    out.bytes.reserve(out.rows.capacity() * 448);  // a case event's row is ~430 bytes
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      LedgerRows::Row& r = out.rows.emplace_back();
      r.seq = static_cast<uint64_t>(st->Int(0));
      for (int c = 0; c < LedgerRows::kColumns; ++c) {
        r.begin[c] = out.bytes.size();
        out.bytes += st->Bytes(c + 1);
      }
      r.begin[LedgerRows::kColumns] = out.bytes.size();
    }
    return out;
  }

  Result<std::vector<std::string>> CasesToLoad(const std::string& opened_since) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(),
                 "SELECT case_id FROM cases WHERE closed IS NULL UNION "
                 "SELECT case_id FROM cases WHERE opened >= ?1");
    st.Bind(1, opened_since);
    std::vector<std::string> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back(st.Text(0));
    }
    return out;
  }

  Status ForEachCaseId(const std::function<void(std::string_view)>& each) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), "SELECT case_id FROM cases");
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Ok();
      each(st.Bytes(0));
    }
  }

  Result<std::vector<WarningRow>> ActiveWarnings() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), std::string("SELECT ") + kWarningColumns +
                                           " FROM warnings WHERE status <> '办结' ORDER BY seq");
    return WarningRows(st);
  }

  Result<std::optional<WarningRow>> WarningBySeq(uint64_t seq) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(),
                 std::string("SELECT ") + kWarningColumns + " FROM warnings WHERE seq = ?1");
    st.Bind(1, static_cast<int64_t>(seq));
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<WarningRow>();
    return std::optional<WarningRow>(WarningFromRow(st));
  }

  Result<std::vector<WarningRow>> YellowsSince(const std::string& raised_from) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(),
                 std::string("SELECT ") + kWarningColumns +
                     " FROM warnings WHERE base_level = '黄牌' AND raised >= ?1");
    st.Bind(1, raised_from);
    return WarningRows(st);
  }

  Result<bool> CaseRecorded(const std::string& case_id) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), "SELECT 1 FROM cases WHERE case_id = ?1");
    st.Bind(1, case_id);
    return st.Step();
  }

  Result<std::optional<TrackedCase>> CaseForTracking(const std::string& case_id) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    return ReadTrackedCase(reader.db(), case_id);
  }
  Result<std::optional<RatingRow>> RatingOf(const std::string& case_id) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    return ReadRating(reader.db(), case_id);
  }
  Result<std::optional<ComplaintRow>> ComplaintByCode(const std::string& code_hash) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    return ReadComplaint(reader.db(), "code_hash", code_hash);
  }
  Result<std::optional<ComplaintRow>> ComplaintById(uint64_t seq) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    return ReadComplaint(reader.db(), "seq", std::to_string(seq));
  }
  Result<std::optional<ComplaintRow>> ComplaintOfWarning(uint64_t warning) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    return ReadComplaint(reader.db(), "warning", std::to_string(warning));
  }

  Result<std::optional<std::string>> AttachmentData(const std::string& sha256) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), "SELECT data FROM attachments WHERE sha256 = ?1");
    st.Bind(1, sha256);
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(st.Blob(0));
  }

  Result<std::vector<ExceptionRow>> ActiveExceptions() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), std::string("SELECT ") + kExceptionColumns +
                                           " FROM exceptions WHERE status = '有效' ORDER BY seq");
    std::vector<ExceptionRow> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back(ExceptionFromRow(st));
    }
    return out;
  }

  static Result<std::vector<WarningRow>> WarningRows(Statement& st) {
    std::vector<WarningRow> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back(WarningFromRow(st));
    }
    return out;
  }

  Result<std::vector<WarningRow>> Warnings(const WarningFilter& f) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(),
                 std::string("SELECT ") + kWarningColumns +
                     " FROM warnings "
                     "WHERE (?1 = '' OR unit = ?1) AND (?2 = '' OR supervisor = ?2) "
                     "AND (?3 = '' OR level = ?3) AND (?4 = '' OR case_id = ?4) "
                     "ORDER BY raised DESC, seq DESC LIMIT ?5");
    st.Bind(1, f.unit).Bind(2, f.supervisor).Bind(3, f.level).Bind(4, f.case_id);
    st.Bind(5, static_cast<int64_t>(f.limit));
    return WarningRows(st);
  }

  Result<catalog::Catalog> LoadCatalog() override;

  Result<std::vector<Hash>> ReadLeafHashes(uint64_t first, size_t limit) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st =
        reader->Prepared("SELECT seq, leaf_hash FROM ledger WHERE seq >= ?1 ORDER BY seq LIMIT ?2");
    st->Bind(1, static_cast<int64_t>(first)).Bind(2, static_cast<int64_t>(limit));
    std::vector<Hash> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      std::string h = st->Blob(1);
      if (h.size() != 32 || st->Int(0) != static_cast<int64_t>(first + out.size())) {
        return Err(ErrorCode::kCorrupt,
                   "账本第 " + std::to_string(first + out.size()) + " 条记录缺失或损坏");
      }
      Hash hash;
      std::copy(h.begin(), h.end(), hash.begin());
      out.push_back(hash);
    }
    return out;
  }

  Result<std::vector<Hash>> ReadStoredHashes(int level, uint64_t first, uint64_t count) override {
    if (level == 0) {
      DL_ASSIGN_OR_RETURN(auto leaves, ReadLeafHashes(first + 1, count));
      if (leaves.size() != count) return Missing(0, first + leaves.size());
      return leaves;
    }
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared(
        "SELECT idx, hash FROM merkle_nodes WHERE level = ?1 AND idx >= ?2 ORDER BY idx LIMIT ?3");
    st->Bind(1, int64_t{level}).Bind(2, static_cast<int64_t>(first));
    st->Bind(3, static_cast<int64_t>(count));
    std::vector<Hash> out;
    out.reserve(count);
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      std::string h = st->Blob(1);
      if (h.size() != 32 || st->Int(0) != static_cast<int64_t>(first + out.size())) break;
      Hash hash;
      std::copy(h.begin(), h.end(), hash.begin());
      out.push_back(hash);
    }
    if (out.size() != count) return Missing(level, first + out.size());
    return out;
  }

  Result<bool> HasSubtreeNodes() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared("SELECT EXISTS (SELECT 1 FROM merkle_nodes)");
    DL_ASSIGN_OR_RETURN(bool row, st->Step());
    return row && st->Int(0) != 0;
  }

  Result<uint64_t> SubtreeNodeCount() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), "SELECT COUNT(*) FROM merkle_nodes");
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? static_cast<uint64_t>(st.Int(0)) : 0;
  }

  Result<std::vector<ledger::Entry>> ReadEntriesBySubject(const std::string& subject) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared(
        "SELECT seq, kind, subject, actor, time, payload, leaf_hash FROM ledger "
        "WHERE subject = ?1 ORDER BY seq");
    st->Bind(1, subject);
    return EntryRows(*st);
  }

  Result<std::vector<ledger::Entry>> WarningEntries(const std::vector<std::string>& rules,
                                                    bool open_cases_only) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    std::vector<ledger::Entry> out;
    for (const std::string& rule : rules) {
      auto st = reader->Prepared(
          open_cases_only
              ? "SELECT l.seq, l.kind, l.subject, l.actor, l.time, l.payload, l.leaf_hash "
                "FROM warnings w JOIN ledger l ON l.seq = w.seq "
                "WHERE w.rule = ?1 AND w.case_id IN (SELECT case_id FROM cases "
                "WHERE closed IS NULL) ORDER BY w.seq"
              : "SELECT l.seq, l.kind, l.subject, l.actor, l.time, l.payload, l.leaf_hash "
                "FROM warnings w JOIN ledger l ON l.seq = w.seq WHERE w.rule = ?1 "
                "ORDER BY w.seq");
      st->Bind(1, rule);
      DL_ASSIGN_OR_RETURN(auto entries, EntryRows(*st));
      std::move(entries.begin(), entries.end(), std::back_inserter(out));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    return out;
  }

  Result<std::vector<ledger::Entry>> CoverEntries() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared(
        "SELECT l.seq, l.kind, l.subject, l.actor, l.time, l.payload, l.leaf_hash "
        "FROM exceptions e JOIN ledger l ON l.subject = 'exception:' || e.seq "
        "WHERE l.kind = 'exception.cover' ORDER BY l.seq");
    return EntryRows(*st);
  }

  Status AppendCheckpoint(const StoredCheckpoint& c) override { return InsertCheckpoint(c); }

  Result<std::vector<StoredCheckpoint>> Checkpoints() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(),
                 "SELECT size, root, time, note FROM checkpoints ORDER BY size");
    std::vector<StoredCheckpoint> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      DL_ASSIGN_OR_RETURN(StoredCheckpoint c, CheckpointRow(st));
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::optional<StoredCheckpoint>> LatestCheckpoint() override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared(
        "SELECT size, root, time, note FROM checkpoints ORDER BY size DESC LIMIT 1");
    DL_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return std::optional<StoredCheckpoint>();
    DL_ASSIGN_OR_RETURN(StoredCheckpoint c, CheckpointRow(*st));
    return std::optional<StoredCheckpoint>(std::move(c));
  }

  Result<std::optional<StoredCheckpoint>> CheckpointAt(uint64_t size) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared("SELECT size, root, time, note FROM checkpoints WHERE size = ?1");
    st->Bind(1, static_cast<int64_t>(size));
    DL_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return std::optional<StoredCheckpoint>();
    DL_ASSIGN_OR_RETURN(StoredCheckpoint c, CheckpointRow(*st));
    return std::optional<StoredCheckpoint>(std::move(c));
  }

  Result<std::map<std::string, std::vector<std::string>>> ProjectionRows() override {
    // Every projection table (the ledger itself is checked entry by entry).
    static const char* kTables[] = {"meta",     "units",          "posts",
                                    "persons",  "assignments",    "relations",
                                    "powers",   "power_versions", "power_status",
                                    "risks",    "cases",          "warnings",
                                    "accounts", "api_keys",       "warning_steps",
                                    "duties",   "exceptions",     "checks",
                                    "ratings",  "complaints",     "complaint_additions"};
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    std::map<std::string, std::vector<std::string>> out;
    for (const char* table : kTables) {
      Statement st(reader.db().handle(), std::string("SELECT * FROM ") + table);
      auto& rows = out[table];
      for (;;) {
        DL_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        Json cols = Json::array();
        for (int c = 0; c < st.ColumnCount(); ++c) cols.push_back(st.ColumnJson(c));
        rows.push_back(CanonicalJson(cols));
      }
      std::sort(rows.begin(), rows.end());
    }
    return out;
  }
  Result<std::vector<PowerVersionInfo>> PowerVersions(const std::string& code) override;
  Result<catalog::Power> PowerInForce(const std::string& code, Date day) override;

  Result<std::string> GetSetting(const std::string& key) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader.db().handle(), "SELECT value FROM meta WHERE key = ?1");
    st.Bind(1, key);
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? st.Text(0) : std::string();
  }

  Status PutSetting(const std::string& key, const std::string& value) {
    Statement st(w_.handle(),
                 "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    return st.Bind(1, key).Bind(2, value).Run();
  }

  Status Migrate() {
    Statement v(w_.handle(), "PRAGMA user_version");
    DL_ASSIGN_OR_RETURN(bool row, v.Step());
    int64_t current = row ? v.Int(0) : 0;
    const auto& migrations = SqliteMigrations();
    if (current > static_cast<int64_t>(migrations.size())) {
      return Err(ErrorCode::kConflict,
                 "数据库结构版本 " + std::to_string(current) + " 比本程序新，请升级 daylight");
    }
    for (auto i = static_cast<size_t>(current); i < migrations.size(); ++i) {
      DL_RETURN_IF_ERROR(w_.Exec("BEGIN IMMEDIATE"));
      Status s = w_.Exec(migrations[i]);
      if (s) s = w_.Exec("PRAGMA user_version = " + std::to_string(i + 1));
      if (!s) {
        (void)w_.Exec("ROLLBACK");
        return s;
      }
      DL_RETURN_IF_ERROR(w_.Exec("COMMIT"));
    }
    return Ok();
  }

 private:
  // Decodes a row of (size, root, time, note).
  static Result<StoredCheckpoint> CheckpointRow(Statement& st) {
    StoredCheckpoint c;
    c.size = static_cast<uint64_t>(st.Int(0));
    std::string root = st.Blob(1);
    auto t = ParseInstant(st.Text(2));
    if (root.size() != 32 || !t) {
      return Err(ErrorCode::kCorrupt, "检查点 " + std::to_string(c.size) + " 已损坏");
    }
    std::copy(root.begin(), root.end(), c.root.begin());
    c.time = *t;
    c.note = st.Text(3);
    return c;
  }

  // Reads and decodes rows of (seq, kind, subject, actor, time, payload, leaf_hash).
  static Result<std::vector<ledger::Entry>> EntryRows(Statement& st) {
    std::vector<ledger::Entry> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      ledger::Entry e;
      e.seq = static_cast<uint64_t>(st.Int(0));
      e.kind = st.Text(1);
      e.subject = st.Text(2);
      e.actor = st.Text(3);
      auto t = ParseInstant(st.Text(4));
      auto payload = ParseJson(st.Text(5), nullptr);
      const std::string_view hash = st.Bytes(6);
      if (!t || !payload || hash.size() != 32) return Damaged(e.seq);
      e.time = *t;
      e.payload = std::move(*payload);
      std::copy(hash.begin(), hash.end(), e.leaf_hash.begin());
      out.push_back(std::move(e));
    }
    return out;
  }

  static tl::unexpected<Error> Damaged(uint64_t seq) {
    return Err(ErrorCode::kCorrupt, "账本第 " + std::to_string(seq) + " 条记录已损坏");
  }

  static tl::unexpected<Error> Missing(int level, uint64_t index) {
    return Err(ErrorCode::kNotFound, level == 0
                                         ? "账本第 " + std::to_string(index + 1) + " 条记录缺失"
                                         : "默克尔树第 " + std::to_string(level) + " 层第 " +
                                               std::to_string(index) + " 个子树哈希缺失");
  }

  Status InsertCheckpoint(const StoredCheckpoint& c) {
    auto st =
        w_.Prepared("INSERT INTO checkpoints(size, root, time, note) VALUES (?1, ?2, ?3, ?4)");
    st->Bind(1, static_cast<int64_t>(c.size)).BindBlob(2, c.root.data(), c.root.size());
    return st->Bind(3, FormatInstant(c.time)).Bind(4, c.note).Run();
  }

  Status AppendNodes(const std::vector<ledger::SubtreeNode>& nodes) {
    if (nodes.empty()) return Ok();
    auto ins = w_.Prepared("INSERT INTO merkle_nodes(level, idx, hash) VALUES (?1, ?2, ?3)");
    for (const auto& n : nodes) {
      ins->Bind(1, int64_t{n.level}).Bind(2, static_cast<int64_t>(n.index));
      ins->BindBlobView(3, n.hash.data(), n.hash.size());
      DL_RETURN_IF_ERROR(ins->Run());
    }
    return Ok();
  }

  Status AppendInTransaction(const std::vector<Record>& records) {
    auto ins = w_.Prepared(
        "INSERT INTO ledger(seq, kind, subject, actor, time, payload, leaf_hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::string time_text;
    Instant time_of_text{};
    CaseRows case_rows;  // the batch's case events, one row change per case
    for (const Record& r : records) {
      const ledger::Entry& e = r.entry;
      if (time_text.empty() || e.time != time_of_text) {  // a batch shares one time
        time_text = FormatInstant(e.time);
        time_of_text = e.time;
      }
      // Bound without copies: the record, `time_text` and `payload` outlive the Run.
      ins->Bind(1, static_cast<int64_t>(e.seq)).BindView(2, e.kind).BindView(3, e.subject);
      ins->BindView(4, e.actor).BindView(5, time_text);
      std::string payload;
      if (r.payload_text.empty()) payload = CanonicalJson(e.payload);
      ins->BindView(6, r.payload_text.empty() ? std::string_view(payload) : r.payload_text);
      ins->BindBlobView(7, e.leaf_hash.data(), e.leaf_hash.size());
      DL_RETURN_IF_ERROR(ins->Run());
      if (r.change) {
        DL_RETURN_IF_ERROR(Project(*r.change, static_cast<int64_t>(e.seq)));
      } else if (r.case_row) {
        case_rows.Add(*r.case_row, static_cast<int64_t>(e.seq));
      } else if (e.kind == kCaseEventKind) {
        DL_ASSIGN_OR_RETURN(CaseEventRow row, CaseEventRowOf(e));
        case_rows.Add(row, static_cast<int64_t>(e.seq));
      } else if (e.kind == kWarningKind) {
        DL_RETURN_IF_ERROR(ProjectWarningRaise(w_, e));
      } else if (e.kind == kWarningStepKind) {
        DL_RETURN_IF_ERROR(ProjectWarningStep(w_, e));
      } else if (e.kind == kExceptionGrantKind) {
        DL_RETURN_IF_ERROR(ProjectExceptionGrant(w_, e));
      } else if (e.kind == kExceptionCoverKind) {
        DL_RETURN_IF_ERROR(ProjectExceptionCover(w_, e));
      } else if (e.kind == kExceptionEndKind) {
        DL_RETURN_IF_ERROR(ProjectExceptionEnd(w_, e));
      } else if (e.kind == kCheckKind) {
        DL_RETURN_IF_ERROR(ProjectCheck(w_, e));
      } else if (e.kind == kRatingKind) {
        DL_RETURN_IF_ERROR(ProjectRating(w_, e));
      } else if (e.kind == kComplaintKind) {
        DL_RETURN_IF_ERROR(ProjectComplaint(w_, e));
      } else if (e.kind == kComplaintAddKind) {
        DL_RETURN_IF_ERROR(ProjectComplaintAddition(w_, e));
      }
      DL_RETURN_IF_ERROR(StoreBlobs(w_, r.blobs));
    }
    for (const auto& change : case_rows.changes) DL_RETURN_IF_ERROR(ProjectCaseRow(change));
    return Ok();
  }

  // The case row counts events and deviations, keeps the first and last entry, and the time
  // of closing. One statement either inserts the row or, when the case has one, updates it
  // (the closing time and its index only on closing): a new case costs one search of the
  // case_id index, not a failed UPDATE's search and then the INSERT's.
  Status ProjectCaseRow(const CaseRows::Change& change) {
    const CaseEventRow& row = change.first;
    static const std::string kUpsert =
        "INSERT INTO cases(case_id, power, version, unit, opened, closed, events, deviations, "
        "first_seq, last_seq, tracking) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
        "ON CONFLICT(case_id) DO UPDATE SET events = events + excluded.events, "
        "deviations = deviations + excluded.deviations, last_seq = excluded.last_seq, "
        "tracking = CASE excluded.tracking WHEN '' THEN tracking ELSE excluded.tracking END";
    static const std::string kUpsertClosing = kUpsert + ", closed = excluded.closed";
    auto up = w_.Prepared(change.closed ? kUpsertClosing : kUpsert);
    up->BindView(1, row.case_id).BindView(2, row.power).Bind(3, row.version);
    up->BindView(4, row.unit).BindView(5, row.occurred);
    if (change.closed) {
      up->BindView(6, *change.closed);
    } else {
      up->BindNull(6);
    }
    up->Bind(7, change.events).Bind(8, change.deviations).Bind(9, change.first_seq);
    up->Bind(10, change.last_seq).BindView(11, change.tracking);
    return up->Run();
  }

  Status Project(const Change& change, int64_t seq) {
    return std::visit(
        Overloaded{
            [&](const catalog::UnitPut& x) { return PutUnit(x.unit, seq); },
            [&](const catalog::PostPut& x) { return PutPost(x.post, seq); },
            [&](const catalog::PersonPut& x) { return PutPerson(x.person, seq); },
            [&](const catalog::AssignmentPut& x) { return PutAssignment(x.assignment, seq); },
            [&](const catalog::RelationPut& x) { return PutRelation(x.relation, seq); },
            [&](const catalog::PowerVersionPut& x) { return PutPowerVersion(x, seq); },
            [&](const catalog::PowerStatusPut& x) { return PutPowerStatus(x, seq); },
            [&](const catalog::SettingPut& x) { return PutSetting(x.key, x.value); },
            [&](const catalog::AccountPut& x) { return PutAccount(x.account, seq); },
            [&](const catalog::ApiKeyPut& x) { return PutApiKey(x.key, seq); }},
        change);
  }

  Status PutUnit(const org::Unit& u, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO units(code, name, parent, level, kind, supervisor, seq) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE SET "
                 "name = excluded.name, parent = excluded.parent, level = excluded.level, "
                 "kind = excluded.kind, supervisor = excluded.supervisor, seq = excluded.seq");
    st.Bind(1, u.code).Bind(2, u.name).Bind(3, u.parent).Bind(4, org::kUnitLevels.Label(u.level));
    st.Bind(5, org::kUnitKinds.Label(u.kind)).Bind(6, u.supervisor).Bind(7, seq);
    return st.Run();
  }
  Status PutPost(const org::Post& p, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO posts(code, unit, name, leadership, head, seq) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET "
                 "unit = excluded.unit, name = excluded.name, leadership = excluded.leadership, "
                 "head = excluded.head, seq = excluded.seq");
    st.Bind(1, p.code).Bind(2, p.unit).Bind(3, p.name).Bind(4, int64_t{p.leadership});
    st.Bind(5, int64_t{p.head}).Bind(6, seq);
    return st.Run();
  }
  Status PutPerson(const org::Person& p, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO persons(code, name, seq) VALUES (?1, ?2, ?3) ON CONFLICT(code) "
                 "DO UPDATE SET name = excluded.name, seq = excluded.seq");
    return st.Bind(1, p.code).Bind(2, p.name).Bind(3, seq).Run();
  }
  Status PutAssignment(const org::Assignment& a, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO assignments(person, post, date_from, date_to, seq) "
                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(person, post, date_from) DO UPDATE SET "
                 "date_to = excluded.date_to, seq = excluded.seq");
    st.Bind(1, a.person).Bind(2, a.post).Bind(3, a.from.ToString());
    if (a.to) {
      st.Bind(4, a.to->ToString());
    } else {
      st.BindNull(4);
    }
    return st.Bind(5, seq).Run();
  }
  Status PutRelation(const org::Relation& r, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO relations(person, counterparty, kind, note, seq) "
                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(person, counterparty, kind) DO UPDATE "
                 "SET note = excluded.note, seq = excluded.seq");
    st.Bind(1, r.person).Bind(2, r.counterparty).Bind(3, org::kRelationKinds.Label(r.kind));
    return st.Bind(4, r.note).Bind(5, seq).Run();
  }
  Status PutAccount(const access::Account& a, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO accounts(login, body, seq) VALUES (?1, ?2, ?3) ON CONFLICT(login) "
                 "DO UPDATE SET body = excluded.body, seq = excluded.seq");
    return st.Bind(1, a.login).Bind(2, CanonicalJson(access::ToJson(a))).Bind(3, seq).Run();
  }
  Status PutApiKey(const access::ApiKey& k, int64_t seq) {
    Statement st(w_.handle(),
                 "INSERT INTO api_keys(id, key_hash, body, seq) VALUES (?1, ?2, ?3, ?4) "
                 "ON CONFLICT(id) DO UPDATE SET key_hash = excluded.key_hash, "
                 "body = excluded.body, seq = excluded.seq");
    st.Bind(1, k.id).Bind(2, k.key_hash).Bind(3, CanonicalJson(access::ToJson(k)));
    return st.Bind(4, seq).Run();
  }
  Status PutPowerVersion(const catalog::PowerVersionPut& x, int64_t seq);
  Status PutPowerStatus(const catalog::PowerStatusPut& x, int64_t seq);
  Result<int64_t> PowerId(Database& db, const std::string& code);

  Database w_;
  // Reads, each on a connection of its own: the writer's (recorded events, stored hashes)
  // never wait behind the server's (a case's entries, proofs, evidence), nor those behind
  // each other's.
  std::unique_ptr<ReaderPool> readers_;
  std::unique_ptr<Checkpointer> checkpointer_;  // stopped before the connections close
};

Result<int64_t> SqliteStore::PowerId(Database& db, const std::string& code) {
  Statement st(db.handle(), "SELECT id FROM powers WHERE code = ?1");
  st.Bind(1, code);
  DL_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Err(ErrorCode::kNotFound, "权力“" + code + "”不存在");
  return st.Int(0);
}

Status SqliteStore::PutPowerVersion(const catalog::PowerVersionPut& x, int64_t seq) {
  const catalog::Power& p = x.power;
  Statement up(
      w_.handle(),
      "INSERT INTO powers(code, name, category, scope, unit, disclosure, status, version, "
      "effective_from, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '在用', ?7, ?8, ?9) "
      "ON CONFLICT(code) DO UPDATE SET name = excluded.name, category = excluded.category, "
      "scope = excluded.scope, unit = excluded.unit, disclosure = excluded.disclosure, "
      "version = excluded.version, effective_from = excluded.effective_from, "
      "seq = excluded.seq");
  up.Bind(1, p.code).Bind(2, p.name).Bind(3, catalog::kCategories.Label(p.category));
  up.Bind(4, catalog::ScopeOf(p.category) == catalog::Scope::kExternal ? "外部" : "内部");
  up.Bind(5, p.unit).Bind(6, catalog::kDisclosures.Label(p.disclosure)).Bind(7, int64_t{x.version});
  up.Bind(8, p.effective_from.ToString()).Bind(9, seq);
  DL_RETURN_IF_ERROR(up.Run());
  DL_ASSIGN_OR_RETURN(int64_t id, PowerId(w_, p.code));
  Statement ver(w_.handle(),
                "INSERT INTO power_versions(power_id, version, effective_from, body, seq) "
                "VALUES (?1, ?2, ?3, ?4, ?5)");
  ver.Bind(1, id).Bind(2, int64_t{x.version}).Bind(3, p.effective_from.ToString());
  DL_RETURN_IF_ERROR(ver.Bind(4, CanonicalJson(catalog::ToJson(p))).Bind(5, seq).Run());
  Statement risk(w_.handle(),
                 "INSERT INTO risks(power_id, version, code, name, node, level, next_review, "
                 "controls) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const auto& r : p.risks) {
    int64_t controls = 0;
    for (const auto& c : p.controls) controls += c.risk == r.code;
    risk.Bind(1, id).Bind(2, int64_t{x.version}).Bind(3, r.code).Bind(4, r.name).Bind(5, r.node);
    risk.Bind(6, catalog::kRiskLevels.Label(r.level));
    if (r.next_review) {
      risk.Bind(7, r.next_review->ToString());
    } else {
      risk.BindNull(7);
    }
    DL_RETURN_IF_ERROR(risk.Bind(8, controls).Run());
  }
  return Ok();
}

Status SqliteStore::PutPowerStatus(const catalog::PowerStatusPut& x, int64_t seq) {
  DL_ASSIGN_OR_RETURN(int64_t id, PowerId(w_, x.code));
  Statement ins(w_.handle(),
                "INSERT INTO power_status(power_id, date, status, reason, target, document, seq) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  const auto& c = x.change;
  ins.Bind(1, id).Bind(2, c.date.ToString()).Bind(3, catalog::kPowerStatuses.Label(c.status));
  DL_RETURN_IF_ERROR(
      ins.Bind(4, c.reason).Bind(5, c.target).Bind(6, c.document).Bind(7, seq).Run());
  Statement up(w_.handle(), "UPDATE powers SET status = ?1 WHERE id = ?2");
  return up.Bind(1, catalog::kPowerStatuses.Label(c.status)).Bind(2, id).Run();
}

Result<catalog::Catalog> SqliteStore::LoadCatalog() {
  DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
  catalog::Catalog c;
  auto each_row = [&](std::string_view sql, auto fn) -> Status {
    Statement st(reader.db().handle(), sql);
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Ok();
      DL_RETURN_IF_ERROR(fn(st));
    }
  };
  auto corrupt = [](const std::string& what) {
    return Err(ErrorCode::kCorrupt,
               "投影表数据损坏: " + what + "（可用 daylight verify --deep 检查）");
  };
  DL_RETURN_IF_ERROR(each_row("SELECT code, name, parent, level, kind, supervisor FROM units",
                              [&](Statement& st) -> Status {
                                org::Unit u{st.Text(0), st.Text(1), st.Text(2), {}, {}, st.Text(5)};
                                auto level = org::kUnitLevels.Parse(st.Text(3));
                                auto kind = org::kUnitKinds.Parse(st.Text(4));
                                if (!level || !kind) return corrupt("单位 " + u.code);
                                u.level = *level;
                                u.kind = *kind;
                                c.units.emplace(u.code, u);
                                return Ok();
                              }));
  DL_RETURN_IF_ERROR(each_row(
      "SELECT code, unit, name, leadership, head FROM posts", [&](Statement& st) -> Status {
        org::Post p{st.Text(0), st.Text(1), st.Text(2), st.Int(3) != 0, st.Int(4) != 0};
        c.posts.emplace(p.code, p);
        return Ok();
      }));
  DL_RETURN_IF_ERROR(each_row("SELECT code, name FROM persons", [&](Statement& st) -> Status {
    org::Person p{st.Text(0), st.Text(1)};
    c.persons.emplace(p.code, p);
    return Ok();
  }));
  DL_RETURN_IF_ERROR(each_row("SELECT person, post, date_from, date_to FROM assignments",
                              [&](Statement& st) -> Status {
                                auto from = Date::Parse(st.Text(2));
                                if (!from) return corrupt("任职 " + st.Text(0));
                                org::Assignment a{st.Text(0), st.Text(1), *from, std::nullopt};
                                if (!st.IsNull(3)) a.to = Date::Parse(st.Text(3));
                                c.assignments.emplace(a.Key(), a);
                                return Ok();
                              }));
  DL_RETURN_IF_ERROR(each_row("SELECT person, counterparty, kind, note FROM relations",
                              [&](Statement& st) -> Status {
                                auto kind = org::kRelationKinds.Parse(st.Text(2));
                                if (!kind) return corrupt("关系 " + st.Text(0));
                                org::Relation r{st.Text(0), st.Text(1), *kind, st.Text(3)};
                                c.relations.emplace(r.Key(), r);
                                return Ok();
                              }));
  DL_RETURN_IF_ERROR(
      each_row("SELECT p.code, p.version, v.body FROM powers p JOIN power_versions v "
               "ON v.power_id = p.id AND v.version = p.version",
               [&](Statement& st) -> Status {
                 catalog::PowerRecord rec;
                 rec.version = static_cast<int>(st.Int(1));
                 std::vector<catalog::JsonProblem> problems;
                 auto body = ParseJson(st.Text(2), nullptr);
                 if (!body || !catalog::FromJson(*body, "$", &rec.power, &problems)) {
                   return corrupt("权力 " + st.Text(0));
                 }
                 c.powers.emplace(st.Text(0), std::move(rec));
                 return Ok();
               }));
  DL_RETURN_IF_ERROR(each_row("SELECT login, body FROM accounts", [&](Statement& st) -> Status {
    auto body = ParseJson(st.Text(1), nullptr);
    auto a = body ? access::AccountFromJson(*body)
                  : Result<access::Account>(Err(ErrorCode::kCorrupt, ""));
    if (!a) return corrupt("账号 " + st.Text(0));
    c.accounts.emplace(a->login, std::move(*a));
    return Ok();
  }));
  DL_RETURN_IF_ERROR(each_row("SELECT id, body FROM api_keys", [&](Statement& st) -> Status {
    auto body = ParseJson(st.Text(1), nullptr);
    auto k =
        body ? access::ApiKeyFromJson(*body) : Result<access::ApiKey>(Err(ErrorCode::kCorrupt, ""));
    if (!k) return corrupt("API 密钥 " + st.Text(0));
    c.api_keys.emplace(k->id, std::move(*k));
    return Ok();
  }));
  return each_row(
             "SELECT p.code, s.date, s.status, s.reason, s.target, s.document FROM power_status s "
             "JOIN powers p ON p.id = s.power_id ORDER BY s.id",
             [&](Statement& st) -> Status {
               auto date = Date::Parse(st.Text(1));
               auto status = catalog::kPowerStatuses.Parse(st.Text(2));
               auto it = c.powers.find(st.Text(0));
               if (!date || !status || it == c.powers.end())
                 return corrupt("状态变更 " + st.Text(0));
               it->second.history.push_back({*date, *status, st.Text(3), st.Text(4), st.Text(5)});
               return Ok();
             })
      .map([&] { return std::move(c); });
}

Result<std::vector<PowerVersionInfo>> SqliteStore::PowerVersions(const std::string& code) {
  DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
  DL_ASSIGN_OR_RETURN(int64_t id, PowerId(reader.db(), code));
  Statement st(reader.db().handle(),
               "SELECT version, effective_from, seq FROM power_versions WHERE power_id = ?1 "
               "ORDER BY version");
  st.Bind(1, id);
  std::vector<PowerVersionInfo> out;
  for (;;) {
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({static_cast<int>(st.Int(0)), Date::Parse(st.Text(1)).value_or(Date()),
                   static_cast<uint64_t>(st.Int(2))});
  }
  return out;
}

Result<catalog::Power> SqliteStore::PowerInForce(const std::string& code, Date day) {
  DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
  DL_ASSIGN_OR_RETURN(int64_t id, PowerId(reader.db(), code));
  Statement st(reader.db().handle(),
               "SELECT body FROM power_versions WHERE power_id = ?1 AND effective_from <= ?2 "
               "ORDER BY effective_from DESC, version DESC LIMIT 1");
  st.Bind(1, id).Bind(2, day.ToString());
  DL_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) {
    return Err(ErrorCode::kNotFound, "权力“" + code + "”在 " + day.ToString() + " 没有生效的版本");
  }
  catalog::Power p;
  std::vector<catalog::JsonProblem> problems;
  auto body = ParseJson(st.Text(0), nullptr);
  if (!body || !catalog::FromJson(*body, "$", &p, &problems)) {
    return Err(ErrorCode::kCorrupt, "权力“" + code + "”的版本数据损坏");
  }
  return p;
}

Result<Database> OpenConfigured(const std::string& path, bool create) {
  DL_ASSIGN_OR_RETURN(Database db, Database::Open(path, create));
  DL_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  DL_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = FULL"));
  DL_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  return db;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options) {
  if (!options.create && !std::filesystem::exists(path)) {
    return Err(ErrorCode::kNotFound,
               "数据库文件 " + path + " 不存在（请先运行 daylight init --db " + path + "）");
  }
  DL_ASSIGN_OR_RETURN(Database writer, OpenConfigured(path, options.create));
  DL_RETURN_IF_ERROR(writer.Exec("PRAGMA wal_autocheckpoint = 0"));
  DL_RETURN_IF_ERROR(writer.Exec("PRAGMA journal_size_limit = " + std::to_string(kWalSizeLimit)));
  DL_ASSIGN_OR_RETURN(auto readers, ReaderPool::Open(path, kStoreReaders));
  DL_ASSIGN_OR_RETURN(Database checkpoints, Database::Open(path, false));
  auto checkpointer = std::make_unique<Checkpointer>(std::move(checkpoints), writer.handle(),
                                                     options.checkpoint_frames);
  auto store_ptr =
      std::make_unique<SqliteStore>(std::move(writer), std::move(readers), std::move(checkpointer));
  DL_RETURN_IF_ERROR(store_ptr->Migrate());
  return std::unique_ptr<Store>(std::move(store_ptr));
}

}  // namespace dl::store
