#include "access/password.h"

#include <sodium.h>

#include <cstdint>
#include <mutex>
#include <set>

namespace dl::access {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no entropy source: nothing can be secure
  });
}

// Unicode code points of valid UTF-8 text (bytes that do not start a sequence are not counted).
size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Result<std::string> HashPassword(const std::string& password, HashCost cost) {
  InitSodium();
  const unsigned long long ops = cost == HashCost::kInteractive
                                     ? crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
                                     : crypto_pwhash_argon2id_OPSLIMIT_MIN;
  const size_t mem = cost == HashCost::kInteractive ? crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE
                                                    : crypto_pwhash_argon2id_MEMLIMIT_MIN;
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), ops, mem) != 0) {
    return Err(ErrorCode::kInternal, "计算密码散列时内存不足");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded_hash, const std::string& password) {
  InitSodium();
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  return crypto_pwhash_argon2id_str_verify(encoded_hash.c_str(), password.data(),
                                           password.size()) == 0;
}

Status CheckPasswordStrength(const std::string& password) {
  if (CodePoints(password) < 10) {
    return Err(ErrorCode::kInvalidArgument, "密码至少需要 10 个字符");
  }
  if (std::set<char>(password.begin(), password.end()).size() < 4) {
    return Err(ErrorCode::kInvalidArgument, "密码过于简单：请混合使用不同的字母、数字或符号");
  }
  return Ok();
}

std::string RandomToken(size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string RandomPassword() {
  InitSodium();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    out += kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)];
  }
  return out;
}

}  // namespace dl::access
