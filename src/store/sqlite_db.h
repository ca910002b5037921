// Thin RAII wrappers over the SQLite C API, private to the store.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "ledger/entry.h"
#include "store/store.h"

namespace dl::store {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  // Binds by 1-based index. Chainable.
  Statement& Bind(int i, std::string_view text);
  Statement& Bind(int i, int64_t v);
  Statement& BindBlob(int i, const void* data, size_t size);
  // As Bind and BindBlob, without copying: the bytes must stay valid until the statement is
  // reset (Run resets it). For the hot inserts, whose values live in the records they write.
  Statement& BindView(int i, std::string_view text);
  Statement& BindBlobView(int i, const void* data, size_t size);
  Statement& BindNull(int i);
  // Runs one step: true if a row is available, false when done; error on failure.
  Result<bool> Step();
  // Runs to completion (for statements without result rows).
  Status Run();
  void Reset();

  std::string Text(int col) const;
  int64_t Int(int col) const;
  bool IsNull(int col) const;
  std::string Blob(int col) const;
  // The column's bytes as stored (text or blob), without a copy: valid until the next Step,
  // Reset or read of the same column in another form.
  std::string_view Bytes(int col) const;
  int ColumnCount() const;
  // The column as JSON: null, integer, or text (blobs as lower-case hex).
  Json ColumnJson(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string error_;
};

// A statement prepared once per connection and lent out: reset (bindings cleared) when
// lent and again when the loan ends, so an early exit never leaves a read open.
class StatementLoan {
 public:
  explicit StatementLoan(Statement& s) : s_(s) { s_.Reset(); }
  ~StatementLoan() { s_.Reset(); }
  StatementLoan(const StatementLoan&) = delete;
  StatementLoan& operator=(const StatementLoan&) = delete;
  Statement* operator->() { return &s_; }
  Statement& operator*() { return s_; }

 private:
  Statement& s_;
};

class Database {
 public:
  static Result<Database> Open(const std::string& path, bool create);
  Database(Database&& o) noexcept : db_(o.db_), cache_(std::move(o.cache_)) { o.db_ = nullptr; }
  Database& operator=(Database&& o) noexcept;
  ~Database();

  Status Exec(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept for the connection's life (the
  // hot paths: ledger inserts, stored-hash reads). Not thread-safe (like the connection).
  StatementLoan Prepared(const std::string& sql);
  sqlite3* handle() const { return db_; }
  std::string LastError() const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  void Close();
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

Error SqliteError(sqlite3* db, std::string_view what);

// Read-only connections to one database file, lent one per query so that a long query (a
// year's statistics) does not hold up the short ones (the scope check of every posted event):
// in WAL mode readers do not block each other or the writer. Connections are opened when
// needed, up to `max`, and kept. A lease for several statements holds one read transaction,
// so they all see the same snapshot (a page and its total); it ends when the lease does. A
// lease for one statement needs none (a statement reads one snapshot). Thread-safe.
class ReaderPool {
 public:
  enum class Reads { kOne, kSeveral };

  class Lease {
   public:
    Lease(Lease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), db_(std::move(o.db_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Database& db() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    ReaderPool* pool_;
    std::unique_ptr<Database> db_;
  };

  // Opens the first connection now, so that a missing file is reported at once. The pool
  // must outlive its leases.
  static Result<std::unique_ptr<ReaderPool>> Open(const std::string& path, size_t max);
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // An idle connection, a new one while fewer than `max` are open, else the next one given
  // back (waiting for it), for `reads`. Errors: opening a connection, or beginning its read
  // transaction.
  Result<Lease> Acquire(Reads reads = Reads::kOne);
  // As Acquire, but never waits: nullopt when all `max` connections are lent.
  Result<std::optional<Lease>> TryAcquire(Reads reads = Reads::kOne);
  // How many connections are open (lent or idle).
  size_t open() const;

 private:
  ReaderPool(std::string path, size_t max) : path_(std::move(path)), max_(max) {}
  static Result<std::unique_ptr<Database>> Connect(const std::string& path);
  // A connection (in a read transaction for kSeveral); null when !wait and all are lent.
  Result<std::unique_ptr<Database>> Take(bool wait, Reads reads);
  void GiveBack(std::unique_ptr<Database> db);
  void Discard(std::unique_ptr<Database> db);  // closes it (if any) and frees its place

  const std::string path_;
  const size_t max_;
  mutable std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Database>> idle_;
  size_t open_ = 0;
};

// The columns every warnings query selects, in order, and the row they decode to (shared by
// the store and the queries).
inline constexpr const char* kWarningColumns =
    "seq, rule, rule_name, level, message, case_id, power, unit, supervisor, person, evidence, "
    "raised, status, source, base_level, due, escalations, measure, updated";
WarningRow WarningFromRow(const Statement& st);

// The projections of the warnings' lives (sqlite_oversight.cc), on the write connection.
Status ProjectWarningRaise(Database& db, const ledger::Entry& e);
Status ProjectWarningStep(Database& db, const ledger::Entry& e);
Status StoreBlobs(Database& db, const std::vector<Blob>& blobs);
// The projections of exceptions and check entries (sqlite_oversight.cc).
Status ProjectExceptionGrant(Database& db, const ledger::Entry& e);
Status ProjectExceptionCover(Database& db, const ledger::Entry& e);
Status ProjectExceptionEnd(Database& db, const ledger::Entry& e);
Status ProjectCheck(Database& db, const ledger::Entry& e);
// 阳光公开's projections and reads (sqlite_public.cc). ReadComplaint's column is "code_hash",
// "seq" or "warning" (the value a decimal number for the last two).
Status ProjectRating(Database& db, const ledger::Entry& e);
Status ProjectComplaint(Database& db, const ledger::Entry& e);
Status ProjectComplaintAddition(Database& db, const ledger::Entry& e);
Result<std::optional<TrackedCase>> ReadTrackedCase(Database& db, const std::string& case_id);
Result<std::optional<RatingRow>> ReadRating(Database& db, const std::string& case_id);
Result<std::optional<ComplaintRow>> ReadComplaint(Database& db, const char* column,
                                                  const std::string& value);
// The columns of an exceptions query and the row they decode to.
inline constexpr const char* kExceptionColumns =
    "seq, status, time, ended, end_reason, covered, lapse_warning, body";
ExceptionRow ExceptionFromRow(const Statement& st);

}  // namespace dl::store
