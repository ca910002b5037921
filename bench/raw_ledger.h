// Bare sqlite3 access for the benchmarks: the raw-insert baseline the writer is compared
// with, and the bulk loader of the cached fixture databases. Everything here aborts on an
// SQLite error: a benchmark has no caller to hand an error to, and a wrong number is worse
// than none.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/sha256.h"

namespace dl::bench {

// One ledger row exactly as the store writes it, every column computed in advance (the
// payload as its canonical JSON text).
struct Row {
  uint64_t seq = 0;
  std::string kind, subject, actor, time, payload;
  Hash leaf{};
};

// The ledger table and its index, copied from migration 1 (src/store/migrations.cc).
extern const char* const kLedgerSchema;
// Aborts when kLedgerSchema is no longer a verbatim part of migration 1, so the baseline
// cannot silently drift from the real table.
void CheckLedgerSchemaCopy();

// One sqlite3 connection; owns the handle.
class RawDb {
 public:
  explicit RawDb(const std::string& path);
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void Exec(const std::string& sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement, reused for every row. Text and blobs are bound without a copy
// (SQLITE_STATIC): they must stay alive until Run() returns.
class RawStatement {
 public:
  RawStatement(RawDb& db, std::string_view sql);
  ~RawStatement();
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;

  RawStatement& Int(int i, int64_t v);
  RawStatement& Text(int i, std::string_view v);
  RawStatement& Blob(int i, const void* data, size_t size);
  // Steps to completion and resets for the next row.
  void Run();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Inserts one Row into the ledger table with `insert` (prepared from kInsertLedgerSql).
inline constexpr std::string_view kInsertLedgerSql =
    "INSERT INTO ledger(seq, kind, subject, actor, time, payload, leaf_hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
void InsertRow(RawStatement& insert, const Row& row);

// The baseline: a new database holding only the ledger table, opened with the store's
// pragmas (WAL, synchronous=FULL, foreign_keys=ON); each batch is one transaction
// (BEGIN IMMEDIATE … COMMIT) of inserts through one prepared statement.
class RawLedger {
 public:
  explicit RawLedger(const std::string& path);
  void AppendBatch(std::span<const Row> rows);

 private:
  RawDb db_;
  RawStatement insert_;
};

}  // namespace dl::bench
