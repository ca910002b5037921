// Merkle proofs against signed checkpoints (RFC 9162): that an entry is in the log, and
// that a later checkpoint extends an earlier one. Sizes are always checkpoint sizes, so
// every root a proof leads to is one the log has signed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "store/store.h"

namespace dl::service {

struct InclusionAnswer {
  uint64_t seq = 0;   // the entry (leaf index = seq - 1)
  uint64_t size = 0;  // the checkpoint's tree size
  Hash leaf{};
  Hash root{};
  std::vector<Hash> proof;
  std::string checkpoint;  // the signed note
  Json ToJson() const;     // hashes in base64, as in C2SP checkpoints
};

struct ConsistencyAnswer {
  uint64_t old_size = 0, new_size = 0;
  Hash old_root{}, new_root{};
  std::vector<Hash> proof;
  std::string old_checkpoint, new_checkpoint;
  Json ToJson() const;
};

// Proves entry `seq` is in the checkpoint of `size` (default: the latest checkpoint).
// not_found when there is no such checkpoint or the checkpoint does not cover the entry;
// corrupt when the stored leaves no longer give the checkpoint's root. Each proof is
// checked with the verifier before it is returned.
Result<InclusionAnswer> ProveInclusion(store::Store& store, uint64_t seq,
                                       std::optional<uint64_t> size);
// Proves the checkpoint of `new_size` extends the one of `old_size` (both must exist).
Result<ConsistencyAnswer> ProveConsistency(store::Store& store, uint64_t old_size,
                                           uint64_t new_size);

}  // namespace dl::service
