#include "base/bloom.h"

#include <algorithm>
#include <bit>
#include <functional>

namespace dl {
namespace {

constexpr size_t kBitsPerMember = 16;
constexpr int kProbes = 6;
constexpr size_t kMinCapacity = size_t{1} << 16;

// Two independent-enough hashes of the key (libstdc++'s 64-bit string hash, then a
// splitmix64 finaliser of it); probe i looks at bit h1 + i·h2 (double hashing).
struct Probe {
  uint64_t h1, h2;
  explicit Probe(std::string_view key) : h1(std::hash<std::string_view>{}(key)) {
    uint64_t z = h1 + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    h2 = (z ^ (z >> 31)) | 1;  // odd: the probes of one key differ
  }
};

}  // namespace

BloomSet::BloomSet(size_t first_capacity) {
  layers_.push_back(MakeLayer(std::max(first_capacity, kMinCapacity)));
}

BloomSet::Layer BloomSet::MakeLayer(size_t capacity) {
  Layer layer;
  const uint64_t bits = std::bit_ceil(static_cast<uint64_t>(capacity) * kBitsPerMember);
  layer.words.assign(bits / 64, 0);
  layer.mask = bits - 1;
  layer.capacity = capacity;
  return layer;
}

void BloomSet::Add(std::string_view key) {
  ++added_;
  if (layers_.back().count >= layers_.back().capacity) {
    layers_.push_back(MakeLayer(layers_.back().capacity * 2));
  }
  Layer& layer = layers_.back();
  const Probe p(key);
  for (int i = 0; i < kProbes; ++i) {
    const uint64_t bit = (p.h1 + static_cast<uint64_t>(i) * p.h2) & layer.mask;
    layer.words[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  ++layer.count;
}

bool BloomSet::MayContain(std::string_view key) const {
  const Probe p(key);
  for (const Layer& layer : layers_) {
    bool all = true;
    for (int i = 0; i < kProbes && all; ++i) {
      const uint64_t bit = (p.h1 + static_cast<uint64_t>(i) * p.h2) & layer.mask;
      all = (layer.words[bit / 64] >> (bit % 64)) & 1;
    }
    if (all) return true;
  }
  return false;
}

size_t BloomSet::bytes() const {
  size_t n = 0;
  for (const Layer& layer : layers_) n += layer.words.size() * sizeof(uint64_t);
  return n;
}

}  // namespace dl
