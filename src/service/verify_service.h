// Verification of the stored trace: every ledger entry's leaf hash is recomputed from its
// stored fields, sequence numbers must run without a gap, and (deep) every projection is
// rebuilt from the ledger alone and compared with the tables. Signed checkpoints and the
// Merkle tree (issue 3) build on this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "store/store.h"

namespace dl::service {

struct VerifyReport {
  uint64_t entries = 0;                 // entries checked
  std::optional<uint64_t> first_bad;    // sequence number of the first bad entry
  std::string problem;                  // what is wrong with it (Chinese)
  std::vector<std::string> projection;  // deep: each difference between tables and ledger
  bool deep = false;
  bool ok() const { return !first_bad && projection.empty(); }
  Json ToJson() const;
  std::string ToText() const;
};

// Reads the whole ledger of `store`. With deep, replays it into a scratch database in
// `scratch_dir` and compares every projection. An error result only when the store cannot
// be read at all; damage is reported in the VerifyReport.
Result<VerifyReport> VerifyStore(store::Store& store, bool deep, const std::string& scratch_dir);

}  // namespace dl::service
