// The Merkle tree of the ledger, exactly as RFC 9162 (Certificate Transparency 2.0) §2.1
// defines it:
//   leaf hash      = SHA-256(0x00 || entry)          (Entry::leaf_hash)
//   interior node  = SHA-256(0x01 || left || right)
//   MTH({})        = SHA-256("")
//   MTH(D[n])      = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k = the largest power of two < n
// Everything here works on leaf *hashes*; hashing the entries is Entry's job.
//
// Two families of proof generators exist. The in-memory ones (InclusionProof,
// ConsistencyProof) take every leaf hash and follow the RFC's recursive definitions
// literally; they are the reference. The *From ones take a SubtreeHashFn backed by storage
// and ask it only for perfect, aligned subtrees, O(log n) times per proof. Both produce
// identical proofs.
//
// Thread-safety: every free function is pure and may be called concurrently (the *From
// functions are as thread-safe as the callback they are given). CompactTree is a plain value:
// concurrent const calls are safe, a mutation needs exclusive access.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "base/result.h"
#include "base/sha256.h"

namespace dl::ledger {

// Returns SHA-256(0x01 || left || right), the hash of an interior node. Thread-safe.
Hash HashChildren(const Hash& left, const Hash& right);

// Returns SHA-256(""), the root of the empty tree
// (e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855). Thread-safe.
Hash EmptyRoot();

// Returns MTH of the given leaf hashes (RFC 9162 §2.1.1); EmptyRoot() for an empty span.
// Reference implementation: O(n) hashes, recursion depth O(log n). Thread-safe.
Hash RootOf(std::span<const Hash> leaves);

// Returns the inclusion proof PATH(m, D[n]) (RFC 9162 §2.1.3.1) of leaf m in the tree made
// of the first n entries of `leaves`, ordered from the leaf's sibling up to the root's child.
// invalid_argument if n == 0, m >= n or leaves.size() < n. O(n) hashes. Thread-safe.
Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaves, uint64_t m, uint64_t n);

// Returns true if `proof` shows that `leaf` is leaf m of the tree of size n whose root is
// `root` (RFC 9162 §2.1.3.2); false otherwise, including when m >= n. As in the RFC, n is
// bound only as far as it shapes the path: take n and root from the same signed tree head.
// Thread-safe.
bool VerifyInclusion(const Hash& leaf, uint64_t m, uint64_t n, std::span<const Hash> proof,
                     const Hash& root);

// Returns the consistency proof PROOF(m, D[n]) (RFC 9162 §2.1.4.1) that the tree of the
// first m leaves is a prefix of the tree of the first n leaves. The proof is empty when
// m == n (RFC: SUBPROOF(m, D[m], true) = {}) and when m == 0 (every tree extends the empty
// one). invalid_argument if n == 0, m > n or leaves.size() < n. O(n) hashes. Thread-safe.
Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaves, uint64_t m, uint64_t n);

// Returns true if `proof` shows that the tree of size m with root `root_m` is a prefix of the
// tree of size n with root `root_n` (RFC 9162 §2.1.4.2). Edge cases the RFC leaves to the
// caller: m > n is false; m == n needs an empty proof and root_m == root_n; m == 0 needs an
// empty proof and root_m == EmptyRoot(). As in the RFC, the sizes are bound only as far as
// they shape the path (n ± 1 may verify too): take each size and root from the same signed
// tree head. Thread-safe.
bool VerifyConsistency(uint64_t m, uint64_t n, const Hash& root_m, const Hash& root_n,
                       std::span<const Hash> proof);

// The writer's O(log n) state: the roots of the perfect subtrees that make up the current
// tree (a "compact range" or frontier), left to right, i.e. one per set bit of size() from
// the most significant down. Append costs amortised O(1) hashes (at most 64), Root() O(log n).
// Not synchronised: concurrent const calls are safe, Append needs exclusive access.
// A perfect, aligned subtree hash kept in storage: the root of leaves
// [index·2^level, (index+1)·2^level). The store keeps those at levels that are multiples of
// kStoredLevelStride (16, 256, 4096 … leaves), about n/15 hashes for n leaves, so any perfect
// subtree hash is at most 16 stored hashes away (see StoredSubtreeHash).
struct SubtreeNode {
  int level = 0;
  uint64_t index = 0;
  Hash hash{};
  bool operator==(const SubtreeNode&) const = default;
};
inline constexpr int kStoredLevelStride = 4;

class CompactTree {
 public:
  // Adds one leaf hash at index size(). When `completed` is given, every perfect subtree that
  // this leaf completes at a level that is a positive multiple of kStoredLevelStride is
  // appended to it (lower levels first). Precondition: size() < UINT64_MAX.
  void Append(const Hash& leaf, std::vector<SubtreeNode>* completed = nullptr);
  // Returns the number of leaves appended so far.
  uint64_t size() const { return size_; }
  // Returns MTH of all leaves so far; EmptyRoot() when size() == 0.
  Hash Root() const;
  // Returns the perfect-subtree roots, left to right (popcount(size()) hashes, at most 64),
  // for persistence; FromFrontier(size(), frontier()) rebuilds an equal tree.
  const std::vector<Hash>& frontier() const { return frontier_; }

  // Returns a tree rebuilt from a stored frontier; invalid_argument if the frontier's length
  // does not equal popcount(size). The hashes themselves cannot be checked here: compare
  // Root() with a trusted root if they come from untrusted storage. Thread-safe.
  static Result<CompactTree> FromFrontier(uint64_t size, std::vector<Hash> frontier);

 private:
  uint64_t size_ = 0;
  std::vector<Hash> frontier_;
};

// Returns MTH(D[begin:end]) for the caller's log. The proof generators below call it only for
// perfect, aligned subtrees: end - begin is a power of two and begin is a multiple of it (so
// a caller may serve it from a table of stored subtree hashes as well as from leaves).
using SubtreeHashFn = std::function<Hash(uint64_t begin, uint64_t end)>;

// Reads `count` consecutive stored hashes starting at `first`: at level 0 the leaf hashes,
// at a stored level the SubtreeNodes of that level. Must return exactly `count` hashes or an
// error (not_found when some are missing).
using StoredHashReader =
    std::function<Result<std::vector<Hash>>(int level, uint64_t first, uint64_t count)>;

// Computes a perfect, aligned subtree hash from stored hashes: from the nodes of the highest
// stored level that fits (at most 2^kStoredLevelStride of them) or, below the first stored
// level, from the leaves. Errors are those of `read`; invalid_argument if [begin, end) is not
// perfect and aligned. Thread-safe if `read` is.
Result<Hash> StoredSubtreeHash(const StoredHashReader& read, uint64_t begin, uint64_t end);

// Returns the tree of the first `size` leaves rebuilt from stored hashes with O(log n) reads
// (one StoredSubtreeHash per frontier subtree). Errors are those of `read`.
Result<CompactTree> TreeFromStored(const StoredHashReader& read, uint64_t size);

// Same result and errors as InclusionProof (without the leaves.size() check), computed with
// O(log n) calls of `subtree_hash` (at most 2·64). invalid_argument also if `subtree_hash` is
// empty. Thread-safe if the callback is.
Result<std::vector<Hash>> InclusionProofFrom(const SubtreeHashFn& subtree_hash, uint64_t m,
                                             uint64_t n);

// Same result and errors as ConsistencyProof (without the leaves.size() check), computed with
// O(log n) calls of `subtree_hash` (at most 2·64). invalid_argument also if `subtree_hash` is
// empty. Thread-safe if the callback is.
Result<std::vector<Hash>> ConsistencyProofFrom(const SubtreeHashFn& subtree_hash, uint64_t m,
                                               uint64_t n);

}  // namespace dl::ledger
