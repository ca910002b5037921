// The small download that lets anyone check a published checkpoint without Daylight
// (docs/portal.md 留痕验证): a POSIX shell script that needs only openssl (1.1.1 or later) and
// base64, with the server's public key inside. Pure.
#pragma once

#include <string>

namespace dl::portal {

// The script for the verifier key `verifier` (signed-note form "name+id+key") whose Ed25519
// public key, as a base64 SubjectPublicKeyInfo, is `spki_base64`. Usage:
//   sh daylight-verify-checkpoint.sh checkpoint.txt
// Exit 0 and "验证通过" when the note's signature by this key is good; non-zero otherwise.
std::string VerifyScript(const std::string& verifier, const std::string& spki_base64);

}  // namespace dl::portal
