#include "base/sha256.h"

#include <openssl/evp.h>

#include <utility>

namespace dl {
namespace {

// The digest is fetched once; EVP_MD_fetch per call costs more than hashing a small leaf.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

Hash Digest(const void* a, size_t an, const void* b, size_t bn) {
  Hash out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned int len = 0;
  EVP_DigestInit_ex(ctx, Sha256Md(), nullptr);
  if (an) EVP_DigestUpdate(ctx, a, an);
  if (bn) EVP_DigestUpdate(ctx, b, bn);
  EVP_DigestFinal_ex(ctx, out.data(), &len);
  EVP_MD_CTX_free(ctx);
  return out;
}

}  // namespace

Hash Sha256(std::string_view data) { return Digest(data.data(), data.size(), nullptr, 0); }

Hash Sha256Prefixed(uint8_t prefix, std::string_view data) {
  return Digest(&prefix, 1, data.data(), data.size());
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
