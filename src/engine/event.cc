#include "engine/event.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "base/text.h"

namespace dl::engine {
namespace {

Error FieldError(const std::string& field, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument, "字段 " + field + ": " + what, Json{{"field", field}}};
}

// The fields of an event's JSON object, in the order EventFromJson reads them (so its first
// error is the same whichever reader below serves it).
enum class Field : uint8_t {
  kType,
  kSource,
  kId,
  kCase,
  kPower,
  kNode,
  kActor,
  kActorPost,
  kOccurred,
  kRecorded,
  kAmount,
  kApplicant,
  kTrackingCheck,
  kApplicantPhone,
  kCounterparty,
  kDecision,
  kDecidedValue,
  kGrade,
  kReason,
  kMeeting,
  kAttributes,
};
constexpr size_t kFieldCount = 21;
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "type",           "source",          "id",           "case",     "power",         "node",
    "actor",          "actor_post",      "occurred",     "recorded", "amount",        "applicant",
    "tracking_check", "applicant_phone", "counterparty", "decision", "decided_value", "grade",
    "reason",         "meeting",         "attributes"};

std::string NameOf(Field f) { return std::string(kFieldNames[static_cast<size_t>(f)]); }

std::optional<Field> FieldNamed(std::string_view name) {
  for (size_t i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

// Reads the fields of one JSON object (the library's tree).
class TreeFields {
 public:
  explicit TreeFields(const Json& j) : j_(j) {}

  Result<std::string> Text(Field f, bool required) {
    const Json* v = Raw(f);
    if (v == nullptr) {
      if (required) return tl::unexpected(FieldError(NameOf(f), "缺少（必填）"));
      return std::string();
    }
    if (v->is_number()) return v->dump();  // ids sent as numbers are accepted as text
    if (!v->is_string()) return tl::unexpected(FieldError(NameOf(f), "应为文本"));
    std::string s = v->get<std::string>();
    if (required && s.empty()) return tl::unexpected(FieldError(NameOf(f), "不能为空"));
    return s;
  }

  Result<std::optional<double>> Number(Field f) {
    const Json* v = Raw(f);
    if (v == nullptr) return std::optional<double>();
    if (!v->is_number()) {
      return tl::unexpected(FieldError(NameOf(f), "应为数字，得到 " + v->dump()));
    }
    return std::optional<double>(v->get<double>());
  }

  // The field's value; nullptr when it is absent or null.
  const Json* Raw(Field f) {
    auto it = j_.find(kFieldNames[static_cast<size_t>(f)]);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }

  // EventFromJson asks for every field, so a key that is not one of them is unknown.
  Status NoUnknownFields() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!FieldNamed(it.key())) return tl::unexpected(FieldError(it.key(), "未知字段"));
    }
    return Ok();
  }

 private:
  const Json& j_;
};

// Reads the fields of an event straight from its JSON text, for the shape events usually have:
// one object of known fields, none twice, text fields holding strings, amount and
// decided_value numbers, meeting and attributes objects (those two parsed by the library).
// Scan says false for anything else — malformed text included — and the caller then takes
// the library's path, which also words the errors. What Scan accepts, it reads as the library
// would (tests/engine/event_test.cc compares the two).
class TextFields {
 public:
  bool Scan(std::string_view text);

  Result<std::string> Text(Field f, bool required) {
    Slot& slot = slots_[static_cast<size_t>(f)];
    if (slot.kind == Kind::kAbsent) {
      if (required) return tl::unexpected(FieldError(NameOf(f), "缺少（必填）"));
      return std::string();
    }
    if (required && slot.text.empty()) return tl::unexpected(FieldError(NameOf(f), "不能为空"));
    return std::move(slot.text);
  }

  Result<std::optional<double>> Number(Field f) {
    const Slot& slot = slots_[static_cast<size_t>(f)];
    if (slot.kind == Kind::kAbsent) return std::optional<double>();
    return std::optional<double>(slot.number);
  }

  const Json* Raw(Field f) {
    const Slot& slot = slots_[static_cast<size_t>(f)];
    return slot.kind == Kind::kAbsent ? nullptr : &slot.nested;
  }

  Status NoUnknownFields() const { return Ok(); }  // Scan refused unknown fields

 private:
  enum class Kind : uint8_t { kAbsent, kString, kNumber, kObject };
  struct Slot {
    Kind kind = Kind::kAbsent;
    bool seen = false;  // null counts: a field named twice is the library's to judge
    double number = 0;
    std::string text;
    Json nested;
  };

  bool SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
    return pos_ < text_.size();
  }
  bool Key(std::string_view* key);
  bool String(std::string* out);
  bool Hex4(uint32_t* code);
  bool Number(double* out);
  bool Object(Json* out);

  std::string_view text_;
  size_t pos_ = 0;
  std::array<Slot, kFieldCount> slots_;
};

bool TextFields::Scan(std::string_view text) {
  if (!IsValidUtf8(text)) return false;
  text_ = text;
  if (!SkipSpace() || text_[pos_] != '{') return false;
  ++pos_;
  if (!SkipSpace()) return false;
  if (text_[pos_] == '}') {
    ++pos_;
  } else {
    for (;;) {
      std::string_view key;
      if (!Key(&key)) return false;
      auto field = FieldNamed(key);
      if (!field) return false;
      Slot& slot = slots_[static_cast<size_t>(*field)];
      if (slot.seen) return false;
      slot.seen = true;
      if (!SkipSpace() || text_[pos_] != ':') return false;
      ++pos_;
      if (!SkipSpace()) return false;
      const char c = text_[pos_];
      const bool number_field = *field == Field::kAmount || *field == Field::kDecidedValue;
      const bool object_field = *field == Field::kMeeting || *field == Field::kAttributes;
      if (text_.substr(pos_, 4) == "null") {
        pos_ += 4;
      } else if (c == '"' && !number_field && !object_field) {
        if (!String(&slot.text)) return false;
        slot.kind = Kind::kString;
      } else if ((c == '-' || (c >= '0' && c <= '9')) && number_field) {
        if (!Number(&slot.number)) return false;
        slot.kind = Kind::kNumber;
      } else if (c == '{' && object_field) {
        if (!Object(&slot.nested)) return false;
        slot.kind = Kind::kObject;
      } else {
        return false;
      }
      if (!SkipSpace()) return false;
      if (text_[pos_] == '}') {
        ++pos_;
        break;
      }
      if (text_[pos_] != ',') return false;
      ++pos_;
      if (!SkipSpace()) return false;
    }
  }
  SkipSpace();
  return pos_ == text_.size();
}

// A key without escapes (the library's path takes the rest).
bool TextFields::Key(std::string_view* key) {
  if (text_[pos_] != '"') return false;
  const size_t end = text_.find('"', pos_ + 1);
  if (end == std::string_view::npos) return false;
  *key = text_.substr(pos_ + 1, end - pos_ - 1);
  if (key->find('\\') != std::string_view::npos) return false;
  pos_ = end + 1;
  return true;
}

bool TextFields::Hex4(uint32_t* code) {
  if (pos_ + 4 > text_.size()) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) {
    const int digit = HexDigitValue(text_[pos_ + i]);
    if (digit < 0) return false;
    v = v << 4 | static_cast<uint32_t>(digit);
  }
  pos_ += 4;
  *code = v;
  return true;
}

// A JSON string (valid UTF-8 already), its escapes decoded; false on a control character, a
// bad escape or a lone surrogate, as the library refuses those.
bool TextFields::String(std::string* out) {
  ++pos_;  // the opening quote
  out->clear();
  size_t run = pos_;
  while (pos_ < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      out->append(text_.substr(run, pos_ - run));
      ++pos_;
      return true;
    }
    if (c < 0x20) return false;
    if (c != '\\') {
      ++pos_;
      continue;
    }
    out->append(text_.substr(run, pos_ - run));
    if (++pos_ >= text_.size()) return false;
    const char e = text_[pos_++];
    // The two-character escapes and what they stand for.
    constexpr std::string_view kEscaped = "\"\\/bfnrt", kMeant = "\"\\/\b\f\n\r\t";
    if (const size_t k = kEscaped.find(e); k != std::string_view::npos) {
      out->push_back(kMeant[k]);
    } else if (e == 'u') {
      uint32_t code = 0;
      if (!Hex4(&code)) return false;
      if (code >= 0xDC00 && code <= 0xDFFF) return false;
      if (code >= 0xD800 && code <= 0xDBFF) {
        uint32_t low = 0;
        if (text_.substr(pos_, 2) != "\\u") return false;
        pos_ += 2;
        if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      }
      AppendUtf8(*out, code);
    } else {
      return false;
    }
    run = pos_;
  }
  return false;
}

// A JSON number, as the library reads it into a double: integers exactly and then rounded
// (so "-0" is 0), the rest correctly rounded; false on what the grammar refuses or overflows.
bool TextFields::Number(double* out) {
  const size_t start = pos_;
  const auto digit = [&] {
    return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9';
  };
  if (text_[pos_] == '-') ++pos_;
  if (!digit()) return false;
  if (text_[pos_] == '0') {
    ++pos_;
  } else {
    while (digit()) ++pos_;
  }
  bool integer = true;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    integer = false;
    ++pos_;
    if (!digit()) return false;
    while (digit()) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    integer = false;
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (!digit()) return false;
    while (digit()) ++pos_;
  }
  const char* first = text_.data() + start;
  const char* last = text_.data() + pos_;
  auto [end, ec] = std::from_chars(first, last, *out);
  if (ec != std::errc() || end != last) return false;
  if (integer && *out == 0) *out = 0;  // the library holds "-0" as the integer 0
  return true;
}

// A nested object, parsed by the library from its span of the text.
bool TextFields::Object(Json* out) {
  const size_t start = pos_;
  int depth = 0;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '"') {
      while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
      if (pos_ >= text_.size()) return false;
      ++pos_;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) break;
    }
  }
  if (depth != 0) return false;
  *out = Json::parse(text_.substr(start, pos_ - start), nullptr, /*allow_exceptions=*/false);
  return !out->is_discarded();
}

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

namespace {

template <class Fields>
Result<std::optional<Instant>> TimeField(Fields& r, Field f) {
  DL_ASSIGN_OR_RETURN(std::string text, r.Text(f, false));
  if (text.empty()) return std::optional<Instant>();
  auto t = ParseInstant(text);
  if (!t) return tl::unexpected(FieldError(NameOf(f), "不是 RFC 3339 时间 '" + text + "'"));
  return std::optional<Instant>(*t);
}

// The checks of EventFromJson, over either reader of the fields.
template <class Fields>
Result<Event> ReadEvent(Fields& r) {
  Event e;
  DL_ASSIGN_OR_RETURN(std::string type, r.Text(Field::kType, true));
  auto parsed = kEventTypes.Parse(type);
  if (!parsed) parsed = kEventTypeNames.Parse(type);
  if (!parsed) {
    return tl::unexpected(FieldError(
        "type",
        "'" + type + "' 不是事件类型（opened、started、completed、suspended、resumed、closed）"));
  }
  e.type = *parsed;
  DL_ASSIGN_OR_RETURN(e.source, r.Text(Field::kSource, true));
  DL_ASSIGN_OR_RETURN(e.external_id, r.Text(Field::kId, true));
  DL_ASSIGN_OR_RETURN(e.case_id, r.Text(Field::kCase, true));
  DL_ASSIGN_OR_RETURN(e.power, r.Text(Field::kPower, e.type == EventType::kOpened));
  const bool step = e.type == EventType::kStarted || e.type == EventType::kCompleted;
  DL_ASSIGN_OR_RETURN(e.node, r.Text(Field::kNode, step));
  DL_ASSIGN_OR_RETURN(e.actor, r.Text(Field::kActor, false));
  DL_ASSIGN_OR_RETURN(e.actor_post, r.Text(Field::kActorPost, false));
  if (step && e.actor.empty() && e.actor_post.empty()) {
    return tl::unexpected(
        FieldError("actor", "开始或完成环节须写明办理人（actor）或岗位（actor_post）"));
  }
  DL_ASSIGN_OR_RETURN(auto occurred, TimeField(r, Field::kOccurred));
  if (!occurred) return tl::unexpected(FieldError("occurred", "缺少（必填）"));
  e.occurred = *occurred;
  DL_ASSIGN_OR_RETURN(auto recorded, TimeField(r, Field::kRecorded));
  e.recorded = recorded.value_or(e.occurred);
  DL_ASSIGN_OR_RETURN(e.amount, r.Number(Field::kAmount));
  DL_ASSIGN_OR_RETURN(e.applicant, r.Text(Field::kApplicant, false));
  DL_ASSIGN_OR_RETURN(e.tracking_check, r.Text(Field::kTrackingCheck, false));
  if (!e.tracking_check.empty() && !IsHashHex(e.tracking_check)) {
    return tl::unexpected(FieldError("tracking_check", "应为 64 位十六进制 SHA-256"));
  }
  DL_ASSIGN_OR_RETURN(std::string phone, r.Text(Field::kApplicantPhone, false));
  if (!phone.empty()) {
    if (!e.tracking_check.empty()) {
      return tl::unexpected(FieldError("applicant_phone", "不能与 tracking_check 同时给出"));
    }
    auto check = TrackingCheck(e.case_id, phone);
    if (!check) return tl::unexpected(FieldError("applicant_phone", check.error().message));
    e.tracking_check = std::move(*check);
  }
  DL_ASSIGN_OR_RETURN(e.counterparty, r.Text(Field::kCounterparty, false));
  DL_ASSIGN_OR_RETURN(e.decision, r.Text(Field::kDecision, false));
  DL_ASSIGN_OR_RETURN(e.decided_value, r.Number(Field::kDecidedValue));
  DL_ASSIGN_OR_RETURN(e.grade, r.Text(Field::kGrade, false));
  DL_ASSIGN_OR_RETURN(e.reason, r.Text(Field::kReason, false));
  if (const Json* m = r.Raw(Field::kMeeting)) {
    DL_ASSIGN_OR_RETURN(MeetingRecord meeting, MeetingFromJson(*m));
    e.meeting = std::move(meeting);
  }
  if (const Json* a = r.Raw(Field::kAttributes)) {
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

}  // namespace

Result<Event> EventFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "事件必须是 JSON 对象");
  TreeFields fields(j);
  return ReadEvent(fields);
}

std::optional<Result<Event>> ReadEventText(std::string_view text) {
  TextFields fields;
  if (!fields.Scan(text)) return std::nullopt;
  return ReadEvent(fields);
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
