// Inside the server: who is calling, what a handler sees and returns, and the route table.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "access/account.h"
#include "access/scope.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "oversight/lifecycle.h"
#include "portal/challenge.h"
#include "server/auth.h"
#include "server/metrics.h"
#include "server/server.h"
#include "service/account_service.h"
#include "store/queries.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::server {

struct Caller {
  enum class Kind { kNone, kAccount, kApiKey };
  Kind kind = Kind::kNone;
  std::string id;  // login or key id
  std::string name;
  access::Role role = access::Role::kHandler;
  std::string person;
  // Shared and immutable: the server keeps one per caller and declared state (Scopes).
  std::shared_ptr<const access::Scope> scope = std::make_shared<const access::Scope>();
  std::string session, csrf;  // accounts only
  // The ledger actor of what this caller does ("account:wang", "api_key:Ab3x…").
  std::string Actor() const { return (kind == Kind::kApiKey ? "api_key:" : "account:") + id; }
};

// What the whole server shares.
struct Services {
  writer::Writer& writer;
  store::Store& store;
  store::Queries& queries;
  const Clock& clock;
  const ServerOptions& options;
  Sessions sessions;
  LoginThrottle throttle;
  service::AccountService accounts;
  Metrics metrics;
  // 阳光公开 (routes_public.cc): limits per address and per case, and the challenge.
  LoginThrottle public_forms, public_lookups, track_misses;
  portal::Challenges challenges;
  calendar::WorkCalendar::Ptr calendar;
};

struct Reply {
  int status = 200;
  std::string type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  static Reply Of(const Json& j, int status = 200) {
    return {status, "application/json; charset=utf-8", j.dump(), {}};
  }
  static Reply Text(std::string body, std::string type) {
    return {200, std::move(type), std::move(body), {}};
  }
};

// One request as a handler sees it.
struct Call {
  const httplib::Request& req;
  Services& svc;
  Caller caller;
  std::shared_ptr<const catalog::Catalog> state;  // the declared state at the request's start
  std::vector<std::string> params;                // path parameters, in pattern order

  // A query parameter; empty when absent.
  std::string Query(const std::string& key) const;
  // page/size → offset/limit (size ≤ 200); invalid_argument for non-numbers.
  Result<std::pair<uint64_t, uint64_t>> Paging() const;
  // The body as a JSON object (an empty body is {}); invalid_argument with line and column.
  Result<Json> Body() const;
  // permission_denied unless the unit is in the caller's scope.
  Status RequireUnit(const std::string& unit) const;
  // The units a listing may show: the caller's scope, narrowed to the subtree of `unit` when
  // one is given (permission_denied when it is outside the scope).
  Result<store::UnitFilter> Units(const std::string& unit) const;
  // Leaves an audit.read entry: who read which sensitive record.
  Status AuditRead(const std::string& subject, const std::string& what);
  // The unit's name, or the code when unknown.
  std::string UnitName(const std::string& unit) const;
  // The person's name, or the code when unknown.
  std::string PersonName(const std::string& person) const;
  // The caller as the person taking a step in oversight (预警处置, 例外, 考核 entries).
  oversight::Actor AsActor() const;
};

enum class Access {
  kPublic,         // anyone (login, health)
  kAuthenticated,  // any signed-in account or key
  kAction,         // the route's action must be allowed to the caller's role
};

using Handler = Result<Reply> (*)(Call&);

struct Route {
  const char* method;
  const char* pattern;  // "/api/v1/cases/{case}"
  Access access;
  access::Action action;
  Handler handler;
};

// Every route of the API, in one table (routes.cc).
const std::vector<Route>& Routes();
// The OpenAPI document (src/server/openapi.json, compiled in).
const std::string& OpenApiText();

// The one JSON error shape: {"error":{"code","message","details"}} with its HTTP status.
Reply ErrorReply(const Error& error);
int HttpStatus(ErrorCode code);

}  // namespace dl::server
