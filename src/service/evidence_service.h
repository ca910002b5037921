// Evidence bundles from the store: every ledger entry of one subject with its inclusion
// proof in the latest signed checkpoint (see ledger/evidence.h for the format).
#pragma once

#include <string>

#include "base/date.h"
#include "base/result.h"
#include "ledger/evidence.h"
#include "store/store.h"

namespace dl::service {

// Builds the bundle of `subject` (e.g. "case:2026-000123", "power:XK-SCJ-001") against the
// latest checkpoint. not_found when the subject has no entry or there is no checkpoint;
// conflict when the latest checkpoint does not yet cover the subject's
// newest entry (the writer signs one within a second; retry); corrupt when a proof does
// not lead to the checkpoint's root. Every proof is checked before it is returned.
Result<ledger::EvidenceBundle> BuildEvidence(store::Store& store, const std::string& subject,
                                             Instant now);

}  // namespace dl::service
