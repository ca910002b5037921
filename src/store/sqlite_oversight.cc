// The projections of warning.raise and warning.step entries (docs/disposal.md): each carries
// what its rows need, so they are rebuilt from the ledger alone (verify --deep), except the
// bytes of attachments, which the ledger only describes.
#include <cmath>

#include "store/sqlite_db.h"

namespace dl::store {

Status ProjectWarningRaise(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  auto st = db.Prepared(
      "INSERT INTO warnings(seq, rule, rule_name, level, message, case_id, power, unit, "
      "supervisor, person, evidence, raised, status, source, base_level, due) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '待处置', ?13, ?14, ?15)");
  st->Bind(1, static_cast<int64_t>(e.seq));
  int i = 2;
  for (const char* key :
       {"rule", "rule_name", "level", "message", "case", "power", "unit", "supervisor", "person"}) {
    st->Bind(i++, p.value(key, ""));
  }
  st->Bind(11, CanonicalJson(p.value("evidence", Json::array())));
  st->Bind(12, p.value("raised", ""));
  st->Bind(13, p.value("source", ""));
  std::string base = p.value("level", "");
  if (auto promoted = p.find("promoted"); promoted != p.end() && promoted->is_object()) {
    base = promoted->value("from", base);
  }
  st->Bind(14, base);
  st->Bind(15, p.value("due", ""));
  return st->Run();
}

Status ProjectWarningStep(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  const auto warning = p.value("warning", int64_t{0});
  const std::string action = p.value("action", "");
  const std::string time = FormatInstant(e.time);
  {
    // The measure column: the disposal's measure, 不予处置 on dismissal, cleared on reopening.
    auto st = db.Prepared(
        "UPDATE warnings SET status = ?2, level = ?3, supervisor = ?4, due = ?5, "
        "escalations = ?6, updated = ?7, measure = CASE ?8 WHEN 'dispose' THEN ?9 "
        "WHEN 'dismiss' THEN '不予处置' WHEN 'reopen' THEN '' ELSE measure END WHERE seq = ?1");
    st->Bind(1, warning).Bind(2, p.value("to", "")).Bind(3, p.value("level", ""));
    st->Bind(4, p.value("supervisor", "")).Bind(5, p.value("due", ""));
    st->Bind(6, p.value("escalations", int64_t{0})).Bind(7, time).Bind(8, action);
    st->Bind(9, p.value("measure", ""));
    DL_RETURN_IF_ERROR(st->Run());
    if (sqlite3_changes(db.handle()) != 1) {
      return Err(ErrorCode::kCorrupt, "第 " + std::to_string(e.seq) + " 条处置记录所指的预警 " +
                                          std::to_string(warning) + " 不存在");
    }
  }
  {
    auto st = db.Prepared(
        "INSERT INTO warning_steps(seq, warning, action, actor, time, body) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st->Bind(1, static_cast<int64_t>(e.seq)).Bind(2, warning).Bind(3, action);
    st->Bind(4, e.actor).Bind(5, time).Bind(6, CanonicalJson(p));
    DL_RETURN_IF_ERROR(st->Run());
  }
  auto duties = p.find("duties");
  if (duties == p.end() || !duties->is_array()) return Ok();
  auto st = db.Prepared(
      "INSERT INTO duties(seq, idx, warning, kind, person, unit, role, measure, time) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  int64_t idx = 0;
  for (const Json& d : *duties) {
    st->Bind(1, static_cast<int64_t>(e.seq)).Bind(2, idx++).Bind(3, warning);
    st->Bind(4, d.value("kind", "")).Bind(5, d.value("person", "")).Bind(6, d.value("unit", ""));
    st->Bind(7, d.value("role", "")).Bind(8, d.value("measure", "")).Bind(9, time);
    DL_RETURN_IF_ERROR(st->Run());
  }
  return Ok();
}

Status ProjectExceptionGrant(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  auto st = db.Prepared(
      "INSERT INTO exceptions(seq, kind, unit, rule, power, risk, until, status, time, body) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '有效', ?8, ?9)");
  st->Bind(1, static_cast<int64_t>(e.seq));
  int i = 2;
  for (const char* key : {"kind", "unit", "rule", "power", "risk", "until"}) {
    st->Bind(i++, p.value(key, ""));
  }
  st->Bind(8, FormatInstant(e.time)).Bind(9, CanonicalJson(p));
  return st->Run();
}

namespace {

Status ExceptionUpdated(Database& db, const ledger::Entry& e, int64_t exception) {
  if (sqlite3_changes(db.handle()) == 1) return Ok();
  return Err(ErrorCode::kCorrupt, "第 " + std::to_string(e.seq) + " 条记录所指的例外 " +
                                      std::to_string(exception) + " 不存在");
}

}  // namespace

Status ProjectExceptionCover(Database& db, const ledger::Entry& e) {
  const auto exception = e.payload.value("exception", int64_t{0});
  auto st = db.Prepared("UPDATE exceptions SET covered = covered + 1 WHERE seq = ?1");
  DL_RETURN_IF_ERROR(st->Bind(1, exception).Run());
  return ExceptionUpdated(db, e, exception);
}

Status ProjectExceptionEnd(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  const auto exception = p.value("exception", int64_t{0});
  auto st = db.Prepared(
      "UPDATE exceptions SET status = ?2, ended = ?3, end_reason = ?4, lapse_warning = ?5 "
      "WHERE seq = ?1");
  st->Bind(1, exception).Bind(2, p.value("status", "")).Bind(3, FormatInstant(e.time));
  st->Bind(4, p.value("reason", ""));
  if (auto w = p.find("warning"); w != p.end() && w->is_number_integer()) {
    st->Bind(5, w->get<int64_t>());
  } else {
    st->BindNull(5);
  }
  DL_RETURN_IF_ERROR(st->Run());
  return ExceptionUpdated(db, e, exception);
}

Status ProjectCheck(Database& db, const ledger::Entry& e) {
  const Json& p = e.payload;
  auto st = db.Prepared(
      "INSERT INTO checks(seq, kind, unit, period, indicator, hundredths, time, body) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st->Bind(1, static_cast<int64_t>(e.seq)).Bind(2, p.value("kind", ""));
  st->Bind(3, p.value("unit", "")).Bind(4, p.value("period", ""));
  st->Bind(5, p.value("indicator", ""));
  st->Bind(6, static_cast<int64_t>(std::llround(p.value("deduction", 0.0) * 100)));
  st->Bind(7, FormatInstant(e.time)).Bind(8, CanonicalJson(p));
  return st->Run();
}

Status StoreBlobs(Database& db, const std::vector<Blob>& blobs) {
  if (blobs.empty()) return Ok();
  auto st = db.Prepared(
      "INSERT INTO attachments(sha256, size, data) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(sha256) DO NOTHING");
  for (const Blob& b : blobs) {
    st->Bind(1, b.sha256).Bind(2, static_cast<int64_t>(b.data.size()));
    st->BindBlob(3, b.data.data(), b.data.size());
    DL_RETURN_IF_ERROR(st->Run());
  }
  return Ok();
}

}  // namespace dl::store
