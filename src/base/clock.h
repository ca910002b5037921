// Injected time. Code that needs "now" takes a Clock&, so tests of deadlines never sleep.
#pragma once

#include <atomic>

#include "base/date.h"

namespace dl {

class Clock {
 public:
  virtual ~Clock() = default;
  // Current UTC instant. Thread-safe.
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(std::chrono::microseconds(now_.load())); }
  void Set(Instant t) { now_ = t.time_since_epoch().count(); }
  void Advance(std::chrono::microseconds d) { now_ += d.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace dl
