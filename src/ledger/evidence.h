// Evidence bundles (证据包): the ledger entries of one subject (a case, a power, a warning)
// with an inclusion proof of each in one signed checkpoint, so that someone outside — an
// inspector, a court, the applicant — can check offline, with only the log's public key,
// that these entries are in the log exactly as they read. The format is a JSON document
// (docs/ledger.md):
//   {"format": "daylight.evidence", "version": 1, "subject": "case:…", "created": "…",
//    "checkpoint": "<C2SP signed note>",
//    "entries": [{"seq", "kind", "subject", "actor", "time", "payload", "leaf_hash",
//                 "inclusion_proof": ["<base64 hash>", …]}, …]}
// A bundle proves that each entry it holds is in the log; it cannot prove that the log has
// no other entry about the subject (that is what verify on the whole log is for).
//
// This file and the Merkle and checkpoint code are all that the standalone verifier
// (daylight-verify) links: no store, no database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/json.h"
#include "base/result.h"
#include "ledger/checkpoint.h"
#include "ledger/entry.h"

namespace dl::ledger {

inline constexpr std::string_view kEvidenceFormat = "daylight.evidence";

struct EvidenceEntry {
  Entry entry;              // leaf_hash as stated in the bundle
  std::vector<Hash> proof;  // inclusion proof in the checkpoint's tree (leaf index seq - 1)
};

struct EvidenceBundle {
  std::string subject;
  Instant created;
  std::string checkpoint;  // the signed note the proofs lead to
  std::vector<EvidenceEntry> entries;

  Json ToJson() const;
  // Parses a bundle; invalid_argument naming the JSON path of the first bad field
  // ("$.entries[3].inclusion_proof[2]: 不是 32 字节的 base64 哈希").
  static Result<EvidenceBundle> FromJson(const Json& json);
};

struct EvidenceCheck {
  uint64_t seq = 0;
  std::string kind;
  std::string problem;  // empty when the entry is proven
};

struct EvidenceReport {
  std::string problem;  // about the bundle as a whole (signature, checkpoint); empty if fine
  Checkpoint checkpoint;
  std::vector<EvidenceCheck> entries;
  bool ok() const;
  Json ToJson() const;
  std::string ToText() const;  // Chinese, one line per entry
};

// Checks the checkpoint's signature against `verifier_key` (signed-note form), then each
// entry: its leaf hash recomputed from its fields, and its inclusion proof to the signed
// root. Never throws; everything wrong is in the report. Thread-safe.
EvidenceReport VerifyEvidence(const EvidenceBundle& bundle, const std::string& verifier_key);

}  // namespace dl::ledger
