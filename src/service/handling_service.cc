#include "service/handling_service.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "base/date.h"
#include "base/text.h"
#include "catalog/power.h"
#include "engine/case_engine.h"
#include "writer/case_recorder.h"

namespace dl::service {
namespace {

tl::unexpected<Error> Invalid(std::string message) {
  return Err(ErrorCode::kInvalidArgument, std::move(message));
}

// invalid_argument naming `what` when `value` is blank.
Status Required(const std::string& value, const char* what) {
  if (Trim(value).empty()) return Invalid(std::string("请写明") + what);
  return Ok();
}

Status CheckAmount(const std::optional<double>& amount, const char* what) {
  if (!amount) return Ok();
  if (!std::isfinite(*amount) || *amount < 0) {
    return Invalid(std::string(what) + "应为不小于 0 的数");
  }
  return Ok();
}

Status CheckAttributes(const Json& attributes) {
  if (!attributes.is_object()) return Invalid("办件数据（attributes）应为“名称 = 值”的集合");
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    if (Trim(it.key()).empty()) return Invalid("办件数据的名称不能为空");
    if (it->is_object() || it->is_array() || it->is_null()) {
      return Invalid("办件数据“" + it.key() + "”的值应为文本、数字或布尔值");
    }
  }
  return Ok();
}

// "2026-11-23 16:00" in China Standard Time.
std::string ChinaMinute(Instant t) {
  std::string s = FormatInstant(t + kChinaOffset);  // 2026-11-23T16:00:00.000Z
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

// 1200 → "1200", 0.5 → "0.5".
std::string Number(double v) {
  if (std::abs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  return Json(v).dump();
}

Json WarningToJson(const store::WarningRow& w) {
  return {{"seq", w.seq},       {"rule", w.rule},       {"rule_name", w.rule_name},
          {"level", w.level},   {"message", w.message}, {"person", w.person},
          {"raised", w.raised}, {"status", w.status},   {"evidence", w.evidence}};
}

// How the case stands after its recorded events, as far as suspending and closing go.
struct Standing {
  bool opened = false, closed = false, suspended = false;
};
Standing StandingOf(const std::vector<engine::Event>& events) {
  Standing s;
  for (const auto& e : events) {
    s.opened = true;
    switch (e.type) {
      case engine::EventType::kSuspended:
        s.suspended = true;
        break;
      case engine::EventType::kResumed:
        s.suspended = false;
        break;
      case engine::EventType::kClosed:
        s.closed = true;
        s.suspended = false;
        break;
      default:
        break;
    }
  }
  return s;
}

// The power version a case opened at `opened` runs against, from the store (as the writer
// pins it: the version in force on the opening day in China Standard Time).
Result<engine::PinnedPower> PinFromStore(store::Store& store, const std::string& code,
                                         Instant opened) {
  const Date day = ChinaDate(opened);
  DL_ASSIGN_OR_RETURN(auto versions, store.PowerVersions(code));
  int version = 0;
  for (const auto& v : versions) {
    if (v.effective_from <= day) version = v.version;
  }
  DL_ASSIGN_OR_RETURN(catalog::Power power, store.PowerInForce(code, day));
  return engine::PinnedPower{version, std::make_shared<const catalog::Power>(std::move(power))};
}

const catalog::Node* FindNode(const catalog::Power* power, const std::string& code) {
  if (!power) return nullptr;
  for (const auto& n : power->flow.nodes) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

}  // namespace

std::string SystemRandomHex(size_t bytes) {
  static const bool sodium_ready = sodium_init() >= 0;
  std::vector<unsigned char> buf(bytes);
  if (sodium_ready) {
    randombytes_buf(buf.data(), buf.size());
  } else {  // practically never: libsodium could not initialise
    std::random_device rd;
    for (auto& b : buf) b = static_cast<unsigned char>(rd() & 0xFF);
  }
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

Json Handled::ToJson() const {
  Json list = Json::array();
  for (const auto& e : events) list.push_back(engine::EventToJson(e));
  Json rows = Json::array();
  for (const auto& w : raised) rows.push_back(WarningToJson(w));
  return {{"case", case_id},      {"events", std::move(list)}, {"first_seq", first_seq},
          {"last_seq", last_seq}, {"warnings", warnings},      {"raised", std::move(rows)}};
}

HandlingService::HandlingService(writer::Writer& writer, store::Store& store, const Clock& clock,
                                 HandlingOptions options)
    : writer_(writer), store_(store), clock_(clock), options_(std::move(options)) {
  if (!options_.random) options_.random = SystemRandomHex;
}

engine::Event HandlingService::NewEvent(engine::EventType type, const std::string& case_id,
                                        const std::string& person) {
  engine::Event e;
  e.source = kHandlingSource;
  e.external_id = options_.random(16);
  e.type = type;
  e.case_id = std::string(Trim(case_id));
  e.actor = std::string(Trim(person));
  // The ledger keeps milliseconds; an event held in memory at the same precision is the same
  // event after a restart.
  e.occurred = e.recorded = std::chrono::time_point_cast<std::chrono::milliseconds>(clock_.Now());
  return e;
}

Result<std::string> HandlingService::NewCaseId(const std::string& power) {
  const std::string day = ChinaDate(clock_.Now()).ToString();  // 2026-11-23
  const std::string stem =
      power + "-" + day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2) + "-";
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string id = stem + options_.random(3);
    DL_ASSIGN_OR_RETURN(auto entries, store_.ReadEntriesBySubject("case:" + id));
    if (entries.empty()) return id;
  }
  return Err(ErrorCode::kConflict, "无法生成未使用的办件编号（" + stem + "……），请指定办件编号");
}

Status HandlingService::CheckOpen(const std::string& case_id, std::optional<bool> want_suspended) {
  DL_RETURN_IF_ERROR(Required(case_id, "办件编号"));
  DL_ASSIGN_OR_RETURN(auto events, writer::RecordedEvents(store_, std::string(Trim(case_id))));
  const Standing s = StandingOf(events);
  if (!s.opened) return Invalid("办件“" + case_id + "”不存在（尚未受理）");
  if (s.closed) return Invalid("办件“" + case_id + "”已办结，不能再办理");
  if (want_suspended && *want_suspended != s.suspended) {
    return Invalid(s.suspended ? "办件“" + case_id + "”已在暂停计时中"
                               : "办件“" + case_id + "”没有暂停计时，无需恢复");
  }
  return Ok();
}

Result<Handled> HandlingService::Submit(std::vector<engine::Event> events) {
  // The events must also be valid as any source's events (the same checks as an import).
  for (const auto& e : events) {
    auto parsed = engine::EventFromJson(engine::EventToJson(e));
    if (!parsed) return Err(parsed.error());
  }
  writer::Submission sub;
  sub.actor = options_.actor;
  writer::RecordEvents record{events};
  record.guided = true;
  sub.commands.emplace_back(std::move(record));
  DL_ASSIGN_OR_RETURN(writer::Receipt receipt, writer_.Submit(std::move(sub)));
  Handled h;
  h.case_id = events.front().case_id;
  h.first_seq = receipt.first_seq;
  h.last_seq = receipt.last_seq;
  h.warnings = receipt.cases.warnings;
  h.events = std::move(events);
  size_t warned = 0;
  for (const auto& [rule, n] : h.warnings) warned += n;
  if (warned > 0 && receipt.first_seq > 0) {
    store::WarningFilter filter;
    filter.case_id = h.case_id;
    filter.limit = warned + 100;  // newest first: ours are among the latest of the case
    DL_ASSIGN_OR_RETURN(auto rows, store_.Warnings(filter));
    for (auto& w : rows) {
      if (w.seq >= receipt.first_seq && w.seq <= receipt.last_seq) h.raised.push_back(std::move(w));
    }
    std::sort(h.raised.begin(), h.raised.end(),
              [](const auto& a, const auto& b) { return a.seq < b.seq; });
  }
  return h;
}

Result<Handled> HandlingService::Open(const OpenRequest& request) {
  DL_RETURN_IF_ERROR(Required(request.power, "权力编码"));
  DL_RETURN_IF_ERROR(Required(request.person, "受理人（人员编码）"));
  DL_RETURN_IF_ERROR(CheckAmount(request.amount, "金额"));
  DL_RETURN_IF_ERROR(CheckAttributes(request.attributes));
  const std::string power(Trim(request.power));
  std::string case_id(Trim(request.case_id));
  if (case_id.empty()) {
    DL_ASSIGN_OR_RETURN(case_id, NewCaseId(power));
  } else {
    DL_ASSIGN_OR_RETURN(auto recorded, writer::RecordedEvents(store_, case_id));
    if (!recorded.empty()) return Invalid("办件“" + case_id + "”已经受理过，不能重复受理");
  }
  engine::Event e = NewEvent(engine::EventType::kOpened, case_id, request.person);
  e.power = power;
  e.applicant = std::string(Trim(request.applicant));
  if (!Trim(request.applicant_phone).empty()) {
    auto check = engine::TrackingCheck(case_id, request.applicant_phone);
    if (!check) return Invalid("申请人手机号：" + check.error().message);
    e.tracking_check = std::move(*check);
  }
  e.counterparty = std::string(Trim(request.counterparty));
  e.amount = request.amount;
  e.attributes = request.attributes;
  return Submit({std::move(e)});
}

Result<Handled> HandlingService::Start(const std::string& case_id, const std::string& node,
                                       const std::string& person) {
  DL_RETURN_IF_ERROR(Required(node, "环节编码"));
  DL_RETURN_IF_ERROR(Required(person, "办理人（人员编码）"));
  DL_RETURN_IF_ERROR(CheckOpen(case_id));
  engine::Event e = NewEvent(engine::EventType::kStarted, case_id, person);
  e.node = std::string(Trim(node));
  return Submit({std::move(e)});
}

Result<Handled> HandlingService::Step(const std::string& case_id, const std::string& node,
                                      const std::string& person, const StepValues& values,
                                      bool start_first) {
  DL_RETURN_IF_ERROR(Required(node, "环节编码"));
  DL_RETURN_IF_ERROR(Required(person, "办理人（人员编码）"));
  DL_RETURN_IF_ERROR(CheckAmount(values.amount, "金额"));
  DL_RETURN_IF_ERROR(CheckAttributes(values.attributes));
  DL_RETURN_IF_ERROR(CheckOpen(case_id));
  std::vector<engine::Event> events;
  if (start_first) {
    events.push_back(NewEvent(engine::EventType::kStarted, case_id, person));
    events.back().node = std::string(Trim(node));
  }
  engine::Event e = NewEvent(engine::EventType::kCompleted, case_id, person);
  e.node = std::string(Trim(node));
  e.amount = values.amount;
  e.decision = std::string(Trim(values.decision));
  e.reason = values.reason;
  e.attributes = values.attributes;
  events.push_back(std::move(e));
  return Submit(std::move(events));
}

Result<Handled> HandlingService::Decide(const std::string& case_id, const std::string& node,
                                        const std::string& person, const Decision& decision) {
  DL_RETURN_IF_ERROR(Required(node, "环节编码"));
  DL_RETURN_IF_ERROR(Required(person, "办理人（人员编码）"));
  DL_RETURN_IF_ERROR(Required(decision.decision, "办理结果（决定）"));
  DL_RETURN_IF_ERROR(CheckAmount(decision.decided_value, "决定值"));
  if (!decision.grade.empty() && !catalog::kGrades.Parse(decision.grade)) {
    return Invalid("裁量情节“" + decision.grade + "”应为 " + catalog::kGrades.Choices() + " 之一");
  }
  if (decision.meeting && decision.meeting->present.empty()) {
    return Invalid("会议记录应写明实到人员");
  }
  DL_RETURN_IF_ERROR(CheckOpen(case_id));
  engine::Event e = NewEvent(engine::EventType::kCompleted, case_id, person);
  e.node = std::string(Trim(node));
  e.decision = std::string(Trim(decision.decision));
  e.decided_value = decision.decided_value;
  e.grade = decision.grade;
  e.reason = decision.reason;
  e.meeting = decision.meeting;
  return Submit({std::move(e)});
}

Result<Handled> HandlingService::Suspend(const std::string& case_id, const std::string& person,
                                         const std::string& reason) {
  DL_RETURN_IF_ERROR(Required(person, "办理人（人员编码）"));
  DL_RETURN_IF_ERROR(Required(reason, "暂停计时的理由（如补正材料、听证、专家评审）"));
  DL_RETURN_IF_ERROR(CheckOpen(case_id, /*want_suspended=*/false));
  engine::Event e = NewEvent(engine::EventType::kSuspended, case_id, person);
  e.reason = reason;
  return Submit({std::move(e)});
}

Result<Handled> HandlingService::Resume(const std::string& case_id, const std::string& person) {
  DL_RETURN_IF_ERROR(Required(person, "办理人（人员编码）"));
  DL_RETURN_IF_ERROR(CheckOpen(case_id, /*want_suspended=*/true));
  return Submit({NewEvent(engine::EventType::kResumed, case_id, person)});
}

Result<Handled> HandlingService::Close(const std::string& case_id, const std::string& person,
                                       const std::string& decision) {
  DL_RETURN_IF_ERROR(Required(person, "办理人（人员编码）"));
  DL_RETURN_IF_ERROR(CheckOpen(case_id));
  engine::Event e = NewEvent(engine::EventType::kClosed, case_id, person);
  e.decision = std::string(Trim(decision));
  return Submit({std::move(e)});
}

Result<CaseView> ViewCase(store::Store& store, const std::string& case_id) {
  CaseView view;
  view.case_id = std::string(Trim(case_id));
  DL_ASSIGN_OR_RETURN(auto entries, store.ReadEntriesBySubject("case:" + view.case_id));
  for (const auto& entry : entries) {
    if (entry.kind != writer::kCaseEventKind) continue;
    auto e = engine::EventFromJson(entry.payload.value("event", Json::object()));
    if (!e) {
      return Err(ErrorCode::kCorrupt, "留痕记录第 " + std::to_string(entry.seq) +
                                          " 条的事件无法解析：" + e.error().message);
    }
    view.events.push_back(
        {entry.seq, entry.actor, std::move(*e), entry.payload.value("deviations", Json::array())});
    if (view.unit.empty() && entry.payload.contains("case")) {
      view.unit = entry.payload["case"].value("unit", "");
    }
  }
  if (view.events.empty()) {
    return Err(ErrorCode::kNotFound, "办件“" + view.case_id + "”不存在（没有任何办理记录）");
  }
  // Replay the events to see where the case stands.
  engine::CaseEngine engine([&store](const std::string& code, Instant opened) {
    return PinFromStore(store, code, opened);
  });
  for (const auto& r : view.events) {
    auto applied = engine.Apply(r.event, r.seq);
    if (!applied) return Err(ErrorCode::kCorrupt, "办件无法重放：" + applied.error().message);
  }
  const engine::OpenCase* c = engine.Find(view.case_id);
  if (!c) return Err(ErrorCode::kInternal, "办件重放后不在内存中");
  view.power = c->power;
  view.version = c->version;
  view.power_name = c->definition ? c->definition->name : "";
  view.definition = c->definition;
  if (c->definition) {
    for (const auto& n : c->definition->flow.nodes) view.node_names[n.code] = n.name;
  }
  view.closed = c->closed;
  view.suspended = c->suspended();
  if (c->flow && !c->closed) {
    for (const std::string& code : engine::Conformance::EnabledSteps(*c->flow, c->state)) {
      const catalog::Node* node = FindNode(c->definition.get(), code);
      view.next.push_back({code, node ? node->name : code, node ? node->post : ""});
    }
    const auto& tokens = c->state.tokens();
    view.can_close = !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [&](auto& k) {
      return k.node != engine::kNoNode && c->flow->Kind(k.node) == catalog::NodeKind::kEnd;
    });
  }
  store::WarningFilter filter;
  filter.case_id = view.case_id;
  filter.limit = 10000;
  DL_ASSIGN_OR_RETURN(view.warnings, store.Warnings(filter));
  std::reverse(view.warnings.begin(), view.warnings.end());
  return view;
}

Json CaseView::ToJson() const {
  Json list = Json::array();
  for (const auto& r : events) {
    Json e = engine::EventToJson(r.event);
    e["seq"] = r.seq;
    e["submitted_by"] = r.actor;
    e["deviations"] = r.deviations;
    list.push_back(std::move(e));
  }
  Json next_list = Json::array();
  for (const auto& n : next) {
    next_list.push_back({{"node", n.node}, {"name", n.name}, {"post", n.post}});
  }
  Json rows = Json::array();
  for (const auto& w : warnings) rows.push_back(WarningToJson(w));
  return {{"case", case_id},
          {"power", power},
          {"version", version},
          {"power_name", power_name},
          {"unit", unit},
          {"closed", closed},
          {"suspended", suspended},
          {"can_close", can_close},
          {"events", std::move(list)},
          {"next", std::move(next_list)},
          {"node_names", node_names},
          {"warnings", std::move(rows)}};
}

std::string CaseView::ToText() const {
  std::string t = "办件 " + case_id + " · " + (power_name.empty() ? "" : power_name + "（") +
                  power +
                  (version ? " 第 " + std::to_string(version) + " 版" : "，不在权力清单中") +
                  (power_name.empty() ? "" : "）") + " · " +
                  (closed      ? "已办结"
                   : suspended ? "在办（暂停计时）"
                               : "在办") +
                  "\n";
  t += "办理记录：\n";
  for (const auto& r : events) {
    const engine::Event& e = r.event;
    t += "  第 " + std::to_string(r.seq) + " 条  " + ChinaMinute(e.occurred) + "  " +
         std::string(engine::kEventTypeNames.Label(e.type));
    if (!e.node.empty()) {
      auto name = node_names.find(e.node);
      t += "  " + e.node + (name == node_names.end() ? "" : " " + name->second);
    }
    if (!e.actor.empty()) t += "  办理人 " + e.actor;
    if (!e.actor_post.empty()) t += "  岗位 " + e.actor_post;
    if (!e.applicant.empty()) t += "  申请人 " + e.applicant;
    if (!e.counterparty.empty()) t += "  相对人 " + e.counterparty;
    if (e.amount) t += "  金额 " + Number(*e.amount);
    if (!e.decision.empty()) t += "  结果 " + e.decision;
    if (e.decided_value) t += "  决定值 " + Number(*e.decided_value);
    if (!e.grade.empty()) t += "  情节 " + e.grade;
    if (!e.reason.empty()) t += "  理由 " + e.reason;
    if (e.meeting) t += "  集体决策（实到 " + std::to_string(e.meeting->present.size()) + " 人）";
    if (!e.attributes.empty()) t += "  " + e.attributes.dump(-1, ' ', false);
    if (e.source != kHandlingSource) t += "  （来源 " + e.source + "）";
    t += "\n";
  }
  if (!closed) {
    if (can_close) {
      t += "流程已走完，可以办结。\n";
    } else if (next.empty()) {
      t += "当前没有可以办理的环节。\n";
    } else {
      t += "当前可以办理的环节：";
      for (size_t i = 0; i < next.size(); ++i) {
        t += (i ? "、" : "") + ("“" + next[i].name + "”（" + next[i].node +
                                (next[i].post.empty() ? "" : "，岗位 " + next[i].post) + "）");
      }
      t += "\n";
    }
  }
  if (warnings.empty()) {
    t += "预警：无\n";
  } else {
    t += "预警 " + std::to_string(warnings.size()) + " 条：\n";
    for (const auto& w : warnings) {
      t += "  " + w.level + "  " + w.rule_name + "  " + w.message + "（第 " +
           std::to_string(w.seq) + " 条留痕，" + w.status + "）\n";
    }
  }
  return t;
}

}  // namespace dl::service
