// SHA-256 over byte strings (OpenSSL).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

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

// Incremental SHA-256. Copying copies the state, so a prefix hashed once (a "midstate") can
// be finished many times or handed to another thread. Not thread-safe per object.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream& other);
  Sha256Stream& operator=(const Sha256Stream& other);
  Sha256Stream(Sha256Stream&& other) noexcept;
  Sha256Stream& operator=(Sha256Stream&& other) noexcept;

  Sha256Stream& Update(std::string_view data);
  // Returns the digest of everything fed so far; the stream is spent afterwards.
  Hash Finish() &&;

 private:
  ::evp_md_ctx_st* ctx_ = nullptr;
};

}  // namespace dl
