#include "base/sha256.h"

#include <openssl/evp.h>

#include <initializer_list>
#include <utility>

namespace dl {
namespace {

// The digest is fetched once; EVP_MD_fetch per call costs more than hashing a small leaf.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// One context per thread, initialised again for every one-shot digest: creating and freeing a
// context costs about as much as hashing a Merkle node (the ledger hashes one or two per entry).
struct ThreadContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~ThreadContext() { EVP_MD_CTX_free(ctx); }
};

Hash Digest(std::initializer_list<std::string_view> pieces) {
  thread_local ThreadContext local;
  Hash out{};
  unsigned int len = 0;
  EVP_DigestInit_ex(local.ctx, Sha256Md(), nullptr);
  for (std::string_view p : pieces) {
    if (!p.empty()) EVP_DigestUpdate(local.ctx, p.data(), p.size());
  }
  EVP_DigestFinal_ex(local.ctx, out.data(), &len);
  return out;
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

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(ctx_, Sha256Md(), nullptr);
}
Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(ctx_); }
Sha256Stream::Sha256Stream(const Sha256Stream& other) : ctx_(EVP_MD_CTX_new()) {
  EVP_MD_CTX_copy_ex(ctx_, other.ctx_);
}
Sha256Stream& Sha256Stream::operator=(const Sha256Stream& other) {
  if (this != &other) EVP_MD_CTX_copy_ex(ctx_, other.ctx_);
  return *this;
}
Sha256Stream::Sha256Stream(Sha256Stream&& other) noexcept : ctx_(other.ctx_) {
  other.ctx_ = nullptr;
}
Sha256Stream& Sha256Stream::operator=(Sha256Stream&& other) noexcept {
  std::swap(ctx_, other.ctx_);
  return *this;
}
Sha256Stream& Sha256Stream::Update(std::string_view data) {
  EVP_DigestUpdate(ctx_, data.data(), data.size());
  return *this;
}
Hash Sha256Stream::Finish() && {
  Hash out{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_, out.data(), &len);
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
