// SHA-256 over byte strings (OpenSSL's SHA-256, which uses the CPU's SHA extensions).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dl {

using Hash = std::array<uint8_t, 32>;

Hash Sha256(std::string_view data);
// SHA-256(prefix || data), as RFC 6962 hashes leaves (prefix 0x00) and nodes (0x01).
Hash Sha256Prefixed(uint8_t prefix, std::string_view data);
// SHA-256(prefix || a || b): a Merkle node from its two children without copying them.
Hash Sha256Prefixed(uint8_t prefix, std::string_view a, std::string_view b);
// SHA-256(prefix || a || b || c): a ledger leaf from its parts without splicing them.
Hash Sha256Prefixed(uint8_t prefix, std::string_view a, std::string_view b, std::string_view c);
std::string ToHex(const Hash& h);

// Incremental SHA-256. The state lives in the object (no allocation), so copying it is a
// copy of ~112 bytes: a prefix hashed once (a "midstate") can be finished many times or
// handed to another thread. Not thread-safe per object.
class Sha256Stream {
 public:
  Sha256Stream();

  Sha256Stream& Update(std::string_view data);
  // Returns the digest of everything fed so far; the stream is spent afterwards.
  Hash Finish() &&;

 private:
  // OpenSSL's SHA256_CTX, kept out of this header (sha256.cc checks that it fits).
  alignas(8) unsigned char ctx_[112];
};

}  // namespace dl
