// SHA-256 over byte strings (OpenSSL).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dl {

using Hash = std::array<uint8_t, 32>;

Hash Sha256(std::string_view data);
// SHA-256(prefix || data), as RFC 6962 hashes leaves (prefix 0x00) and nodes (0x01).
Hash Sha256Prefixed(uint8_t prefix, std::string_view data);
std::string ToHex(const Hash& h);

}  // namespace dl
