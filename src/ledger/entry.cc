#include "ledger/entry.h"

namespace dl::ledger {

std::string Entry::CanonicalBytes() const {
  Json j = {{"actor", actor}, {"kind", kind},       {"payload", payload},
            {"seq", seq},     {"subject", subject}, {"time", FormatInstant(time)}};
  return CanonicalJson(j);
}

Hash Entry::ComputeLeafHash() const { return Sha256Prefixed(0x00, CanonicalBytes()); }

}  // namespace dl::ledger
