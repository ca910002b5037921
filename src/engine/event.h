// Case events: how power runs (DESIGN.md "Cases and events"). Cases handled inside Daylight
// and cases handled in an external system produce the same events, so supervision is the
// same for both. An event is identified by its source system and the id it has there; the
// same (source, external_id) sent twice is recorded once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/json.h"
#include "base/labels.h"
#include "base/result.h"

namespace dl::engine {

enum class EventType { kOpened, kStarted, kCompleted, kSuspended, kResumed, kClosed };
inline constexpr LabelTable<EventType, 6> kEventTypes{{{
    {EventType::kOpened, "opened"},
    {EventType::kStarted, "started"},
    {EventType::kCompleted, "completed"},
    {EventType::kSuspended, "suspended"},
    {EventType::kResumed, "resumed"},
    {EventType::kClosed, "closed"},
}}};
// Chinese names for people (受理 / 开始 / 完成 / 暂停 / 恢复 / 办结).
inline constexpr LabelTable<EventType, 6> kEventTypeNames{{{
    {EventType::kOpened, "受理"},
    {EventType::kStarted, "开始"},
    {EventType::kCompleted, "完成"},
    {EventType::kSuspended, "暂停计时"},
    {EventType::kResumed, "恢复计时"},
    {EventType::kClosed, "办结"},
}}};

// The record of a collective decision (集体决策, 三重一大) taken at a node.
struct MeetingRecord {
  int members = 0;                          // members of the deciding body (for the quorum)
  std::vector<std::string> present;         // person codes present
  std::vector<std::string> speaking_order;  // person codes in the order they spoke
  // person code → "同意" / "反对" / "弃权"
  std::vector<std::pair<std::string, std::string>> votes;
  bool operator==(const MeetingRecord&) const = default;
};

struct Event {
  std::string source;       // the sending system, e.g. "daylight" (online handling), "oa"
  std::string external_id;  // the event's id in that system; unique per source
  EventType type = EventType::kOpened;
  std::string case_id;     // the case's id (unique across sources; sources prefix it if needed)
  std::string power;       // power code: required on opened, optional (must agree) later
  std::string node;        // flow node code: required on started and completed
  std::string actor;       // person code; may be empty when the source knows only the post
  std::string actor_post;  // post code, when the source knows only the post (or also it)
  Instant occurred;        // when it happened
  Instant recorded;        // when the source recorded it (late recording = backdating)

  // Values. Conditions on flow edges read them by these names (and any in `attributes`).
  std::optional<double> amount;  // 金额, yuan
  std::string applicant;         // 申请人 (person code when the applicant is staff)
  // The applicant's key for following the case on the public portal (办件查询): TrackingCheck
  // of the case id and the applicant's phone. The phone itself is never kept: an input's
  // "applicant_phone" becomes this hash when the event is read.
  std::string tracking_check;
  std::string counterparty;             // 相对人 / 供应商 / 当事人
  std::string decision;                 // e.g. "准予许可", "不予许可", "退回"
  std::optional<double> decided_value;  // e.g. a fine decided, for the discretion benchmark
  std::string grade;   // 裁量情节: 轻微 / 一般 / 较重 / 严重; empty if none
  std::string reason;  // 理由 (a written reason for a decision, a suspension)
  std::optional<MeetingRecord> meeting;
  Json attributes = Json::object();  // further case values (custom fields), flat object

  bool operator==(const Event&) const = default;
};

// The JSON form of an event (docs/formats.md, JSON Lines input and the ledger payload).
// Field names: source, id, type, case, power, node, actor, actor_post, occurred, recorded,
// amount, applicant, tracking_check, counterparty, decision, decided_value, grade, reason,
// meeting {members, present, speaking_order, votes: {person: vote}}, attributes. Empty and
// absent optional fields are omitted. On input, "applicant_phone" (on the opening event) is
// accepted instead of tracking_check and turned into it.
Json EventToJson(const Event& event);
// CanonicalJson(EventToJson(event)), written directly: the ledger payload of every recorded
// event is built from it, so it avoids the JSON tree (tests/engine/event_test.cc holds the
// two to each other).
std::string EventJsonText(const Event& event);
// The "meeting" field of an event.
Json MeetingToJson(const MeetingRecord& meeting);
// The tracking check of a case: lower-case hex SHA-256 of "daylight.track\n" + case id + "\n"
// + the last four digits of the phone. Four digits are a weak secret on their own; the portal
// limits tries (docs/portal.md). invalid_argument unless the phone holds at least 4 digits
// (spaces, '-', '+' and parentheses are ignored; nothing else is allowed).
Result<std::string> TrackingCheck(std::string_view case_id, std::string_view phone);

// Parses and checks one event; invalid_argument whose message names the field
// ("字段 occurred: 不是 RFC 3339 时间 '2026-13-01'") and whose details hold {"field": …}.
// `recorded` defaults to `occurred` when absent. Unknown fields are errors.
Result<Event> EventFromJson(const Json& json);
// EventFromJson(Json::parse(text)) without the library's tree, for the shape events usually
// have: one object of known fields, none twice, text in the text fields, numbers in amount and
// decided_value, objects in meeting and attributes. nullopt for any other text — malformed or
// not — and the caller takes the general path, which also words the JSON errors. A result it
// gives, event or field error, is the general path's (tests/engine/event_test.cc holds the
// two to each other).
std::optional<Result<Event>> ReadEventText(std::string_view text);
// The meeting record of a collective decision, as an event's "meeting" field holds it;
// invalid_argument naming the field ("meeting.present") when it is malformed.
Result<MeetingRecord> MeetingFromJson(const Json& json);

// The case values a flow condition sees: amount, decision, decided_value, grade,
// counterparty and the attributes, each as the latest event gave it. Kept compactly (an open
// case holds them in memory): the named values in fields, the other attributes in a JSON
// object (null while there are none). An attribute
// that bears one of the names sets that value when its type fits (a number for amount and
// decided_value, a string for the others).
struct CaseValues {
  std::optional<double> amount, decided_value;
  std::string decision, grade, counterparty;
  Json attributes;  // null, or an object of the other attributes

  // Lays the event's values over these.
  void Merge(const Event& event);
  // {<attributes>, "amount": …, "decision": …, …}: what conditions and rules read.
  Json ToJson() const;
};

}  // namespace dl::engine
