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

// A log that continues a closed one starts with the setting "previous_log": the closed log's
// origin, size, root and final signed checkpoint (docs/ledger.md, 账本分期).
inline constexpr const char* kPreviousLogSetting = "previous_log";
struct PreviousLog {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::string checkpoint;  // the signed note
  std::string archive;     // file name the closed log was archived as
  Json ToJson() const;
  static Result<PreviousLog> FromJson(const Json& j);
};

struct VerifyReport {
  uint64_t entries = 0;                 // entries checked
  std::optional<uint64_t> first_bad;    // sequence number of the first bad entry
  std::string problem;                  // what is wrong with it (Chinese)
  std::vector<std::string> projection;  // deep: each difference between tables and ledger
  bool deep = false;
  uint64_t checkpoints = 0;             // signed checkpoints whose root and signature were checked
  std::optional<PreviousLog> previous;  // the log this one continues, from its first entry
  bool ok() const { return !first_bad && projection.empty(); }
  Json ToJson() const;
  std::string ToText() const;
};

// Reads the whole ledger of `store`: recomputes every leaf, checks the sequence, and checks
// every signed checkpoint — its root against the Merkle tree of the recomputed leaves and
// its signature against `verifier_key` (signed-note form; empty: signatures are not
// checked). With deep, replays the ledger into a scratch database in `scratch_dir` and
// compares every projection. An error result only when the store cannot be read at all;
// damage is reported in the VerifyReport.
Result<VerifyReport> VerifyStore(store::Store& store, bool deep, const std::string& scratch_dir,
                                 const std::string& verifier_key = "");

// Checks that `previous` (the archived log) is the one the current log's first entry binds:
// its final checkpoint has the bound size, root and note, the signature verifies with
// `verifier_key` (when given), and nothing was appended to it after. Returns "" when the
// chain holds, otherwise what is wrong (Chinese). Verify each log itself with VerifyStore.
Result<std::string> CheckChain(const PreviousLog& bound, store::Store& previous,
                               const std::string& verifier_key);

}  // namespace dl::service
