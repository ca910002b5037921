#include "server/server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "base/issue.h"
#include "base/thread_name.h"
#include "server/api.h"
#include "service/handling_service.h"

namespace dl::server {
namespace {

// The built-in Chinese calendar (it is compiled in; weekends only if it ever failed to load).
calendar::WorkCalendar::Ptr ChinaCalendar() {
  auto china = calendar::WorkCalendar::China();
  return china ? *china : calendar::WorkCalendar::WeekendsOnly();
}

constexpr const char* kSessionCookie = "daylight_session";

// cpp-httplib's pool, with its threads named "dl-http" (each names itself on its first task).
class NamedThreadPool final : public httplib::TaskQueue {
 public:
  explicit NamedThreadPool(size_t n) : pool_(n) {}
  void enqueue(std::function<void()> fn) override {
    pool_.enqueue([fn = std::move(fn)] {
      thread_local const bool named = (NameThisThread("dl-http"), true);
      (void)named;
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
};

// "/api/v1/cases/{case}" → "/api/v1/cases/([^/]+)"
std::string PatternRegex(const std::string& pattern) {
  static const std::regex param(R"(\{[a-z_]+\})");
  std::string escaped = std::regex_replace(pattern, std::regex(R"([.])"), R"(\.)");
  return std::regex_replace(escaped, param, "([^/]+)");
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::istringstream in(header);
  std::string part;
  while (std::getline(in, part, ';')) {
    const size_t start = part.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    const size_t eq = part.find('=', start);
    if (eq != std::string::npos && part.compare(start, eq - start, name) == 0) {
      return part.substr(eq + 1);
    }
  }
  return "";
}

void SetSecurityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                 "object-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
}

const char* MimeType(const std::string& ext) {
  static const std::map<std::string, const char*> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}};
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kIo:
    case ErrorCode::kCorrupt:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Reply ErrorReply(const Error& error) {
  // The writer refuses with a summary ("校验未通过：1 处错误…") and the reasons in its details;
  // a person reads the reasons first.
  std::string message = error.message;
  if (error.code == ErrorCode::kInvalidArgument && error.details.is_array() &&
      !error.details.empty()) {
    std::string reasons;
    size_t shown = 0;
    for (const auto& issue : IssuesFromJson(error.details)) {
      if (issue.severity != Issue::Severity::kError || issue.message.empty()) continue;
      if (shown++ == 3) {
        reasons += "……";
        break;
      }
      reasons += (reasons.empty() ? "" : "；") + issue.message;
    }
    // A message that is only its reasons (the service's own refusals) is not repeated.
    if (!reasons.empty() && reasons != error.message) {
      message = reasons + "（" + error.message + "）";
    }
  }
  Json body = {{"error",
                {{"code", ErrorCodeName(error.code)},
                 {"message", message},
                 {"details", error.details.is_null()    ? Json::array()
                             : error.details.is_array() ? error.details
                                                        : Json::array({error.details})}}}};
  return Reply::Of(body, HttpStatus(error.code));
}

struct Server::Impl {
  Impl(writer::Writer& writer, store::Store& store, store::Queries& queries, const Clock& clock,
       ServerOptions opts)
      : options(std::move(opts)),
        services{writer,
                 store,
                 queries,
                 clock,
                 options,
                 Sessions(options.session_idle),
                 LoginThrottle(options.login_failures, options.login_window),
                 service::AccountService(writer, options.hash_cost),
                 {},
                 LoginThrottle(options.public_forms, options.public_forms_window),
                 LoginThrottle(options.public_lookups, options.public_lookups_window),
                 LoginThrottle(options.track_misses, options.track_misses_window),
                 portal::Challenges(service::SystemRandomHex(32)),
                 options.calendar ? options.calendar : ChinaCalendar()} {}

  ServerOptions options;
  Services services;
  httplib::Server http;
  std::thread thread;
  int port = 0;
  int listen_socket = -1;  // the listening socket (set while binding)
  std::mutex stop_mu;
  bool stopped = false;
  std::mutex scopes_mu;
  std::shared_ptr<const catalog::Catalog>
      scopes_state;  // the state the cached scopes were made for
  std::unordered_map<std::string, std::shared_ptr<const access::Scope>> scopes;

  // The scope of a caller, computed once per declared state (a change to the units or the
  // account makes a new state, and the cache starts over).
  std::shared_ptr<const access::Scope> ScopeOf(
      const std::string& who, access::Role role, const std::vector<std::string>& roots,
      const std::shared_ptr<const catalog::Catalog>& state) {
    std::lock_guard lock(scopes_mu);
    if (scopes_state != state) {  // held, so a new state can never reuse its address
      scopes.clear();
      scopes_state = state;
    }
    auto& slot = scopes[who];
    if (!slot) {
      slot = std::make_shared<const access::Scope>(access::Scope::Of(role, roots, state->units));
    }
    return slot;
  }

  // Who is calling: an API key (Authorization: Bearer) or a session cookie; kNone otherwise.
  Caller Identify(const httplib::Request& req,
                  const std::shared_ptr<const catalog::Catalog>& state_ptr) {
    const catalog::Catalog& state = *state_ptr;
    Caller c;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.starts_with("Bearer ")) {
      auto key = service::AccountService::FindApiKey(state, auth.substr(7));
      if (!key) return c;
      c.kind = Caller::Kind::kApiKey;
      c.id = key->id;
      c.name = key->name;
      c.role = access::Role::kIntegrator;
      c.scope = ScopeOf("api_key:" + key->id, c.role, key->units, state_ptr);
      return c;
    }
    const std::string token = CookieValue(req, kSessionCookie);
    if (token.empty()) return c;
    auto session = services.sessions.Find(token, services.clock.Now());
    if (!session) return c;
    auto it = state.accounts.find(session->login);
    if (it == state.accounts.end() || it->second.disabled) {
      services.sessions.Remove(token);
      return c;
    }
    const access::Account& a = it->second;
    c.kind = Caller::Kind::kAccount;
    c.id = a.login;
    c.name = a.name;
    c.role = a.role;
    c.person = a.person;
    c.scope = ScopeOf("account:" + a.login, a.role, a.units, state_ptr);
    c.session = token;
    c.csrf = session->csrf;
    return c;
  }

  Status Authorize(const Route& route, const Call& call) {
    if (route.access == Access::kPublic) return Ok();
    if (call.caller.kind == Caller::Kind::kNone) {
      return Err(ErrorCode::kUnauthenticated, "请先登录（或在 Authorization 头中提供 API 密钥）");
    }
    if (call.caller.kind == Caller::Kind::kAccount && call.req.method != "GET" &&
        call.req.get_header_value("X-CSRF-Token") != call.caller.csrf) {
      return Err(ErrorCode::kPermissionDenied, "缺少或错误的 CSRF 令牌；请刷新页面后重试");
    }
    if (route.access == Access::kAction && !access::RoleAllows(call.caller.role, route.action)) {
      return Err(ErrorCode::kPermissionDenied,
                 std::string("角色“") + std::string(access::kRoleNames.Label(call.caller.role)) +
                     "”无权进行此操作");
    }
    return Ok();
  }

  // A refused request leaves a trace (audit.denied) naming who, what and why.
  void AuditDenied(const Call& call, const Error& error) {
    writer::Submission sub;
    sub.actor = call.caller.Actor();
    sub.commands.emplace_back(
        std::in_place_type<writer::Audit>, "audit.denied", call.caller.Actor(),
        Json{{"method", call.req.method}, {"path", call.req.path}, {"reason", error.message}});
    if (auto r = services.writer.Submit(std::move(sub)); !r) {
      spdlog::error("audit.denied not recorded: {}", r.error().message);
    }
  }

  void Dispatch(const Route& route, const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    auto state = services.writer.Published();
    Call call{req, services, Identify(req, state), state, {}};
    for (size_t i = 1; i < req.matches.size(); ++i) call.params.push_back(req.matches[i]);
    Result<Reply> reply = Err(ErrorCode::kInternal, "");
    if (Status allowed = Authorize(route, call); !allowed) {
      reply = Err(allowed.error());
    } else {
      try {
        reply = route.handler(call);
      } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", req.method, req.path, e.what());
        reply = Err(ErrorCode::kInternal, "服务器内部错误，请联系系统管理员");
      }
    }
    if (!reply) {
      if (reply.error().code == ErrorCode::kPermissionDenied &&
          call.caller.kind != Caller::Kind::kNone) {
        AuditDenied(call, reply.error());
      }
      reply = ErrorReply(reply.error());
    }
    res.status = reply->status;
    for (auto& [k, v] : reply->headers) res.set_header(k, v);
    res.set_content(std::move(reply->body), reply->type);
    res.set_header("Cache-Control", "no-store");
    SetSecurityHeaders(res);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    services.metrics.Request(req.method, route.pattern, res.status, seconds);
    if (options.log_requests) {
      spdlog::info(
          "http method={} path={} status={} ms={:.2f} caller={}", req.method, req.path, res.status,
          seconds * 1000,
          call.caller.kind == Caller::Kind::kNone ? std::string("-") : call.caller.Actor());
    }
  }

  // Files of the built UI; any other GET outside the API gets index.html (the UI routes).
  void ServeStatic(const httplib::Request& req, httplib::Response& res) {
    namespace fs = std::filesystem;
    SetSecurityHeaders(res);
    const fs::path root = fs::path(options.web_root).lexically_normal();
    fs::path file = (root / fs::path(req.path).relative_path()).lexically_normal();
    // Inside the root by whole path components ("web-evil" is not inside "web").
    const fs::path rel = file.lexically_relative(root);
    const bool inside = !options.web_root.empty() && !rel.empty() && *rel.begin() != "..";
    std::error_code ec;
    if (!inside || !fs::is_regular_file(file, ec)) file = root / "index.html";
    std::ifstream in(file, std::ios::binary);
    if (options.web_root.empty() || !in) {
      res.status = 404;
      res.set_content("网页界面未构建（web/dist 不存在）；API 在 /api/v1。",
                      "text/plain; charset=utf-8");
      return;
    }
    std::ostringstream body;
    body << in.rdbuf();
    res.set_content(body.str(), MimeType(file.extension().string()));
    res.set_header("Cache-Control",
                   file.filename() == "index.html" ? "no-cache" : "public, max-age=31536000");
  }

  void Install() {
    // SO_REUSEADDR (a restarted server rebinds at once) but not cpp-httplib's default
    // SO_REUSEPORT, under which a second server on the same port would bind too and take half
    // of the connections instead of failing. The socket is kept for its backlog (Start).
    http.set_socket_options([this](int sock) {
      const int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listen_socket = sock;
    });
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(1000000);
    http.set_payload_max_length(options.max_body);
    const int threads = std::max(1, options.threads);
    http.new_task_queue = [threads] { return new NamedThreadPool(static_cast<size_t>(threads)); };
    for (const Route& route : Routes()) {
      const std::string re = PatternRegex(route.pattern);
      auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
        Dispatch(route, req, res);
      };
      const std::string method = route.method;
      if (method == "GET") http.Get(re, handler);
      if (method == "POST") http.Post(re, handler);
      if (method == "PUT") http.Put(re, handler);
      if (method == "DELETE") http.Delete(re, handler);
    }
    http.Get(
        R"(/(?!api/|healthz$|metrics$).*)",
        [this](const httplib::Request& req, httplib::Response& res) { ServeStatic(req, res); });
    http.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&,
                                                                       httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      const char* code = "invalid_argument";
      std::string message = "请求无法解析";
      if (res.status == 413) {
        code = "payload_too_large";
        message = "请求体过大（上限 " + std::to_string(options.max_body / (1024 * 1024)) + " MiB）";
      } else if (res.status == 404) {
        code = "not_found";
        message = "没有这个地址";
      }
      Json body = {{"error", {{"code", code}, {"message", message}, {"details", Json::array()}}}};
      res.set_content(body.dump(), "application/json; charset=utf-8");
      SetSecurityHeaders(res);
      return httplib::Server::HandlerResponse::Handled;
    }));
  }
};

Result<std::unique_ptr<Server>> Server::Start(writer::Writer& writer, store::Store& store,
                                              store::Queries& queries, const Clock& clock,
                                              ServerOptions options) {
  auto impl = std::make_unique<Impl>(writer, store, queries, clock, std::move(options));
  impl->Install();
  const auto& o = impl->options;
  if (o.port == 0) {
    impl->port = impl->http.bind_to_any_port(o.host);
  } else if (impl->http.bind_to_port(o.host, o.port)) {
    impl->port = o.port;
  }
  if (impl->port <= 0) {
    return Err(ErrorCode::kIo, "无法在 " + o.host + ":" + std::to_string(o.port) +
                                   " 上监听（端口被占用或地址无效）");
  }
  // cpp-httplib listens with a backlog of 5: when more clients connect at once than the accept
  // loop takes in, the kernel drops their SYNs and they retry after a second or more (seen as
  // 1–2 s latencies when 64 integrator connections open together). Listening again on the bound
  // socket sets the backlog (capped by net.core.somaxconn).
  if (::listen(impl->listen_socket, SOMAXCONN) != 0) {
    return Err(ErrorCode::kIo, "无法设置监听队列长度：" + std::string(std::strerror(errno)));
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->http.listen_after_bind(); });
  // Until the thread is in its accept loop, stop() would not reach it (and Stop would wait for
  // ever): answer only once it is serving.
  for (int i = 0; i < 5000 && !impl->http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

int Server::port() const { return impl_->port; }

void Server::Stop() {
  std::lock_guard lock(impl_->stop_mu);
  if (impl_->stopped) return;
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->stopped = true;
}

}  // namespace dl::server
