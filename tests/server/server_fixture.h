// A real server on port 0 over a real SQLite store, with two units: YX-SCJ (in the test
// accounts' scope) and YX-ZRJ (outside it), a case and a warning in each, one account per
// role scoped to YX-SCJ, and an API key for YX-SCJ.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "access/password.h"
#include "server/server.h"
#include "service/account_service.h"
#include "store/queries.h"
#include "testing/sample_catalog.h"
#include "testing/temp_dir.h"

namespace dl::testing {

inline constexpr const char* kPassword = "correct-horse-9";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(server::ServerOptions{}); }

  void Start(server::ServerOptions options) {
    Prepare();
    if (!HasFatalFailure()) Serve(std::move(options));
  }

  // A writer over the test database (started again after a restart of the test's making).
  void StartWriter(size_t max_queue = 10000) {
    writer.reset();
    writer::WriterOptions wo;
    wo.auto_tick = false;
    wo.max_queue = max_queue;
    auto w = writer::Writer::Start(*store, clock, wo);
    ASSERT_TRUE(w) << w.error().message;
    writer = std::move(*w);
  }

  void Prepare() {
    store = std::move(*store::OpenSqliteStore(dir.File("s.db"), {.create = true}));
    StartWriter();
    if (HasFatalFailure()) return;
    writer::Submission sub{"test", {}, false};
    sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, Catalog());
    auto imported = writer->Submit(std::move(sub));
    ASSERT_TRUE(imported) << imported.error().message << imported.error().details.dump();
    RecordCases();
    accounts = std::make_unique<service::AccountService>(*writer, access::HashCost::kMinimal);
    for (auto [login, role, person] :
         std::vector<std::tuple<std::string, access::Role, std::string>>{
             {"admin", access::Role::kAdmin, ""},
             {"unitadmin", access::Role::kUnitAdmin, ""},
             {"handler", access::Role::kHandler, "P003"},
             {"leader", access::Role::kLeader, "P001"},
             {"inspector", access::Role::kInspector, ""}}) {
      // The inspector's scope is its discipline unit, which supervises YX-SCJ only.
      std::vector<std::string> units{role == access::Role::kInspector ? "YX-JW" : "YX-SCJ"};
      auto made = accounts->Create("test", {login, login, role, units, person, kPassword});
      ASSERT_TRUE(made) << made.error().message << made.error().details.dump();
    }
    auto key = accounts->CreateApiKey("test", "审批系统", {"YX-SCJ"});
    ASSERT_TRUE(key);
    api_key = key->secret;
  }

  void Serve(server::ServerOptions options) {
    queries = std::move(*store::OpenSqliteQueries(dir.File("s.db")));
    options.port = 0;
    options.hash_cost = access::HashCost::kMinimal;
    options.web_root = WebRoot();
    options.log_requests = false;
    auto s = server::Server::Start(*writer, *store, *queries, clock, options);
    ASSERT_TRUE(s) << s.error().message;
    server = std::move(*s);
  }

  void TearDown() override {
    server.reset();
    writer.reset();
  }

  // The sample catalogue plus a second unit YX-ZRJ with a power, and a handler P003.
  static catalog::Catalog Catalog() {
    catalog::Catalog c = SampleCatalog();
    c.units["YX-ZRJ"] = org::Unit{
        "YX-ZRJ", "云溪县自然资源局", "YX", org::UnitLevel::kUnit, org::UnitKind::kGovernment,
        "YX-PZ"};
    c.units["YX-PZ"] = org::Unit{
        "YX-PZ", "派驻纪检组", "YX", org::UnitLevel::kUnit, org::UnitKind::kResidentGroup, ""};
    c.posts["ZRJ-KY"] = org::Post{"ZRJ-KY", "YX-ZRJ", "科员", false, false};
    c.persons["P003"] = {"P003", "赵敏"};
    c.persons["P004"] = {"P004", "钱磊"};
    org::Assignment a{"P003", "SCJ-ZC-KY", Date::FromYmd(2020, 1, 1), std::nullopt};
    c.assignments[a.Key()] = a;
    org::Assignment b{"P004", "ZRJ-KY", Date::FromYmd(2020, 1, 1), std::nullopt};
    c.assignments[b.Key()] = b;
    catalog::PowerRecord other = c.powers.at("CF-SCJ-001");
    other.power.code = "CF-ZRJ-001";
    other.power.name = "对非法占用土地的处罚";
    other.power.unit = "YX-ZRJ";
    other.history.clear();
    for (auto& n : other.power.flow.nodes) {
      if (!n.post.empty()) n.post = "ZRJ-KY";
    }
    other.power.benchmarks.clear();
    c.powers[other.power.code] = other;
    return c;
  }

  // One case in each unit, each with an event recorded two days late (a backdating warning).
  void RecordCases() {
    auto event = [](std::string id, engine::EventType type, std::string c, std::string power,
                    std::string actor) {
      engine::Event e;
      e.source = "test";
      e.external_id = std::move(id);
      e.type = type;
      e.case_id = std::move(c);
      e.power = std::move(power);
      e.actor = std::move(actor);
      e.occurred = *ParseInstant("2026-11-16T01:00:00Z");
      e.recorded = *ParseInstant("2026-11-20T01:00:00Z");
      return e;
    };
    writer::RecordEvents rec;
    rec.events.push_back(event("a1", engine::EventType::kOpened, kCaseIn, "CF-SCJ-001", "P003"));
    rec.events.push_back(event("b1", engine::EventType::kOpened, kCaseOut, "CF-ZRJ-001", "P004"));
    writer::Submission sub{"test", {}, false};
    sub.commands.emplace_back(std::move(rec));
    auto r = writer->Submit(std::move(sub));
    ASSERT_TRUE(r) << r.error().message << r.error().details.dump();
  }

  // A folder with an index.html, standing in for web/dist.
  std::string WebRoot() {
    std::filesystem::create_directories(dir.File("web/assets"));
    std::ofstream(dir.File("web/index.html")) << "<!doctype html><title>Daylight</title>";
    std::ofstream(dir.File("web/assets/app.js")) << "console.log(1)";
    return dir.File("web");
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server->port());
    c.set_read_timeout(30);
    return c;
  }

  // A signed-in client: its cookie and CSRF token.
  struct Session {
    std::string cookie, csrf;
    httplib::Headers Headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
  };
  Session Login(const std::string& login) {
    auto c = Client();
    auto r = c.Post("/api/v1/session", Json{{"login", login}, {"password", kPassword}}.dump(),
                    "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    if (!r || r->status != 200) return {};
    const std::string set = r->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), Json::parse(r->body)["csrf"].get<std::string>()};
  }

  // Ledger entries of `kind` so far.
  size_t EntriesOfKind(const std::string& kind) {
    auto size = *store->LedgerSize();
    auto entries = *store->ReadEntries(1, size);
    size_t n = 0;
    for (const auto& e : entries) n += e.kind == kind;
    return n;
  }

  // The seq of the warning about a case.
  uint64_t WarningOf(const std::string& case_id) {
    store::WarningQuery q;
    q.case_id = case_id;
    auto page = queries->Warnings(q);
    EXPECT_TRUE(page && !page->items.empty());
    return page && !page->items.empty() ? page->items[0].seq : 0;
  }

  static constexpr const char* kCaseIn = "SCJ-2026-0001";
  static constexpr const char* kCaseOut = "ZRJ-2026-0001";
  TempDir dir;
  ManualClock clock{*ParseInstant("2026-11-23T01:00:00Z")};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<writer::Writer> writer;
  std::unique_ptr<store::Queries> queries;
  std::unique_ptr<service::AccountService> accounts;
  std::unique_ptr<server::Server> server;
  std::string api_key;
};

}  // namespace dl::testing
