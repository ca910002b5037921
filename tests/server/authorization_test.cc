// The authorization matrix: every route × every role (and an API key, and no one) × a unit in
// the caller's scope and one outside it. Allowed and in scope: never 401/403; a role the
// route does not allow, or a unit outside the scope: 403, each leaving an audit.denied entry;
// no one: 401 except on public routes.
#include <functional>

#include "io/catalog_file.h"
#include "portal/complaint.h"
#include "server/api.h"
#include "server_fixture.h"
#include "service/handling_service.h"
#include "service/public_service.h"

namespace dl::testing {
namespace {

struct Request {
  std::string path;
  std::string body;
};
// A route's request against a unit in scope (YX-SCJ) and one outside it (YX-ZRJ); the same
// request twice when the route concerns no unit.
struct Variants {
  Request in, out;
  bool scoped = true;
};

class AuthorizationTest : public ServerTest {
 protected:
  std::string ImportBody(const std::string& unit) {
    catalog::Catalog c;
    c.posts["NEW-" + unit] = org::Post{"NEW-" + unit, unit, "新岗位", false, false};
    return io::CatalogJsonText(c);
  }
  std::string EventBody(const std::string& power, int n) {
    return Json{{"source", "erp"},
                {"id", "m" + std::to_string(n)},
                {"type", "opened"},
                {"case", "M-" + power + "-" + std::to_string(n)},
                {"power", power},
                {"actor", "P003"},
                {"occurred", "2026-11-23T00:30:00Z"}}
        .dump();
  }

  // Requests for each route, by "METHOD pattern".
  // A complaint with a contact about `unit`; its id.
  std::string ComplaintAbout(const std::string& unit) {
    auto filed =
        service::FileComplaint(*writer, *store,
                               {{"kind", "report"},
                                {"unit", unit},
                                {"text", "办事拖延"},
                                {"contact", {{"name", "王先生"}, {"phone", "13900000000"}}}},
                               service::SystemRandomHex);
    EXPECT_TRUE(filed) << filed.error().message;
    if (!filed) return "0";
    auto row = store->ComplaintByCode(portal::CodeHash((*filed)["code"].get<std::string>()));
    return row && *row ? std::to_string((*row)->seq) : "0";
  }

  std::map<std::string, std::function<Variants()>> Requests() {
    const std::string in_w = std::to_string(WarningOf(kCaseIn));
    const std::string out_w = std::to_string(WarningOf(kCaseOut));
    const std::string in_c = ComplaintAbout("YX-SCJ"), out_c = ComplaintAbout("YX-ZRJ");
    auto same = [](std::string path, std::string body = "") {
      return [=] { return Variants{{path, body}, {path, body}, false}; };
    };
    auto by_unit = [](std::string path) {
      return [=] {
        const char* sep = path.find('?') == std::string::npos ? "?" : "&";
        return Variants{{path + sep + "unit=YX-SCJ", ""}, {path + sep + "unit=YX-ZRJ", ""}};
      };
    };
    auto by_case = [](std::string suffix, std::string body = "") {
      return [=] {
        return Variants{{std::string("/api/v1/cases/") + kCaseIn + suffix, body},
                        {std::string("/api/v1/cases/") + kCaseOut + suffix, body}};
      };
    };
    auto by_power = [](std::string suffix) {
      return [=] {
        return Variants{{"/api/v1/powers/CF-SCJ-001" + suffix, ""},
                        {"/api/v1/powers/CF-ZRJ-001" + suffix, ""}};
      };
    };
    return {
        {"GET /healthz", same("/healthz")},
        {"GET /metrics", same("/metrics")},
        {"GET /api/v1/openapi.json", same("/api/v1/openapi.json")},
        {"POST /api/v1/session",
         same("/api/v1/session", Json{{"login", "leader"}, {"password", kPassword}}.dump())},
        {"GET /api/public/v1/powers", same("/api/public/v1/powers")},
        {"GET /api/public/v1/powers/{code}", same("/api/public/v1/powers/XK-SCJ-001")},
        {"GET /api/public/v1/powers/{code}/flow.svg",
         same("/api/public/v1/powers/XK-SCJ-001/flow.svg")},
        {"GET /api/public/v1/units", same("/api/public/v1/units")},
        {"GET /api/public/v1/checkpoints", same("/api/public/v1/checkpoints")},
        {"GET /api/public/v1/public-key", same("/api/public/v1/public-key")},
        {"GET /api/public/v1/verify-kit", same("/api/public/v1/verify-kit")},
        {"GET /api/public/v1/challenge", same("/api/public/v1/challenge")},
        {"POST /api/public/v1/track",
         same("/api/public/v1/track", Json{{"code", kCaseIn}, {"check", "1234"}}.dump())},
        {"POST /api/public/v1/ratings",
         same("/api/public/v1/ratings",
              Json{{"code", kCaseIn}, {"check", "1234"}, {"score", 5}}.dump())},
        {"POST /api/public/v1/complaints",
         same("/api/public/v1/complaints",
              Json{{"kind", "complaint"}, {"unit", "YX-SCJ"}, {"text", "x"}, {"anonymous", true}}
                  .dump())},
        {"POST /api/public/v1/complaints/follow",
         same("/api/public/v1/complaints/follow", Json{{"code", "0000-0000"}}.dump())},
        {"POST /api/public/v1/complaints/add",
         same("/api/public/v1/complaints/add", Json{{"code", "0000-0000"}, {"text", "x"}}.dump())},
        {"GET /api/v1/complaints/{id}/contact",
         [=] {
           return Variants{{"/api/v1/complaints/" + in_c + "/contact", ""},
                           {"/api/v1/complaints/" + out_c + "/contact", ""}};
         }},
        {"GET /open/v1/powers.json", same("/open/v1/powers.json")},
        {"GET /open/v1/powers.csv", same("/open/v1/powers.csv")},
        {"GET /open/v1/units.json", same("/open/v1/units.json")},
        {"GET /open/v1/units.csv", same("/open/v1/units.csv")},
        {"GET /api/v1/session", same("/api/v1/session")},
        {"DELETE /api/v1/session", same("/api/v1/session")},
        {"POST /api/v1/session/password",
         same("/api/v1/session/password",
              Json{{"old_password", kPassword}, {"new_password", kPassword}}.dump())},
        {"GET /api/v1/accounts", same("/api/v1/accounts")},
        {"POST /api/v1/accounts",
         [this] {
           const std::string login = "made" + std::to_string(++counter_);
           return Variants{{"/api/v1/accounts", Json{{"login", login},
                                                     {"name", "新账号"},
                                                     {"role", "unit_admin"},
                                                     {"units", {"YX-SCJ"}},
                                                     {"password", "another-pass-77"}}
                                                    .dump()},
                           {},
                           false};
         }},
        {"PUT /api/v1/accounts/{login}",
         same("/api/v1/accounts/unitadmin", Json{{"name", "单位管理员"}}.dump())},
        {"GET /api/v1/api-keys", same("/api/v1/api-keys")},
        {"POST /api/v1/api-keys",
         same("/api/v1/api-keys", Json{{"name", "x"}, {"units", {"YX-SCJ"}}}.dump())},
        {"DELETE /api/v1/api-keys/{id}", same("/api/v1/api-keys/" + spare_key_)},
        {"GET /api/v1/units", same("/api/v1/units")},
        {"GET /api/v1/persons", by_unit("/api/v1/persons")},
        {"GET /api/v1/powers", by_unit("/api/v1/powers")},
        {"GET /api/v1/powers/{code}", by_power("")},
        {"GET /api/v1/powers/{code}/versions/{version}", by_power("/versions/1")},
        {"GET /api/v1/powers/{code}/flow.svg", by_power("/flow.svg")},
        {"POST /api/v1/imports/catalog",
         [this] {
           return Variants{
               {"/api/v1/imports/catalog?format=json&dry_run=true", ImportBody("YX-SCJ")},
               {"/api/v1/imports/catalog?format=json&dry_run=true", ImportBody("YX-ZRJ")}};
         }},
        {"GET /api/v1/exports/catalog.xlsx", by_unit("/api/v1/exports/catalog.xlsx")},
        {"GET /api/v1/cases", by_unit("/api/v1/cases")},
        {"POST /api/v1/cases",
         [] {
           return Variants{{"/api/v1/cases", Json{{"power", "CF-SCJ-001"}}.dump()},
                           {"/api/v1/cases", Json{{"power", "CF-ZRJ-001"}}.dump()}};
         }},
        {"GET /api/v1/cases/{case}", by_case("")},
        {"GET /api/v1/cases/{case}/flow.svg", by_case("/flow.svg")},
        {"GET /api/v1/cases/{case}/evidence", by_case("/evidence")},
        {"POST /api/v1/cases/{case}/steps", by_case("/steps", Json{{"node", "N1"}}.dump())},
        {"POST /api/v1/cases/{case}/decisions",
         by_case("/decisions", Json{{"node", "N2"}, {"decision", "罚款"}}.dump())},
        {"POST /api/v1/cases/{case}/suspend", by_case("/suspend", Json{{"reason", "听证"}}.dump())},
        {"POST /api/v1/cases/{case}/resume", by_case("/resume")},
        {"POST /api/v1/cases/{case}/close", by_case("/close")},
        {"GET /api/v1/tasks", same("/api/v1/tasks")},
        {"POST /api/v1/events",
         [this] {
           ++counter_;
           return Variants{{"/api/v1/events", EventBody("CF-SCJ-001", counter_)},
                           {"/api/v1/events", EventBody("CF-ZRJ-001", counter_)}};
         }},
        {"GET /api/v1/warnings", by_unit("/api/v1/warnings")},
        {"GET /api/v1/warnings/{seq}",
         [=] {
           return Variants{{"/api/v1/warnings/" + in_w, ""}, {"/api/v1/warnings/" + out_w, ""}};
         }},
        {"POST /api/v1/warnings",
         [] {
           auto body = [](const char* unit) {
             return Json{{"source", "信访举报"},
                         {"level", "黄牌"},
                         {"unit", unit},
                         {"message", "群众反映办理拖延"}}
                 .dump();
           };
           return Variants{{"/api/v1/warnings", body("YX-SCJ")},
                           {"/api/v1/warnings", body("YX-ZRJ")}};
         }},
        // A step no role may take (the action is unknown): the route and the scope are what
        // is judged here; tests/server/server_test.cc takes the real steps.
        {"POST /api/v1/warnings/{seq}/steps",
         [=] {
           const std::string body = Json{{"action", "bogus"}}.dump();
           return Variants{{"/api/v1/warnings/" + in_w + "/steps", body},
                           {"/api/v1/warnings/" + out_w + "/steps", body}};
         }},
        {"GET /api/v1/warnings/{seq}/attachments/{hash}",
         [=] {
           const std::string hash(64, '0');
           return Variants{{"/api/v1/warnings/" + in_w + "/attachments/" + hash, ""},
                           {"/api/v1/warnings/" + out_w + "/attachments/" + hash, ""}};
         }},
        {"GET /api/v1/duties",
         [] {
           return Variants{{"/api/v1/duties?warning_unit=YX-SCJ", ""},
                           {"/api/v1/duties?warning_unit=YX-ZRJ", ""}};
         }},
        {"GET /api/v1/stats/dashboard", by_unit("/api/v1/stats/dashboard")},
        {"GET /api/v1/exceptions", by_unit("/api/v1/exceptions")},
        // Bodies with an unknown kind: the route and the unit's scope are judged here (the
        // unit is checked first); tests/server/review_test.cc grants, revokes and enters.
        {"POST /api/v1/exceptions",
         [] {
           auto body = [](const char* unit) {
             return Json{{"kind", "bogus"}, {"unit", unit}}.dump();
           };
           return Variants{{"/api/v1/exceptions", body("YX-SCJ")},
                           {"/api/v1/exceptions", body("YX-ZRJ")}};
         }},
        {"POST /api/v1/exceptions/{id}/revoke",
         same("/api/v1/exceptions/999999/revoke", Json{{"reason", "x"}}.dump())},
        {"GET /api/v1/checks", by_unit("/api/v1/checks")},
        {"POST /api/v1/checks",
         [] {
           auto body = [](const char* unit) {
             return Json{{"kind", "bogus"}, {"unit", unit}, {"deduction", 1}}.dump();
           };
           return Variants{{"/api/v1/checks", body("YX-SCJ")}, {"/api/v1/checks", body("YX-ZRJ")}};
         }},
        {"GET /api/v1/reviews/campaign", by_unit("/api/v1/reviews/campaign?year=2027")},
        {"GET /api/v1/catalog/changes", by_unit("/api/v1/catalog/changes")},
        {"GET /api/v1/assessment", same("/api/v1/assessment?period=2026Q4")},
        {"GET /api/v1/assessment.xlsx", same("/api/v1/assessment.xlsx?period=2026Q4")},
        {"GET /api/v1/ledger/checkpoints", same("/api/v1/ledger/checkpoints")},
        {"GET /api/v1/ledger/public-key", same("/api/v1/ledger/public-key")},
        {"GET /api/v1/ledger/proofs/inclusion", same("/api/v1/ledger/proofs/inclusion?seq=1")},
        {"GET /api/v1/ledger/proofs/consistency",
         same("/api/v1/ledger/proofs/consistency?old=1&new=2")},
        {"POST /api/v1/ledger/verify", same("/api/v1/ledger/verify")},
    };
  }

  int Send(const std::string& method, const Request& r, const httplib::Headers& headers) {
    auto c = Client();
    httplib::Result res =
        method == "GET"    ? c.Get(r.path.c_str(), headers)
        : method == "POST" ? c.Post(r.path.c_str(), headers, r.body, "application/json")
        : method == "PUT"  ? c.Put(r.path.c_str(), headers, r.body, "application/json")
                           : c.Delete(r.path.c_str(), headers);
    return res ? res->status : -1;
  }

  int counter_ = 0;
  std::string spare_key_;
};

TEST_F(AuthorizationTest, EveryRouteEveryRoleInAndOutOfScope) {
  auto spare = accounts->CreateApiKey("test", "备用", {"YX-SCJ"});
  ASSERT_TRUE(spare);
  spare_key_ = spare->key.id;
  auto requests = Requests();
  // Every route has its requests here, so a new route cannot escape the matrix.
  std::vector<const server::Route*> routes;
  for (const auto& route : server::Routes()) {
    const std::string key = std::string(route.method) + " " + route.pattern;
    ASSERT_TRUE(requests.contains(key)) << "no authorization case for " << key;
    routes.push_back(&route);
  }
  // Signing out last, so every other request runs in a live session.
  std::stable_partition(routes.begin(), routes.end(), [](const server::Route* r) {
    return !(std::string(r->method) == "DELETE" && std::string(r->pattern) == "/api/v1/session");
  });

  struct Caller {
    std::string name;
    std::optional<access::Role> role;  // nullopt: no one
    httplib::Headers headers;
  };
  std::vector<Caller> callers = {
      {"anonymous", std::nullopt, {}},
      {"integrator", access::Role::kIntegrator, {{"Authorization", "Bearer " + api_key}}}};
  for (auto [login, role] :
       std::vector<std::pair<std::string, access::Role>>{{"admin", access::Role::kAdmin},
                                                         {"unitadmin", access::Role::kUnitAdmin},
                                                         {"handler", access::Role::kHandler},
                                                         {"leader", access::Role::kLeader},
                                                         {"inspector", access::Role::kInspector}}) {
    callers.push_back({login, role, Login(login).Headers()});
  }

  const size_t denied_before = EntriesOfKind("audit.denied");
  size_t forbidden = 0;
  for (const auto& caller : callers) {
    for (const server::Route* route : routes) {
      const std::string key = std::string(route->method) + " " + route->pattern;
      const Variants v = requests.at(key)();
      bool allowed = route->access == server::Access::kPublic;
      if (caller.role && route->access == server::Access::kAuthenticated) {
        allowed = *caller.role != access::Role::kIntegrator;
      }
      if (caller.role && route->access == server::Access::kAction) {
        allowed = access::RoleAllows(*caller.role, route->action);
      }
      const int in = Send(route->method, v.in, caller.headers);
      SCOPED_TRACE(caller.name + " " + key + " → " + std::to_string(in));
      if (allowed) {
        EXPECT_NE(in, 401);
        EXPECT_NE(in, 403);
        EXPECT_GT(in, 0);
      } else {
        EXPECT_EQ(in, caller.role ? 403 : 401);
      }
      forbidden += in == 403;
      if (!v.scoped) continue;
      const int out = Send(route->method, v.out, caller.headers);
      const bool sees_all = caller.role == access::Role::kAdmin;
      if (!caller.role) {
        EXPECT_EQ(out, allowed ? out : 401);
      } else if (allowed && sees_all) {
        EXPECT_NE(out, 403) << "out of scope: " << v.out.path;
      } else {
        EXPECT_EQ(out, 403) << "out of scope: " << v.out.path;
      }
      forbidden += out == 403;
    }
  }
  // Every refusal of a known caller left its trace (anonymous callers get 401, never 403).
  EXPECT_EQ(EntriesOfKind("audit.denied") - denied_before, forbidden);
  EXPECT_GT(forbidden, 100u);
}

}  // namespace
}  // namespace dl::testing
