#include "server/auth.h"

#include <algorithm>

#include "access/password.h"

namespace dl::server {

std::string Sessions::Create(const std::string& login, Instant now) {
  std::string token = access::RandomToken(32);
  std::lock_guard lock(mu_);
  // Drop idle sessions now and then, so the map does not grow with abandoned ones.
  if (sessions_.size() % 64 == 0) {
    std::erase_if(sessions_, [&](const auto& kv) { return now - kv.second.last_used > idle_; });
  }
  sessions_[token] = Session{login, access::RandomToken(24), now};
  return token;
}

std::optional<Sessions::Session> Sessions::Find(const std::string& token, Instant now) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_used > idle_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second;
}

void Sessions::Remove(const std::string& token) {
  std::lock_guard lock(mu_);
  sessions_.erase(token);
}

void Sessions::RemoveLogin(const std::string& login, const std::string& keep) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_,
                [&](const auto& kv) { return kv.second.login == login && kv.first != keep; });
}

int64_t LoginThrottle::RetryAfter(const std::string& key, Instant now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  auto& times = it->second;
  std::erase_if(times, [&](Instant t) { return now - t >= window_; });
  if (static_cast<int>(times.size()) < limit_) return 0;
  const auto wait = times.front() + window_ - now;
  return std::max<int64_t>(1, std::chrono::duration_cast<std::chrono::seconds>(wait).count());
}

void LoginThrottle::Failure(const std::string& key, Instant now) {
  std::lock_guard lock(mu_);
  failures_[key].push_back(now);
  // Many distinct keys (addresses, cases): drop those whose tries have all left the window, so
  // the map stays as small as the traffic of one window.
  if (failures_.size() > 2 * pruned_at_ + 1024) {
    std::erase_if(failures_, [&](const auto& kv) { return now - kv.second.back() >= window_; });
    pruned_at_ = failures_.size();
  }
}

void LoginThrottle::Success(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace dl::server
