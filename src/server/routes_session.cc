// Session and accounts: login, logout, password change; accounts and API keys (admin).
#include "access/password.h"
#include "server/handlers.h"

namespace dl::server {
namespace {

constexpr const char* kCookie = "daylight_session";

Json AccountJson(const access::Account& a) { return access::PublicJson(a); }

Json SessionJson(const Call& call, const access::Account& a, const std::string& csrf) {
  Json units = Json::array();
  for (const auto& u : a.units) units.push_back({{"code", u}, {"name", call.UnitName(u)}});
  Json account = AccountJson(a);
  account["unit_names"] = units;
  return {{"account", account}, {"csrf", csrf}};
}

Result<access::Role> RoleField(const Json& body) {
  DL_ASSIGN_OR_RETURN(std::string role, TextField(body, "role", true));
  auto parsed = access::kRoleCodes.Parse(role);
  if (!parsed) parsed = access::kRoleNames.Parse(role);
  if (!parsed || *parsed == access::Role::kIntegrator) {
    return Err(ErrorCode::kInvalidArgument,
               "角色“" + role + "”不存在，应为 admin、unit_admin、handler、leader、inspector 之一");
  }
  return *parsed;
}

Status Audit(Call& call, const std::string& actor, const char* kind, const std::string& subject,
             Json payload) {
  writer::Submission sub;
  sub.actor = actor;
  sub.commands.emplace_back(std::in_place_type<writer::Audit>, kind, subject, std::move(payload));
  return call.svc.writer.Submit(std::move(sub)).map([](const writer::Receipt&) {});
}

}  // namespace

Result<Reply> Login(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string login, TextField(body, "login", true));
  DL_ASSIGN_OR_RETURN(std::string password, TextField(body, "password", true));
  const Instant now = call.svc.clock.Now();
  const std::string by_login = "login:" + login;
  const std::string by_address = "address:" + call.req.remote_addr;
  const int64_t wait = std::max(call.svc.throttle.RetryAfter(by_login, now),
                                call.svc.throttle.RetryAfter(by_address, now));
  if (wait > 0) {
    Reply r = ErrorReply(
        Error{ErrorCode::kResourceExhausted,
              "登录失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试", nullptr});
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  auto account = service::AccountService::Authenticate(*call.state, login, password);
  if (!account) {
    call.svc.throttle.Failure(by_login, now);
    call.svc.throttle.Failure(by_address, now);
    DL_RETURN_IF_ERROR(Audit(call, "anonymous", "audit.login_failed", "account:" + login,
                             {{"address", call.req.remote_addr}}));
    return Err(account.error());
  }
  call.svc.throttle.Success(by_login);
  const std::string token = call.svc.sessions.Create(login, now);
  auto session = call.svc.sessions.Find(token, now);
  DL_RETURN_IF_ERROR(Audit(call, "account:" + login, "audit.login", "account:" + login,
                           {{"address", call.req.remote_addr}}));
  Reply r = Reply::Of(SessionJson(call, *account, session ? session->csrf : ""));
  r.headers.emplace_back(
      "Set-Cookie", std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
  return r;
}

Result<Reply> CurrentSession(Call& call) {
  auto it = call.state->accounts.find(call.caller.id);
  if (call.caller.kind != Caller::Kind::kAccount || it == call.state->accounts.end()) {
    return Err(ErrorCode::kPermissionDenied, "API 密钥没有会话；会话只属于登录账号");
  }
  return Reply::Of(SessionJson(call, it->second, call.caller.csrf));
}

Result<Reply> Logout(Call& call) {
  if (call.caller.kind != Caller::Kind::kAccount) {
    return Err(ErrorCode::kPermissionDenied, "API 密钥没有会话；会话只属于登录账号");
  }
  call.svc.sessions.Remove(call.caller.session);
  Reply r = Reply::Of({{"ok", true}});
  r.headers.emplace_back("Set-Cookie",
                         std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

Result<Reply> ChangePassword(Call& call) {
  if (call.caller.kind != Caller::Kind::kAccount) {
    return Err(ErrorCode::kPermissionDenied, "只有登录账号可以修改密码");
  }
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string old_password, TextField(body, "old_password", true));
  DL_ASSIGN_OR_RETURN(std::string new_password, TextField(body, "new_password", true));
  DL_RETURN_IF_ERROR(call.svc.accounts.ChangePassword(call.caller.id, old_password, new_password));
  // Other sessions of the account end: whoever knew the old password is signed out.
  call.svc.sessions.RemoveLogin(call.caller.id, call.caller.session);
  return Reply::Of({{"ok", true}});
}

Result<Reply> ListAccounts(Call& call) {
  Json items = Json::array();
  for (const auto& [login, a] : call.state->accounts) items.push_back(AccountJson(a));
  return Reply::Of({{"items", items}, {"total", items.size()}});
}

Result<Reply> CreateAccount(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  service::NewAccount n;
  DL_ASSIGN_OR_RETURN(n.login, TextField(body, "login", true));
  DL_ASSIGN_OR_RETURN(n.name, TextField(body, "name", true));
  DL_ASSIGN_OR_RETURN(n.role, RoleField(body));
  DL_ASSIGN_OR_RETURN(n.units, UnitsField(body, "units"));
  DL_ASSIGN_OR_RETURN(n.person, TextField(body, "person"));
  DL_ASSIGN_OR_RETURN(n.password, TextField(body, "password", true));
  DL_ASSIGN_OR_RETURN(access::Account a, call.svc.accounts.Create(call.caller.Actor(), n));
  return Reply::Of(AccountJson(a), 201);
}

Result<Reply> UpdateAccount(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  service::AccountUpdate u;
  if (body.contains("name")) {
    DL_ASSIGN_OR_RETURN(u.name, TextField(body, "name", true));
  }
  if (body.contains("role")) {
    DL_ASSIGN_OR_RETURN(u.role, RoleField(body));
  }
  if (body.contains("units")) {
    DL_ASSIGN_OR_RETURN(u.units, UnitsField(body, "units"));
  }
  if (body.contains("person")) {
    DL_ASSIGN_OR_RETURN(u.person, TextField(body, "person"));
  }
  if (body.contains("disabled")) {
    if (!body["disabled"].is_boolean()) {
      return Err(ErrorCode::kInvalidArgument, "字段 disabled 必须是 true 或 false");
    }
    u.disabled = body["disabled"].get<bool>();
  }
  if (body.contains("password")) {
    DL_ASSIGN_OR_RETURN(u.password, TextField(body, "password", true));
  }
  const std::string& login = call.params.at(0);
  if (login == call.caller.id && u.disabled.value_or(false)) {
    return Err(ErrorCode::kInvalidArgument, "不能停用自己的账号");
  }
  DL_ASSIGN_OR_RETURN(access::Account a, call.svc.accounts.Update(call.caller.Actor(), login, u));
  if (u.disabled.value_or(false) || u.password) call.svc.sessions.RemoveLogin(login);
  return Reply::Of(AccountJson(a));
}

Result<Reply> ListApiKeys(Call& call) {
  Json items = Json::array();
  for (const auto& [id, k] : call.state->api_keys) items.push_back(access::PublicJson(k));
  return Reply::Of({{"items", items}, {"total", items.size()}});
}

Result<Reply> CreateApiKey(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string name, TextField(body, "name", true));
  DL_ASSIGN_OR_RETURN(auto units, UnitsField(body, "units"));
  DL_ASSIGN_OR_RETURN(auto made, call.svc.accounts.CreateApiKey(call.caller.Actor(), name, units));
  Json j = access::PublicJson(made.key);
  j["key"] = made.secret;
  return Reply::Of(j, 201);
}

Result<Reply> RevokeApiKey(Call& call) {
  DL_RETURN_IF_ERROR(call.svc.accounts.RevokeApiKey(call.caller.Actor(), call.params.at(0)));
  return Reply::Of({{"ok", true}});
}

}  // namespace dl::server
