#include "store/migrations.h"

namespace dl::store {

const std::vector<std::string_view>& SqliteMigrations() {
  static const std::vector<std::string_view> migrations = {
      // 1: the ledger, settings, and the projections of the four lists and the org tree.
      R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  actor TEXT NOT NULL,
  time TEXT NOT NULL,
  payload TEXT NOT NULL,
  leaf_hash BLOB NOT NULL
);
CREATE INDEX ledger_subject ON ledger(subject, seq);
CREATE TABLE units (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, parent TEXT NOT NULL,
  level TEXT NOT NULL, kind TEXT NOT NULL, supervisor TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX units_parent ON units(parent);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, name TEXT NOT NULL,
  leadership INTEGER NOT NULL, head INTEGER NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX posts_unit ON posts(unit);
CREATE TABLE persons (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY, person TEXT NOT NULL, post TEXT NOT NULL, date_from TEXT NOT NULL,
  date_to TEXT, seq INTEGER NOT NULL, UNIQUE (person, post, date_from)
);
CREATE INDEX assignments_post ON assignments(post, date_from);
CREATE TABLE relations (
  id INTEGER PRIMARY KEY, person TEXT NOT NULL, counterparty TEXT NOT NULL, kind TEXT NOT NULL,
  note TEXT NOT NULL, seq INTEGER NOT NULL, UNIQUE (person, counterparty, kind)
);
CREATE TABLE powers (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, category TEXT NOT NULL,
  scope TEXT NOT NULL, unit TEXT NOT NULL, disclosure TEXT NOT NULL, status TEXT NOT NULL,
  version INTEGER NOT NULL, effective_from TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX powers_unit ON powers(unit);
CREATE INDEX powers_category ON powers(category);
CREATE TABLE power_versions (
  power_id INTEGER NOT NULL REFERENCES powers(id), version INTEGER NOT NULL,
  effective_from TEXT NOT NULL, body TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (power_id, version)
);
CREATE TABLE power_status (
  id INTEGER PRIMARY KEY, power_id INTEGER NOT NULL REFERENCES powers(id), date TEXT NOT NULL,
  status TEXT NOT NULL, reason TEXT NOT NULL, target TEXT NOT NULL, document TEXT NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX power_status_power ON power_status(power_id, id);
CREATE INDEX power_status_date ON power_status(date);
CREATE TABLE risks (
  power_id INTEGER NOT NULL REFERENCES powers(id), version INTEGER NOT NULL, code TEXT NOT NULL,
  name TEXT NOT NULL, node TEXT NOT NULL, level TEXT NOT NULL, next_review TEXT,
  controls INTEGER NOT NULL, PRIMARY KEY (power_id, version, code)
);
CREATE INDEX risks_level ON risks(level);
)sql",
      // 2: signed checkpoints of the ledger's Merkle tree (not a projection: they are made
      // from the ledger and signed, and never rebuilt).
      R"sql(
CREATE TABLE checkpoints (
  size INTEGER PRIMARY KEY, root BLOB NOT NULL, time TEXT NOT NULL, note TEXT NOT NULL
);
)sql",
      // 3: Merkle subtree hashes at levels 4, 8, 12 … (ledger::kStoredLevelStride), written
      // with the entries that complete them, so proofs and the writer's start need O(log n)
      // reads instead of every leaf. Databases older than this are filled in by the writer.
      R"sql(
CREATE TABLE merkle_nodes (
  level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)
) WITHOUT ROWID;
)sql",
      // 4: cases, projected from the case.event entries (each carries what a row needs).
      R"sql(
CREATE TABLE cases (
  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE, power TEXT NOT NULL,
  version INTEGER NOT NULL, unit TEXT NOT NULL, opened TEXT NOT NULL, closed TEXT,
  events INTEGER NOT NULL, deviations INTEGER NOT NULL, first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE INDEX cases_unit ON cases(unit, opened);
CREATE INDEX cases_power ON cases(power, opened);
)sql",
      // 5: warnings raised by the supervision rules, projected from warning.raise entries.
      R"sql(
CREATE TABLE warnings (
  seq INTEGER PRIMARY KEY, rule TEXT NOT NULL, rule_name TEXT NOT NULL, level TEXT NOT NULL,
  message TEXT NOT NULL, case_id TEXT NOT NULL, power TEXT NOT NULL, unit TEXT NOT NULL,
  supervisor TEXT NOT NULL, person TEXT NOT NULL, evidence TEXT NOT NULL, raised TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX warnings_supervisor ON warnings(supervisor, raised);
CREATE INDEX warnings_unit ON warnings(unit, raised);
CREATE INDEX warnings_case ON warnings(case_id);
)sql",
      // 6: finding the cases a restarted writer keeps in memory (open, or recent).
      R"sql(
CREATE INDEX cases_closed ON cases(closed);
CREATE INDEX cases_opened ON cases(opened);
)sql",
      // 7: accounts and API keys (access/account.h), projected from account.put and
      // api_key.put entries; body is the entry's payload.
      R"sql(
CREATE TABLE accounts (login TEXT PRIMARY KEY, body TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, body TEXT NOT NULL, seq INTEGER NOT NULL
);
)sql",
      // 8: the life of warnings (预警处置, oversight/lifecycle.h), projected from the
      // warning.raise and warning.step entries: where each warning stands, its steps, the
      // duties recorded at disposal (两责), and the bytes of attached files (by SHA-256; the
      // ledger holds their descriptions and hashes).
      R"sql(
ALTER TABLE warnings ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE warnings ADD COLUMN base_level TEXT NOT NULL DEFAULT '';
ALTER TABLE warnings ADD COLUMN due TEXT NOT NULL DEFAULT '';
ALTER TABLE warnings ADD COLUMN escalations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE warnings ADD COLUMN measure TEXT NOT NULL DEFAULT '';
ALTER TABLE warnings ADD COLUMN updated TEXT NOT NULL DEFAULT '';
UPDATE warnings SET base_level = level;
CREATE INDEX warnings_status ON warnings(status, due);
CREATE TABLE warning_steps (
  seq INTEGER PRIMARY KEY, warning INTEGER NOT NULL, action TEXT NOT NULL,
  actor TEXT NOT NULL, time TEXT NOT NULL, body TEXT NOT NULL
);
CREATE INDEX warning_steps_warning ON warning_steps(warning, seq);
CREATE TABLE duties (
  seq INTEGER NOT NULL, idx INTEGER NOT NULL, warning INTEGER NOT NULL, kind TEXT NOT NULL,
  person TEXT NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL, measure TEXT NOT NULL,
  time TEXT NOT NULL, PRIMARY KEY (seq, idx)
);
CREATE INDEX duties_person ON duties(person);
CREATE INDEX duties_unit ON duties(unit);
CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);
)sql",
      // 9: exceptions (例外, oversight/exception.h), projected from the exception.* entries,
      // and the 自查 / 检查 entries of the assessment (check.enter, the deduction in hundredths of
      // a point); body is the payload of the grant or the check.
      R"sql(
CREATE TABLE exceptions (
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, unit TEXT NOT NULL, rule TEXT NOT NULL,
  power TEXT NOT NULL, risk TEXT NOT NULL, until TEXT NOT NULL, status TEXT NOT NULL,
  time TEXT NOT NULL, covered INTEGER NOT NULL DEFAULT 0, ended TEXT NOT NULL DEFAULT '',
  end_reason TEXT NOT NULL DEFAULT '', lapse_warning INTEGER, body TEXT NOT NULL
);
CREATE INDEX exceptions_unit ON exceptions(unit, status);
CREATE TABLE checks (
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
  indicator TEXT NOT NULL, hundredths INTEGER NOT NULL, time TEXT NOT NULL, body TEXT NOT NULL
);
CREATE INDEX checks_unit ON checks(unit, period);
)sql",
      // 10: 阳光公开 (portal/complaint.h): the applicant's tracking check of a case (from its
      // opening event), ratings of closed cases (rating.put), complaints (complaint.file; the
      // warning it raised is the next entry) and what their submitters added (complaint.add).
      // body is the entry's payload. The contact of a complaint is in attachments, by its hash.
      R"sql(
ALTER TABLE cases ADD COLUMN tracking TEXT NOT NULL DEFAULT '';
CREATE TABLE ratings (
  case_id TEXT PRIMARY KEY, unit TEXT NOT NULL, power TEXT NOT NULL, score INTEGER NOT NULL,
  comment TEXT NOT NULL, time TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX ratings_unit ON ratings(unit, time);
CREATE TABLE complaints (
  seq INTEGER PRIMARY KEY, code_hash TEXT NOT NULL UNIQUE, unit TEXT NOT NULL,
  warning INTEGER NOT NULL, time TEXT NOT NULL, body TEXT NOT NULL
);
CREATE INDEX complaints_warning ON complaints(warning);
CREATE TABLE complaint_additions (
  seq INTEGER PRIMARY KEY, complaint INTEGER NOT NULL, time TEXT NOT NULL, text TEXT NOT NULL
);
CREATE INDEX complaint_additions_complaint ON complaint_additions(complaint, seq);
)sql",
  };
  return migrations;
}

}  // namespace dl::store
