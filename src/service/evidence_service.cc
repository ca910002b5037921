#include "service/evidence_service.h"

#include "ledger/merkle.h"
#include "service/proof_service.h"

namespace dl::service {

Result<ledger::EvidenceBundle> BuildEvidence(store::Store& store, const std::string& subject,
                                             Instant now) {
  DL_ASSIGN_OR_RETURN(auto entries, store.ReadEntriesBySubject(subject));
  if (entries.empty()) {
    return Err(ErrorCode::kNotFound, "账本中没有关于“" + subject + "”的记录");
  }
  DL_ASSIGN_OR_RETURN(auto latest, store.LatestCheckpoint());
  if (!latest) return Err(ErrorCode::kNotFound, "还没有签名检查点");
  const store::StoredCheckpoint& cp = *latest;
  if (entries.back().seq > cp.size) {
    return Err(ErrorCode::kConflict, "最近的签名检查点（" + std::to_string(cp.size) +
                                         " 条）尚未覆盖第 " + std::to_string(entries.back().seq) +
                                         " 条记录，请稍后再试");
  }
  ledger::EvidenceBundle bundle{subject, now, cp.note, {}};
  for (auto& e : entries) {
    DL_ASSIGN_OR_RETURN(InclusionAnswer proof, ProveInclusion(store, e.seq, cp.size));
    bundle.entries.push_back({std::move(e), std::move(proof.proof)});
  }
  return bundle;
}

}  // namespace dl::service
