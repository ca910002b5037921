// 阳光公开, what the public sends: case tracking by receipt code and the applicant's phone,
// one rating per closed case, complaints with their tracking code, follow-up and additions,
// the challenge against bulk submissions, the limits, and the inspectors' side (the warning a
// complaint raises, its contact only for them, with a trace). Over HTTP, on a real server.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "portal/challenge.h"
#include "portal/complaint.h"
#include "server_fixture.h"
#include "service/verify_service.h"

namespace dl::testing {
namespace {

constexpr const char* kTracked = "SCJ-2026-0100";

class PortalTest : public ServerTest {
 protected:
  // A case opened with the applicant's phone, one step taken, and (if `close`) closed.
  void RecordTrackedCase(bool close) {
    const catalog::Power& power = Catalog().powers.at("CF-SCJ-001").power;
    std::string task;
    for (const auto& n : power.flow.nodes) {
      if (n.kind == catalog::NodeKind::kTask) {
        task = n.code;
        break;
      }
    }
    ASSERT_FALSE(task.empty());
    Json events = Json::array();
    auto add = [&](const char* id, const char* type, const char* at, Json extra) {
      Json e = {{"source", "oa"},   {"id", id},        {"type", type},
                {"case", kTracked}, {"actor", "P003"}, {"occurred", at}};
      e.update(extra);
      events.push_back(e);
    };
    add("t1", "opened", "2026-11-16T01:00:00Z",
        {{"power", "CF-SCJ-001"}, {"applicant_phone", "138 0000 1234"}});
    add("t2", "started", "2026-11-16T02:00:00Z", {{"node", task}});
    add("t3", "completed", "2026-11-17T02:00:00Z", {{"node", task}, {"decision", "准予许可"}});
    if (close) add("t4", "closed", "2026-11-18T02:00:00Z", {{"decision", "准予许可"}});
    auto c = Client();
    auto r = c.Post("/api/v1/events", {{"Authorization", "Bearer " + api_key}}, events.dump(),
                    "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }

  httplib::Result Post(const std::string& path, const Json& body) {
    return Client().Post(path.c_str(), body.dump(), "application/json");
  }

  // A solved challenge, as the browser would send it.
  Json Proof() {
    auto r = Client().Get("/api/public/v1/challenge");
    EXPECT_TRUE(r && r->status == 200);
    const Json j = Json::parse(r->body);
    const std::string token = j["token"];
    const int bits = j["bits"];
    for (uint64_t n = 0;; ++n) {
      if (portal::LeadingZeroBits(Sha256(token + ":" + std::to_string(n)), bits)) {
        return {{"token", token}, {"nonce", std::to_string(n)}};
      }
    }
  }

  static Json Body(const httplib::Result& r) { return r ? Json::parse(r->body) : Json(); }

  // verify --deep: the ratings and complaints tables are rebuilt from the ledger alone.
  void ExpectDeepVerifyPasses() {
    auto report = service::VerifyStore(*store, /*deep=*/true, dir.File(""));
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->ok()) << report->ToText();
  }
};

TEST_F(PortalTest, TrackingShowsStepsAndLimitsOnlyWithTheRightCheck) {
  RecordTrackedCase(/*close=*/false);
  auto r = Post("/api/public/v1/track", {{"code", kTracked}, {"check", "1234"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json j = Json::parse(r->body);
  EXPECT_EQ(j["status"], "open");
  EXPECT_EQ(j["status_name"], "办理中");
  EXPECT_EQ(j["unit_name"], "云溪县市场监督管理局");
  EXPECT_EQ(j["opened"], "2026-11-16T01:00:00.000Z");
  EXPECT_TRUE(j["decision"].is_null()) << "a decision is shown once the case is closed";
  ASSERT_EQ(j["steps"].size(), 1u);
  EXPECT_EQ(j["steps"][0]["completed"], "2026-11-17T02:00:00.000Z");
  EXPECT_FALSE(j["can_rate"]);
  // Nothing about persons: the actor's code and name appear nowhere in the reply.
  EXPECT_EQ(r->body.find("P003"), std::string::npos);
  EXPECT_EQ(r->body.find("赵敏"), std::string::npos);
  EXPECT_EQ(r->body.find("tracking"), std::string::npos);

  // A wrong check, an unknown case and a case without a phone answer alike.
  for (const auto& [code, check] : std::vector<std::pair<std::string, std::string>>{
           {kTracked, "4321"}, {"NO-SUCH-CASE", "1234"}, {kCaseIn, "1234"}}) {
    auto miss = Post("/api/public/v1/track", {{"code", code}, {"check", check}});
    ASSERT_TRUE(miss);
    EXPECT_EQ(miss->status, 404) << code;
    EXPECT_EQ(Body(miss)["error"]["message"], "没有找到该办件：请核对受理编号和申请人手机号后四位");
  }
  auto malformed = Post("/api/public/v1/track", {{"code", kTracked}, {"check", "12"}});
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
}

TEST_F(PortalTest, WrongChecksForOneCaseAreLimited) {
  RecordTrackedCase(/*close=*/false);
  int limited = 0;
  for (int i = 0; i < 12; ++i) {
    char check[8];
    std::snprintf(check, sizeof check, "%04d", 5000 + i);
    auto r = Post("/api/public/v1/track", {{"code", kTracked}, {"check", check}});
    ASSERT_TRUE(r);
    if (r->status == 429) {
      ++limited;
      EXPECT_FALSE(r->get_header_value("Retry-After").empty());
    } else {
      EXPECT_EQ(r->status, 404);
    }
  }
  EXPECT_EQ(limited, 2) << "ten wrong checks per case and hour";
  // Even the right check waits now: the case is closed to guessing for the hour.
  auto right = Post("/api/public/v1/track", {{"code", kTracked}, {"check", "1234"}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 429);
}

TEST_F(PortalTest, AClosedCaseIsRatedOnceAndTheRatingCounts) {
  RecordTrackedCase(/*close=*/false);
  Json rating = {{"code", kTracked}, {"check", "1234"}, {"score", 4}, {"comment", "办事快<b>"}};
  rating["proof"] = Proof();
  auto early = Post("/api/public/v1/ratings", rating);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 409) << early->body;  // not closed yet

  // Close it (a second batch of events).
  Json closed = {{"source", "oa"},        {"id", "t4"},      {"type", "closed"},
                 {"case", kTracked},      {"actor", "P003"}, {"occurred", "2026-11-18T02:00:00Z"},
                 {"decision", "准予许可"}};
  auto c = Client().Post("/api/v1/events", {{"Authorization", "Bearer " + api_key}}, closed.dump(),
                         "application/json");
  ASSERT_TRUE(c && c->status == 200);
  auto tracked = Body(Post("/api/public/v1/track", {{"code", kTracked}, {"check", "1234"}}));
  EXPECT_EQ(tracked["status"], "closed");
  EXPECT_EQ(tracked["decision"], "准予许可");
  EXPECT_TRUE(tracked["can_rate"]);

  // The spent challenge is refused; a fresh one is needed.
  auto reused = Post("/api/public/v1/ratings", rating);
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->status, 400);
  EXPECT_EQ(Body(reused)["error"]["message"], "这次安全验证已经用过：请重新提交");
  rating["proof"] = Proof();
  rating["score"] = 9;
  auto bad = Post("/api/public/v1/ratings", rating);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  rating["score"] = 4;
  rating["proof"] = Proof();
  auto rated = Post("/api/public/v1/ratings", rating);
  ASSERT_TRUE(rated);
  ASSERT_EQ(rated->status, 201) << rated->body;
  EXPECT_EQ(Body(rated)["rating"]["score"], 4);
  EXPECT_EQ(Body(rated)["rating"]["comment"], "办事快<b>");  // kept as text, escaped when shown

  rating["proof"] = Proof();
  auto again = Post("/api/public/v1/ratings", rating);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(Body(again)["error"]["message"], "这件办件已经评价过了，每件只能评价一次");
  tracked = Body(Post("/api/public/v1/track", {{"code", kTracked}, {"check", "1234"}}));
  EXPECT_FALSE(tracked["can_rate"]);
  EXPECT_EQ(tracked["rating"]["score"], 4);

  // The units' statistics and the assessment's source see it.
  const Json units = Body(Client().Get("/api/public/v1/units"));
  bool found = false;
  for (const auto& u : units["items"]) {
    if (u["unit"] == "YX-SCJ") {
      found = true;
      EXPECT_EQ(u["satisfaction"], 4.0);
      EXPECT_EQ(u["ratings"], 1);
    }
  }
  EXPECT_TRUE(found);
  auto tally = queries->RatingsByUnit("", "");
  ASSERT_TRUE(tally);
  EXPECT_EQ((*tally)["YX-SCJ"].sum, 4);
  EXPECT_EQ(EntriesOfKind("rating.put"), 1u);
  ExpectDeepVerifyPasses();
}

TEST_F(PortalTest, AComplaintRaisesAWarningForTheInspectorsAndIsFollowedByItsCode) {
  Json complaint = {{"kind", "report"},
                    {"unit", "YX-SCJ"},
                    {"power", "CF-SCJ-001"},
                    {"person_name", "张某"},
                    {"text", "办理时索要好处费<script>alert(1)</script>"},
                    {"contact", {{"name", "李女士"}, {"phone", "139-0000-5678"}}}};
  auto unproven = Post("/api/public/v1/complaints", complaint);
  ASSERT_TRUE(unproven);
  EXPECT_EQ(unproven->status, 400);
  EXPECT_EQ(Body(unproven)["error"]["details"][0]["field"], "proof");

  complaint["proof"] = Proof();
  auto filed = Post("/api/public/v1/complaints", complaint);
  ASSERT_TRUE(filed);
  ASSERT_EQ(filed->status, 201) << filed->body;
  const std::string code = Body(filed)["code"];
  EXPECT_EQ(code.size(), 19u);  // XXXX-XXXX-XXXX-XXXX: 80 random bits
  // The code is kept only as its hash; the contact never enters the ledger.
  const auto size = *store->LedgerSize();
  const auto entries = store->ReadEntries(1, size);
  ASSERT_TRUE(entries);
  for (const auto& e : *entries) {
    const std::string text = CanonicalJson(e.payload);
    EXPECT_EQ(text.find(code), std::string::npos) << e.kind;
    EXPECT_EQ(text.find("139-0000-5678"), std::string::npos) << e.kind;
    EXPECT_EQ(text.find("李女士"), std::string::npos) << e.kind;
  }

  // Following by code (lower case and without dashes work too).
  std::string loose;
  for (char ch : code) {
    if (ch != '-') loose += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  auto followed = Post("/api/public/v1/complaints/follow", {{"code", loose}});
  ASSERT_TRUE(followed);
  ASSERT_EQ(followed->status, 200) << followed->body;
  Json f = Json::parse(followed->body);
  EXPECT_EQ(f["status"], "received");
  EXPECT_EQ(f["kind_name"], "举报");
  EXPECT_EQ(f["unit_name"], "云溪县市场监督管理局");
  EXPECT_EQ(f["text"], "办理时索要好处费<script>alert(1)</script>");
  EXPECT_EQ(followed->body.find("李女士"), std::string::npos);
  auto unknown = Post("/api/public/v1/complaints/follow", {{"code", "AAAA-BBBB-CCCC-DDDD"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);

  // Adding information.
  auto added = Post("/api/public/v1/complaints/add",
                    {{"code", code}, {"text", "补充：时间是上周三下午"}, {"proof", Proof()}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  f = Body(Post("/api/public/v1/complaints/follow", {{"code", code}}));
  ASSERT_EQ(f["additions"].size(), 1u);
  EXPECT_EQ(f["additions"][0]["text"], "补充：时间是上周三下午");
  auto add_unknown = Post("/api/public/v1/complaints/add",
                          {{"code", "AAAA-BBBB-CCCC-DDDD"}, {"text", "x"}, {"proof", Proof()}});
  ASSERT_TRUE(add_unknown);
  EXPECT_EQ(add_unknown->status, 404);

  // The inspector supervising the unit sees a 信访举报 warning with the complaint…
  auto inspector = Login("inspector");
  auto list = Client().Get("/api/v1/warnings?source=manual", inspector.Headers());
  ASSERT_TRUE(list && list->status == 200);
  uint64_t seq = 0;
  const Json listed = Json::parse(list->body);
  for (const auto& w : listed["items"]) {
    if (w["rule_name"] == "信访举报") seq = w["seq"].get<uint64_t>();
  }
  ASSERT_NE(seq, 0u) << list->body.substr(0, 1500);
  auto detail =
      Client().Get(("/api/v1/warnings/" + std::to_string(seq)).c_str(), inspector.Headers());
  ASSERT_TRUE(detail && detail->status == 200);
  const Json d = Json::parse(detail->body);
  EXPECT_EQ(d["level"], "提醒");
  EXPECT_EQ(d["complaint"]["text"], "办理时索要好处费<script>alert(1)</script>");
  EXPECT_EQ(d["complaint"]["person_name"], "张某");
  EXPECT_EQ(d["complaint"]["anonymous"], false);
  EXPECT_EQ(d["complaint"]["additions"].size(), 1u);
  EXPECT_EQ(detail->body.find("李女士"), std::string::npos) << "the contact only on request";
  const std::string id = std::to_string(d["complaint"]["id"].get<uint64_t>());

  // …and the contact on request, which leaves a trace.
  const size_t reads = EntriesOfKind("audit.read");
  auto contact =
      Client().Get(("/api/v1/complaints/" + id + "/contact").c_str(), inspector.Headers());
  ASSERT_TRUE(contact);
  ASSERT_EQ(contact->status, 200) << contact->body;
  EXPECT_EQ(Body(contact)["name"], "李女士");
  EXPECT_EQ(Body(contact)["phone"], "139-0000-5678");
  EXPECT_EQ(EntriesOfKind("audit.read"), reads + 1);

  // The unit concerned never sees it: not in its leader's list, not by its number.
  auto leader = Login("leader");
  auto theirs = Client().Get("/api/v1/warnings", leader.Headers());
  ASSERT_TRUE(theirs && theirs->status == 200);
  EXPECT_EQ(theirs->body.find("信访举报"), std::string::npos);
  auto direct = Client().Get(("/api/v1/warnings/" + std::to_string(seq)).c_str(), leader.Headers());
  ASSERT_TRUE(direct);
  EXPECT_EQ(direct->status, 404);
  auto their_contact =
      Client().Get(("/api/v1/complaints/" + id + "/contact").c_str(), leader.Headers());
  ASSERT_TRUE(their_contact);
  EXPECT_EQ(their_contact->status, 403);

  // Once the inspector closes the warning, the submitter sees it closed.
  for (const char* action : {"dismiss", "approve"}) {
    auto step = Client().Post(
        ("/api/v1/warnings/" + std::to_string(seq) + "/steps").c_str(), inspector.Headers(),
        Json{{"action", action}, {"text", "经核查，反映问题不属实"}}.dump(), "application/json");
    ASSERT_TRUE(step);
    if (step->status != 200 && step->status != 201) break;  // one step may already close it
  }
  f = Body(Post("/api/public/v1/complaints/follow", {{"code", code}}));
  EXPECT_NE(f["status"], "received");
  ExpectDeepVerifyPasses();
}

TEST_F(PortalTest, AnonymousComplaintsHaveNoContactAndFormsAreChecked) {
  Json complaint = {{"kind", "complaint"},
                    {"unit", "YX-SCJ"},
                    {"text", "窗口人员态度差"},
                    {"anonymous", true},
                    {"proof", Proof()}};
  auto filed = Post("/api/public/v1/complaints", complaint);
  ASSERT_TRUE(filed);
  ASSERT_EQ(filed->status, 201) << filed->body;
  auto row = store->ComplaintByCode(portal::CodeHash(Body(filed)["code"].get<std::string>()));
  ASSERT_TRUE(row && *row);
  auto inspector = Login("inspector");
  auto contact =
      Client().Get(("/api/v1/complaints/" + std::to_string((*row)->seq) + "/contact").c_str(),
                   inspector.Headers());
  ASSERT_TRUE(contact);
  EXPECT_EQ(contact->status, 404);
  EXPECT_EQ(Body(contact)["error"]["message"], "该投诉举报为匿名提交，没有联系方式");

  // Each bad form says which field is wrong, in Chinese, and files nothing.
  const size_t before = EntriesOfKind("complaint.file");
  struct Case {
    Json change;
    std::string field;
  };
  for (const auto& [change, field] : std::vector<Case>{
           {{{"unit", "NO-SUCH"}}, ""},
           {{{"text", ""}}, "text"},
           {{{"text", std::string(2001, 'x')}}, "text"},
           {{{"text", std::string("a\x01b")}}, "text"},
           {{{"kind", "praise"}}, "kind"},
           {{{"anonymous", false}}, "contact"},
       }) {
    Json body = complaint;
    body.update(change);
    body["proof"] = Proof();
    auto r = Post("/api/public/v1/complaints", body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << change.dump() << r->body;
    if (!field.empty()) {
      EXPECT_EQ(Body(r)["error"]["details"][0]["field"], field) << r->body;
    }
  }
  EXPECT_EQ(EntriesOfKind("complaint.file"), before);

  // A body over the public limit is refused before it is read.
  Json big = complaint;
  big["text"] = std::string(70 * 1024, 'x');
  auto r = Post("/api/public/v1/complaints", big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("过长"), std::string::npos);
}

TEST_F(PortalTest, PublicFormsAreLimitedPerAddress) {
  server.reset();
  server::ServerOptions options;
  options.public_forms = 3;
  Serve(options);
  int limited = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = Post("/api/public/v1/complaints/add", {{"code", "X"}, {"text", "x"}});
    ASSERT_TRUE(r);
    if (r->status == 429) ++limited;
  }
  EXPECT_EQ(limited, 2);
}

TEST_F(PortalTest, TheVerifyKitChecksAPublishedCheckpointWithOpenssl) {
  // A server with a signing key: a checkpoint is signed, published and checked by the script.
  // A key whose base64 holds a '+' (about every other key does), as the kit must split it.
  auto key = ledger::SigningKey::Generate("daylight-test");
  for (int i = 0; i < 200 && key; ++i) {
    const std::string v = key->VerifierKey();
    if (v.substr(v.find('+', v.find('+') + 1) + 1).find('+') != std::string::npos) break;
    key = ledger::SigningKey::Generate("daylight-test");
  }
  ASSERT_TRUE(key);
  server.reset();
  writer.reset();
  writer::WriterOptions wo;
  wo.auto_tick = false;
  wo.signer = std::make_shared<const ledger::SigningKey>(std::move(*key));
  wo.checkpoint_every = 1;
  auto w = writer::Writer::Start(*store, clock, wo);
  ASSERT_TRUE(w);
  writer = std::move(*w);
  server::ServerOptions options;
  options.verifier_key = wo.signer->VerifierKey();
  Serve(options);
  RecordTrackedCase(/*close=*/true);
  // The writer signs after the commit that answered the events: wait for that checkpoint.
  for (int i = 0; i < 500; ++i) {
    auto latest = store->LatestCheckpoint();
    ASSERT_TRUE(latest);
    if (*latest && (*latest)->size == *store->LedgerSize()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  auto kit = Client().Get("/api/public/v1/verify-kit");
  ASSERT_TRUE(kit && kit->status == 200);
  auto listed = Client().Get("/api/public/v1/checkpoints");
  ASSERT_TRUE(listed && listed->status == 200);
  const std::string note = Json::parse(listed->body)["items"][0]["note"];
  std::ofstream(dir.File("verify.sh")) << kit->body;
  std::ofstream(dir.File("good.txt")) << note;
  std::string bad = note;
  bad[bad.find('\n') + 1] = bad[bad.find('\n') + 1] == '1' ? '2' : '1';  // the size changed
  std::ofstream(dir.File("bad.txt")) << bad;
  auto run = [&](const std::string& file) {
    const std::string cmd = "sh " + dir.File("verify.sh") + " " + dir.File(file) + " > " +
                            dir.File("out.txt") + " 2>&1";
    return std::system(cmd.c_str());
  };
  EXPECT_EQ(run("good.txt"), 0);
  std::ifstream out(dir.File("out.txt"));
  std::string said((std::istreambuf_iterator<char>(out)), {});
  EXPECT_NE(said.find("验证通过"), std::string::npos) << said;
  EXPECT_NE(run("bad.txt"), 0);
}

}  // namespace
}  // namespace dl::testing
