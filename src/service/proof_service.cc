#include "service/proof_service.h"

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"

namespace dl::service {
namespace {

Json Hashes(const std::vector<Hash>& hs) {
  Json a = Json::array();
  for (const Hash& h : hs) a.push_back(ledger::Base64(h.data(), h.size()));
  return a;
}
std::string B64(const Hash& h) { return ledger::Base64(h.data(), h.size()); }

Result<store::StoredCheckpoint> FindCheckpoint(store::Store& store, std::optional<uint64_t> size) {
  DL_ASSIGN_OR_RETURN(auto found, size ? store.CheckpointAt(*size) : store.LatestCheckpoint());
  if (found) return std::move(*found);
  if (!size) return Err(ErrorCode::kNotFound, "还没有签名检查点");
  return Err(ErrorCode::kNotFound, "没有大小为 " + std::to_string(*size) +
                                       " 的签名检查点（可用 daylight checkpoints 查看）");
}

// Serves perfect subtree hashes from the store's stored subtree nodes and leaves; the first
// read error is kept in `error` (the proof generators take a plain callback).
ledger::SubtreeHashFn StoredHashes(store::Store& store, Status& error) {
  return [&store, &error](uint64_t begin, uint64_t end) {
    auto h = ledger::StoredSubtreeHash(
        [&store](int level, uint64_t first, uint64_t count) {
          return store.ReadStoredHashes(level, first, count);
        },
        begin, end);
    if (!h) {
      if (error) error = Err(h.error());
      return Hash{};
    }
    return *h;
  };
}

tl::unexpected<Error> Corrupt(const store::StoredCheckpoint& cp, const Status& read) {
  return Err(ErrorCode::kCorrupt, "账本与检查点（" + std::to_string(cp.size) + " 条）不一致" +
                                      (read ? "" : "（" + read.error().message + "）") +
                                      "；请运行 daylight verify");
}

}  // namespace

Json InclusionAnswer::ToJson() const {
  return {{"seq", seq},
          {"leaf_index", seq - 1},
          {"tree_size", size},
          {"leaf_hash", B64(leaf)},
          {"root", B64(root)},
          {"proof", Hashes(proof)},
          {"checkpoint", checkpoint}};
}

Json ConsistencyAnswer::ToJson() const {
  return {{"old_size", old_size},
          {"new_size", new_size},
          {"old_root", B64(old_root)},
          {"new_root", B64(new_root)},
          {"proof", Hashes(proof)},
          {"old_checkpoint", old_checkpoint},
          {"new_checkpoint", new_checkpoint}};
}

Result<InclusionAnswer> ProveInclusion(store::Store& store, uint64_t seq,
                                       std::optional<uint64_t> size) {
  DL_ASSIGN_OR_RETURN(auto cp, FindCheckpoint(store, size));
  if (seq == 0 || seq > cp.size) {
    return Err(ErrorCode::kNotFound, "第 " + std::to_string(seq) + " 条记录不在检查点（" +
                                         std::to_string(cp.size) + " 条）之内");
  }
  DL_ASSIGN_OR_RETURN(auto leaf, store.ReadStoredHashes(0, seq - 1, 1));
  Status read = Ok();
  InclusionAnswer a{seq, cp.size, leaf.front(), cp.root, {}, cp.note};
  DL_ASSIGN_OR_RETURN(a.proof,
                      ledger::InclusionProofFrom(StoredHashes(store, read), seq - 1, cp.size));
  if (!read || !ledger::VerifyInclusion(a.leaf, seq - 1, cp.size, a.proof, cp.root)) {
    return Corrupt(cp, read);
  }
  return a;
}

Result<ConsistencyAnswer> ProveConsistency(store::Store& store, uint64_t old_size,
                                           uint64_t new_size) {
  if (old_size > new_size) return Err(ErrorCode::kInvalidArgument, "旧检查点不能大于新检查点");
  DL_ASSIGN_OR_RETURN(auto old_cp, FindCheckpoint(store, old_size));
  DL_ASSIGN_OR_RETURN(auto new_cp, FindCheckpoint(store, new_size));
  Status read = Ok();
  ConsistencyAnswer a{old_size, new_size, old_cp.root, new_cp.root, {}, old_cp.note, new_cp.note};
  DL_ASSIGN_OR_RETURN(a.proof,
                      ledger::ConsistencyProofFrom(StoredHashes(store, read), old_size, new_size));
  if (!read) return Corrupt(new_cp, read);
  if (!ledger::VerifyConsistency(old_size, new_size, a.old_root, a.new_root, a.proof)) {
    return Err(ErrorCode::kCorrupt, "新旧检查点不一致：账本不是只追加的；请运行 daylight verify");
  }
  return a;
}

}  // namespace dl::service
