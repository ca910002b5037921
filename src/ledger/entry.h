// A ledger entry: one recorded change. Its leaf hash covers the canonical bytes of every
// field, so any later edit of a stored entry is detectable (RFC 6962 leaf: 0x00 || bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/json.h"
#include "base/sha256.h"

namespace dl::ledger {

// What can be hashed of an entry before the writer numbers it: the canonical payload text
// and the SHA-256 state over 0x00 and the canonical entry up to and including the payload
// (`{"actor":…,"kind":…,"payload":…`). Built on the submitter's thread, so the writer only
// hashes the last ~80 bytes (seq, subject, time).
struct EntryPrefix {
  std::string payload_text;
  Sha256Stream state;
  static EntryPrefix Of(const std::string& actor, const std::string& kind,
                        std::string payload_text);
};

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
  // The same, with the payload's canonical JSON given (computed once by the caller, or as
  // stored); `payload` itself is not read.
  std::string CanonicalBytesWith(std::string_view payload_canonical) const;
  // SHA-256(0x00 || CanonicalBytes()).
  Hash ComputeLeafHash() const;
  // SHA-256(0x00 || CanonicalBytesWith(payload_canonical)).
  Hash LeafHashWith(std::string_view payload_canonical) const;
  // The same leaf hash, finished from a prefix made of this entry's actor, kind and payload.
  Hash LeafHashFrom(EntryPrefix prefix) const;
};

// The leaf hash of an entry given as the text of its fields, as a ledger row stores them:
// `time_text` is FormatInstant of its time and `payload_canonical` the payload's canonical
// JSON. Equals Entry::LeafHashWith of the decoded entry.
Hash LeafHashOf(uint64_t seq, std::string_view kind, std::string_view subject,
                std::string_view actor, std::string_view time_text,
                std::string_view payload_canonical);

}  // namespace dl::ledger
