#include "engine/event.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "base/text.h"

namespace dl::engine {
namespace {

Error FieldError(const std::string& field, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument, "字段 " + field + ": " + what, Json{{"field", field}}};
}

// Reads the fields of one JSON object, remembering which were seen.
class Reader {
 public:
  explicit Reader(const Json& j) : j_(j) { seen_.reserve(32); }

  Result<std::string> Text(const char* key, bool required) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required) return tl::unexpected(FieldError(key, "缺少（必填）"));
      return std::string();
    }
    if (it->is_number()) return it->dump();  // ids sent as numbers are accepted as text
    if (!it->is_string()) return tl::unexpected(FieldError(key, "应为文本"));
    std::string s = it->get<std::string>();
    if (required && s.empty()) return tl::unexpected(FieldError(key, "不能为空"));
    return s;
  }

  Result<std::optional<double>> Number(const char* key) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return std::optional<double>();
    if (!it->is_number()) return tl::unexpected(FieldError(key, "应为数字，得到 " + it->dump()));
    return std::optional<double>(it->get<double>());
  }

  Result<std::optional<Instant>> Time(const char* key) {
    DL_ASSIGN_OR_RETURN(std::string text, Text(key, false));
    if (text.empty()) return std::optional<Instant>();
    auto t = ParseInstant(text);
    if (!t) return tl::unexpected(FieldError(key, "不是 RFC 3339 时间 '" + text + "'"));
    return std::optional<Instant>(*t);
  }

  const Json* Raw(const char* key) {
    seen_.push_back(key);
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }

  Status NoUnknownFields() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end()) {
        return tl::unexpected(FieldError(it.key(), "未知字段"));
      }
    }
    return Ok();
  }

 private:
  const Json& j_;
  // The field names asked for (literals; a score of them): a flat list, searched linearly,
  // costs one allocation per event instead of one tree node per field.
  std::vector<std::string_view> seen_;
};

Result<std::vector<std::string>> StringList(const Json& j, const std::string& field) {
  if (!j.is_array()) return tl::unexpected(FieldError(field, "应为文本数组"));
  std::vector<std::string> out;
  for (const auto& v : j) {
    if (!v.is_string()) return tl::unexpected(FieldError(field, "应为文本数组"));
    out.push_back(v.get<std::string>());
  }
  return out;
}

bool IsHashHex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Result<std::string> TrackingCheck(std::string_view case_id, std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
      return Err(ErrorCode::kInvalidArgument, "手机号只能含数字（可有空格、-、+、括号）");
    }
  }
  if (digits.size() < 4) return Err(ErrorCode::kInvalidArgument, "手机号至少应有 4 位数字");
  std::string text = "daylight.track\n";
  text.append(case_id).append("\n").append(digits.substr(digits.size() - 4));
  return ToHex(Sha256(text));
}

Result<MeetingRecord> MeetingFromJson(const Json& j) {
  if (!j.is_object()) return tl::unexpected(FieldError("meeting", "应为对象"));
  MeetingRecord m;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string field = "meeting." + it.key();
    if (it.key() == "members") {
      if (!it->is_number_integer() || it->get<int>() < 0) {
        return tl::unexpected(FieldError(field, "应为非负整数"));
      }
      m.members = it->get<int>();
    } else if (it.key() == "present") {
      DL_ASSIGN_OR_RETURN(m.present, StringList(*it, field));
    } else if (it.key() == "speaking_order") {
      DL_ASSIGN_OR_RETURN(m.speaking_order, StringList(*it, field));
    } else if (it.key() == "votes") {
      if (!it->is_object()) return tl::unexpected(FieldError(field, "应为 {人员: 表决} 对象"));
      for (auto v = it->begin(); v != it->end(); ++v) {
        if (!v->is_string()) return tl::unexpected(FieldError(field + "." + v.key(), "应为文本"));
        m.votes.emplace_back(v.key(), v->get<std::string>());
      }
    } else {
      return tl::unexpected(FieldError(field, "未知字段"));
    }
  }
  return m;
}

Json MeetingToJson(const MeetingRecord& m) {
  Json votes = Json::object();
  for (const auto& [person, vote] : m.votes) votes[person] = vote;
  return {{"members", m.members},
          {"present", m.present},
          {"speaking_order", m.speaking_order},
          {"votes", votes}};
}

Json EventToJson(const Event& e) {
  Json j = {{"source", e.source},
            {"id", e.external_id},
            {"type", kEventTypes.Label(e.type)},
            {"case", e.case_id},
            {"occurred", FormatInstant(e.occurred)},
            {"recorded", FormatInstant(e.recorded)}};
  auto text = [&j](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  text("power", e.power);
  text("node", e.node);
  text("actor", e.actor);
  text("actor_post", e.actor_post);
  if (e.amount) j["amount"] = *e.amount;
  text("applicant", e.applicant);
  text("tracking_check", e.tracking_check);
  text("counterparty", e.counterparty);
  text("decision", e.decision);
  if (e.decided_value) j["decided_value"] = *e.decided_value;
  text("grade", e.grade);
  text("reason", e.reason);
  if (e.meeting) j["meeting"] = MeetingToJson(*e.meeting);
  if (!e.attributes.empty()) j["attributes"] = e.attributes;
  return j;
}

std::string EventJsonText(const Event& e) {
  const std::string* texts[] = {&e.source,         &e.external_id,  &e.case_id,    &e.power,
                                &e.node,           &e.actor,        &e.actor_post, &e.applicant,
                                &e.tracking_check, &e.counterparty, &e.decision,   &e.grade,
                                &e.reason};
  for (const std::string* t : texts) {
    // The library's writer rejects invalid UTF-8; keep that behaviour for such an event.
    if (!IsValidUtf8(*t)) return CanonicalJson(EventToJson(e));
  }
  std::string out;
  out.reserve(256 + e.counterparty.size() + e.reason.size());
  char sep = '{';
  // Keys in byte order, as CanonicalJson writes them; empty optional fields are left out.
  const auto key = [&](const char* name) {
    out.push_back(sep);
    sep = ',';
    out.push_back('"');
    out += name;
    out += "\":";
  };
  const auto text = [&](const char* name, const std::string& v) {
    if (v.empty()) return;
    key(name);
    AppendJsonString(out, v);
  };
  const auto value = [&](const char* name, const Json& v) {
    key(name);
    out += CanonicalJson(v);
  };
  text("actor", e.actor);
  text("actor_post", e.actor_post);
  if (e.amount) value("amount", *e.amount);
  text("applicant", e.applicant);
  if (!e.attributes.empty()) value("attributes", e.attributes);
  key("case");
  AppendJsonString(out, e.case_id);
  text("counterparty", e.counterparty);
  if (e.decided_value) value("decided_value", *e.decided_value);
  text("decision", e.decision);
  text("grade", e.grade);
  key("id");
  AppendJsonString(out, e.external_id);
  if (e.meeting) value("meeting", MeetingToJson(*e.meeting));
  text("node", e.node);
  key("occurred");
  out.push_back('"');
  out += FormatInstant(e.occurred);
  out.push_back('"');
  text("power", e.power);
  text("reason", e.reason);
  key("recorded");
  out.push_back('"');
  out += FormatInstant(e.recorded);
  out.push_back('"');
  key("source");
  AppendJsonString(out, e.source);
  text("tracking_check", e.tracking_check);
  key("type");
  AppendJsonString(out, kEventTypes.Label(e.type));
  out.push_back('}');
  return out;
}

Result<Event> EventFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "事件必须是 JSON 对象");
  Reader r(j);
  Event e;
  DL_ASSIGN_OR_RETURN(std::string type, r.Text("type", true));
  auto parsed = kEventTypes.Parse(type);
  if (!parsed) parsed = kEventTypeNames.Parse(type);
  if (!parsed) {
    return tl::unexpected(FieldError(
        "type",
        "'" + type + "' 不是事件类型（opened、started、completed、suspended、resumed、closed）"));
  }
  e.type = *parsed;
  DL_ASSIGN_OR_RETURN(e.source, r.Text("source", true));
  DL_ASSIGN_OR_RETURN(e.external_id, r.Text("id", true));
  DL_ASSIGN_OR_RETURN(e.case_id, r.Text("case", true));
  DL_ASSIGN_OR_RETURN(e.power, r.Text("power", e.type == EventType::kOpened));
  const bool step = e.type == EventType::kStarted || e.type == EventType::kCompleted;
  DL_ASSIGN_OR_RETURN(e.node, r.Text("node", step));
  DL_ASSIGN_OR_RETURN(e.actor, r.Text("actor", false));
  DL_ASSIGN_OR_RETURN(e.actor_post, r.Text("actor_post", false));
  if (step && e.actor.empty() && e.actor_post.empty()) {
    return tl::unexpected(
        FieldError("actor", "开始或完成环节须写明办理人（actor）或岗位（actor_post）"));
  }
  DL_ASSIGN_OR_RETURN(auto occurred, r.Time("occurred"));
  if (!occurred) return tl::unexpected(FieldError("occurred", "缺少（必填）"));
  e.occurred = *occurred;
  DL_ASSIGN_OR_RETURN(auto recorded, r.Time("recorded"));
  e.recorded = recorded.value_or(e.occurred);
  DL_ASSIGN_OR_RETURN(e.amount, r.Number("amount"));
  DL_ASSIGN_OR_RETURN(e.applicant, r.Text("applicant", false));
  DL_ASSIGN_OR_RETURN(e.tracking_check, r.Text("tracking_check", false));
  if (!e.tracking_check.empty() && !IsHashHex(e.tracking_check)) {
    return tl::unexpected(FieldError("tracking_check", "应为 64 位十六进制 SHA-256"));
  }
  DL_ASSIGN_OR_RETURN(std::string phone, r.Text("applicant_phone", false));
  if (!phone.empty()) {
    if (!e.tracking_check.empty()) {
      return tl::unexpected(FieldError("applicant_phone", "不能与 tracking_check 同时给出"));
    }
    auto check = TrackingCheck(e.case_id, phone);
    if (!check) return tl::unexpected(FieldError("applicant_phone", check.error().message));
    e.tracking_check = std::move(*check);
  }
  DL_ASSIGN_OR_RETURN(e.counterparty, r.Text("counterparty", false));
  DL_ASSIGN_OR_RETURN(e.decision, r.Text("decision", false));
  DL_ASSIGN_OR_RETURN(e.decided_value, r.Number("decided_value"));
  DL_ASSIGN_OR_RETURN(e.grade, r.Text("grade", false));
  DL_ASSIGN_OR_RETURN(e.reason, r.Text("reason", false));
  if (const Json* m = r.Raw("meeting")) {
    DL_ASSIGN_OR_RETURN(MeetingRecord meeting, MeetingFromJson(*m));
    e.meeting = std::move(meeting);
  }
  if (const Json* a = r.Raw("attributes")) {
    if (!a->is_object()) return tl::unexpected(FieldError("attributes", "应为对象"));
    for (auto it = a->begin(); it != a->end(); ++it) {
      if (it->is_object() || it->is_array()) {
        return tl::unexpected(FieldError("attributes." + it.key(), "应为文本、数字或布尔值"));
      }
    }
    e.attributes = *a;
  }
  DL_RETURN_IF_ERROR(r.NoUnknownFields());
  return e;
}

void CaseValues::Merge(const Event& e) {
  for (auto it = e.attributes.begin(); it != e.attributes.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = *it;
    if (key == "amount" && v.is_number()) {
      amount = v.get<double>();
    } else if (key == "decided_value" && v.is_number()) {
      decided_value = v.get<double>();
    } else if (key == "decision" && v.is_string()) {
      decision = v.get<std::string>();
    } else if (key == "grade" && v.is_string()) {
      grade = v.get<std::string>();
    } else if (key == "counterparty" && v.is_string()) {
      counterparty = v.get<std::string>();
    } else {
      if (!attributes.is_object()) attributes = Json::object();
      attributes[key] = v;
    }
  }
  if (e.amount) amount = e.amount;
  if (!e.decision.empty()) decision = e.decision;
  if (e.decided_value) decided_value = e.decided_value;
  if (!e.grade.empty()) grade = e.grade;
  if (!e.counterparty.empty()) counterparty = e.counterparty;
}

Json CaseValues::ToJson() const {
  Json out = attributes.is_object() ? attributes : Json::object();
  if (amount) out["amount"] = *amount;
  if (!decision.empty()) out["decision"] = decision;
  if (decided_value) out["decided_value"] = *decided_value;
  if (!grade.empty()) out["grade"] = grade;
  if (!counterparty.empty()) out["counterparty"] = counterparty;
  return out;
}

}  // namespace dl::engine
