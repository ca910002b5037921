// Signed checkpoints in the C2SP formats (c2sp.org/tlog-checkpoint, c2sp.org/signed-note):
// a note whose body is "<origin>\n<tree size>\n<base64 root hash>\n", followed by a blank
// line and one signature line "— <key name> <base64(key id ‖ Ed25519 signature)>\n".
// The key id is the first 4 bytes of SHA-256(<key name> ‖ "\n" ‖ 0x01 ‖ <public key>).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/sha256.h"

namespace dl::ledger {

struct Checkpoint {
  std::string origin;  // names the log, e.g. "daylight.example/云溪县"
  uint64_t size = 0;
  Hash root{};
  // "<origin>\n<size>\n<base64 root>\n"
  std::string Body() const;
  // Parses a body; invalid_argument when malformed.
  static Result<Checkpoint> ParseBody(const std::string& body);
  bool operator==(const Checkpoint&) const = default;
};

// An Ed25519 key for signing notes. The secret part never leaves this object except
// through SaveSigningKey.
class SigningKey {
 public:
  // A fresh random key named `name` (a key name has no spaces, '+' or newlines).
  static Result<SigningKey> Generate(const std::string& name);
  const std::string& name() const { return name_; }
  const std::array<uint8_t, 32>& public_key() const { return pk_; }
  // The verifier key in signed-note form: "<name>+<hex key id>+<base64(0x01 ‖ public key)>".
  std::string VerifierKey() const;
  // Signs a note body; returns the whole signed note. Thread-safe.
  std::string SignNote(const std::string& body) const;

  // File format: one line "<name> <base64 seed>"; written with mode 0600.
  Status Save(const std::string& path) const;
  static Result<SigningKey> Load(const std::string& path);

 private:
  std::string name_;
  std::array<uint8_t, 32> pk_{};
  std::array<uint8_t, 64> sk_{};
};

// Checks a signed note against a verifier key ("<name>+<hex id>+<base64 key>"). Returns the
// note's body when a signature line of that key verifies; invalid_argument otherwise, with
// the reason (malformed note, no signature by this key, bad signature).
Result<std::string> VerifyNote(const std::string& note, const std::string& verifier_key);

std::string Base64(const uint8_t* data, size_t size);
// Decodes standard base64 (with padding); nullopt when malformed.
std::optional<std::vector<uint8_t>> FromBase64(std::string_view text);

}  // namespace dl::ledger
