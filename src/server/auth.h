// Sessions of signed-in accounts and the throttle on failed logins. Both live in memory: a
// restart signs everyone out, which is the safe direction.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/date.h"

namespace dl::server {

class Sessions {
 public:
  struct Session {
    std::string login;
    std::string csrf;  // sent back in X-CSRF-Token on every state-changing request
    Instant last_used;
  };
  explicit Sessions(std::chrono::minutes idle) : idle_(idle) {}

  // A new session for `login`; returns its token (the cookie's value). Thread-safe.
  std::string Create(const std::string& login, Instant now);
  // The live session of `token`, refreshed; nullopt when unknown or idle too long.
  std::optional<Session> Find(const std::string& token, Instant now);
  void Remove(const std::string& token);
  // Ends every session of `login` except `keep` (after a password change or a disable).
  void RemoveLogin(const std::string& login, const std::string& keep = "");

 private:
  std::chrono::minutes idle_;
  std::mutex mu_;
  std::unordered_map<std::string, Session> sessions_;
};

// Failed logins counted per key (a login name, an address); a key with `limit` failures within
// `window` is blocked until the oldest of them leaves the window.
// Counts tries per key in a sliding window (failed logins; also 阳光公开's public forms and
// lookups, and wrong tracking checks per case).
class LoginThrottle {
 public:
  LoginThrottle(int limit, std::chrono::minutes window) : limit_(limit), window_(window) {}
  // Seconds until the key may try again; 0 when it may now. Thread-safe.
  int64_t RetryAfter(const std::string& key, Instant now);
  void Failure(const std::string& key, Instant now);
  void Success(const std::string& key);

 private:
  int limit_;
  std::chrono::minutes window_;
  std::mutex mu_;
  std::map<std::string, std::vector<Instant>> failures_;
  size_t pruned_at_ = 0;  // keys left after the last pruning
};

}  // namespace dl::server
