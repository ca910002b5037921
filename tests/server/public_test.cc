// 阳光公开: the guarantee. A server over the demo county, with one public power given a new
// version that takes effect only next year (unpublished), renders every public route and open
// data file; none of them may contain any value that is not public — a 内部 or 涉密 power's code,
// name, legal basis or content, any risk, control or post of any power, any person's name, or
// the text of the unpublished version.
#include <gtest/gtest.h>
#include <httplib.h>

#include <set>

#include "server/server.h"
#include "testing/demo_year.h"
#include "testing/temp_dir.h"

namespace dl::testing {
namespace {

constexpr const char* kUnpublished = "尚未生效的新版本办理条件";

class PublicPortalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = std::move(*store::OpenSqliteStore(dir.File("p.db"), {.create = true}));
    writer::WriterOptions wo;
    wo.auto_tick = false;
    auto w = writer::Writer::Start(*store, clock, wo);
    ASSERT_TRUE(w) << w.error().message;
    writer = std::move(*w);
    county = DemoCounty();
    writer::Submission sub{"test", {}, false};
    sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, county);
    auto imported = writer->Submit(std::move(sub));
    ASSERT_TRUE(imported) << imported.error().message;
    // A public power gets a version that takes effect next year: not yet published.
    for (const auto& [code, rec] : county.powers) {
      if (rec.power.disclosure == catalog::Disclosure::kPublic && rec.history.empty()) {
        future = rec.power;
        break;
      }
    }
    ASSERT_FALSE(future.code.empty());
    future.effective_from = Date::FromYmd(2027, 1, 1);
    future.content = kUnpublished;
    writer::Submission next{"test", {}, false};
    next.commands.emplace_back(catalog::Change{catalog::PowerVersionPut{future, 0}});
    auto put = writer->Submit(std::move(next));
    ASSERT_TRUE(put) << put.error().message << put.error().details.dump();
    queries = std::move(*store::OpenSqliteQueries(dir.File("p.db")));
    server::ServerOptions options;
    options.port = 0;
    options.log_requests = false;
    auto s = server::Server::Start(*writer, *store, *queries, clock, options);
    ASSERT_TRUE(s) << s.error().message;
    server = std::move(*s);
  }

  void TearDown() override {
    server.reset();
    writer.reset();
  }

  // GET as the public: no cookie, no key. Fails the test unless 200.
  std::string Get(const std::string& path) {
    httplib::Client c("127.0.0.1", server->port());
    auto r = c.Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << path << " " << r->body.substr(0, 300);
    return r->body;
  }

  TempDir dir;
  ManualClock clock{*ParseInstant("2026-11-23T01:00:00Z")};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Queries> queries;
  std::unique_ptr<writer::Writer> writer;
  std::unique_ptr<server::Server> server;
  catalog::Catalog county;
  catalog::Power future;
};

TEST_F(PublicPortalTest, NoPublicRouteOrFileShowsAnythingNotPublic) {
  // Every public page and file, as the portal and a crawler would fetch them.
  std::vector<std::pair<std::string, std::string>> rendered;
  auto fetch = [&](const std::string& path) { rendered.emplace_back(path, Get(path)); };
  std::set<std::string> listed;
  for (int page = 1;; ++page) {
    const std::string path = "/api/public/v1/powers?size=200&page=" + std::to_string(page);
    const std::string body = Get(path);
    rendered.emplace_back(path, body);
    const Json j = Json::parse(body);
    for (const Json& p : j["items"]) listed.insert(p["code"].get<std::string>());
    if (j["items"].empty() || listed.size() >= j["total"].get<size_t>()) break;
  }
  ASSERT_FALSE(listed.empty());
  for (const auto& code : listed) {
    fetch("/api/public/v1/powers/" + code);
    fetch("/api/public/v1/powers/" + code + "/flow.svg");
  }
  for (const char* path :
       {"/api/public/v1/units", "/api/public/v1/checkpoints", "/api/public/v1/challenge",
        "/open/v1/powers.json",
        "/open/v1/powers.csv", "/open/v1/units.json", "/open/v1/units.csv"}) {
    fetch(path);
  }

  // What must never appear. Short or common values that also occur in public fields (a person
  // named like a word of a public text) would be false alarms; they are left out.
  std::set<std::string> secret;
  size_t hidden_powers = 0;
  for (const auto& [code, rec] : county.powers) {
    const catalog::Power& p = rec.power;
    if (p.disclosure != catalog::Disclosure::kPublic) {
      ++hidden_powers;
      EXPECT_FALSE(listed.contains(code)) << code;
      secret.insert(code);
      secret.insert(p.name);
      secret.insert(p.content);
      for (const auto& b : p.legal_basis) secret.insert(b);
    }
    for (const auto& r : p.risks) {
      secret.insert(r.name);
      secret.insert(r.description);
      secret.insert(r.approval_record);
    }
    for (const auto& c : p.controls) secret.insert(c.measure);
  }
  for (const auto& [code, post] : county.posts) secret.insert(post.name);
  for (const auto& [code, person] : county.persons) secret.insert(person.name);
  secret.insert(kUnpublished);
  ASSERT_GT(hidden_powers, 0u);  // the demo county has 内部 and 涉密 powers

  std::string allowed;  // every public field of every public power, as the public may read it
  for (const auto& code : listed) {
    const catalog::Power& p = county.powers.at(code).power;
    allowed += p.code + "\n" + p.name + "\n" + p.content + "\n" + p.fees + "\n";
    for (const auto& b : p.legal_basis) allowed += b + "\n";
    for (const auto& n : p.flow.nodes) allowed += n.name + "\n" + n.supervision + "\n";
    for (const auto& e : p.flow.edges) allowed += e.condition + "\n";
    for (const auto& b : p.benchmarks) allowed += b.item + "\n" + b.conditions + "\n";
  }
  for (const auto& [code, unit] : county.units) allowed += unit.name + "\n";

  size_t checked = 0;
  for (const std::string& value : secret) {
    if (value.size() < 6 || allowed.find(value) != std::string::npos) continue;
    ++checked;
    for (const auto& [path, body] : rendered) {
      EXPECT_EQ(body.find(value), std::string::npos) << "“" << value << "” leaks in " << path;
    }
  }
  EXPECT_GT(checked, 500u);  // the check is not vacuous

  // The unpublished version: the public sees the version in force, and non-public powers are
  // not found (alike with an unknown code).
  const Json shown = Json::parse(Get("/api/public/v1/powers/" + future.code));
  EXPECT_EQ(shown["effective_from"], county.powers.at(future.code).power.effective_from.ToString());
  httplib::Client c("127.0.0.1", server->port());
  for (const auto& [code, rec] : county.powers) {
    if (rec.power.disclosure == catalog::Disclosure::kPublic) continue;
    auto r = c.Get(("/api/public/v1/powers/" + code).c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << code;
    break;
  }
}

TEST_F(PublicPortalTest, SearchByUnitCategoryAndKeywordAndTheOpenDataFormats) {
  const Json all = Json::parse(Get("/api/public/v1/powers?size=5"));
  ASSERT_GT(all["total"].get<int>(), 5);
  const Json first = all["items"][0];
  const std::string unit = first["unit"];
  const Json by_unit = Json::parse(Get("/api/public/v1/powers?size=200&unit=" + unit));
  for (const Json& p : by_unit["items"]) EXPECT_EQ(p["unit"], unit);
  httplib::Params params{{"q", first["name"].get<std::string>()}};
  httplib::Client c("127.0.0.1", server->port());
  auto found = c.Get("/api/public/v1/powers", params, httplib::Headers{});
  ASSERT_TRUE(found);
  EXPECT_GE(Json::parse(found->body)["total"].get<int>(), 1);
  httplib::Params category{{"category", "行政许可"}, {"size", "200"}};
  auto by_category = c.Get("/api/public/v1/powers", category, httplib::Headers{});
  ASSERT_TRUE(by_category);
  for (const Json& p : Json::parse(by_category->body)["items"])
    EXPECT_EQ(p["category"], "行政许可");

  const Json page = Json::parse(Get("/api/public/v1/powers/" + first["code"].get<std::string>()));
  EXPECT_EQ(page["supervision_phone"], "12388");
  EXPECT_FALSE(page["legal_basis"].empty());
  EXPECT_FALSE(page["flow"]["nodes"].empty());
  EXPECT_FALSE(page.contains("risks"));
  const std::string svg =
      Get("/api/public/v1/powers/" + first["code"].get<std::string>() + "/flow.svg");
  EXPECT_EQ(svg.rfind("<?xml", 0) == 0 || svg.find("<svg") != std::string::npos, true);

  const std::string csv = Get("/open/v1/powers.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF权力编码,权力名称,权力类别", 0), 0u);
  size_t lines = 0;
  for (char ch : csv) lines += ch == '\n';
  EXPECT_EQ(lines, all["total"].get<size_t>() + 1);
  const Json open = Json::parse(Get("/open/v1/powers.json"));
  EXPECT_EQ(open["schema"], "daylight-open-powers/1");
  EXPECT_EQ(open["powers"].size(), all["total"].get<size_t>());
  const Json units = Json::parse(Get("/open/v1/units.json"));
  EXPECT_FALSE(units["units"].empty());
}

}  // namespace
}  // namespace dl::testing

namespace dl::testing {
namespace {

// 办件查询 over real demo cases: the reply names steps and time limits, never a person, a post,
// the applicant or the counterparty, and a case of a 涉密 power is not found at all.
TEST_F(PublicPortalTest, TrackingADemoCaseShowsNoPersonPostOrParty) {
  const demo::DemoCases year = demo::GenerateDemoCases(county, {.seed = 7, .cases = 600});
  std::vector<std::string> tracked;
  std::set<std::string> secret;
  for (const auto& month : year.by_month) {
    writer::Submission sub{"demo", {}, false};
    sub.commands.emplace_back(std::in_place_type<writer::RecordEvents>, month);
    auto recorded = writer->Submit(std::move(sub));
    ASSERT_TRUE(recorded) << recorded.error().message;
    for (const auto& e : month) {
      if (e.type == engine::EventType::kOpened && !e.tracking_check.empty()) {
        tracked.push_back(e.case_id);
      }
      for (const std::string* v : {&e.applicant, &e.counterparty}) {
        if (v->size() >= 6) secret.insert(*v);
      }
    }
  }
  for (const auto& [code, person] : county.persons) secret.insert(person.name);
  for (const auto& [code, post] : county.posts) {
    if (post.name.size() >= 9) secret.insert(post.name);
  }
  ASSERT_GT(tracked.size(), 100u);
  httplib::Client c("127.0.0.1", server->port());
  size_t shown = 0, secret_powers = 0;
  for (const std::string& id : tracked) {
    const std::string check = demo::DemoApplicantPhone(id).substr(7);
    auto r = c.Post("/api/public/v1/track", Json{{"code", id}, {"check", check}}.dump(),
                    "application/json");
    ASSERT_TRUE(r);
    auto tracked_case = store->CaseForTracking(id);
    ASSERT_TRUE(tracked_case && *tracked_case);
    const auto& power = county.powers.at((*tracked_case)->power).power;
    if (power.disclosure == catalog::Disclosure::kSecret) {
      EXPECT_EQ(r->status, 404) << id;
      ++secret_powers;
      continue;
    }
    if (r->status == 429) break;  // the per-address limit: enough cases seen
    ASSERT_EQ(r->status, 200) << id << " " << r->body;
    ++shown;
    for (const std::string& value : secret) {
      EXPECT_EQ(r->body.find(value), std::string::npos)
          << "“" << value << "” leaks tracking " << id;
    }
  }
  EXPECT_GE(shown, 40u);
}

}  // namespace
}  // namespace dl::testing
