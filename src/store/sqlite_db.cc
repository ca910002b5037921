#include "store/sqlite_db.h"

#include <algorithm>

#include "store/store.h"

namespace dl::store {

Error SqliteError(sqlite3* db, std::string_view what) {
  int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
  ErrorCode ec = (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN ||
                  code == SQLITE_READONLY)
                     ? ErrorCode::kIo
                 : code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? ErrorCode::kCorrupt
                 : code == SQLITE_BUSY                             ? ErrorCode::kResourceExhausted
                 : code == SQLITE_CONSTRAINT                       ? ErrorCode::kConflict
                                                                   : ErrorCode::kInternal;
  return Error{ec, "数据库错误（" + std::string(what) + "）: " + (db ? sqlite3_errmsg(db) : "?"),
               nullptr};
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    error_ = sqlite3_errmsg(db);
    stmt_ = nullptr;
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::BindBlob(int i, const void* data, size_t size) {
  sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindView(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::BindBlobView(int i, const void* data, size_t size) {
  sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_STATIC);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::Step() {
  if (!stmt_) return Err(ErrorCode::kInternal, "SQL 语句无效: " + error_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Err(SqliteError(db_, "执行语句"));
}

Status Statement::Run() {
  for (;;) {
    DL_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  Reset();
  return Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}
int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

Json Statement::ColumnJson(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return Int(col);
    case SQLITE_BLOB: {
      static const char* digits = "0123456789abcdef";
      std::string hex;
      for (unsigned char c : Blob(col)) {
        hex.push_back(digits[c >> 4]);
        hex.push_back(digits[c & 15]);
      }
      return hex;
    }
    default:
      return Text(col);
  }
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::string Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  return p ? std::string(static_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

std::string_view Statement::Bytes(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  return p ? std::string_view(static_cast<const char*>(p),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string_view();
}

Result<Database> Database::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Err(ErrorCode::kIo, "无法打开数据库文件 " + path + ": " + msg +
                                   (create ? "" : "（请先运行 daylight init --db " + path + "）"));
  }
  sqlite3_busy_timeout(db, 5000);
  return Database(db);
}

void Database::Close() {
  cache_.clear();  // statements are finalized before their connection closes
  sqlite3_close(db_);
  db_ = nullptr;
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    Close();
    db_ = o.db_;
    cache_ = std::move(o.cache_);
    o.db_ = nullptr;
  }
  return *this;
}

Database::~Database() { Close(); }

StatementLoan Database::Prepared(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  return StatementLoan(*it->second);
}

Status Database::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Error e = SqliteError(db_, err ? err : "exec");
    sqlite3_free(err);
    return Err(e);
  }
  return Ok();
}

std::string Database::LastError() const { return sqlite3_errmsg(db_); }

Result<std::unique_ptr<ReaderPool>> ReaderPool::Open(const std::string& path, size_t max) {
  std::unique_ptr<ReaderPool> pool(new ReaderPool(path, std::max<size_t>(1, max)));
  DL_ASSIGN_OR_RETURN(auto first, Connect(path));
  pool->idle_.push_back(std::move(first));
  pool->open_ = 1;
  return pool;
}

Result<std::unique_ptr<Database>> ReaderPool::Connect(const std::string& path) {
  DL_ASSIGN_OR_RETURN(Database db, Database::Open(path, false));
  DL_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = ON"));
  return std::make_unique<Database>(std::move(db));
}

Result<ReaderPool::Lease> ReaderPool::Acquire(Reads reads) {
  DL_ASSIGN_OR_RETURN(auto db, Take(/*wait=*/true, reads));
  return Lease(this, std::move(db));
}

Result<std::optional<ReaderPool::Lease>> ReaderPool::TryAcquire(Reads reads) {
  DL_ASSIGN_OR_RETURN(auto db, Take(/*wait=*/false, reads));
  if (!db) return std::optional<Lease>();
  return std::optional<Lease>(Lease(this, std::move(db)));
}

Result<std::unique_ptr<Database>> ReaderPool::Take(bool wait, Reads reads) {
  std::unique_ptr<Database> db;
  {
    std::unique_lock lock(mu_);
    if (idle_.empty() && open_ >= max_) {
      if (!wait) return std::unique_ptr<Database>();
      returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_; });
    }
    if (!idle_.empty()) {
      db = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // counted now, opened outside the lock
    }
  }
  if (!db) {
    auto opened = Connect(path_);
    if (!opened) {
      Discard(nullptr);
      return Err(opened.error());
    }
    db = std::move(*opened);
  }
  // BEGIN is deferred: the snapshot is taken at the first read and held until the lease ends.
  if (Status begun = reads == Reads::kSeveral ? db->Prepared("BEGIN")->Run() : Ok(); !begun) {
    Discard(std::move(db));
    return Err(begun.error());
  }
  return db;
}

void ReaderPool::GiveBack(std::unique_ptr<Database> db) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(db));
  }
  returned_.notify_one();
}

void ReaderPool::Discard(std::unique_ptr<Database> db) {
  db.reset();
  {
    std::lock_guard lock(mu_);
    --open_;
  }
  returned_.notify_one();  // a waiter may open one in its place
}

size_t ReaderPool::open() const {
  std::lock_guard lock(mu_);
  return open_;
}

ReaderPool::Lease::~Lease() {
  if (!pool_) return;
  // Ends the read transaction; a connection that cannot end it is closed, not lent again.
  if (sqlite3_get_autocommit(db_->handle()) == 0) (void)db_->Prepared("COMMIT")->Run();
  if (sqlite3_get_autocommit(db_->handle()) == 0) (void)db_->Exec("ROLLBACK");
  if (sqlite3_get_autocommit(db_->handle()) == 0) {
    pool_->Discard(std::move(db_));
  } else {
    pool_->GiveBack(std::move(db_));
  }
}

WarningRow WarningFromRow(const Statement& st) {
  WarningRow w{static_cast<uint64_t>(st.Int(0)),
               st.Text(1),
               st.Text(2),
               st.Text(3),
               st.Text(4),
               st.Text(5),
               st.Text(6),
               st.Text(7),
               st.Text(8),
               st.Text(9),
               {},
               st.Text(11),
               st.Text(12),
               st.Text(13),
               st.Text(14),
               st.Text(15),
               st.Int(16),
               st.Text(17),
               st.Text(18)};
  if (auto ev = ParseJson(st.Text(10), nullptr); ev && ev->is_array()) {
    for (const auto& v : *ev) {
      if (v.is_number_unsigned()) w.evidence.push_back(v.get<uint64_t>());
    }
  }
  return w;
}

ExceptionRow ExceptionFromRow(const Statement& st) {
  ExceptionRow e;
  e.seq = static_cast<uint64_t>(st.Int(0));
  e.status = st.Text(1);
  e.time = st.Text(2);
  e.ended = st.Text(3);
  e.end_reason = st.Text(4);
  e.covered = st.Int(5);
  if (!st.IsNull(6)) e.lapse_warning = static_cast<uint64_t>(st.Int(6));
  e.body = ParseJson(st.Text(7), nullptr).value_or(Json::object());
  return e;
}

}  // namespace dl::store
