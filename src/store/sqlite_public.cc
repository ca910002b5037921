// 阳光公开's projections (rating.put, complaint.file, complaint.add; docs/portal.md) and the
// reads behind case tracking and complaints. Each entry carries what its rows need, so they are
// rebuilt from the ledger alone (verify --deep); a complaint's contact is stored with the
// attachments, by the hash its entry holds.
#include "store/sqlite_db.h"

namespace dl::store {

Status ProjectRating(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  auto st = db.Prepared(
      "INSERT INTO ratings(case_id, unit, power, score, comment, time, seq) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st->Bind(1, p.value("case", "")).Bind(2, p.value("unit", "")).Bind(3, p.value("power", ""));
  st->Bind(4, p.value("score", int64_t{0})).Bind(5, p.value("comment", ""));
  st->Bind(6, FormatInstant(e.time)).Bind(7, static_cast<int64_t>(e.seq));
  return st->Run();
}

Status ProjectComplaint(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  auto st = db.Prepared(
      "INSERT INTO complaints(seq, code_hash, unit, warning, time, body) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st->Bind(1, static_cast<int64_t>(e.seq)).Bind(2, p.value("code_hash", ""));
  st->Bind(3, p.value("unit", "")).Bind(4, p.value("warning", int64_t{0}));
  st->Bind(5, FormatInstant(e.time)).Bind(6, CanonicalJson(p));
  return st->Run();
}

Status ProjectComplaintAddition(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  auto st = db.Prepared(
      "INSERT INTO complaint_additions(seq, complaint, time, text) VALUES (?1, ?2, ?3, ?4)");
  st->Bind(1, static_cast<int64_t>(e.seq)).Bind(2, p.value("complaint", int64_t{0}));
  st->Bind(3, FormatInstant(e.time)).Bind(4, p.value("text", ""));
  return st->Run();
}

Result<std::optional<TrackedCase>> ReadTrackedCase(Database& db, const std::string& case_id) {
  Statement st(db.handle(),
               "SELECT case_id, power, unit, tracking, opened, COALESCE(closed, '') FROM cases "
               "WHERE case_id = ?1");
  st.Bind(1, case_id);
  DL_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<TrackedCase>();
  return TrackedCase{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)};
}

Result<std::optional<RatingRow>> ReadRating(Database& db, const std::string& case_id) {
  Statement st(db.handle(),
               "SELECT case_id, unit, power, score, comment, time FROM ratings WHERE case_id = ?1");
  st.Bind(1, case_id);
  DL_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<RatingRow>();
  return RatingRow{st.Text(0), st.Text(1), st.Text(2), static_cast<int>(st.Int(3)),
                   st.Text(4), st.Text(5)};
}

Result<std::optional<ComplaintRow>> ReadComplaint(Database& db, const char* column,
                                                  const std::string& value) {
  Statement st(db.handle(),
               std::string("SELECT c.seq, c.time, c.body, c.warning, COALESCE(w.status, ''), "
                           "COALESCE(w.updated, '') FROM complaints c LEFT JOIN warnings w ON "
                           "w.seq = c.warning WHERE c.") +
                   column + " = ?1");
  if (std::string_view(column) == "code_hash") {
    st.Bind(1, value);
  } else {
    st.Bind(1, static_cast<int64_t>(std::stoull(value)));
  }
  DL_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<ComplaintRow>();
  ComplaintRow c;
  c.seq = static_cast<uint64_t>(st.Int(0));
  c.time = st.Text(1);
  auto body = ParseJson(st.Text(2), nullptr);
  if (!body) {
    return Err(ErrorCode::kCorrupt, "投诉 " + std::to_string(c.seq) + " 的存储已损坏");
  }
  c.body = std::move(*body);
  c.warning = static_cast<uint64_t>(st.Int(3));
  c.status = st.Text(4);
  c.updated = st.Text(5);
  Statement add(
      db.handle(),
      "SELECT seq, time, text FROM complaint_additions WHERE complaint = ?1 ORDER BY seq");
  add.Bind(1, static_cast<int64_t>(c.seq));
  for (;;) {
    DL_ASSIGN_OR_RETURN(bool more, add.Step());
    if (!more) break;
    c.additions.push_back({static_cast<uint64_t>(add.Int(0)), add.Text(1), add.Text(2)});
  }
  return std::optional<ComplaintRow>(std::move(c));
}

}  // namespace dl::store
