// A self-hosted challenge against bulk submissions of the public forms (docs/portal.md): a
// proof of work, no third-party service. The server hands out a token; the browser finds a
// nonce such that SHA-256(token ":" nonce) starts with `bits` zero bits (2^bits tries on
// average, well under a second in a phone's browser at 16 bits) and sends both with the form.
// A token is bound to the server by an HMAC under a key made at start, expires, and is
// accepted once. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/json.h"
#include "base/result.h"
#include "base/sha256.h"

namespace dl::portal {

// Whether the hash starts with at least `bits` zero bits.
bool LeadingZeroBits(const Hash& hash, int bits);
// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
Hash HmacSha256(std::string_view key, std::string_view message);

class Challenges {
 public:
  // `key`: secret bytes (32 random bytes in the server); tokens live `ttl`.
  explicit Challenges(std::string key, std::chrono::seconds ttl = std::chrono::minutes(10));

  // A new token "<expiry unix seconds>.<serial>.<hmac hex>".
  std::string Issue(Instant now);
  // Checks proof {"token","nonce"} at `bits`: the token is this server's, not expired and not
  // used before, and the hash has the zero bits. invalid_argument (field "proof") with a
  // message a person understands otherwise. On success the token is spent.
  Status Redeem(const Json& proof, int bits, Instant now);

 private:
  std::string key_;
  std::chrono::seconds ttl_;
  std::mutex mu_;
  uint64_t serial_ = 0;
  std::map<std::string, int64_t> spent_;  // token → expiry (unix seconds), until it expires
};

}  // namespace dl::portal
