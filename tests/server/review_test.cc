// 例外, 考核 entries and 动态管理 over HTTP: an inspector grants and revokes an exception (the
// unit may not), 自查 and 检查 entries each from their own side and their deductions in the
// assessment, the yearly review campaign, the statistics of power status changes, and the
// persons a form may pick.
#include "server_fixture.h"

namespace dl::testing {
namespace {

Json Body(const httplib::Result& r) { return r ? Json::parse(r->body) : Json(); }

template <class Session>
httplib::Result Post(httplib::Client& c, const std::string& path, const Session& s,
                     const Json& body) {
  return c.Post(path.c_str(), s.Headers(), body.dump(), "application/json");
}

TEST_F(ServerTest, AnExceptionIsGrantedListedAndRevokedBySupervisorOnly) {
  auto c = Client();
  Session inspector = Login("inspector");
  Session unit = Login("unitadmin");
  const Json accepted = {{"kind", "risk"},        {"unit", "YX-SCJ"},
                         {"power", "XK-SCJ-001"}, {"risk", "R1"},
                         {"owner", "P001"},       {"reason", "受理条件已由省级系统固化"},
                         {"until", "2027-01-20"}};
  auto by_unit = Post(c, "/api/v1/exceptions", unit, accepted);
  ASSERT_TRUE(by_unit);
  EXPECT_EQ(by_unit->status, 403) << by_unit->body;
  Json bad = accepted;
  bad["until"] = "2026-11-01";
  auto past = Post(c, "/api/v1/exceptions", inspector, bad);
  ASSERT_TRUE(past);
  EXPECT_EQ(past->status, 400);
  // The reasons once, not wrapped around themselves.
  EXPECT_EQ(Body(past)["error"]["message"], "截止日期 2026-11-01 已过");

  auto granted = Post(c, "/api/v1/exceptions", inspector, accepted);
  ASSERT_TRUE(granted);
  ASSERT_EQ(granted->status, 201) << granted->body;
  const Json e = Body(granted);
  EXPECT_EQ(e["status"], "有效");
  EXPECT_EQ(e["from"], "2026-11-23");
  EXPECT_EQ(e["owner_name"], "王建国");
  EXPECT_EQ(e["risk_name"], "受理环节刁难或放宽条件");
  const std::string id = std::to_string(e["id"].get<uint64_t>());

  auto listed = c.Get("/api/v1/exceptions?status=%E6%9C%89%E6%95%88", unit.Headers());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  EXPECT_EQ(Body(listed)["total"], 1);

  const std::string revoke = "/api/v1/exceptions/" + id + "/revoke";
  EXPECT_EQ(Post(c, revoke, unit, {{"reason", "x"}})->status, 403);
  EXPECT_EQ(Post(c, revoke, inspector, Json::object())->status, 400);
  auto revoked = Post(c, revoke, inspector, {{"reason", "省级系统已下线"}});
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(Body(revoked)["status"], "已撤销");
  EXPECT_EQ(Body(revoked)["end_reason"], "省级系统已下线");
  EXPECT_EQ(Post(c, revoke, inspector, {{"reason", "again"}})->status, 409);
  EXPECT_EQ(Post(c, "/api/v1/exceptions/424242/revoke", inspector, {{"reason", "x"}})->status, 404);
}

TEST_F(ServerTest, ALapsedExceptionComesBackAsAWarningThatNamesIt) {
  auto c = Client();
  Session inspector = Login("inspector");
  auto granted = Post(c, "/api/v1/exceptions", inspector,
                      {{"kind", "rule"},
                       {"unit", "YX-SCJ"},
                       {"rule", "backdating"},
                       {"owner", "P001"},
                       {"reason", "集中补录"},
                       {"until", "2026-11-30"}});
  ASSERT_TRUE(granted);
  ASSERT_EQ(granted->status, 201) << granted->body;
  const uint64_t id = Body(granted)["id"];
  clock.Set(*ParseInstant("2026-12-01T01:00:00Z"));
  ASSERT_TRUE(writer->Tick());
  inspector = Login("inspector");  // a week later: the session has expired
  auto listed = c.Get("/api/v1/warnings?rule=exception-lapsed", inspector.Headers());
  ASSERT_TRUE(listed);
  ASSERT_EQ(Body(listed)["total"], 1) << listed->body;
  const std::string seq = std::to_string(Body(listed)["items"][0]["seq"].get<uint64_t>());
  auto page = c.Get(("/api/v1/warnings/" + seq).c_str(), inspector.Headers());
  ASSERT_TRUE(page);
  EXPECT_EQ(Body(page)["exception"], id);
  EXPECT_EQ(Body(page)["person_name"], "王建国");
  auto ended = c.Get("/api/v1/exceptions?status=%E5%B7%B2%E5%88%B0%E6%9C%9F", inspector.Headers());
  ASSERT_TRUE(ended);
  EXPECT_EQ(Body(ended)["items"][0]["lapse_warning"], std::stoull(seq));
}

TEST_F(ServerTest, CheckEntriesDeductInTheAssessment) {
  auto c = Client();
  Session inspector = Login("inspector");
  Session unit = Login("unitadmin");
  const Json self = {{"kind", "自查"},         {"unit", "YX-SCJ"}, {"period", "2026Q4"},
                     {"indicator", "on_time"}, {"deduction", 1.5}, {"reason", "两件办件超期未说明"},
                     {"date", "2026-11-20"}};
  auto entered = Post(c, "/api/v1/checks", unit, self);
  ASSERT_TRUE(entered);
  ASSERT_EQ(entered->status, 201) << entered->body;
  Json review = self;
  review["kind"] = "检查";
  review["deduction"] = 2;
  review["reason"] = "抽查发现流程图与实际不符";
  review["indicator"] = "lists_complete";
  EXPECT_EQ(Post(c, "/api/v1/checks", unit, review)->status, 403);
  EXPECT_EQ(Post(c, "/api/v1/checks", inspector, self)->status, 403);
  Json too_much = review;
  too_much["deduction"] = 16;  // lists_complete weighs 15
  auto over = Post(c, "/api/v1/checks", inspector, too_much);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 400) << over->body;
  ASSERT_EQ(Post(c, "/api/v1/checks", inspector, review)->status, 201);

  auto listed = c.Get("/api/v1/checks?period=2026", inspector.Headers());
  ASSERT_TRUE(listed);
  ASSERT_EQ(Body(listed)["total"], 2) << listed->body;
  EXPECT_EQ(Body(listed)["items"][0]["indicator_name"], "按时办结率");
  EXPECT_EQ(Body(listed)["items"][1]["by"], "inspector");

  // Both count in the quarter and in the year; each deduction is a fact of its indicator.
  for (const char* period : {"2026Q4", "2026"}) {
    auto a =
        c.Get((std::string("/api/v1/assessment?period=") + period).c_str(), inspector.Headers());
    ASSERT_TRUE(a);
    ASSERT_EQ(a->status, 200) << a->body;
    double deducted = 0;
    size_t check_facts = 0;
    const Json body = Body(a);
    for (const Json& ind : body["units"][0]["indicators"]) {
      deducted += ind["deducted"].get<double>();
      for (const Json& f : ind["facts"]) check_facts += f["kind"] == "check";
    }
    EXPECT_DOUBLE_EQ(deducted, 3.5) << period;
    EXPECT_EQ(check_facts, 2u) << period;
  }
  auto q3 = c.Get("/api/v1/assessment?period=2026Q3", inspector.Headers());
  double deducted = 0;
  for (const Json& ind : Body(q3)["units"][0]["indicators"])
    deducted += ind["deducted"].get<double>();
  EXPECT_EQ(deducted, 0);
}

// 内部公开: a unit's own staff see its risks and controls after login; others do not, and the
// public page never shows them.
TEST_F(ServerTest, RisksAndControlsAreDisclosedInsideTheUnitOnly) {
  auto c = Client();
  Session handler = Login("handler");  // a handler of YX-SCJ
  auto inside = c.Get("/api/v1/powers/XK-SCJ-001", handler.Headers());
  ASSERT_TRUE(inside);
  ASSERT_EQ(inside->status, 200) << inside->body;
  EXPECT_EQ(Body(inside)["risks"].size(), 2u);
  EXPECT_EQ(Body(inside)["controls"].size(), 2u);
  auto outside = c.Get("/api/v1/powers/CF-ZRJ-001", handler.Headers());
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
  auto anonymous = c.Get("/api/v1/powers/XK-SCJ-001");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  auto portal = c.Get("/api/public/v1/powers/XK-SCJ-001");
  ASSERT_TRUE(portal);
  ASSERT_EQ(portal->status, 200) << portal->body;
  EXPECT_FALSE(Body(portal).contains("risks"));
  EXPECT_EQ(portal->body.find("受理环节刁难或放宽条件"), std::string::npos);
}

TEST_F(ServerTest, TheReviewCampaignChangeStatisticsAndPersons) {
  auto c = Client();
  Session unit = Login("unitadmin");
  auto campaign = c.Get("/api/v1/reviews/campaign?year=2027", unit.Headers());
  ASSERT_TRUE(campaign);
  ASSERT_EQ(campaign->status, 200) << campaign->body;
  const Json k = Body(campaign);
  EXPECT_EQ(k["due_by"], "2027-12-31");
  ASSERT_EQ(k["units"].size(), 1u) << campaign->body;
  EXPECT_EQ(k["units"][0]["unit"], "YX-SCJ");
  ASSERT_EQ(k["units"][0]["items"].size(), 2u);  // R1 and R2 of the licence, due 2027-01-10
  EXPECT_EQ(k["units"][0]["items"][0]["next_review"], "2027-01-10");
  EXPECT_EQ(k["units"][0]["items"][0]["overdue"], false);
  EXPECT_EQ(k["units"][0]["items"][0]["controls"], 1);
  auto this_year = c.Get("/api/v1/reviews/campaign", unit.Headers());
  EXPECT_EQ(Body(this_year)["total"], 0);  // nothing falls due in 2026
  EXPECT_EQ(c.Get("/api/v1/reviews/campaign?year=1999", unit.Headers())->status, 400);

  auto changes = c.Get("/api/v1/catalog/changes?by=quarter", unit.Headers());
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->status, 200) << changes->body;
  const Json ch = Body(changes);
  ASSERT_EQ(ch["rows"].size(), 1u) << changes->body;
  EXPECT_EQ(ch["rows"][0]["period"], "2026Q1");
  EXPECT_EQ(ch["rows"][0]["counts"]["调整"], 1);
  EXPECT_EQ(ch["rows"][0]["counts"]["取消"], 0);
  EXPECT_EQ(ch["items"][0]["power"], "CF-SCJ-001");
  EXPECT_EQ(ch["items"][0]["document"], "云政发〔2026〕12号");
  EXPECT_EQ(c.Get("/api/v1/catalog/changes?by=week", unit.Headers())->status, 400);

  // Today's post holders in the unit and its sections; P002's term ended on 2026-06-30.
  auto persons = c.Get("/api/v1/persons?unit=YX-SCJ", unit.Headers());
  ASSERT_TRUE(persons);
  ASSERT_EQ(persons->status, 200) << persons->body;
  const Json p = Body(persons);
  ASSERT_EQ(p["total"], 2) << persons->body;
  EXPECT_EQ(p["items"][0]["code"], "P001");
  EXPECT_EQ(p["items"][0]["posts"][0]["head"], true);
  EXPECT_EQ(p["items"][1]["code"], "P003");
  EXPECT_EQ(p["items"][1]["posts"][0]["unit"], "YX-SCJ-ZC");
}

}  // namespace
}  // namespace dl::testing
