// Counters for /metrics in the Prometheus text format: requests by route and status with
// their latency, events ingested, warnings raised, and the writer's queue.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "writer/writer.h"

namespace dl::server {

class Metrics {
 public:
  // Records one request (route pattern, not the path: the label set stays small).
  void Request(const std::string& method, const std::string& route, int status, double seconds);
  void EventsIngested(uint64_t n) { events_ += n; }
  void WarningsRaised(uint64_t n) { warnings_ += n; }
  // The exposition text; `writer` gives the queue depth and totals.
  std::string Text(const writer::Writer::Stats& writer) const;

  // Latency buckets, seconds (upper bounds; +Inf implied).
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};

 private:
  struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> requests_;  // {method,route,status} labels → count
  std::map<std::string, Series> latency_;     // {method,route} labels → histogram
  std::atomic<uint64_t> events_{0}, warnings_{0};
};

}  // namespace dl::server
