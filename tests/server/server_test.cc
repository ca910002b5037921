// The server end to end over a real socket: the OpenAPI document against the route table,
// sessions and CSRF, the login throttle, online handling, event ingestion with an API key,
// imports, the static UI and the limits.
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>

#include "server/api.h"
#include "server_fixture.h"

namespace dl::testing {
namespace {

Json Body(const httplib::Result& r) { return r ? Json::parse(r->body) : Json(); }

// The backlog of the IPv4 TCP socket listening on `port`, as the kernel's socket diagnostics
// report it (what `ss -ltn` shows as Send-Q); -1 when no such socket is found, -2 when the
// diagnostics cannot be read.
int ListenBacklog(int port) {
  const int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return -2;
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } ask{};
  ask.header.nlmsg_len = sizeof(ask);
  ask.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  ask.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  ask.request.sdiag_family = AF_INET;
  ask.request.sdiag_protocol = IPPROTO_TCP;
  ask.request.idiag_states = 1u << 10;  // TCP_LISTEN
  int found = send(fd, &ask, sizeof(ask), 0) == sizeof(ask) ? -1 : -2;
  alignas(nlmsghdr) char buffer[16384];
  for (bool done = found == -2; !done;) {
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    for (auto* h = reinterpret_cast<nlmsghdr*>(buffer); NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
        done = true;
        break;
      }
      const auto* socket = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
      if (ntohs(socket->id.idiag_sport) == port) found = static_cast<int>(socket->idiag_wqueue);
    }
  }
  close(fd);
  return found;
}

TEST_F(ServerTest, TheServerListensWithALongQueueAndAloneOnItsPort) {
  // cpp-httplib's own backlog of 5 would drop the SYNs of clients connecting together.
  EXPECT_GE(ListenBacklog(server->port()), 128);
  // A second server on the same port fails instead of sharing it (no SO_REUSEPORT).
  server::ServerOptions options;
  options.port = server->port();
  auto second = server::Server::Start(*writer, *store, *queries, clock, options);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("端口被占用"), std::string::npos);
  EXPECT_TRUE(Client().Get("/healthz"));  // the first one still serves
}

TEST_F(ServerTest, TheOpenApiDocumentDescribesExactlyTheRoutes) {
  auto c = Client();
  auto r = c.Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  Json doc = Json::parse(r->body);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented, routed;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      std::transform(m.begin(), m.end(), m.begin(), ::toupper);
      documented.insert(m + " " + path);
      EXPECT_TRUE(op.contains("summary") && op.contains("responses")) << m << " " << path;
    }
  }
  for (const auto& route : server::Routes()) {
    routed.insert(std::string(route.method) + " " + route.pattern);
  }
  EXPECT_EQ(documented, routed);
}

TEST_F(ServerTest, ASessionNeedsItsCsrfTokenAndEndsAtLogout) {
  auto c = Client();
  auto bad =
      c.Post("/api/v1/session", Json{{"login", "handler"}, {"password", "wrong-pass"}}.dump(),
             "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(Body(bad)["error"]["code"], "unauthenticated");
  EXPECT_EQ(EntriesOfKind("audit.login_failed"), 1u);

  Session s = Login("handler");
  ASSERT_FALSE(s.cookie.empty());
  EXPECT_EQ(EntriesOfKind("audit.login"), 1u);
  auto me = c.Get("/api/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(Body(me)["account"]["person"], "P003");
  EXPECT_EQ(Body(me)["account"].count("password_hash"), 0u);

  // A state-changing request without the token is refused (and traced).
  auto forged = c.Post("/api/v1/cases", {{"Cookie", s.cookie}},
                       Json{{"power", "CF-SCJ-001"}}.dump(), "application/json");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(EntriesOfKind("audit.denied"), 1u);

  auto out = c.Delete("/api/v1/session", s.Headers());
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  auto after = c.Get("/api/v1/session", {{"Cookie", s.cookie}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(ServerTest, RepeatedFailedLoginsAreThrottledUntilTheWindowPasses) {
  auto c = Client();
  auto attempt = [&](const std::string& password) {
    return c.Post("/api/v1/session", Json{{"login", "leader"}, {"password", password}}.dump(),
                  "application/json");
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("wrong-" + std::to_string(i))->status, 401);
  auto blocked = attempt(kPassword);  // even the right password waits
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);
  EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
  clock.Advance(std::chrono::minutes(16));
  EXPECT_EQ(attempt(kPassword)->status, 200);
}

TEST_F(ServerTest, AHandlerWorksACaseAndTheInspectorSeesItsWarningsAndTheReadIsTraced) {
  auto c = Client();
  Session h = Login("handler");
  auto opened =
      c.Post("/api/v1/cases", h.Headers(),
             Json{{"power", "XK-SCJ-001"}, {"applicant", "某超市"}}.dump(), "application/json");
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->status, 201) << opened->body;
  const std::string id = Body(opened)["case"];
  EXPECT_EQ(Body(opened)["events"][0]["actor"], "P003");  // the account's person

  // Skipping 受理 is refused with the steps that may come next; nothing is written.
  const uint64_t size = *store->LedgerSize();
  auto skipped = c.Post(("/api/v1/cases/" + id + "/steps").c_str(), h.Headers(),
                        Json{{"node", "N5"}}.dump(), "application/json");
  ASSERT_TRUE(skipped);
  EXPECT_EQ(skipped->status, 400);
  // The message gives the reason and what may come next, not only the writer's summary.
  const std::string why = Body(skipped)["error"]["message"];
  EXPECT_NE(why.find("受理"), std::string::npos) << why;
  EXPECT_FALSE(why.starts_with("校验未通过")) << why;
  EXPECT_EQ(*store->LedgerSize(), size);

  auto step = c.Post(("/api/v1/cases/" + id + "/steps").c_str(), h.Headers(),
                     Json{{"node", "N1"}}.dump(), "application/json");
  ASSERT_TRUE(step);
  EXPECT_EQ(step->status, 200) << step->body;

  // A malformed meeting record is refused naming its field, before anything is submitted.
  auto meeting =
      c.Post(("/api/v1/cases/" + id + "/decisions").c_str(), h.Headers(),
             Json{{"node", "N5"}, {"decision", "准予许可"}, {"meeting", {{"present", 3}}}}.dump(),
             "application/json");
  ASSERT_TRUE(meeting);
  EXPECT_EQ(meeting->status, 400);
  EXPECT_NE(Body(meeting)["error"]["message"].get<std::string>().find("meeting.present"),
            std::string::npos)
      << meeting->body;

  auto page = c.Get(("/api/v1/cases/" + id).c_str(), {{"Cookie", h.cookie}});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  Json view = Body(page);
  EXPECT_EQ(view["events"].size(), 3u);  // opened, started, completed
  EXPECT_EQ(view["unit"], "YX-SCJ");
  EXPECT_EQ(view["node_names"]["N1"], "受理");
  EXPECT_GE(EntriesOfKind("audit.read"), 1u);

  auto svg = c.Get(("/api/v1/cases/" + id + "/flow.svg").c_str(), {{"Cookie", h.cookie}});
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200);
  EXPECT_NE(svg->body.find("#node-N1 polygon"), std::string::npos);  // done: marked

  Session i = Login("inspector");
  auto warnings = c.Get("/api/v1/warnings", {{"Cookie", i.cookie}});
  ASSERT_TRUE(warnings);
  ASSERT_EQ(warnings->status, 200);
  Json list = Body(warnings);
  ASSERT_GE(list["total"].get<int>(), 1);
  for (const auto& w : list["items"]) EXPECT_EQ(w["unit"], "YX-SCJ");  // never YX-ZRJ's
  const uint64_t seq = list["items"][0]["seq"];
  const size_t reads = EntriesOfKind("audit.read");
  auto detail = c.Get(("/api/v1/warnings/" + std::to_string(seq)).c_str(), {{"Cookie", i.cookie}});
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->status, 200);
  EXPECT_FALSE(Body(detail)["evidence_entries"].empty());
  EXPECT_EQ(EntriesOfKind("audit.read"), reads + 1);
}

TEST_F(ServerTest, AnIntegratorPostsEventsOnceEvenWhenSentTwice) {
  auto c = Client();
  httplib::Headers key = {{"Authorization", "Bearer " + api_key}};
  Json batch = Json::array();
  batch.push_back({{"source", "erp"},
                   {"id", "e1"},
                   {"type", "opened"},
                   {"case", "ERP-1"},
                   {"power", "CF-SCJ-001"},
                   {"actor", "P003"},
                   {"occurred", "2026-11-23T00:10:00Z"}});
  batch.push_back({{"source", "erp"},
                   {"id", "e2"},
                   {"type", "started"},
                   {"case", "ERP-1"},
                   {"node", "N1"},
                   {"actor", "P003"},
                   {"occurred", "2026-11-23T00:20:00Z"}});
  auto first = c.Post("/api/v1/events", key, batch.dump(), "application/json");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(Body(first)["recorded"], 2);
  auto again = c.Post("/api/v1/events", key, batch.dump(), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(Body(again)["recorded"], 0);
  EXPECT_EQ(Body(again)["duplicates"], 2);

  auto bad = c.Post("/api/v1/events", key, R"({"type":"opened"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Body(bad)["error"]["message"].get<std::string>().find("第 1 个事件"),
            std::string::npos);

  // A power of the key's unit does not open a way into another unit's recorded case.
  Json intrude = {{"source", "erp"},     {"id", "x1"},
                  {"type", "completed"}, {"case", kCaseOut},
                  {"node", "N1"},        {"power", "CF-SCJ-001"},
                  {"actor", "P003"},     {"occurred", "2026-11-23T00:30:00Z"}};
  auto intruded = c.Post("/api/v1/events", key, intrude.dump(), "application/json");
  ASSERT_TRUE(intruded);
  EXPECT_EQ(intruded->status, 403) << intruded->body;
  EXPECT_EQ(Body(intruded)["error"]["message"],
            "第 1 个事件：单位“云溪县自然资源局”不在您的账号范围内");

  auto wrong_key = c.Post("/api/v1/events", {{"Authorization", "Bearer dlk_nope_nope"}},
                          batch.dump(), "application/json");
  ASSERT_TRUE(wrong_key);
  EXPECT_EQ(wrong_key->status, 401);

  auto metrics = c.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("daylight_events_ingested_total 2"), std::string::npos);
  EXPECT_NE(metrics->body.find(R"(route="/api/v1/events",status="200")"), std::string::npos);
}

TEST_F(ServerTest, ADisabledAccountLosesItsSessionAtOnce) {
  auto c = Client();
  Session admin = Login("admin");
  Session h = Login("handler");
  auto put = c.Put("/api/v1/accounts/handler", admin.Headers(), Json{{"disabled", true}}.dump(),
                   "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200) << put->body;
  auto me = c.Get("/api/v1/session", {{"Cookie", h.cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
  auto login = c.Post("/api/v1/session", Json{{"login", "handler"}, {"password", kPassword}}.dump(),
                      "application/json");
  EXPECT_EQ(login->status, 401);
}

TEST_F(ServerTest, MyTasksAreTheNextStepsOfMyPostsInMyScope) {
  auto c = Client();
  Session h = Login("handler");  // P003, 科员 of YX-SCJ's section: 调查取证 (N1) is theirs
  auto r = c.Get("/api/v1/tasks", {{"Cookie", h.cookie}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  Json items = Body(r)["items"];
  ASSERT_EQ(items.size(), 1u) << r->body;
  EXPECT_EQ(items[0]["case"], kCaseIn);
  EXPECT_EQ(items[0]["node"], "N1");
  EXPECT_EQ(items[0]["node_name"], "调查取证");
  // The leader holds no post that the next step needs.
  Session l = Login("leader");
  auto none = c.Get("/api/v1/tasks", {{"Cookie", l.cookie}});
  ASSERT_TRUE(none);
  EXPECT_EQ(Body(none)["total"], 0);
}

TEST_F(ServerTest, TheWriterRefusesASecondCreationOfOneLogin) {
  // The service checks first; the writer checks again in order, which is what holds when two
  // administrators create the same login at once.
  access::Account a = writer->Published()->accounts.at("handler");
  a.name = "冒名";
  writer::Submission sub{"test", {}, false};
  sub.commands.emplace_back(std::in_place_type<catalog::Change>, catalog::AccountPut{a, true});
  auto r = writer->Submit(std::move(sub));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(writer->Published()->accounts.at("handler").name, "handler");
}

TEST_F(ServerTest, ADryRunImportReportsProblemsAndWritesNothing) {
  auto c = Client();
  Session u = Login("unitadmin");
  const uint64_t size = *store->LedgerSize();
  auto r =
      c.Post("/api/v1/imports/catalog?format=json&dry_run=true&filename=四单.json", u.Headers(),
             R"({"format":"daylight.catalog","version":1,"posts":[{"code":"X","unit":"YX-SCJ"}]})",
             "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  Json report = Body(r);
  EXPECT_FALSE(report["applied"].get<bool>());
  ASSERT_FALSE(report["problems"].empty()) << r->body;
  EXPECT_EQ(report["problems"][0]["file"], "四单.json");
  EXPECT_EQ(*store->LedgerSize(), size);
}

TEST_F(ServerTest, TheUiIsServedWithSecurityHeadersAndOversizedBodiesAreRefused) {
  auto c = Client();
  auto index = c.Get("/cases/SCJ-2026-0001");  // a UI route: the single page answers
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>Daylight"), std::string::npos);
  EXPECT_FALSE(index->get_header_value("Content-Security-Policy").empty());
  EXPECT_EQ(index->get_header_value("X-Content-Type-Options"), "nosniff");
  auto js = c.Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  auto escape = c.Get("/../../etc/passwd");
  ASSERT_TRUE(escape);
  EXPECT_EQ(escape->body.find("root:"), std::string::npos);
  // A sibling folder whose name starts like the root's is outside it too.
  std::filesystem::create_directories(dir.File("web-evil"));
  std::ofstream(dir.File("web-evil/secret.txt")) << "secret";
  auto sibling = c.Get("/../web-evil/secret.txt");
  ASSERT_TRUE(sibling);
  EXPECT_EQ(sibling->body.find("secret"), std::string::npos);

  auto unknown = c.Get("/api/v1/nothing-here");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(Body(unknown)["error"]["code"], "not_found");

  std::string huge(33 * 1024 * 1024, 'x');
  auto big =
      c.Post("/api/v1/events", {{"Authorization", "Bearer " + api_key}}, huge, "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(Body(big)["error"]["code"], "payload_too_large");
}

class FullQueueTest : public ServerTest {
 protected:
  void SetUp() override {}
};

TEST_F(FullQueueTest, AFullWriterQueueAnswers429WithRetryAfter) {
  // A writer that takes no submission at all stands for one whose queue is full.
  Prepare();
  accounts.reset();
  StartWriter(/*max_queue=*/0);
  Serve(server::ServerOptions{});
  if (HasFatalFailure()) return;
  auto c = Client();
  auto r = c.Post(
      "/api/v1/events", {{"Authorization", "Bearer " + api_key}},
      R"({"source":"erp","id":"q1","type":"opened","case":"Q-1","power":"CF-SCJ-001","actor":"P003","occurred":"2026-11-23T00:10:00Z"})",
      "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429) << r->body;
  EXPECT_EQ(r->get_header_value("Retry-After"), "1");
}

}  // namespace
}  // namespace dl::testing
