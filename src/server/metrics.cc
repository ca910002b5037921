#include "server/metrics.h"

#include <fmt/format.h>

namespace dl::server {

void Metrics::Request(const std::string& method, const std::string& route, int status,
                      double seconds) {
  const std::string labels = fmt::format(R"(method="{}",route="{}")", method, route);
  std::lock_guard lock(mu_);
  ++requests_[fmt::format(R"({},status="{}")", labels, status)];
  Series& s = latency_[labels];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
}

std::string Metrics::Text(const writer::Writer::Stats& w) const {
  std::string out;
  out += "# HELP daylight_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE daylight_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [labels, n] : requests_) {
    out += fmt::format("daylight_http_requests_total{{{}}} {}\n", labels, n);
  }
  out += "# HELP daylight_http_request_seconds Request latency.\n";
  out += "# TYPE daylight_http_request_seconds histogram\n";
  for (const auto& [labels, s] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("daylight_http_request_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], s.buckets[i]);
    }
    out +=
        fmt::format("daylight_http_request_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, s.count);
    out += fmt::format("daylight_http_request_seconds_sum{{{}}} {}\n", labels, s.sum);
    out += fmt::format("daylight_http_request_seconds_count{{{}}} {}\n", labels, s.count);
  }
  auto gauge = [&out](const char* name, const char* type, const char* help, uint64_t v) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, v);
  };
  gauge("daylight_events_ingested_total", "counter", "Case events recorded through the API.",
        events_.load());
  gauge("daylight_warnings_raised_total", "counter", "Warnings raised by requests to this server.",
        warnings_.load());
  gauge("daylight_writer_queue_depth", "gauge", "Submissions waiting for the writer.", w.queued);
  gauge("daylight_writer_transactions_total", "counter", "Transactions committed.", w.transactions);
  gauge("daylight_ledger_entries_written_total", "counter", "Ledger entries written.", w.entries);
  gauge("daylight_cases_in_memory", "gauge", "Cases the writer holds.", w.cases_in_memory);
  return out;
}

}  // namespace dl::server
