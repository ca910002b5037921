// The store: the ledger and the projection tables behind one interface. SQL lives only in
// implementations of this interface (SQLite now, PostgreSQL later); nothing above it sees
// SQL or a database handle.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/catalog.h"
#include "catalog/change.h"
#include "ledger/entry.h"
#include "ledger/merkle.h"

namespace dl::store {

struct Blob {
  std::string sha256;  // lower-case hex of the data's SHA-256
  std::string data;
};

// One ledger entry with the change it records (decoded, so projections need no parsing).
// A ledger-only entry (an audit note: a login, a sensitive read, a refused request) has no
// change and projects nothing.
// The cases row a case.event entry projects (see the writer's case recorder for the payload):
// the writer fills it as it builds the entry, so that the store need not parse the payload;
// rebuilding the projections from the ledger derives it from the payload instead.
struct CaseEventRow {
  std::string case_id, power, unit;
  int64_t version = 0;
  std::string occurred;  // RFC 3339, as in the payload
  bool closes = false;   // a closed event
  int64_t deviations = 0;
  std::string tracking;  // the event's tracking_check, empty if none
};

struct Record {
  ledger::Entry entry;
  std::optional<catalog::Change> change;
  // CanonicalJson(entry.payload) when the writer already computed it (it hashed it), so
  // the store does not serialise the payload again; empty otherwise.
  std::string payload_text;
  // Bytes of files the entry describes (attachments of a warning or a step), stored in the
  // same transaction; the entry's payload holds their SHA-256.
  std::vector<Blob> blobs;
  // For a case.event entry, its cases row when the writer built it (the payload is then
  // left null: payload_text holds it).
  std::optional<CaseEventRow> case_row;
};

// Kinds of ledger-only entries start with this prefix ("audit.read", "audit.denied" …).
inline constexpr std::string_view kAuditKindPrefix = "audit.";
inline bool IsAuditKind(std::string_view kind) { return kind.starts_with(kAuditKindPrefix); }

struct StoredCheckpoint {
  uint64_t size = 0;
  Hash root{};
  Instant time;
  std::string note;  // the signed note (C2SP)
};

// A warning as the projection holds it (docs/rules.md, docs/disposal.md).
struct WarningRow {
  uint64_t seq = 0;  // the warning.raise entry
  std::string rule, rule_name, level, message, case_id, power, unit, supervisor, person;
  std::vector<uint64_t> evidence;  // ledger entries the warning rests on
  std::string raised;              // RFC 3339, when the event happened
  std::string status;       // 待处置 / 待审核 / 已处置 / 办结 (oversight::kStatuses)
  std::string source;       // hand-entered warnings: 巡视巡察, 审计 …; empty for rules
  std::string base_level;   // the level the rule gave, before repetition or escalation
  std::string due;          // RFC 3339; empty when closed
  int64_t escalations = 0;  // times it went up for missing its due time
  std::string measure;      // 处置方式 once disposed; 不予处置 when dismissed
  std::string updated;      // RFC 3339 of the last step; empty before any
};

// The ledger kind of a step in a warning's life (oversight/lifecycle.h); subject
// "warning:<seq of the warning>".
inline constexpr std::string_view kWarningStepKind = "warning.step";
// 例外 (oversight/exception.h): granted, standing in for a covered warning, ended (revoked or
// lapsed); subject "exception:<seq of the grant>".
inline constexpr std::string_view kExceptionGrantKind = "exception.grant";
inline constexpr std::string_view kExceptionCoverKind = "exception.cover";
inline constexpr std::string_view kExceptionEndKind = "exception.end";
// A 自查 / 检查 entry of the assessment (assess/assess.h CheckEntry); subject "check:<unit>".
inline constexpr std::string_view kCheckKind = "check.enter";
// 阳光公开 (portal/complaint.h): a rating of a closed case, subject "rating:<case>"; a
// complaint filed, subject "complaint:<seq of its complaint.file entry>", followed by the
// warning.raise entry it raises; information its submitter added later, same subject.
inline constexpr std::string_view kRatingKind = "rating.put";
inline constexpr std::string_view kComplaintKind = "complaint.file";
inline constexpr std::string_view kComplaintAddKind = "complaint.add";
// Kinds the store projects from the entry's payload alone (no catalog::Change): case events
// (writer/case_recorder.h), warnings and their steps, exceptions, check entries, ratings and
// complaints.
inline bool ProjectsFromPayload(std::string_view kind) {
  return kind == "case.event" || kind == "warning.raise" || kind == kWarningStepKind ||
         kind == kExceptionGrantKind || kind == kExceptionCoverKind || kind == kExceptionEndKind ||
         kind == kCheckKind || kind == kRatingKind || kind == kComplaintKind ||
         kind == kComplaintAddKind;
}

// A case as the public may follow it (办件查询).
struct TrackedCase {
  std::string case_id, power, unit;
  std::string tracking;  // the tracking check of its opening event; empty: not trackable
  std::string opened;    // RFC 3339
  std::string closed;    // RFC 3339; empty while open
};

// A rating of a closed case (满意度评价), as projected.
struct RatingRow {
  std::string case_id, unit, power;
  int score = 0;
  std::string comment, time;
};

// A complaint (投诉 / 信访举报) as projected, with where its warning stands.
struct ComplaintRow {
  uint64_t seq = 0;  // the complaint.file entry: its id
  std::string time;
  Json body;             // the complaint.file payload
  uint64_t warning = 0;  // the warning it raised
  std::string status;    // that warning's status (待处置 … 办结)
  std::string updated;   // that warning's last step (RFC 3339); empty before any
  struct Addition {
    uint64_t seq = 0;
    std::string time, text;
  };
  std::vector<Addition> additions;  // oldest first
};

// One exception as projected: the grant's payload, where it stands and what it did.
struct ExceptionRow {
  uint64_t seq = 0;    // its id: the exception.grant entry
  std::string status;  // 有效 / 已撤销 / 已到期
  std::string time;    // when granted (RFC 3339)
  std::string ended;   // when revoked or lapsed; empty while in force
  std::string end_reason;
  int64_t covered = 0;                    // findings recorded against it instead of warnings
  std::optional<uint64_t> lapse_warning;  // the warning raised when it lapsed
  Json body;                              // the exception.grant payload
};

// One 自查 / 检查 entry as projected: the check.enter payload.
struct CheckRow {
  uint64_t seq = 0;
  std::string time;
  Json body;
};

struct WarningFilter {
  std::string unit;        // empty: any
  std::string supervisor;  // empty: any
  std::string level;       // 提醒 / 黄牌 / 红牌; empty: any
  std::string case_id;     // empty: any
  size_t limit = 1000;
};

struct PowerVersionInfo {
  int version = 0;
  Date effective_from;
  uint64_t seq = 0;  // ledger entry that recorded it
};

class Store {
 public:
  virtual ~Store() = default;

  // Appends the records' entries to the ledger, stores the Merkle subtree nodes they
  // complete (ledger::CompactTree::Append) and applies their changes to the projection
  // tables in ONE transaction: on success all are durable, on error none is. Entries must
  // continue the ledger's sequence without a gap. A signed checkpoint of the tree after these
  // entries, when given, is stored in the same transaction. Called by the writer only (its
  // committer thread), never at the same time as AppendCheckpoint.
  virtual Status Append(const std::vector<Record>& records,
                        const std::vector<ledger::SubtreeNode>& nodes,
                        const StoredCheckpoint* checkpoint = nullptr) = 0;

  // Number of ledger entries (= the last sequence number). Thread-safe.
  virtual Result<uint64_t> LedgerSize() = 0;
  // Entries with seq in [first, first + limit), in order. Thread-safe.
  virtual Result<std::vector<ledger::Entry>> ReadEntries(uint64_t first, size_t limit) = 0;
  // The same rows as stored, undecoded (for verify, which hashes the stored bytes): every
  // column of every row in one buffer, so that reading thousands of rows allocates twice
  // and handing them to another thread frees twice.
  struct LedgerRows {
    enum Column { kKind, kSubject, kActor, kTime, kPayload, kLeafHash, kColumns };
    struct Row {
      uint64_t seq = 0;
      size_t begin[kColumns + 1] = {};  // column c is bytes[begin[c], begin[c + 1])
    };
    std::string bytes;
    std::vector<Row> rows;
    std::string_view Get(size_t row, Column c) const {
      const Row& r = rows[row];
      return std::string_view(bytes).substr(r.begin[c], r.begin[c + 1] - r.begin[c]);
    }
  };
  virtual Result<LedgerRows> ReadLedgerRows(uint64_t first, size_t limit) = 0;

  // The current declared state from the projection tables: every unit, post, person,
  // assignment, relation, and every power's latest version with its status history.
  // Thread-safe.
  virtual Result<catalog::Catalog> LoadCatalog() = 0;
  // The versions of a power, oldest first; not_found if the power is unknown.
  virtual Result<std::vector<PowerVersionInfo>> PowerVersions(const std::string& code) = 0;
  // The version of a power in force on `day` (the latest with effective_from ≤ day);
  // not_found if none.
  virtual Result<catalog::Power> PowerInForce(const std::string& code, Date day) = 0;
  // The stored leaf hashes of entries [first, first + limit), in order. Thread-safe.
  virtual Result<std::vector<Hash>> ReadLeafHashes(uint64_t first, size_t limit) = 0;
  // Reads `count` stored hashes from `first` (0-based): level 0 the leaf hashes of entries
  // first+1 …, a positive level the stored subtree nodes of that level (see
  // ledger::StoredHashReader). not_found when any is missing. Thread-safe.
  virtual Result<std::vector<Hash>> ReadStoredHashes(int level, uint64_t first, uint64_t count) = 0;
  // Number of stored subtree nodes (all levels); O(n). Thread-safe.
  virtual Result<uint64_t> SubtreeNodeCount() = 0;
  // Whether any subtree node is stored; O(1). Thread-safe.
  virtual Result<bool> HasSubtreeNodes() = 0;
  // Entries whose subject is `subject` (e.g. "case:2026-000123"), in order. Thread-safe.
  virtual Result<std::vector<ledger::Entry>> ReadEntriesBySubject(const std::string& subject) = 0;
  // Stores a signed checkpoint (writer thread only); conflict if one of that size exists.
  // The warning.raise entries of the given rules, by sequence number; with open_cases_only,
  // only those about cases still open (a restarted writer learns what it has reported).
  virtual Result<std::vector<ledger::Entry>> WarningEntries(const std::vector<std::string>& rules,
                                                            bool open_cases_only) = 0;
  // The exception.cover entries of every exception, by sequence number: the findings recorded
  // against an exception instead of raised (a restarted writer learns what it has judged).
  virtual Result<std::vector<ledger::Entry>> CoverEntries() = 0;
  virtual Status AppendCheckpoint(const StoredCheckpoint& checkpoint) = 0;
  // Every checkpoint, by size. Thread-safe.
  virtual Result<std::vector<StoredCheckpoint>> Checkpoints() = 0;
  // The checkpoint of the largest size; nullopt when there is none. Thread-safe.
  virtual Result<std::optional<StoredCheckpoint>> LatestCheckpoint() = 0;
  // The checkpoint of exactly `size` entries; nullopt when there is none. Thread-safe.
  virtual Result<std::optional<StoredCheckpoint>> CheckpointAt(uint64_t size) = 0;

  // Every row of every projection table, each as the canonical JSON array of its columns,
  // by table name, in a deterministic order. Two stores that applied the same ledger hold
  // equal rows; verify --deep compares a store with one rebuilt from its ledger.
  virtual Result<std::map<std::string, std::vector<std::string>>> ProjectionRows() = 0;

  // Ids of the cases that are not closed or that opened at or after `opened_since` (RFC 3339;
  // "9999" for the open ones only). Thread-safe.
  virtual Result<std::vector<std::string>> CasesToLoad(const std::string& opened_since) = 0;
  // Calls `each` with the id of every recorded case, in no particular order (the writer's
  // set of known case ids at start). Thread-safe.
  virtual Status ForEachCaseId(const std::function<void(std::string_view)>& each) = 0;

  // Warnings matching `filter`, newest first. Thread-safe.
  virtual Result<std::vector<WarningRow>> Warnings(const WarningFilter& filter) = 0;

  // Warnings not closed (status other than 办结), by sequence number (the writer's book).
  virtual Result<std::vector<WarningRow>> ActiveWarnings() = 0;
  // The warning raised by entry `seq`; nullopt if there is none. Thread-safe.
  virtual Result<std::optional<WarningRow>> WarningBySeq(uint64_t seq) = 0;
  // Warnings whose rule gave them a yellow card, raised at or after `raised_from` (RFC 3339).
  virtual Result<std::vector<WarningRow>> YellowsSince(const std::string& raised_from) = 0;
  // Whether any event of the case is recorded. Thread-safe.
  virtual Result<bool> CaseRecorded(const std::string& case_id) = 0;
  // The bytes of an attached file; nullopt if none is stored under that hash. Thread-safe.
  virtual Result<std::optional<std::string>> AttachmentData(const std::string& sha256) = 0;
  // Exceptions in force (status 有效), by id (the writer's book).
  virtual Result<std::vector<ExceptionRow>> ActiveExceptions() = 0;

  // The case `case_id` as the portal's tracking sees it; nullopt when not recorded.
  virtual Result<std::optional<TrackedCase>> CaseForTracking(const std::string& case_id) = 0;
  // The rating of a case; nullopt when it has none.
  virtual Result<std::optional<RatingRow>> RatingOf(const std::string& case_id) = 0;
  // A complaint by the hash of its tracking code (portal::CodeHash), by its id, or by the
  // warning it raised; nullopt when there is none.
  virtual Result<std::optional<ComplaintRow>> ComplaintByCode(const std::string& code_hash) = 0;
  virtual Result<std::optional<ComplaintRow>> ComplaintById(uint64_t seq) = 0;
  virtual Result<std::optional<ComplaintRow>> ComplaintOfWarning(uint64_t warning) = 0;

  // A setting (meta table); empty string when unset. Settings are changed through the
  // writer (catalog::SettingPut), so every change of one is in the ledger.
  virtual Result<std::string> GetSetting(const std::string& key) = 0;
};

struct SqliteOptions {
  bool create = false;  // create the file if missing (init); otherwise it must exist
  // WAL pages (4 KiB each) after which a commit starts a checkpoint at once rather than at
  // the checkpointer's next turn (every 200 ms). At 4000 (16 MiB) the WAL stays under ~20 MiB
  // at the writer's full rate, while checkpoints stay rare enough that a page changed by many
  // commits (the ledger's index) is copied back once per checkpoint, not once per commit.
  int checkpoint_frames = 4000;
};

// Opens (and migrates) a SQLite store in WAL mode with synchronous=FULL.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options);

}  // namespace dl::store
