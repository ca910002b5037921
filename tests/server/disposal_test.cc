// 预警处置 over HTTP: an inspector enters a warning with a file, the unit explains, the
// inspector disposes holding both duties to account and closes; the page shows each step and
// what the caller may do; a step from the wrong side is refused (403, traced).
#include "ledger/checkpoint.h"
#include "server_fixture.h"

namespace dl::testing {
namespace {

Json Body(const httplib::Result& r) { return r ? Json::parse(r->body) : Json(); }

std::string B64(const std::string& s) {
  return ledger::Base64(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST_F(ServerTest, AWarningIsEnteredAnsweredDisposedAndClosedOverHttp) {
  auto c = Client();
  Session inspector = Login("inspector");
  Session unit = Login("unitadmin");
  const std::string report = "审计报告第 3 页：专项资金挪用";
  auto entered = c.Post(
      "/api/v1/warnings", inspector.Headers(),
      Json{{"source", "审计"},
           {"level", "黄牌"},
           {"unit", "YX-SCJ"},
           {"person", "P001"},
           {"message", "专项资金未按规定用途使用"},
           {"powers", {"XK-SCJ-001"}},
           {"files", {{{"name", "审计报告.txt"}, {"type", "text/plain"}, {"data", B64(report)}}}}}
          .dump(),
      "application/json");
  ASSERT_TRUE(entered);
  ASSERT_EQ(entered->status, 201) << entered->body;
  const std::string seq = std::to_string(Body(entered)["seq"].get<uint64_t>());
  EXPECT_EQ(Body(entered)["status"], "待处置");
  EXPECT_EQ(Body(entered)["source"], "审计");
  const std::string path = "/api/v1/warnings/" + seq;

  // The unit sees what it may do; the file comes back byte for byte.
  auto page = c.Get(path.c_str(), unit.Headers());
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(Body(page)["allowed"], Json({"explain", "rectify"}));
  const Json file = Body(page)["attachments"][0];
  auto download =
      c.Get((path + "/attachments/" + file["sha256"].get<std::string>()).c_str(), unit.Headers());
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 200);
  EXPECT_EQ(download->body, report);
  EXPECT_NE(download->get_header_value("Content-Disposition").find("UTF-8''"), std::string::npos);

  // The unit may not dispose of its own warning: 403, and the refusal is traced.
  const size_t denied = EntriesOfKind("audit.denied");
  auto self = c.Post((path + "/steps").c_str(), unit.Headers(),
                     Json{{"action", "dismiss"}, {"text", "误报"}}.dump(), "application/json");
  ASSERT_TRUE(self);
  EXPECT_EQ(self->status, 403) << self->body;
  EXPECT_NE(Body(self)["error"]["message"].get<std::string>().find("纪检监察"), std::string::npos);
  EXPECT_EQ(EntriesOfKind("audit.denied"), denied + 1);

  auto explained =
      c.Post((path + "/steps").c_str(), unit.Headers(),
             Json{{"action", "explain"}, {"text", "资金已退回专户"}}.dump(), "application/json");
  ASSERT_TRUE(explained);
  ASSERT_EQ(explained->status, 200) << explained->body;
  EXPECT_EQ(Body(explained)["status"], "待审核");

  // A second explanation is out of order: 409 with the status in the message.
  auto again = c.Post((path + "/steps").c_str(), unit.Headers(),
                      Json{{"action", "explain"}, {"text", "补充"}}.dump(), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << again->body;
  EXPECT_NE(Body(again)["error"]["message"].get<std::string>().find("待审核"), std::string::npos);

  // The inspector is offered the unit's head as the principal duty.
  page = c.Get(path.c_str(), inspector.Headers());
  ASSERT_TRUE(page);
  EXPECT_EQ(Body(page)["allowed"], Json({"dispose", "return", "dismiss"}));
  bool head_offered = false;
  const Json offered = Body(page);
  for (const Json& cand : offered["duty_candidates"]) {
    head_offered |= cand["kind"] == "主体责任" && cand["person"] == "P001";
  }
  EXPECT_TRUE(head_offered) << offered["duty_candidates"].dump();

  // A disposal without the supervisory duty is refused (一案双查).
  Json dispose = {{"action", "dispose"},
                  {"measure", "风险提示"},
                  {"text", "对单位主要负责人进行风险提示"},
                  {"duties",
                   {{{"kind", "主体责任"},
                     {"person", "P001"},
                     {"unit", "YX-SCJ"},
                     {"role", "主要负责人"},
                     {"measure", "约谈提醒"}}}}};
  auto half =
      c.Post((path + "/steps").c_str(), inspector.Headers(), dispose.dump(), "application/json");
  ASSERT_TRUE(half);
  EXPECT_EQ(half->status, 400) << half->body;
  dispose["duties"].push_back({{"kind", "监督责任"},
                               {"person", "P002"},
                               {"unit", "YX-JW"},
                               {"role", "监督责任人"},
                               {"measure", "不予追究"}});
  auto disposed =
      c.Post((path + "/steps").c_str(), inspector.Headers(), dispose.dump(), "application/json");
  ASSERT_TRUE(disposed);
  ASSERT_EQ(disposed->status, 200) << disposed->body;
  EXPECT_EQ(Body(disposed)["status"], "已处置");
  EXPECT_EQ(Body(disposed)["measure"], "风险提示");

  auto closed = c.Post((path + "/steps").c_str(), inspector.Headers(),
                       Json{{"action", "close"}, {"text", "已落实"}}.dump(), "application/json");
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(Body(closed)["status"], "办结");

  page = c.Get(path.c_str(), inspector.Headers());
  std::vector<std::string> actions;
  const Json history = Body(page);
  for (const Json& s : history["steps"]) actions.push_back(s["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"explain", "dispose", "close"}));
  EXPECT_EQ(Body(page)["steps"][0]["by"]["login"], "unitadmin");
  EXPECT_EQ(Body(page)["allowed"], Json({"reopen"}));

  // Both duties are on the record, by person and by unit.
  auto duties = c.Get("/api/v1/duties?person=P001", inspector.Headers());
  ASSERT_TRUE(duties);
  ASSERT_EQ(duties->status, 200) << duties->body;
  ASSERT_EQ(Body(duties)["total"], 1);
  EXPECT_EQ(Body(duties)["items"][0]["kind"], "主体责任");
  EXPECT_EQ(Body(duties)["items"][0]["disposal"], "风险提示");
  auto supervisory = c.Get("/api/v1/duties?unit=YX-JW", inspector.Headers());
  EXPECT_EQ(Body(supervisory)["total"], 1);

  // The list filters by status.
  auto done = c.Get("/api/v1/warnings?status=%E5%8A%9E%E7%BB%93", inspector.Headers());
  ASSERT_TRUE(done);
  EXPECT_EQ(Body(done)["total"], 1) << done->body;
}

TEST_F(ServerTest, TheAssessmentOfTheCallersUnitsAsJsonAndXlsx) {
  auto c = Client();
  Session inspector = Login("inspector");
  auto r = c.Get("/api/v1/assessment?period=2026", inspector.Headers());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json a = Body(r);
  ASSERT_EQ(a["units"].size(), 1u) << r->body;  // YX-SCJ: the only unit it supervises
  EXPECT_EQ(a["units"][0]["unit"], "YX-SCJ");
  EXPECT_EQ(a["units"][0]["rank"], 1);
  EXPECT_FALSE(a["units"][0]["indicators"].empty());
  auto bad = c.Get("/api/v1/assessment?period=2026Q5", inspector.Headers());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Body(bad)["error"]["message"].get<std::string>().find("2026Q5"), std::string::npos);
  auto xlsx = c.Get("/api/v1/assessment.xlsx?period=2026Q4", inspector.Headers());
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");  // a zip: the xlsx container
}

}  // namespace
}  // namespace dl::testing
