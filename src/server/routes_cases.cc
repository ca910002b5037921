// Cases: lists, a case's page and flowchart, evidence; online handling as the account's
// person; a handler's tasks; events from integrating systems.
#include <future>
#include <set>

#include "render/flow_svg.h"
#include "server/handlers.h"
#include "service/evidence_service.h"
#include "service/handling_service.h"
#include "service/task_service.h"

namespace dl::server {
namespace {

// The unit of a recorded case, checked against the caller's scope; not_found when no event
// of it is recorded.
Result<std::string> ScopedCase(const Call& call, const std::string& case_id) {
  DL_ASSIGN_OR_RETURN(auto row, call.svc.queries.CaseAt(case_id));
  if (!row) return Err(ErrorCode::kNotFound, "办件“" + case_id + "”不存在");
  DL_RETURN_IF_ERROR(call.RequireUnit(row->unit));
  return row->unit;
}

std::string PowerName(const Call& call, const std::string& code) {
  auto it = call.state->powers.find(code);
  return it == call.state->powers.end() ? "" : it->second.power.name;
}

Json CaseRowJson(const Call& call, const store::CaseRow& r) {
  return {{"case", r.case_id},
          {"power", r.power},
          {"power_name", PowerName(call, r.power)},
          {"version", r.version},
          {"unit", r.unit},
          {"unit_name", call.UnitName(r.unit)},
          {"opened", r.opened},
          {"closed", r.closed.empty() ? Json() : Json(r.closed)},
          {"events", r.events},
          {"deviations", r.deviations},
          {"warnings", r.warnings}};
}

service::HandlingService Handling(Call& call) {
  service::HandlingOptions o;
  o.actor = call.caller.Actor();
  return service::HandlingService(call.svc.writer, call.svc.store, call.svc.clock, o);
}

// The person an account handles as; permission_denied when it has none.
Result<std::string> Person(const Call& call) {
  if (call.caller.person.empty()) {
    return Err(ErrorCode::kPermissionDenied, "账号没有绑定人员，不能办理办件");
  }
  return call.caller.person;
}

Reply Handled(const service::Handled& h, int status = 200) { return Reply::Of(h.ToJson(), status); }

// Adds a <style> to a flowchart that colours the nodes a case has passed, where it stands and
// where it deviated (the renderer gives each node's group id="node-<code>").
std::string MarkFlow(std::string svg, const service::CaseView& view) {
  std::set<std::string> done, current, deviated;
  for (const auto& r : view.events) {
    if (r.event.type == engine::EventType::kCompleted) done.insert(r.event.node);
    for (const auto& d : r.deviations) {
      for (const auto& n : d.value("nodes", Json::array())) {
        if (n.is_string()) deviated.insert(n.get<std::string>());
      }
    }
  }
  for (const auto& n : view.next) current.insert(n.node);
  std::string css = "<style>";
  auto rule = [&css](const std::set<std::string>& nodes, const char* fill, const char* stroke) {
    for (const auto& n : nodes) {
      css += "#node-" + n + " polygon,#node-" + n + " ellipse,#node-" + n + " path{fill:" + fill +
             ";stroke:" + stroke + ";stroke-width:2}";
    }
  };
  rule(done, "#e1f3d8", "#67c23a");
  rule(current, "#ecf5ff", "#409eff");
  rule(deviated, "#fde2e2", "#f56c6c");
  css += "</style>";
  const size_t open = svg.find("<svg");
  const size_t end = open == std::string::npos ? open : svg.find('>', open);
  if (end != std::string::npos) svg.insert(end + 1, css);
  return svg;
}

}  // namespace

Result<Reply> ListCases(Call& call) {
  store::CaseQuery q;
  DL_ASSIGN_OR_RETURN(q.units, call.Units(call.Query("unit")));
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  q.offset = paging.first;
  q.limit = paging.second;
  q.power = call.Query("power");
  q.state = call.Query("state");
  if (!q.state.empty() && q.state != "open" && q.state != "closed") {
    return Err(ErrorCode::kInvalidArgument, "参数 state 应为 open（在办）或 closed（办结）");
  }
  DL_ASSIGN_OR_RETURN(q.opened_from, DayBound(call.Query("from"), "from", false));
  DL_ASSIGN_OR_RETURN(q.opened_to, DayBound(call.Query("to"), "to", true));
  q.id_prefix = call.Query("q");
  DL_ASSIGN_OR_RETURN(auto page, call.svc.queries.Cases(q));
  Json items = Json::array();
  for (const auto& r : page.items) items.push_back(CaseRowJson(call, r));
  return Reply::Of(PageJson(std::move(items), page.total, q.offset, q.limit));
}

Result<Reply> GetCase(Call& call) {
  const std::string& id = call.params.at(0);
  DL_ASSIGN_OR_RETURN(std::string unit, ScopedCase(call, id));
  DL_ASSIGN_OR_RETURN(service::CaseView view, service::ViewCase(call.svc.store, id));
  DL_RETURN_IF_ERROR(call.AuditRead("case:" + id, "办件详情"));
  Json j = view.ToJson();
  j["unit"] = unit;
  j["unit_name"] = call.UnitName(unit);
  return Reply::Of(j);
}

Result<Reply> CaseFlowSvg(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(service::CaseView view, service::ViewCase(call.svc.store, id));
  if (view.version == 0) {
    return Err(ErrorCode::kNotFound, "办件“" + id + "”的权力不在权力清单中，没有流程图");
  }
  DL_ASSIGN_OR_RETURN(catalog::Power power, PowerAtVersion(call, view.power, view.version));
  DL_ASSIGN_OR_RETURN(std::string svg, render::RenderFlowSvg(power, *call.state));
  return Reply::Text(MarkFlow(std::move(svg), view), "image/svg+xml; charset=utf-8");
}

Result<Reply> CaseEvidence(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(auto bundle,
                      service::BuildEvidence(call.svc.store, "case:" + id, call.svc.clock.Now()));
  DL_RETURN_IF_ERROR(call.AuditRead("case:" + id, "证据包"));
  Reply r = Reply::Of(bundle.ToJson());
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"evidence-" + id + ".json\"");
  return r;
}

Result<Reply> OpenCase(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  service::OpenRequest o;
  DL_ASSIGN_OR_RETURN(o.power, TextField(body, "power", true));
  auto power = call.state->powers.find(o.power);
  if (power == call.state->powers.end()) {
    return Err(ErrorCode::kInvalidArgument,
               "权力“" + o.power + "”不在权力清单中（法无授权即禁止）");
  }
  DL_RETURN_IF_ERROR(call.RequireUnit(power->second.power.unit));
  DL_ASSIGN_OR_RETURN(o.person, Person(call));
  DL_ASSIGN_OR_RETURN(o.applicant, TextField(body, "applicant"));
  DL_ASSIGN_OR_RETURN(o.applicant_phone, TextField(body, "applicant_phone"));
  DL_ASSIGN_OR_RETURN(o.counterparty, TextField(body, "counterparty"));
  DL_ASSIGN_OR_RETURN(o.amount, NumberField(body, "amount"));
  if (body.contains("attributes")) o.attributes = body["attributes"];
  DL_ASSIGN_OR_RETURN(auto handled, Handling(call).Open(o));
  return Handled(handled, 201);
}

Result<Reply> StepCase(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(std::string person, Person(call));
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string node, TextField(body, "node", true));
  service::StepValues v;
  DL_ASSIGN_OR_RETURN(v.amount, NumberField(body, "amount"));
  DL_ASSIGN_OR_RETURN(v.decision, TextField(body, "decision"));
  DL_ASSIGN_OR_RETURN(v.reason, TextField(body, "reason"));
  if (body.contains("attributes")) v.attributes = body["attributes"];
  const bool start_first = body.value("start_first", true);
  DL_ASSIGN_OR_RETURN(auto handled, Handling(call).Step(id, node, person, v, start_first));
  return Handled(handled);
}

Result<Reply> DecideCase(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(std::string person, Person(call));
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string node, TextField(body, "node", true));
  service::Decision d;
  DL_ASSIGN_OR_RETURN(d.decision, TextField(body, "decision", true));
  DL_ASSIGN_OR_RETURN(d.decided_value, NumberField(body, "decided_value"));
  DL_ASSIGN_OR_RETURN(d.grade, TextField(body, "grade"));
  DL_ASSIGN_OR_RETURN(d.reason, TextField(body, "reason"));
  if (body.contains("meeting") && !body["meeting"].is_null()) {
    auto meeting = engine::MeetingFromJson(body["meeting"]);
    if (!meeting) return Err(ErrorCode::kInvalidArgument, "会议记录：" + meeting.error().message);
    d.meeting = std::move(*meeting);
  }
  DL_ASSIGN_OR_RETURN(auto handled, Handling(call).Decide(id, node, person, d));
  return Handled(handled);
}

Result<Reply> SuspendCase(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(std::string person, Person(call));
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string reason, TextField(body, "reason", true));
  DL_ASSIGN_OR_RETURN(auto handled, Handling(call).Suspend(id, person, reason));
  return Handled(handled);
}

Result<Reply> ResumeCase(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(std::string person, Person(call));
  DL_ASSIGN_OR_RETURN(auto handled, Handling(call).Resume(id, person));
  return Handled(handled);
}

Result<Reply> CloseCase(Call& call) {
  const std::string& id = call.params.at(0);
  DL_RETURN_IF_ERROR(ScopedCase(call, id).map([](const std::string&) {}));
  DL_ASSIGN_OR_RETURN(std::string person, Person(call));
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string decision, TextField(body, "decision"));
  DL_ASSIGN_OR_RETURN(auto handled, Handling(call).Close(id, person, decision));
  return Handled(handled);
}

Result<Reply> ListTasks(Call& call) {
  DL_ASSIGN_OR_RETURN(std::string person, Person(call));
  DL_ASSIGN_OR_RETURN(auto tasks,
                      service::TasksOf(call.svc.store, call.svc.queries, *call.state, person,
                                       *call.caller.scope, ChinaDate(call.svc.clock.Now())));
  Json items = Json::array();
  for (const auto& t : tasks) {
    items.push_back({{"case", t.case_id},
                     {"power", t.power},
                     {"power_name", t.power_name},
                     {"unit", t.unit},
                     {"unit_name", call.UnitName(t.unit)},
                     {"node", t.node},
                     {"node_name", t.node_name},
                     {"opened", t.opened},
                     {"since", t.since},
                     {"suspended", t.suspended}});
  }
  return Reply::Of({{"items", items}, {"total", items.size()}});
}

Result<Reply> PostEvents(Call& call) {
  std::string error;
  auto body = ParseJson(call.req.body, &error);
  if (!body) return Err(ErrorCode::kInvalidArgument, "请求体不是有效的 JSON：" + error);
  Json list = body->is_array() ? *body : Json::array({*body});
  if (list.empty()) return Err(ErrorCode::kInvalidArgument, "请求体中没有事件");
  if (list.size() > 10000) {
    return Err(ErrorCode::kInvalidArgument, "一次最多报送 10000 个事件，请分批");
  }
  writer::RecordEvents rec;
  for (size_t i = 0; i < list.size(); ++i) {
    auto e = engine::EventFromJson(list[i]);
    const std::string where = "第 " + std::to_string(i + 1) + " 个事件：";
    if (!e) return Err(ErrorCode::kInvalidArgument, where + e.error().message);
    // Without its own recording time, an event was recorded when Daylight received it.
    if (!list[i].contains("recorded")) e->recorded = call.svc.clock.Now();
    // The power the event names must be in scope here; the unit of its case — as recorded,
    // whatever power the event names, so that no key writes into another unit's case — is
    // checked by the writer, which holds the case (rec.scope). An unknown power has no unit:
    // the case is recorded and the rule 法无授权即禁止 raises it.
    if (auto p = call.state->powers.find(e->power);
        !e->power.empty() && p != call.state->powers.end()) {
      auto allowed = call.RequireUnit(p->second.power.unit);
      if (!allowed) return Err(ErrorCode::kPermissionDenied, where + allowed.error().message);
    }
    rec.events.push_back(std::move(*e));
  }
  // Called on the writer's thread while this one waits for the receipt below.
  rec.scope = [&call](const std::string& unit) { return call.RequireUnit(unit); };
  writer::Submission sub;
  sub.actor = call.caller.Actor();
  sub.commands.emplace_back(std::move(rec));
  auto future = call.svc.writer.SubmitAsync(std::move(sub));
  auto receipt = future.get();
  if (!receipt && receipt.error().code == ErrorCode::kResourceExhausted) {
    Reply r = ErrorReply(receipt.error());
    r.headers.emplace_back("Retry-After", "1");
    return r;
  }
  if (!receipt) return Err(receipt.error());
  size_t warnings = 0;
  for (const auto& [rule, n] : receipt->cases.warnings) warnings += n;
  call.svc.metrics.EventsIngested(receipt->cases.events);
  call.svc.metrics.WarningsRaised(warnings);
  return Reply::Of({{"recorded", receipt->cases.events},
                    {"duplicates", receipt->cases.duplicates},
                    {"cases_opened", receipt->cases.cases_opened},
                    {"deviations", receipt->cases.deviations},
                    {"warnings", receipt->cases.warnings},
                    {"first_seq", receipt->first_seq},
                    {"last_seq", receipt->last_seq}});
}

}  // namespace dl::server
