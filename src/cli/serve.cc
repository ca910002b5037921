// daylight serve: the HTTP server over a database (docs/api.md).
#include <signal.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "server/server.h"
#include "service/account_service.h"
#include "store/queries.h"

namespace dl::cli {

int RunServe(Context& ctx, const std::string& db, const std::string& listen,
             const std::string& web_root, int threads, bool quiet) {
  server::ServerOptions options;
  const size_t colon = listen.rfind(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument(listen);
    options.host = listen.substr(0, colon);
    options.port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return ctx.Fail(Error{ErrorCode::kInvalidArgument,
                          "--listen 应为 地址:端口，如 127.0.0.1:8080，收到“" + listen + "”",
                          nullptr});
  }
  options.threads = threads;
  options.log_requests = !quiet;
  options.web_root = web_root;
  if (!web_root.empty() &&
      !std::filesystem::exists(std::filesystem::path(web_root) / "index.html")) {
    std::cerr << "注意：" << web_root << " 中没有构建好的网页界面（先运行 scripts/build-web.sh）；"
              << "只提供 API。\n";
    options.web_root.clear();
  }
  if (auto key = ledger::SigningKey::Load(KeyPath(db)); key)
    options.verifier_key = key->VerifierKey();

  // Signals are taken by sigwait below, not by a handler: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto opened = OpenDatabase(ctx, db, /*with_writer=*/true);
  if (!opened) return ctx.Fail(opened.error());
  auto queries = store::OpenSqliteQueries(db);
  if (!queries) return ctx.Fail(queries.error());
  service::AccountService accounts(*opened->writer);
  auto first = accounts.EnsureFirstAdmin();
  if (!first) return ctx.Fail(first.error());
  auto server =
      server::Server::Start(*opened->writer, *opened->store, **queries, ctx.clock, options);
  if (!server) return ctx.Fail(server.error());
  const std::string address =
      "http://" + options.host + ":" + std::to_string((*server)->port()) + "/";
  Json out = {{"address", address}, {"db", db}};
  std::string text = "Daylight 已启动：" + address + "\n";
  if (*first) {
    out["admin_password"] = **first;
    text += "系统管理员 登录名 admin，初始密码 " + **first + "（只显示这一次；登录后请修改）\n";
  }
  ctx.Print(out, text + "按 Ctrl+C 停止。");
  std::cout.flush();
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "正在停止……\n";
  (*server)->Stop();
  return kExitOk;
}

}  // namespace dl::cli
