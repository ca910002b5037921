// The HTTP server (docs/api.md): the REST JSON API under /api/v1, event ingestion for
// integrating systems, /healthz, /metrics, and the built web UI. Handlers are thin: they
// check the caller (session or API key, role, units), decode, call one service, encode.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "access/password.h"
#include "base/clock.h"
#include "base/result.h"
#include "calendar/calendar.h"
#include "store/queries.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests); Server::port() tells which
  int threads = 8;  // request threads
  // The built web UI (web/dist); empty or missing: only the API is served.
  std::string web_root;
  size_t max_body = 32 * 1024 * 1024;      // bytes; larger requests get 413
  std::chrono::minutes session_idle{120};  // a session unused this long ends
  int login_failures = 5;                  // failed logins per login name or address …
  std::chrono::minutes login_window{15};   // … within this window block further tries
  // The checkpoint verifier key (signed-note form) served at /api/v1/ledger/public-key;
  // empty when the database has no signing key.
  std::string verifier_key;
  // Full verification's scratch folder (verify --deep is not offered over HTTP).
  std::string scratch_dir = "/tmp";
  access::HashCost hash_cost = access::HashCost::kInteractive;
  bool log_requests = true;  // one structured line per request (spdlog, stderr)
  // 阳光公开's limits per client address (docs/portal.md): public form submissions (ratings,
  // complaints, additions) and lookups (tracking, following a complaint) per window, wrong
  // tracking checks per case, and the size of a public form's body.
  int public_forms = 20;
  std::chrono::minutes public_forms_window{60};
  int public_lookups = 60;
  std::chrono::minutes public_lookups_window{10};
  int track_misses = 10;
  std::chrono::minutes track_misses_window{60};
  size_t public_max_body = 64 * 1024;
  // The working-day calendar of time limits (the case tracking's due times); null: the
  // built-in Chinese calendar.
  calendar::WorkCalendar::Ptr calendar;
};

class Server {
 public:
  // Binds and starts serving on its own threads. `writer`, `store`, `queries` and `clock`
  // must outlive the server. io error when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(writer::Writer& writer, store::Store& store,
                                               store::Queries& queries, const Clock& clock,
                                               ServerOptions options);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  // Stops accepting and waits for requests in progress. Idempotent; not for signal handlers.
  void Stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dl::server
