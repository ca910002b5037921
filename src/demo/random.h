// Deterministic randomness for the demo generator. Uses only the raw output of
// std::mt19937_64, whose sequence the standard fixes, with its own range mapping:
// std::uniform_int_distribution differs between standard libraries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace dl::demo {

class Rng {
 public:
  explicit Rng(uint64_t seed) : seed_(seed), engine_(Mix(seed)) {}

  // An independent stream for one part of the generator, so that adding draws in one part
  // does not shift every other part. Does not advance this stream.
  Rng Fork(std::string_view label) const {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (char ch : label) {
      h ^= static_cast<unsigned char>(ch);
      h *= 1099511628211ULL;
    }
    return Rng(Mix(seed_ ^ h));
  }

  uint64_t Next() { return engine_(); }
  // Uniform in [0, n) for n > 0 (modulo bias below n / 2^64 is negligible here).
  size_t Below(size_t n) { return static_cast<size_t>(engine_() % n); }
  // Uniform in [lo, hi], lo <= hi.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo) + 1));
  }
  // True with the given probability in percent.
  bool Chance(int percent) { return Below(100) < static_cast<size_t>(percent); }
  template <class T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  // Index drawn with the given non-negative weights (at least one positive).
  size_t Weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = static_cast<int>(Below(static_cast<size_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  // Fisher–Yates with this stream.
  template <class T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Below(i)]);
  }

 private:
  // SplitMix64 finaliser: spreads nearby seeds (1, 2, 3…) over the whole state space.
  static uint64_t Mix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
  }

  uint64_t seed_;
  std::mt19937_64 engine_;
};

}  // namespace dl::demo
