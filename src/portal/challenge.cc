#include "portal/challenge.h"

#include <chrono>

namespace dl::portal {
namespace {

int64_t UnixSeconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Error ProofError(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), Json{{"field", "proof"}}};
}

}  // namespace

bool LeadingZeroBits(const Hash& hash, int bits) {
  for (size_t i = 0; bits > 0 && i < hash.size(); ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
    if (hash[i] & mask) return false;
  }
  return true;
}

Hash HmacSha256(std::string_view key, std::string_view message) {
  std::string k(key);
  if (k.size() > 64) {
    const Hash h = Sha256(k);
    k.assign(h.begin(), h.end());
  }
  k.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (size_t i = 0; i < 64; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  inner.append(message);
  const Hash ih = Sha256(inner);
  outer.append(ih.begin(), ih.end());
  return Sha256(outer);
}

Challenges::Challenges(std::string key, std::chrono::seconds ttl)
    : key_(std::move(key)), ttl_(ttl) {}

std::string Challenges::Issue(Instant now) {
  uint64_t serial;
  {
    std::lock_guard lock(mu_);
    serial = ++serial_;
  }
  const std::string body = std::to_string(UnixSeconds(now + ttl_)) + "." + std::to_string(serial);
  return body + "." + ToHex(HmacSha256(key_, body));
}

Status Challenges::Redeem(const Json& proof, int bits, Instant now) {
  if (!proof.is_object() || !proof.contains("token") || !proof["token"].is_string() ||
      !proof.contains("nonce") || !proof["nonce"].is_string()) {
    return tl::unexpected(ProofError("缺少安全验证（proof）：请刷新页面后重新提交"));
  }
  const std::string& token = proof["token"].get_ref<const std::string&>();
  const std::string& nonce = proof["nonce"].get_ref<const std::string&>();
  const size_t mac_at = token.rfind('.');
  const size_t first_dot = token.find('.');
  if (mac_at == std::string::npos || first_dot == mac_at || nonce.size() > 32) {
    return tl::unexpected(ProofError("安全验证无效：请刷新页面后重新提交"));
  }
  const std::string body = token.substr(0, mac_at);
  if (token.substr(mac_at + 1) != ToHex(HmacSha256(key_, body))) {
    return tl::unexpected(ProofError("安全验证无效：请刷新页面后重新提交"));
  }
  int64_t expiry = 0;
  try {
    expiry = std::stoll(body.substr(0, first_dot));
  } catch (const std::exception&) {
    return tl::unexpected(ProofError("安全验证无效：请刷新页面后重新提交"));
  }
  const int64_t at = UnixSeconds(now);
  if (expiry < at) return tl::unexpected(ProofError("安全验证已过期：请重新提交"));
  if (!LeadingZeroBits(Sha256(token + ":" + nonce), bits)) {
    return tl::unexpected(ProofError("安全验证未通过：请刷新页面后重新提交"));
  }
  std::lock_guard lock(mu_);
  for (auto it = spent_.begin(); it != spent_.end();) {
    it = it->second < at ? spent_.erase(it) : std::next(it);
  }
  if (!spent_.emplace(token, expiry).second) {
    return tl::unexpected(ProofError("这次安全验证已经用过：请重新提交"));
  }
  return Ok();
}

}  // namespace dl::portal
