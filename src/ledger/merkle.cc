#include "ledger/merkle.h"

#include <algorithm>
#include <bit>
#include <string>
#include <string_view>
#include <utility>

namespace dl::ledger {
namespace {

// The largest power of two strictly smaller than n; n must be >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

Error InvalidArgument(std::string message, uint64_t m, uint64_t n) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), {{"m", m}, {"n", n}}};
}

// Checks the arguments of an inclusion proof request.
Status CheckInclusionArgs(uint64_t m, uint64_t n) {
  if (n == 0) return Err(InvalidArgument("空的默克尔树（大小 n = 0）没有包含证明", m, n));
  if (m >= n) {
    return Err(InvalidArgument("叶子序号 m = " + std::to_string(m) +
                                   " 超出范围：必须小于树的大小 n = " + std::to_string(n),
                               m, n));
  }
  return Ok();
}

// Checks the arguments of a consistency proof request.
Status CheckConsistencyArgs(uint64_t m, uint64_t n) {
  if (n == 0) return Err(InvalidArgument("空的默克尔树（大小 n = 0）没有一致性证明", m, n));
  if (m > n) {
    return Err(InvalidArgument(
        "旧树的大小 m = " + std::to_string(m) + " 不能大于新树的大小 n = " + std::to_string(n), m,
        n));
  }
  return Ok();
}

Status CheckLeafCount(std::span<const Hash> leaves, uint64_t m, uint64_t n) {
  if (leaves.size() < n) {
    return Err(InvalidArgument("只提供了 " + std::to_string(leaves.size()) +
                                   " 个叶子哈希，少于树的大小 n = " + std::to_string(n),
                               m, n));
  }
  return Ok();
}

Status CheckCallback(const SubtreeHashFn& subtree_hash, uint64_t m, uint64_t n) {
  if (!subtree_hash) return Err(InvalidArgument("未提供子树哈希的回调函数", m, n));
  return Ok();
}

// PATH(m, D[n]) of RFC 9162 §2.1.3.1, literally; 0 <= m < n == leaves.size().
void Path(uint64_t m, std::span<const Hash> leaves, std::vector<Hash>& out) {
  const uint64_t n = leaves.size();
  if (n == 1) return;  // PATH(0, {d(0)}) = {}
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    Path(m, leaves.first(k), out);
    out.push_back(RootOf(leaves.subspan(k)));
  } else {
    Path(m - k, leaves.subspan(k), out);
    out.push_back(RootOf(leaves.first(k)));
  }
}

// SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1, literally; 0 < m <= n == leaves.size().
void Subproof(uint64_t m, std::span<const Hash> leaves, bool b, std::vector<Hash>& out) {
  const uint64_t n = leaves.size();
  if (m == n) {
    if (!b) out.push_back(RootOf(leaves));
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    Subproof(m, leaves.first(k), b, out);
    out.push_back(RootOf(leaves.subspan(k)));
  } else {
    Subproof(m - k, leaves.subspan(k), false, out);
    out.push_back(RootOf(leaves.first(k)));
  }
}

// MTH(D[begin:end]) for a range that is a node of the tree (begin is a multiple of the
// smallest power of two >= end - begin), from perfect, aligned subtrees only: the node is the
// right fold of its perfect pieces, one per set bit of its size, largest (leftmost) first.
Hash RangeHash(const SubtreeHashFn& subtree_hash, uint64_t begin, uint64_t end) {
  std::vector<Hash> pieces;
  for (uint64_t size = end - begin; size != 0;) {
    const uint64_t piece = std::bit_floor(size);
    pieces.push_back(subtree_hash(begin, begin + piece));
    begin += piece;
    size -= piece;
  }
  Hash h = pieces.back();
  for (size_t i = pieces.size() - 1; i-- > 0;) h = HashChildren(pieces[i], h);
  return h;
}

}  // namespace

Hash HashChildren(const Hash& left, const Hash& right) {
  const auto bytes = [](const Hash& h) {
    return std::string_view(reinterpret_cast<const char*>(h.data()), h.size());
  };
  return Sha256Prefixed(0x01, bytes(left), bytes(right));
}

Hash EmptyRoot() {
  static const Hash empty = Sha256(std::string_view());
  return empty;
}

Hash RootOf(std::span<const Hash> leaves) {
  const uint64_t n = leaves.size();
  if (n == 0) return EmptyRoot();
  if (n == 1) return leaves[0];
  const uint64_t k = SplitPoint(n);
  return HashChildren(RootOf(leaves.first(k)), RootOf(leaves.subspan(k)));
}

Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaves, uint64_t m, uint64_t n) {
  DL_RETURN_IF_ERROR(CheckInclusionArgs(m, n));
  DL_RETURN_IF_ERROR(CheckLeafCount(leaves, m, n));
  std::vector<Hash> proof;
  Path(m, leaves.first(n), proof);
  return proof;
}

bool VerifyInclusion(const Hash& leaf, uint64_t m, uint64_t n, std::span<const Hash> proof,
                     const Hash& root) {
  // RFC 9162 §2.1.3.2, step by step.
  if (m >= n) return false;
  uint64_t fn = m;
  uint64_t sn = n - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      r = HashChildren(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaves, uint64_t m, uint64_t n) {
  DL_RETURN_IF_ERROR(CheckConsistencyArgs(m, n));
  DL_RETURN_IF_ERROR(CheckLeafCount(leaves, m, n));
  std::vector<Hash> proof;
  if (m == 0) return proof;
  Subproof(m, leaves.first(n), true, proof);
  return proof;
}

bool VerifyConsistency(uint64_t m, uint64_t n, const Hash& root_m, const Hash& root_n,
                       std::span<const Hash> proof) {
  if (m > n) return false;
  if (m == n) return proof.empty() && root_m == root_n;
  if (m == 0) return proof.empty() && root_m == EmptyRoot();
  // RFC 9162 §2.1.4.2, step by step.
  // 1. An empty path fails.
  if (proof.empty()) return false;
  // 2. If m is an exact power of two, the path starts with root_m (implicit in the proof).
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(m)) path.push_back(root_m);
  path.insert(path.end(), proof.begin(), proof.end());
  // 3.-4.
  uint64_t fn = m - 1;
  uint64_t sn = n - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  // 5.
  Hash fr = path[0];
  Hash sr = path[0];
  // 6.
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // 7.
  return fr == root_m && sr == root_n && sn == 0;
}

void CompactTree::Append(const Hash& leaf, std::vector<SubtreeNode>* completed) {
  // Every trailing set bit of size_ is a perfect subtree that the new leaf completes.
  Hash h = leaf;
  int level = 0;
  for (uint64_t s = size_; (s & 1) != 0; s >>= 1) {
    h = HashChildren(frontier_.back(), h);
    frontier_.pop_back();
    ++level;
    if (completed && level % kStoredLevelStride == 0) {
      completed->push_back({level, size_ >> level, h});
    }
  }
  frontier_.push_back(h);
  ++size_;
}

Hash CompactTree::Root() const {
  if (frontier_.empty()) return EmptyRoot();
  Hash h = frontier_.back();
  for (size_t i = frontier_.size() - 1; i-- > 0;) h = HashChildren(frontier_[i], h);
  return h;
}

Result<CompactTree> CompactTree::FromFrontier(uint64_t size, std::vector<Hash> frontier) {
  const auto expected = static_cast<size_t>(std::popcount(size));
  if (frontier.size() != expected) {
    return Err(ErrorCode::kInvalidArgument,
               "大小为 " + std::to_string(size) + " 的默克尔树应有 " + std::to_string(expected) +
                   " 个子树根哈希，实际提供了 " + std::to_string(frontier.size()) + " 个",
               {{"size", size}, {"expected", expected}, {"actual", frontier.size()}});
  }
  CompactTree tree;
  tree.size_ = size;
  tree.frontier_ = std::move(frontier);
  return tree;
}

Result<std::vector<Hash>> InclusionProofFrom(const SubtreeHashFn& subtree_hash, uint64_t m,
                                             uint64_t n) {
  DL_RETURN_IF_ERROR(CheckCallback(subtree_hash, m, n));
  DL_RETURN_IF_ERROR(CheckInclusionArgs(m, n));
  // PATH unrolled from the root down; the RFC lists the nodes bottom-up, hence the reverse.
  // Only the first right sibling met can be an imperfect subtree: after it, the walk stays
  // inside a perfect one.
  std::vector<Hash> proof;
  uint64_t begin = 0;
  uint64_t size = n;
  while (size > 1) {
    const uint64_t k = SplitPoint(size);
    if (m - begin < k) {
      proof.push_back(RangeHash(subtree_hash, begin + k, begin + size));
      size = k;
    } else {
      proof.push_back(subtree_hash(begin, begin + k));
      begin += k;
      size -= k;
    }
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

Result<std::vector<Hash>> ConsistencyProofFrom(const SubtreeHashFn& subtree_hash, uint64_t m,
                                               uint64_t n) {
  DL_RETURN_IF_ERROR(CheckCallback(subtree_hash, m, n));
  DL_RETURN_IF_ERROR(CheckConsistencyArgs(m, n));
  std::vector<Hash> proof;
  if (m == 0 || m == n) return proof;
  // SUBPROOF unrolled from the root down, then reversed. `m - begin` leaves of the current
  // node [begin, begin + size) belong to the old tree; `whole` is the RFC's flag b.
  uint64_t begin = 0;
  uint64_t size = n;
  bool whole = true;
  while (m - begin != size) {
    const uint64_t k = SplitPoint(size);
    if (m - begin <= k) {
      proof.push_back(RangeHash(subtree_hash, begin + k, begin + size));
      size = k;
    } else {
      proof.push_back(subtree_hash(begin, begin + k));
      begin += k;
      size -= k;
      whole = false;
    }
  }
  // The loop ends on a perfect node (size became some k), which the verifier knows already
  // only when it is the whole old tree.
  if (!whole) proof.push_back(subtree_hash(begin, begin + size));
  std::reverse(proof.begin(), proof.end());
  return proof;
}

Result<Hash> StoredSubtreeHash(const StoredHashReader& read, uint64_t begin, uint64_t end) {
  const uint64_t width = end - begin;
  if (end <= begin || !std::has_single_bit(width) || begin % width != 0) {
    return Err(ErrorCode::kInvalidArgument, "子树范围 [" + std::to_string(begin) + ", " +
                                                std::to_string(end) + ") 不是对齐的完全子树");
  }
  const int k = std::countr_zero(width);
  const int level = k - k % kStoredLevelStride;
  DL_ASSIGN_OR_RETURN(auto hashes, read(level, begin >> level, width >> level));
  if (hashes.size() != (width >> level)) {
    return Err(ErrorCode::kNotFound, "缺少第 " + std::to_string(level) + " 层的子树哈希");
  }
  // The hashes are the roots of equal perfect subtrees, so the tree over them is the subtree.
  return RootOf(hashes);
}

Result<CompactTree> TreeFromStored(const StoredHashReader& read, uint64_t size) {
  std::vector<Hash> frontier;
  uint64_t begin = 0;
  for (int bit = 63; bit >= 0; --bit) {
    const uint64_t width = uint64_t{1} << bit;
    if ((size & width) == 0) continue;
    DL_ASSIGN_OR_RETURN(Hash h, StoredSubtreeHash(read, begin, begin + width));
    frontier.push_back(h);
    begin += width;
  }
  return CompactTree::FromFrontier(size, std::move(frontier));
}

}  // namespace dl::ledger
