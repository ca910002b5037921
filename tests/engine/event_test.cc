#include "engine/event.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace dl::engine {
namespace {

Instant T(const char* text) { return *ParseInstant(text); }

Event FullEvent() {
  Event e;
  e.source = "oa";
  e.external_id = "evt-1";
  e.type = EventType::kCompleted;
  e.case_id = "C-2026-001";
  e.power = "XK-SCJ-001";
  e.node = "N5";
  e.actor = "P001";
  e.actor_post = "SCJ-JZ";
  e.occurred = T("2026-03-02T09:30:00.250+08:00");
  e.recorded = T("2026-03-04T10:00:00Z");
  e.amount = 800000;
  e.applicant = "P002";
  e.counterparty = "云溪县鑫达商贸有限公司";
  e.decision = "准予许可";
  e.decided_value = 5000;
  e.grade = "一般";
  e.reason = "材料齐全";
  e.meeting = MeetingRecord{7,
                            {"P001", "P002", "P003"},
                            {"P003", "P002", "P001"},
                            {{"P001", "同意"}, {"P002", "同意"}, {"P003", "弃权"}}};
  e.attributes = {{"区域", "城区"}, {"面积", 120}, {"加急", true}};
  return e;
}

// A minimal valid completed event, as JSON, to break one field at a time.
Json Minimal() {
  return Json{{"source", "oa"},
              {"id", "e1"},
              {"type", "completed"},
              {"case", "C1"},
              {"node", "N1"},
              {"actor", "P1"},
              {"occurred", "2026-03-02T09:30:00Z"}};
}

TEST(EventJsonTest, RoundTripKeepsEveryField) {
  Event e = FullEvent();
  Json j = EventToJson(e);
  EXPECT_EQ(j["occurred"], "2026-03-02T01:30:00.250Z");
  EXPECT_EQ(j["meeting"]["votes"], (Json{{"P001", "同意"}, {"P002", "同意"}, {"P003", "弃权"}}));
  auto back = EventFromJson(j);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(*back, e);
  // And through text, as a JSON Lines file carries it.
  auto reparsed = EventFromJson(Json::parse(j.dump()));
  ASSERT_TRUE(reparsed.has_value());
  EXPECT_EQ(*reparsed, e);
}

// The ledger's direct writer must produce the library's canonical text byte for byte, or the
// leaf hashes of recorded events would not verify.
TEST(EventJsonTest, TheDirectTextIsTheCanonicalJson) {
  std::vector<Event> events;
  events.push_back(FullEvent());
  Event minimal = *EventFromJson(Minimal());
  events.push_back(minimal);
  Event odd = FullEvent();
  odd.meeting.reset();
  odd.attributes = Json::object();
  odd.counterparty = "引号\"反斜杠\\ 换行\n 制表\t 退格\b 换页\f 回车\r 控制\x01\x1f 删除\x7f";
  odd.reason = "😀 ünïcödé";
  odd.amount = 0.1;
  odd.decided_value = -1e21;
  odd.tracking_check = std::string(64, 'a');
  events.push_back(odd);
  Event whole = FullEvent();
  whole.amount = 123456789.125;
  whole.decided_value = 3;
  whole.type = EventType::kClosed;
  events.push_back(whole);
  for (EventType type :
       {EventType::kOpened, EventType::kStarted, EventType::kSuspended, EventType::kResumed}) {
    Event e = minimal;
    e.type = type;
    events.push_back(e);
  }
  for (const Event& e : events) {
    EXPECT_EQ(EventJsonText(e), CanonicalJson(EventToJson(e)));
  }
}

TEST(EventJsonTest, TheDirectTextKeepsTheLibrarysRefusalOfBrokenUtf8) {
  Event e = *EventFromJson(Minimal());
  e.counterparty = "\xff\xfe";
  EXPECT_THROW((void)EventJsonText(e), Json::type_error);
}

TEST(EventJsonTest, EmptyFieldsAreOmittedAndRecordedDefaultsToOccurred) {
  Json j = Minimal();
  auto e = EventFromJson(j);
  ASSERT_TRUE(e.has_value()) << e.error().ToString();
  EXPECT_EQ(e->recorded, e->occurred);
  EXPECT_FALSE(e->amount.has_value());
  Json out = EventToJson(*e);
  std::vector<std::string> keys;
  for (auto it = out.begin(); it != out.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"actor", "case", "id", "node", "occurred", "recorded",
                                            "source", "type"}));
}

TEST(EventJsonTest, ChineseTypeNamesAndNumericIdsAreAccepted) {
  const std::vector<std::pair<const char*, EventType>> names = {
      {"受理", EventType::kOpened},      {"开始", EventType::kStarted},
      {"完成", EventType::kCompleted},   {"暂停计时", EventType::kSuspended},
      {"恢复计时", EventType::kResumed}, {"办结", EventType::kClosed}};
  for (const auto& [name, type] : names) {
    Json j = Minimal();
    j["type"] = name;
    j["power"] = "XK-001";
    auto e = EventFromJson(j);
    ASSERT_TRUE(e.has_value()) << name << ": " << e.error().ToString();
    EXPECT_EQ(e->type, type) << name;
    EXPECT_EQ(EventToJson(*e)["type"], kEventTypes.Label(type));  // written in English
  }
  Json j = Minimal();
  j["id"] = 42;
  j["case"] = 2026001;
  auto e = EventFromJson(j);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->external_id, "42");
  EXPECT_EQ(e->case_id, "2026001");
}

struct BadField {
  const char* what;
  Json patch;  // merged into Minimal(); a null value removes the key
  const char* field;
  const char* message;
};

TEST(EventJsonTest, EachErrorNamesItsField) {
  const std::vector<BadField> cases = {
      {"no type", {{"type", nullptr}}, "type", "缺少（必填）"},
      {"bad type",
       {{"type", "approved"}},
       "type",
       "'approved' 不是事件类型（opened、started、completed、suspended、resumed、closed）"},
      {"no source", {{"source", nullptr}}, "source", "缺少（必填）"},
      {"empty id", {{"id", ""}}, "id", "不能为空"},
      {"no case", {{"case", nullptr}}, "case", "缺少（必填）"},
      {"opened without power", {{"type", "opened"}}, "power", "缺少（必填）"},
      {"step without node", {{"node", nullptr}}, "node", "缺少（必填）"},
      {"step without actor",
       {{"actor", nullptr}},
       "actor",
       "开始或完成环节须写明办理人（actor）或岗位（actor_post）"},
      {"actor not text", {{"actor", Json::array()}}, "actor", "应为文本"},
      {"no time", {{"occurred", nullptr}}, "occurred", "缺少（必填）"},
      {"bad time", {{"occurred", "2026-13-01"}}, "occurred", "不是 RFC 3339 时间 '2026-13-01'"},
      {"bad recorded", {{"recorded", "昨天"}}, "recorded", "不是 RFC 3339 时间 '昨天'"},
      {"amount as text", {{"amount", "many"}}, "amount", "应为数字，得到 \"many\""},
      {"decided value as text",
       {{"decided_value", "5k"}},
       "decided_value",
       "应为数字，得到 \"5k\""},
      {"meeting not object", {{"meeting", 3}}, "meeting", "应为对象"},
      {"meeting members", {{"meeting", {{"members", -1}}}}, "meeting.members", "应为非负整数"},
      {"meeting present", {{"meeting", {{"present", "P1"}}}}, "meeting.present", "应为文本数组"},
      {"meeting vote", {{"meeting", {{"votes", {{"P1", 1}}}}}}, "meeting.votes.P1", "应为文本"},
      {"meeting unknown", {{"meeting", {{"chair", "P1"}}}}, "meeting.chair", "未知字段"},
      {"attributes not object", {{"attributes", "x"}}, "attributes", "应为对象"},
      {"nested attribute",
       {{"attributes", {{"地址", {{"省", "云南"}}}}}},
       "attributes.地址",
       "应为文本、数字或布尔值"},
      {"unknown field", {{"colour", "red"}}, "colour", "未知字段"},
  };
  for (const auto& c : cases) {
    Json j = Minimal();
    for (auto it = c.patch.begin(); it != c.patch.end(); ++it) {
      if (it->is_null()) {
        j.erase(it.key());
      } else {
        j[it.key()] = *it;
      }
    }
    auto e = EventFromJson(j);
    ASSERT_FALSE(e.has_value()) << c.what;
    EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(e.error().details, (Json{{"field", c.field}})) << c.what;
    EXPECT_EQ(e.error().message, std::string("字段 ") + c.field + ": " + c.message) << c.what;
  }
}

// What the general path makes of a text: the library's parse, then EventFromJson; nullopt
// when the text is not JSON at all.
std::optional<Result<Event>> General(std::string_view text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return EventFromJson(j);
}

// ReadEventText either declines or agrees with the general path: the same event, or the same
// error. Returns whether it took the text.
bool AgreesWithTheGeneralPath(std::string_view text) {
  const auto direct = ReadEventText(text);
  if (!direct) return false;
  const auto general = General(text);
  EXPECT_TRUE(general.has_value()) << "taken but not JSON: " << text;
  if (!general) return true;
  EXPECT_EQ(direct->has_value(), general->has_value()) << text;
  if (direct->has_value() && general->has_value()) {
    EXPECT_EQ(**direct, **general) << text;
    EXPECT_EQ(EventJsonText(**direct), EventJsonText(**general)) << text;  // -0 and the like
  } else if (!direct->has_value() && !general->has_value()) {
    EXPECT_EQ(direct->error().message, general->error().message) << text;
    EXPECT_EQ(direct->error().details, general->error().details) << text;
  }
  return true;
}

TEST(EventTextTest, TheUsualShapesAreReadWithoutTheLibrary) {
  std::vector<std::string> texts = {EventToJson(FullEvent()).dump(), Minimal().dump(),
                                    Minimal().dump(2), EventToJson(FullEvent()).dump(1, '\t')};
  Json spaced = Minimal();
  spaced["amount"] = 12.5;
  spaced["counterparty"] = nullptr;  // null is absent
  texts.push_back(" \r\n" + spaced.dump() + " \n");
  for (const auto& text : texts) EXPECT_TRUE(AgreesWithTheGeneralPath(text)) << text;
  auto e = ReadEventText(texts[0]);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ(**e, FullEvent());
}

TEST(EventTextTest, FieldErrorsAreTheGeneralPathsWordForWord) {
  for (const char* patch :
       {R"({"type": null})", R"({"type": "approved"})", R"({"id": ""})", R"({"type": "opened"})",
        R"({"node": null, "actor": null})", R"({"occurred": "2026-13-01"})",
        R"({"recorded": "昨天"})", R"({"meeting": {"members": -1}})",
        R"({"meeting": {"chair": "P1"}})", R"({"attributes": {"地址": {"省": "云南"}}})",
        R"({"tracking_check": "abc"})", R"({"applicant_phone": "12a4"})",
        R"({"applicant_phone": "138 0000 1234", "type": "opened",
                                "power": "XK-1"})"}) {
    Json j = Minimal();
    j.merge_patch(Json::parse(patch));
    if (Json::parse(patch).contains("actor")) j.erase("actor");
    EXPECT_TRUE(AgreesWithTheGeneralPath(j.dump())) << patch;
  }
}

TEST(EventTextTest, StringsAndNumbersAreDecodedAsTheLibraryDecodesThem) {
  const std::string base = R"({"source":"oa","id":"e1","type":"completed","case":"C1",)"
                           R"("node":"N1","occurred":"2026-03-02T09:30:00Z",)";
  for (const char* actor :
       {R"("\u4e91\u6eaa\u53bf")", R"("tab\there \"q\" back\\slash \/ \b\f\n\r")",
        R"("\ud83d\ude00 pair")", R"("\u0000nul")", R"("\u00e9\u00C9")", R"("直接中文")"}) {
    EXPECT_TRUE(AgreesWithTheGeneralPath(base + R"("actor":)" + actor + "}")) << actor;
  }
  for (const char* amount :
       {"0", "-0", "-0.0", "12", "-12.5", "1e3", "1E-3", "0.1", "123456789012345678901234567890",
        "9007199254740993", "-9223372036854775809", "18446744073709551616", "2.5e+2"}) {
    EXPECT_TRUE(AgreesWithTheGeneralPath(base + R"("actor":"P1","amount":)" + amount + "}"))
        << amount;
  }
  // What the library refuses, or reads into something else, is left to the general path.
  for (const char* rest :
       {R"("actor":"\ud83d"})", R"("actor":"\ude00"})", R"("actor":"a\qb"})", "\"actor\":\"a\tb\"}",
        R"("actor":"P1","amount":01})", R"("actor":"P1","amount":1.})",
        R"("actor":"P1","amount":.5})", R"("actor":"P1","amount":+1})",
        R"("actor":"P1","amount":1e400})", R"("actor":7})", R"("actor":"P1","amount":"7"})",
        R"("actor":"P1","actor":"P2"})", R"("actor":"P1","colour":"red"})",
        R"("actor":"P1","act\u006fr_post":"X"})", R"("actor":"P1"} x)", R"("actor":"P1",})",
        R"("actor":"P1","meeting":[]})", R"("actor":"P1","attributes":{"a":1]})",
        R"("actor":true})"}) {
    const std::string text = base + rest;
    EXPECT_FALSE(ReadEventText(text).has_value()) << text;
  }
  EXPECT_FALSE(ReadEventText("[1,2]").has_value());
  EXPECT_FALSE(ReadEventText("\xEF\xBB\xBF" + Minimal().dump()).has_value());
  EXPECT_FALSE(ReadEventText(R"({"source":"\xff"})").has_value());
}

// Random damage to valid texts: whatever ReadEventText takes, it reads as the general path.
TEST(EventTextTest, DamagedTextsAreDeclinedOrReadAsTheGeneralPathReadsThem) {
  std::vector<std::string> seeds = {EventToJson(FullEvent()).dump(), Minimal().dump(),
                                    EventToJson(FullEvent()).dump(1)};
  const std::string alphabet = "{}[]\":,\\ 0123456789.-+eEu\tnulltruefalse\xe4\xb8\xad";
  std::mt19937 rng(20261124);
  int taken = 0, declined = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(at, 1);
          break;
        case 1:
          text.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          text[at] = alphabet[rng() % alphabet.size()];
      }
    }
    (AgreesWithTheGeneralPath(text) ? taken : declined)++;
  }
  // Both outcomes occur often enough for the comparison to mean something.
  EXPECT_GT(taken, 2000);
  EXPECT_GT(declined, 2000);
}

TEST(EventJsonTest, NotAnObject) {
  auto e = EventFromJson(Json::array({1, 2}));
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message, "事件必须是 JSON 对象");
  EXPECT_TRUE(e.error().details.is_null());
}

TEST(EventJsonTest, CaseValuesLayTheEventOverTheCase) {
  Event earlier;
  earlier.amount = 100;
  earlier.attributes = {{"区域", "郊区"}, {"kept", 1}};
  CaseValues values;
  values.Merge(earlier);
  values.Merge(FullEvent());
  EXPECT_EQ(values.ToJson(), (Json{{"amount", 800000.0},
                                   {"区域", "城区"},
                                   {"kept", 1},
                                   {"面积", 120},
                                   {"加急", true},
                                   {"decision", "准予许可"},
                                   {"decided_value", 5000.0},
                                   {"grade", "一般"},
                                   {"counterparty", "云溪县鑫达商贸有限公司"}}));
  // An attribute bearing a named value's name sets it when its type fits.
  Event named;
  named.attributes = {{"amount", 42}, {"grade", 3}};
  CaseValues other;
  other.Merge(named);
  EXPECT_EQ(other.ToJson(), (Json{{"amount", 42.0}, {"grade", 3}}));
  EXPECT_EQ(CaseValues{}.ToJson(), Json::object());
}

}  // namespace
}  // namespace dl::engine

namespace dl::engine {
namespace {

TEST(TrackingCheckTest, ThePhoneBecomesAHashOfItsLastFourDigitsWithTheCase) {
  Json j = {{"source", "oa"},
            {"id", "1"},
            {"type", "opened"},
            {"case", "C-1"},
            {"power", "P"},
            {"occurred", "2026-11-16T01:00:00Z"},
            {"applicant_phone", "+86 138-0000-1234"}};
  auto e = EventFromJson(j);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->tracking_check, *TrackingCheck("C-1", "1234"));
  EXPECT_NE(e->tracking_check, *TrackingCheck("C-2", "1234"));
  EXPECT_NE(e->tracking_check, *TrackingCheck("C-1", "1235"));
  // The phone is not kept: the stored form holds only the hash, and reads back the same.
  const Json stored = EventToJson(*e);
  EXPECT_FALSE(stored.contains("applicant_phone"));
  EXPECT_EQ(stored.dump().find("1234"), std::string::npos);
  EXPECT_EQ(*EventFromJson(stored), *e);

  j["applicant_phone"] = "12a4";
  auto bad = EventFromJson(j);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().details["field"], "applicant_phone");
  j["applicant_phone"] = "123";
  EXPECT_FALSE(EventFromJson(j));
  j.erase("applicant_phone");
  j["tracking_check"] = "not-a-hash";
  EXPECT_FALSE(EventFromJson(j));
}

}  // namespace
}  // namespace dl::engine
