#include "bench/raw_ledger.h"

#include <cstdio>
#include <cstdlib>

#include "store/migrations.h"

namespace dl::bench {
namespace {

[[noreturn]] void Die(sqlite3* db, std::string_view what) {
  std::fprintf(stderr, "bench: sqlite error in %.*s: %s\n", static_cast<int>(what.size()),
               what.data(), db ? sqlite3_errmsg(db) : "?");
  std::abort();
}

// Creates the ledger table with the store's pragmas; returns `db` for the member initialiser.
RawDb& WithLedgerTable(RawDb& db) {
  db.Exec("PRAGMA journal_mode = WAL");
  db.Exec("PRAGMA synchronous = FULL");
  db.Exec("PRAGMA foreign_keys = ON");
  db.Exec(kLedgerSchema);
  return db;
}

}  // namespace

// Verbatim from migration 1; CheckLedgerSchemaCopy() keeps it honest.
const char* const kLedgerSchema = R"sql(CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  actor TEXT NOT NULL,
  time TEXT NOT NULL,
  payload TEXT NOT NULL,
  leaf_hash BLOB NOT NULL
);
CREATE INDEX ledger_subject ON ledger(subject, seq);)sql";

void CheckLedgerSchemaCopy() {
  const auto& migrations = store::SqliteMigrations();
  if (migrations.empty() || migrations[0].find(kLedgerSchema) == std::string_view::npos) {
    std::fprintf(stderr,
                 "bench: the ledger table in bench/raw_ledger.cc no longer matches migration 1 "
                 "in src/store/migrations.cc; copy it again\n");
    std::abort();
  }
}

RawDb::RawDb(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Die(db_, "open " + path);
  }
}

RawDb::~RawDb() { sqlite3_close(db_); }

void RawDb::Exec(const std::string& sql) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Die(db_, sql);
}

RawStatement::RawStatement(RawDb& db, std::string_view sql) : db_(db.handle()) {
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    Die(db_, sql);
  }
}

RawStatement::~RawStatement() { sqlite3_finalize(stmt_); }

RawStatement& RawStatement::Int(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

RawStatement& RawStatement::Text(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}

RawStatement& RawStatement::Blob(int i, const void* data, size_t size) {
  sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_STATIC);
  return *this;
}

void RawStatement::Run() {
  int rc = sqlite3_step(stmt_);
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
  if (rc != SQLITE_DONE) Die(db_, sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
}

void InsertRow(RawStatement& insert, const Row& row) {
  insert.Int(1, static_cast<int64_t>(row.seq)).Text(2, row.kind).Text(3, row.subject);
  insert.Text(4, row.actor).Text(5, row.time).Text(6, row.payload);
  insert.Blob(7, row.leaf.data(), row.leaf.size()).Run();
}

RawLedger::RawLedger(const std::string& path)
    : db_(path), insert_(WithLedgerTable(db_), kInsertLedgerSql) {}

void RawLedger::AppendBatch(std::span<const Row> rows) {
  db_.Exec("BEGIN IMMEDIATE");
  for (const Row& row : rows) InsertRow(insert_, row);
  db_.Exec("COMMIT");
}

}  // namespace dl::bench
