// Password hashing (Argon2id, libsodium) and random secrets for sessions and API keys.
#pragma once

#include <string>

#include "base/result.h"

namespace dl::access {

// Argon2id cost. kInteractive is libsodium's interactive limits (64 MiB, 2 passes), what a
// login should cost; kMinimal is the smallest the algorithm allows, for tests that make
// many accounts.
enum class HashCost { kInteractive, kMinimal };

// The encoded Argon2id hash ("$argon2id$v=19$m=…") of the password with a random salt.
// internal if libsodium cannot allocate the memory.
Result<std::string> HashPassword(const std::string& password,
                                 HashCost cost = HashCost::kInteractive);
// Whether the password matches the encoded hash; false for a malformed hash.
bool VerifyPassword(const std::string& encoded_hash, const std::string& password);

// invalid_argument (in Chinese) unless the password is acceptable: at least 10 characters
// (counted as Unicode code points) and not all of one kind of character.
Status CheckPasswordStrength(const std::string& password);

// `bytes` random bytes as URL-safe base64 without padding (sessions, CSRF tokens, keys).
std::string RandomToken(size_t bytes);
// A readable random password for a first administrator or a reset: 16 characters from an
// alphabet without look-alikes.
std::string RandomPassword();

}  // namespace dl::access
