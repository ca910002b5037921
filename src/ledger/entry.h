// A ledger entry: one recorded change. Its leaf hash covers the canonical bytes of every
// field, so any later edit of a stored entry is detectable (RFC 6962 leaf: 0x00 || bytes).
#pragma once

#include <cstdint>
#include <string>

#include "base/date.h"
#include "base/json.h"
#include "base/sha256.h"

namespace dl::ledger {

struct Entry {
  uint64_t seq = 0;     // 1, 2, 3 … without gaps
  std::string kind;     // e.g. "power.version"
  std::string subject;  // e.g. "power:XK-FGJ-001"
  std::string actor;    // who made the change (account or system name)
  Instant time;         // when it was recorded
  Json payload;         // the change, complete enough to rebuild every projection
  Hash leaf_hash{};

  // Canonical JSON of {"actor","kind","payload","seq","subject","time"}.
  std::string CanonicalBytes() const;
  // SHA-256(0x00 || CanonicalBytes()).
  Hash ComputeLeafHash() const;
};

}  // namespace dl::ledger
