// The baseline of the HTTP load benchmark (bench/http_load.sh): a bare cpp-httplib server with
// the same settings as daylight serve (TCP_NODELAY, no keep-alive limit, same thread count,
// the same listen backlog) whose POST /api/v1/events handler does nothing but answer. Usage:
// http_bare PORT THREADS
#include <httplib.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  const int port = argc > 1 ? std::atoi(argv[1]) : 18182;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 8;
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000000);
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.Post("/api/v1/events", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body.empty() ? "{}" : R"({"recorded":1})", "application/json");
  });
  int listening = -1;
  server.set_socket_options([&listening](int sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listening = sock;
  });
  if (!server.bind_to_port("127.0.0.1", port) || ::listen(listening, SOMAXCONN) != 0) return 1;
  return server.listen_after_bind() ? 0 : 1;
}
