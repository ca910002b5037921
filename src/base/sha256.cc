#include "base/sha256.h"

// OpenSSL 3 marks the SHA256_* functions deprecated in favour of EVP, but they are the same
// implementation (SHA extensions, AVX2 or plain code, chosen at run time) without EVP's
// per-digest cost: a provider lookup, a context on the heap, and ~40 ns per call, which is
// a third of hashing a Merkle node (bench_ledger's BM_Sha256Leaf and BM_MerkleAppend).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <initializer_list>
#include <new>

namespace dl {
namespace {

static_assert(sizeof(SHA256_CTX) <= 112 && alignof(SHA256_CTX) <= 8,
              "Sha256Stream::ctx_ must hold a SHA256_CTX");

Hash Digest(std::initializer_list<std::string_view> pieces) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  for (std::string_view p : pieces) SHA256_Update(&ctx, p.data(), p.size());
  Hash out{};
  SHA256_Final(out.data(), &ctx);
  return out;
}

SHA256_CTX* Ctx(unsigned char* storage) {
  return std::launder(reinterpret_cast<SHA256_CTX*>(storage));
}

}  // namespace

Hash Sha256(std::string_view data) { return Digest({data}); }

Hash Sha256Prefixed(uint8_t prefix, std::string_view data) {
  const char p = static_cast<char>(prefix);
  return Digest({std::string_view(&p, 1), data});
}

Hash Sha256Prefixed(uint8_t prefix, std::string_view a, std::string_view b) {
  const char p = static_cast<char>(prefix);
  return Digest({std::string_view(&p, 1), a, b});
}

Hash Sha256Prefixed(uint8_t prefix, std::string_view a, std::string_view b, std::string_view c) {
  const char p = static_cast<char>(prefix);
  return Digest({std::string_view(&p, 1), a, b, c});
}

Sha256Stream::Sha256Stream() { SHA256_Init(new (ctx_) SHA256_CTX); }

Sha256Stream& Sha256Stream::Update(std::string_view data) {
  SHA256_Update(Ctx(ctx_), data.data(), data.size());
  return *this;
}

Hash Sha256Stream::Finish() && {
  Hash out{};
  SHA256_Final(out.data(), Ctx(ctx_));
  return out;
}

std::string ToHex(const Hash& h) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  s.reserve(64);
  for (uint8_t b : h) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}

}  // namespace dl
