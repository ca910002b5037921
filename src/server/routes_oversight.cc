// Warnings and their life (预警处置): the inbox, a warning's page with its steps and what the
// caller may do next, hand-entered warnings, steps with files, and the duties recorded (两责).
#include <cctype>

#include "base/sha256.h"
#include "ledger/checkpoint.h"
#include "server/handlers.h"
#include "service/oversight_service.h"
#include "service/public_service.h"

namespace dl::server {
namespace {

Json WarningJson(const Call& call, const store::WarningRow& w) {
  return {{"seq", w.seq},
          {"rule", w.rule},
          {"rule_name", w.rule_name},
          {"level", w.level},
          {"base_level", w.base_level},
          {"message", w.message},
          {"case", w.case_id},
          {"power", w.power},
          {"unit", w.unit},
          {"unit_name", call.UnitName(w.unit)},
          {"supervisor", w.supervisor},
          {"supervisor_name", w.supervisor.empty() ? "" : call.UnitName(w.supervisor)},
          {"person", w.person},
          {"person_name", w.person.empty() ? "" : call.PersonName(w.person)},
          {"raised", w.raised},
          {"status", w.status},
          {"source", w.source},
          {"due", w.due},
          {"escalations", w.escalations},
          {"measure", w.measure},
          {"updated", w.updated},
          {"evidence", w.evidence}};
}

Json EntryJson(const ledger::Entry& e) {
  return {{"seq", e.seq},
          {"kind", e.kind},
          {"subject", e.subject},
          {"actor", e.actor},
          {"time", FormatInstant(e.time)},
          {"payload", e.payload},
          {"leaf_hash", ToHex(e.leaf_hash)}};
}

service::OversightService Service(Call& call) {
  return service::OversightService(call.svc.writer, call.svc.store, call.svc.clock);
}

// A warning the caller may see (its unit in scope); not_found / permission_denied otherwise.
// 信访举报 (complaints from the public and hand-entered reports) are for the inspectors only: the
// unit concerned never sees them (严禁将检举控告材料转给被检举控告人).
constexpr const char* kPetitions = "信访举报";

Result<store::WarningRow> ScopedWarning(Call& call, const std::string& seq_text) {
  DL_ASSIGN_OR_RETURN(uint64_t seq, WholeNumber(seq_text, "seq"));
  DL_ASSIGN_OR_RETURN(auto w, call.svc.queries.WarningAt(seq));
  if (!w || (w->source == kPetitions && call.caller.role != access::Role::kInspector)) {
    return Err(ErrorCode::kNotFound, "预警 " + std::to_string(seq) + " 不存在");
  }
  DL_RETURN_IF_ERROR(call.RequireUnit(w->unit));
  return *w;
}

// RFC 5987 percent-encoding of a file name for Content-Disposition's filename*.
std::string PercentEncoded(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Files in a JSON body: [{"name", "type", "data": base64}].
Result<std::vector<service::UploadedFile>> FilesOf(const Json& body) {
  std::vector<service::UploadedFile> out;
  auto it = body.find("files");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return Err(ErrorCode::kInvalidArgument, "files 应为数组");
  for (const Json& f : *it) {
    if (!f.is_object()) return Err(ErrorCode::kInvalidArgument, "files 的每一项应为对象");
    service::UploadedFile file{f.value("name", ""), f.value("type", ""), {}};
    auto bytes = ledger::FromBase64(f.value("data", ""));
    if (!bytes) {
      return Err(ErrorCode::kInvalidArgument, "附件“" + file.name + "”的 data 不是有效的 base64");
    }
    file.data.assign(bytes->begin(), bytes->end());
    out.push_back(std::move(file));
  }
  return out;
}

}  // namespace

Result<Reply> ListWarnings(Call& call) {
  store::WarningQuery q;
  DL_ASSIGN_OR_RETURN(q.units, call.Units(call.Query("unit")));
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  q.offset = paging.first;
  q.limit = paging.second;
  q.level = call.Query("level");
  q.rule = call.Query("rule");
  q.status = call.Query("status");
  q.case_id = call.Query("case");
  q.person = call.Query("person");
  q.supervisor = call.Query("supervisor");
  q.source = call.Query("source");
  if (!q.source.empty() && q.source != "rule" && q.source != "manual") {
    return Err(ErrorCode::kInvalidArgument,
               "参数 source 应为 rule（规则预警）或 manual（人工录入）");
  }
  if (call.caller.role != access::Role::kInspector) q.hide_source = kPetitions;
  q.overdue_only = call.Query("overdue") == "true";
  q.now = FormatInstant(call.svc.clock.Now());
  DL_ASSIGN_OR_RETURN(q.raised_from, DayBound(call.Query("from"), "from", false));
  DL_ASSIGN_OR_RETURN(q.raised_to, DayBound(call.Query("to"), "to", true));
  DL_ASSIGN_OR_RETURN(auto page, call.svc.queries.Warnings(q));
  Json items = Json::array();
  for (const auto& w : page.items) items.push_back(WarningJson(call, w));
  return Reply::Of(PageJson(std::move(items), page.total, q.offset, q.limit));
}

Result<Reply> GetWarning(Call& call) {
  DL_ASSIGN_OR_RETURN(store::WarningRow w, ScopedWarning(call, call.params.at(0)));
  Json j = WarningJson(call, w);
  Json entries = Json::array();
  for (uint64_t e : w.evidence) {
    DL_ASSIGN_OR_RETURN(auto read, call.svc.store.ReadEntries(e, 1));
    if (!read.empty()) entries.push_back(EntryJson(read[0]));
  }
  j["evidence_entries"] = entries;
  // What the raising entry says beyond the row: links, files, who entered it, repetition.
  DL_ASSIGN_OR_RETURN(auto raise, call.svc.store.ReadEntries(w.seq, 1));
  if (!raise.empty()) {
    for (const char* key :
         {"links", "attachments", "entered_by", "promoted", "deadline", "exception"}) {
      if (raise[0].payload.contains(key)) j[key] = raise[0].payload[key];
    }
    if (raise[0].payload.contains("complaint")) {  // raised by a complaint from the public
      DL_ASSIGN_OR_RETURN(Json complaint, service::ComplaintOfWarning(call.svc.store, w.seq));
      if (complaint.is_object()) complaint["unit_name"] = call.UnitName(w.unit);
      j["complaint"] = std::move(complaint);
    }
  }
  DL_ASSIGN_OR_RETURN(auto steps, call.svc.queries.WarningSteps(w.seq));
  Json history = Json::array();
  for (const auto& s : steps) {
    Json step = s.body;
    step["seq"] = s.seq;
    step["time"] = s.time;
    if (auto a = oversight::kStepCodes.Parse(s.action)) {
      step["action_name"] = oversight::kStepNames.Label(*a);
    }
    history.push_back(std::move(step));
  }
  j["steps"] = std::move(history);
  Json allowed = Json::array();
  for (auto a : oversight::AllowedSteps(writer::LifeOf(w), call.AsActor())) {
    allowed.push_back(oversight::kStepCodes.Label(a));
  }
  j["allowed"] = std::move(allowed);
  Json candidates = Json::array();
  for (const auto& c : service::DutyCandidates(*call.state, w, ChinaDate(call.svc.clock.Now()))) {
    candidates.push_back({{"kind", oversight::kDutyKinds.Label(c.kind)},
                          {"person", c.person},
                          {"name", c.name},
                          {"unit", c.unit},
                          {"unit_name", call.UnitName(c.unit)},
                          {"role", c.role}});
  }
  j["duty_candidates"] = std::move(candidates);
  DL_RETURN_IF_ERROR(call.AuditRead("warning:" + std::to_string(w.seq), "预警证据"));
  return Reply::Of(j);
}

Result<Reply> EnterWarning(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(oversight::ManualWarning w, oversight::ManualWarningFromJson(body));
  w.attachments.clear();  // files come with their bytes only
  DL_RETURN_IF_ERROR(call.RequireUnit(w.unit));
  DL_ASSIGN_OR_RETURN(auto files, FilesOf(body));
  DL_ASSIGN_OR_RETURN(uint64_t seq, Service(call).Raise(call.caller.Actor(), std::move(w),
                                                        call.AsActor(), std::move(files)));
  DL_ASSIGN_OR_RETURN(auto row, call.svc.queries.WarningAt(seq));
  if (!row) return Err(ErrorCode::kInternal, "预警 " + std::to_string(seq) + " 读取失败");
  return Reply::Of(WarningJson(call, *row), 201);
}

Result<Reply> TakeWarningStep(Call& call) {
  DL_ASSIGN_OR_RETURN(store::WarningRow w, ScopedWarning(call, call.params.at(0)));
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(oversight::Step step, oversight::StepFromJson(body));
  step.attachments.clear();  // files come with their bytes only
  DL_ASSIGN_OR_RETURN(auto files, FilesOf(body));
  DL_ASSIGN_OR_RETURN(store::WarningRow after,
                      Service(call).Step(call.caller.Actor(), w.seq, std::move(step),
                                         call.AsActor(), std::move(files)));
  return Reply::Of(WarningJson(call, after));
}

Result<Reply> WarningAttachment(Call& call) {
  DL_ASSIGN_OR_RETURN(store::WarningRow w, ScopedWarning(call, call.params.at(0)));
  const std::string& sha = call.params.at(1);
  // Only a file this warning's entries describe.
  DL_ASSIGN_OR_RETURN(auto entries,
                      call.svc.store.ReadEntriesBySubject("warning:" + std::to_string(w.seq)));
  std::optional<Json> found;
  for (const auto& e : entries) {
    auto files = e.payload.find("attachments");
    if (files == e.payload.end() || !files->is_array()) continue;
    for (const Json& a : *files) {
      if (a.value("sha256", "") == sha) found = a;
    }
    if (found) break;
  }
  if (!found) return Err(ErrorCode::kNotFound, "该预警没有这个附件");
  DL_ASSIGN_OR_RETURN(auto data, call.svc.store.AttachmentData(sha));
  if (!data) return Err(ErrorCode::kNotFound, "附件内容不在库中");
  if (ToHex(Sha256(*data)) != sha) {
    return Err(ErrorCode::kCorrupt, "附件内容与留痕记录的哈希不符（可能被篡改）");
  }
  DL_RETURN_IF_ERROR(call.AuditRead("warning:" + std::to_string(w.seq), "预警附件 " + sha));
  Reply r = Reply::Text(std::move(*data), found->value("type", "application/octet-stream"));
  r.headers.emplace_back("Content-Disposition", "attachment; filename*=UTF-8''" +
                                                    PercentEncoded(found->value("name", "file")));
  return r;
}

Result<Reply> ListDuties(Call& call) {
  store::DutyQuery q;
  DL_ASSIGN_OR_RETURN(q.units, call.Units(call.Query("warning_unit")));
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  q.offset = paging.first;
  q.limit = paging.second;
  q.person = call.Query("person");
  q.unit = call.Query("unit");
  DL_ASSIGN_OR_RETURN(auto page, call.svc.queries.Duties(q));
  Json items = Json::array();
  for (const auto& d : page.items) {
    items.push_back({{"seq", d.seq},
                     {"warning", d.warning},
                     {"kind", d.kind},
                     {"person", d.person},
                     {"person_name", call.PersonName(d.person)},
                     {"unit", d.unit},
                     {"unit_name", call.UnitName(d.unit)},
                     {"role", d.role},
                     {"measure", d.measure},
                     {"time", d.time},
                     {"warning_unit", d.warning_unit},
                     {"warning_unit_name", call.UnitName(d.warning_unit)},
                     {"level", d.level},
                     {"rule_name", d.rule_name},
                     {"message", d.message},
                     {"disposal", d.disposal}});
  }
  return Reply::Of(PageJson(std::move(items), page.total, q.offset, q.limit));
}

}  // namespace dl::server
