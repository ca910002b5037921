#include "ledger/merkle.h"

#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"

namespace dl::ledger {
namespace {

// ---- An independent reference, written from RFC 9162 §2.1 without the library ----------

std::string Bytes(const Hash& h) { return std::string(h.begin(), h.end()); }

// SHA-256(0x00 || data), spelled out with a plain SHA-256 over the concatenation.
Hash RefLeaf(std::string_view data) { return Sha256(std::string(1, '\x00') + std::string(data)); }

Hash RefNode(const Hash& l, const Hash& r) {
  return Sha256(std::string(1, '\x01') + Bytes(l) + Bytes(r));
}

// MTH(D[n]) by the RFC's recursion; k found by doubling rather than with <bit>.
Hash RefRoot(const std::vector<Hash>& d, size_t begin, size_t end) {
  const size_t n = end - begin;
  if (n == 0) return Sha256("");
  if (n == 1) return d[begin];
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return RefNode(RefRoot(d, begin, begin + k), RefRoot(d, begin + k, end));
}

Hash FromHex(std::string_view hex) {
  Hash h{};
  auto nibble = [](char c) -> uint8_t {
    return static_cast<uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  };
  for (size_t i = 0; i < h.size(); ++i) {
    h[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return h;
}

Hash Flipped(Hash h, size_t byte = 0) {
  h[byte] ^= 0x20;
  return h;
}

// The classic Certificate Transparency test leaves.
const std::vector<std::string>& CtLeafData() {
  static const std::vector<std::string> data = {
      std::string(),
      std::string("\x00", 1),
      "\x10",
      "\x20\x21",
      "\x30\x31",
      "\x40\x41\x42\x43",
      "\x50\x51\x52\x53\x54\x55\x56\x57",
      "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
  };
  return data;
}

std::vector<Hash> CtLeaves() {
  std::vector<Hash> out;
  for (const std::string& d : CtLeafData()) out.push_back(Sha256Prefixed(0x00, d));
  return out;
}

// `count` distinct leaf hashes.
std::vector<Hash> TestLeaves(size_t count) {
  std::vector<Hash> out;
  for (size_t i = 0; i < count; ++i) out.push_back(RefLeaf("leaf-" + std::to_string(i)));
  return out;
}

std::vector<Hash> Hexes(std::initializer_list<std::string_view> hexes) {
  std::vector<Hash> out;
  for (std::string_view h : hexes) out.push_back(FromHex(h));
  return out;
}

// ---- (1) Known answers -------------------------------------------------------------------

TEST(MerkleTest, EmptyRootAndNodeHash) {
  EXPECT_EQ(ToHex(EmptyRoot()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(RootOf({}), EmptyRoot());
  EXPECT_EQ(CompactTree().Root(), EmptyRoot());
  const Hash a = RefLeaf("a");
  const Hash b = RefLeaf("b");
  EXPECT_EQ(HashChildren(a, b), RefNode(a, b));
  EXPECT_NE(HashChildren(a, b), HashChildren(b, a));
}

TEST(MerkleTest, CertificateTransparencyRoots) {
  const std::vector<std::string> want = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  };
  std::vector<Hash> ref_leaves;
  for (const std::string& d : CtLeafData()) ref_leaves.push_back(RefLeaf(d));
  const std::vector<Hash> leaves = CtLeaves();
  ASSERT_EQ(leaves, ref_leaves);
  EXPECT_EQ(ToHex(RefRoot(ref_leaves, 0, 0)), ToHex(EmptyRoot()));

  CompactTree tree;
  for (size_t n = 1; n <= 8; ++n) {
    tree.Append(leaves[n - 1]);
    SCOPED_TRACE("size " + std::to_string(n));
    // The independent computation agrees with the published value ...
    EXPECT_EQ(ToHex(RefRoot(ref_leaves, 0, n)), want[n - 1]);
    // ... and so does the library, both ways.
    EXPECT_EQ(ToHex(RootOf(std::span(leaves).first(n))), want[n - 1]);
    EXPECT_EQ(ToHex(tree.Root()), want[n - 1]);
  }
}

// Published proofs for the same tree (transparency-dev/merkle proof/verify_test.go); leaf
// indices there are 1-based.
TEST(MerkleTest, CertificateTransparencyProofs) {
  const std::vector<Hash> leaves = CtLeaves();
  struct Vector {
    uint64_t a, b;
    std::vector<Hash> proof;
  };
  const std::vector<Vector> inclusion = {
      {0, 1, {}},
      {0, 8,
       Hexes({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {5, 8,
       Hexes({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
              "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 3, Hexes({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"})},
      {1, 5,
       Hexes({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
  for (const Vector& v : inclusion) {
    SCOPED_TRACE("inclusion " + std::to_string(v.a) + " in " + std::to_string(v.b));
    auto proof = InclusionProof(leaves, v.a, v.b);
    ASSERT_TRUE(proof) << proof.error().ToString();
    EXPECT_EQ(*proof, v.proof);
    EXPECT_TRUE(VerifyInclusion(leaves[v.a], v.a, v.b, v.proof,
                                RefRoot(leaves, 0, static_cast<size_t>(v.b))));
  }
  const std::vector<Vector> consistency = {
      {1, 1, {}},
      {1, 8,
       Hexes({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8,
       Hexes({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
              "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 5,
       Hexes({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
      {6, 7,
       Hexes({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
              "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
  };
  for (const Vector& v : consistency) {
    SCOPED_TRACE("consistency " + std::to_string(v.a) + " -> " + std::to_string(v.b));
    auto proof = ConsistencyProof(leaves, v.a, v.b);
    ASSERT_TRUE(proof) << proof.error().ToString();
    EXPECT_EQ(*proof, v.proof);
    EXPECT_TRUE(VerifyConsistency(v.a, v.b, RefRoot(leaves, 0, static_cast<size_t>(v.a)),
                                  RefRoot(leaves, 0, static_cast<size_t>(v.b)), v.proof));
  }
}

// ---- Errors ------------------------------------------------------------------------------

void ExpectInvalid(const Result<std::vector<Hash>>& r) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(r.error().message.empty());
}

TEST(MerkleTest, RejectsBadArguments) {
  const std::vector<Hash> leaves = TestLeaves(4);
  const SubtreeHashFn fn = [&](uint64_t b, uint64_t e) {
    return RootOf(std::span(leaves).subspan(b, e - b));
  };
  ExpectInvalid(InclusionProof(leaves, 0, 0));
  ExpectInvalid(InclusionProof(leaves, 4, 4));
  ExpectInvalid(InclusionProof(leaves, 5, 4));
  ExpectInvalid(InclusionProof(leaves, 0, 5));  // fewer leaves than n
  ExpectInvalid(ConsistencyProof(leaves, 0, 0));
  ExpectInvalid(ConsistencyProof(leaves, 4, 3));
  ExpectInvalid(ConsistencyProof(leaves, 1, 5));
  ExpectInvalid(InclusionProofFrom(fn, 0, 0));
  ExpectInvalid(InclusionProofFrom(fn, 3, 3));
  ExpectInvalid(ConsistencyProofFrom(fn, 0, 0));
  ExpectInvalid(ConsistencyProofFrom(fn, 3, 2));
  ExpectInvalid(InclusionProofFrom(SubtreeHashFn(), 0, 1));
  ExpectInvalid(ConsistencyProofFrom(SubtreeHashFn(), 1, 2));

  auto msg = InclusionProof(leaves, 4, 4);
  EXPECT_NE(msg.error().message.find("必须小于"), std::string::npos) << msg.error().message;

  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 0, {}, leaves[0]));
  EXPECT_FALSE(VerifyInclusion(leaves[0], 1, 1, {}, leaves[0]));
  EXPECT_FALSE(VerifyConsistency(2, 1, leaves[0], leaves[0], {}));
}

// ---- (2) Inclusion, exhaustively ---------------------------------------------------------

TEST(MerkleTest, InclusionProofsVerifyAndResistTampering) {
  const std::vector<Hash> leaves = TestLeaves(64);
  for (uint64_t n = 1; n <= 64; ++n) {
    const Hash root = RootOf(std::span(leaves).first(n));
    ASSERT_EQ(root, RefRoot(leaves, 0, n));
    for (uint64_t m = 0; m < n; ++m) {
      SCOPED_TRACE("m=" + std::to_string(m) + " n=" + std::to_string(n));
      auto proof = InclusionProof(leaves, m, n);
      ASSERT_TRUE(proof) << proof.error().ToString();
      std::vector<Hash> p = *proof;
      ASSERT_LE(p.size(), 6u);
      ASSERT_TRUE(VerifyInclusion(leaves[m], m, n, p, root));
      // The proof only depends on the first n leaves.
      auto exact = InclusionProof(std::span(leaves).first(n), m, n);
      ASSERT_TRUE(exact);
      EXPECT_EQ(*exact, p);

      EXPECT_FALSE(VerifyInclusion(Flipped(leaves[m], 31), m, n, p, root));
      EXPECT_FALSE(VerifyInclusion(leaves[m], m, n, p, Flipped(root, 7)));
      for (size_t i = 0; i < p.size(); ++i) {
        std::vector<Hash> bad = p;
        bad[i] = Flipped(bad[i], i);
        EXPECT_FALSE(VerifyInclusion(leaves[m], m, n, bad, root)) << "proof[" << i << "]";
      }
      for (uint64_t other = 0; other <= n + 1; ++other) {
        if (other == m) continue;
        EXPECT_FALSE(VerifyInclusion(leaves[m], other, n, p, root)) << "index " << other;
      }
      if (!p.empty()) {
        std::vector<Hash> shorter(p.begin(), p.end() - 1);
        EXPECT_FALSE(VerifyInclusion(leaves[m], m, n, shorter, root));
      }
      std::vector<Hash> extended = p;
      extended.push_back(root);
      EXPECT_FALSE(VerifyInclusion(leaves[m], m, n, extended, root));
      EXPECT_FALSE(VerifyInclusion(leaves[m], m, 2 * n, p, root));
    }
  }
}

// ---- (3) Consistency, exhaustively -------------------------------------------------------

TEST(MerkleTest, ConsistencyProofsVerifyAndResistTampering) {
  const std::vector<Hash> leaves = TestLeaves(64);
  std::vector<Hash> roots;
  for (size_t n = 0; n <= 64; ++n) roots.push_back(RefRoot(leaves, 0, n));
  for (uint64_t n = 1; n <= 64; ++n) {
    // Every tree extends the empty one, with an empty proof.
    auto empty = ConsistencyProof(leaves, 0, n);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
    EXPECT_TRUE(VerifyConsistency(0, n, EmptyRoot(), roots[n], {}));
    EXPECT_FALSE(VerifyConsistency(0, n, roots[1], roots[n], {}));
    EXPECT_FALSE(VerifyConsistency(0, n, EmptyRoot(), roots[n], std::vector<Hash>{roots[n]}));

    for (uint64_t m = 1; m <= n; ++m) {
      SCOPED_TRACE("m=" + std::to_string(m) + " n=" + std::to_string(n));
      auto proof = ConsistencyProof(leaves, m, n);
      ASSERT_TRUE(proof) << proof.error().ToString();
      const std::vector<Hash> p = *proof;
      const Hash& rm = roots[m];
      const Hash& rn = roots[n];
      ASSERT_TRUE(VerifyConsistency(m, n, rm, rn, p));
      ASSERT_LE(p.size(), 7u);
      if (m == n) {
        EXPECT_TRUE(p.empty());
        EXPECT_FALSE(VerifyConsistency(m, n, rm, Flipped(rn), p));
        EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, std::vector<Hash>{rm}));
        continue;
      }
      ASSERT_FALSE(p.empty());
      EXPECT_FALSE(VerifyConsistency(m, n, Flipped(rm, 3), rn, p));
      EXPECT_FALSE(VerifyConsistency(m, n, rm, Flipped(rn, 30), p));
      EXPECT_FALSE(VerifyConsistency(m, n, rn, rm, p));
      EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, {}));
      for (size_t i = 0; i < p.size(); ++i) {
        std::vector<Hash> bad = p;
        bad[i] = Flipped(bad[i], i);
        EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, bad)) << "proof[" << i << "]";
      }
      std::vector<Hash> shorter(p.begin(), p.end() - 1);
      EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, shorter));
      std::vector<Hash> extended = p;
      extended.push_back(rn);
      EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, extended));
      std::vector<Hash> prefixed = p;
      prefixed.insert(prefixed.begin(), rm);
      if (!std::has_single_bit(m)) {
        EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, prefixed));
      }
      // Claiming other sizes with the same roots and proof fails.
      for (uint64_t other = 1; other <= n; ++other) {
        if (other == m) continue;
        EXPECT_FALSE(VerifyConsistency(other, n, rm, rn, p)) << "m'=" << other;
      }
      // The new size is bound only as far as it shapes the path (n ± 1 often verifies, as
      // in every RFC 9162 verifier): the caller takes n and root_n from one signed head.
      EXPECT_FALSE(VerifyConsistency(m, 2 * n, rm, rn, p));
      if (n / 2 > m) {
        EXPECT_FALSE(VerifyConsistency(m, n / 2, rm, rn, p));
      }
    }
  }
}

// ---- (4) CompactTree ---------------------------------------------------------------------

TEST(MerkleTest, CompactTreeMatchesRootOf) {
  const std::vector<Hash> leaves = TestLeaves(300);
  CompactTree tree;
  for (uint64_t n = 0; n <= 300; ++n) {
    SCOPED_TRACE("n=" + std::to_string(n));
    ASSERT_EQ(tree.size(), n);
    ASSERT_EQ(tree.Root(), RootOf(std::span(leaves).first(n)));
    ASSERT_EQ(tree.frontier().size(), static_cast<size_t>(std::popcount(n)));
    // The frontier is the perfect subtrees, largest (leftmost) first.
    uint64_t begin = 0;
    size_t i = 0;
    for (int bit = 63; bit >= 0; --bit) {
      const uint64_t piece = uint64_t{1} << bit;
      if ((n & piece) == 0) continue;
      EXPECT_EQ(tree.frontier()[i++], RefRoot(leaves, begin, begin + piece));
      begin += piece;
    }

    auto copy = CompactTree::FromFrontier(n, tree.frontier());
    ASSERT_TRUE(copy) << copy.error().ToString();
    EXPECT_EQ(copy->size(), n);
    EXPECT_EQ(copy->Root(), tree.Root());
    if (n < 300) {
      copy->Append(leaves[n]);
      tree.Append(leaves[n]);
      EXPECT_EQ(copy->Root(), tree.Root());
      EXPECT_EQ(copy->frontier(), tree.frontier());
    }
  }
}

TEST(MerkleTest, FromFrontierRejectsWrongLength) {
  const std::vector<Hash> leaves = TestLeaves(8);
  auto r = CompactTree::FromFrontier(5, {leaves[0]});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(CompactTree::FromFrontier(0, {leaves[0]}));
  EXPECT_FALSE(CompactTree::FromFrontier(4, {}));
  auto empty = CompactTree::FromFrontier(0, {});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->Root(), EmptyRoot());
  auto full = CompactTree::FromFrontier(std::numeric_limits<uint64_t>::max(),
                                        std::vector<Hash>(64, leaves[1]));
  ASSERT_TRUE(full);
  EXPECT_EQ(full->frontier().size(), 64u);
}

// ---- (5) Proofs from a subtree-hash source -----------------------------------------------

// A SubtreeHashFn over in-memory leaves that checks the ranges it is asked for.
struct CountingSource {
  const std::vector<Hash>* leaves;
  uint64_t n;
  int calls = 0;

  SubtreeHashFn Fn() {
    return [this](uint64_t begin, uint64_t end) {
      ++calls;
      const uint64_t size = end - begin;
      EXPECT_TRUE(begin < end && end <= n) << begin << ".." << end;
      EXPECT_TRUE(std::has_single_bit(size) && begin % size == 0) << begin << ".." << end;
      return RootOf(std::span(*leaves).subspan(begin, size));
    };
  }
};

TEST(MerkleTest, ProofsFromSubtreeSourceEqualInMemoryProofs) {
  const std::vector<Hash> leaves = TestLeaves(64);
  for (uint64_t n = 1; n <= 64; ++n) {
    CountingSource source{&leaves, n};
    const SubtreeHashFn fn = source.Fn();
    for (uint64_t m = 0; m < n; ++m) {
      auto want = InclusionProof(leaves, m, n);
      auto got = InclusionProofFrom(fn, m, n);
      ASSERT_TRUE(want && got);
      EXPECT_EQ(*got, *want) << "inclusion m=" << m << " n=" << n;
    }
    for (uint64_t m = 0; m <= n; ++m) {
      auto want = ConsistencyProof(leaves, m, n);
      auto got = ConsistencyProofFrom(fn, m, n);
      ASSERT_TRUE(want && got);
      EXPECT_EQ(*got, *want) << "consistency m=" << m << " n=" << n;
    }
  }
}

// A tree of 2^64 - 1 identical leaves: every perfect subtree of height h has the same hash,
// so the source is O(1) and the proofs can be checked at the very top of the size range.
TEST(MerkleTest, ProofsFromSubtreeSourceAtHugeSizes) {
  std::array<Hash, 64> perfect{};
  perfect[0] = RefLeaf("same");
  for (size_t h = 1; h < 64; ++h) perfect[h] = RefNode(perfect[h - 1], perfect[h - 1]);
  int calls = 0;
  const SubtreeHashFn fn = [&](uint64_t begin, uint64_t end) {
    ++calls;
    const uint64_t size = end - begin;
    EXPECT_TRUE(std::has_single_bit(size) && begin % size == 0) << begin << ".." << end;
    return perfect[static_cast<size_t>(std::countr_zero(size))];
  };
  // The root of the first n leaves: the right fold of its perfect pieces.
  auto root_of = [&](uint64_t n) {
    std::vector<Hash> frontier;
    for (int bit = 63; bit >= 0; --bit) {
      if ((n >> bit) & 1) frontier.push_back(perfect[static_cast<size_t>(bit)]);
    }
    return CompactTree::FromFrontier(n, frontier)->Root();
  };
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  const std::vector<uint64_t> sizes = {
      kMax, kMax - 1, uint64_t{1} << 63, (uint64_t{1} << 63) + 1, 0x5555555555555555, 1000003};
  for (uint64_t n : sizes) {
    const Hash root_n = root_of(n);
    for (uint64_t m : {uint64_t{0}, uint64_t{1}, n / 2, n / 3, n - 2, n - 1}) {
      SCOPED_TRACE("m=" + std::to_string(m) + " n=" + std::to_string(n));
      calls = 0;
      auto inclusion = InclusionProofFrom(fn, m, n);
      ASSERT_TRUE(inclusion) << inclusion.error().ToString();
      EXPECT_LE(inclusion->size(), 64u);
      EXPECT_LE(calls, 128);
      EXPECT_TRUE(VerifyInclusion(perfect[0], m, n, *inclusion, root_n));
      EXPECT_FALSE(VerifyInclusion(perfect[0], m, n, *inclusion, Flipped(root_n)));

      for (uint64_t old_size : {m, m + 1}) {
        calls = 0;
        auto consistency = ConsistencyProofFrom(fn, old_size, n);
        ASSERT_TRUE(consistency) << consistency.error().ToString();
        EXPECT_LE(consistency->size(), 65u);
        EXPECT_LE(calls, 128);
        const Hash root_m = root_of(old_size);
        EXPECT_TRUE(VerifyConsistency(old_size, n, root_m, root_n, *consistency));
        if (old_size != 0 && old_size != n) {
          EXPECT_FALSE(VerifyConsistency(old_size, n, Flipped(root_m), root_n, *consistency));
        }
      }
    }
  }
}

// ---- (5) Stored subtree nodes ---------------------------------------------------------

// An in-memory "store": every leaf, and every node CompactTree::Append reported.
struct MemoryStore {
  std::vector<Hash> leaves;
  std::map<std::pair<int, uint64_t>, Hash> nodes;
  Result<std::vector<Hash>> Read(int level, uint64_t first, uint64_t count) const {
    std::vector<Hash> out;
    for (uint64_t i = first; i < first + count; ++i) {
      if (level == 0) {
        if (i >= leaves.size()) return Err(ErrorCode::kNotFound, "leaf");
        out.push_back(leaves[i]);
      } else {
        auto it = nodes.find({level, i});
        if (it == nodes.end()) return Err(ErrorCode::kNotFound, "node");
        out.push_back(it->second);
      }
    }
    return out;
  }
};

TEST(MerkleTest, AppendReportsEveryStoredLevelSubtreeItCompletes) {
  const std::vector<Hash> leaves = TestLeaves(1100);
  CompactTree tree;
  std::vector<SubtreeNode> nodes;
  for (const Hash& leaf : leaves) tree.Append(leaf, &nodes);
  // 1100 leaves complete 68 subtrees of 16 and 4 of 256; none of 4096.
  ASSERT_EQ(nodes.size(), 68u + 4u);
  size_t level4 = 0, level8 = 0;
  for (const auto& n : nodes) {
    const uint64_t width = uint64_t{1} << n.level;
    EXPECT_EQ(n.hash, RefRoot(leaves, n.index * width, (n.index + 1) * width));
    level4 += n.level == 4;
    level8 += n.level == 8;
  }
  EXPECT_EQ(level4, 68u);
  EXPECT_EQ(level8, 4u);
}

TEST(MerkleTest, StoredSubtreesGiveTheSameHashesTreesAndProofs) {
  MemoryStore store;
  store.leaves = TestLeaves(1100);
  CompactTree tree;
  std::vector<SubtreeNode> nodes;
  for (const Hash& leaf : store.leaves) tree.Append(leaf, &nodes);
  for (const auto& n : nodes) store.nodes[{n.level, n.index}] = n.hash;
  auto read = [&store](int level, uint64_t first, uint64_t count) {
    return store.Read(level, first, count);
  };
  for (uint64_t width : {1u, 2u, 16u, 32u, 256u, 512u, 1024u}) {
    for (uint64_t begin = 0; begin + width <= 1100; begin += width) {
      auto h = StoredSubtreeHash(read, begin, begin + width);
      ASSERT_TRUE(h) << h.error().message;
      ASSERT_EQ(*h, RefRoot(store.leaves, begin, begin + width)) << begin << "+" << width;
    }
  }
  EXPECT_FALSE(StoredSubtreeHash(read, 3, 7));   // not a power of two
  EXPECT_FALSE(StoredSubtreeHash(read, 8, 24));  // 16 wide but not aligned
  for (uint64_t n : {0u, 1u, 15u, 16u, 17u, 255u, 256u, 1000u, 1100u}) {
    auto t = TreeFromStored(read, n);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->Root(), RootOf(std::span(store.leaves).first(n))) << n;
  }
  ledger::SubtreeHashFn fn = [&](uint64_t b, uint64_t e) { return *StoredSubtreeHash(read, b, e); };
  for (uint64_t m : {0u, 15u, 16u, 255u, 700u, 1099u}) {
    EXPECT_EQ(*InclusionProofFrom(fn, m, 1100), *InclusionProof(store.leaves, m, 1100)) << m;
  }
  // A missing node is an error, not a wrong hash.
  store.nodes.erase({8, 1});
  auto broken = StoredSubtreeHash(read, 256, 512);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(TreeFromStored(read, 1100));
}

}  // namespace
}  // namespace dl::ledger
