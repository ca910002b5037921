// A set of strings that answers "maybe present" or "certainly absent" in about two to four
// bytes per member: a scalable Bloom filter. Each layer holds up to its capacity at 16 bits
// and 6 probes per member (a false "maybe" about 0.1 % of the time when full); when a layer is
// full the next one is twice as large, and a lookup asks every layer. It never forgets, and it
// never answers "absent" for a member that was added. Not synchronised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace dl {

class BloomSet {
 public:
  // `first_capacity`: members the first layer holds (at least 65 536).
  explicit BloomSet(size_t first_capacity = 0);

  void Add(std::string_view key);
  // False only if `key` was never added.
  bool MayContain(std::string_view key) const;
  // Members added (each Add counts, including repeats).
  size_t added() const { return added_; }
  // Bytes of the bit arrays.
  size_t bytes() const;

 private:
  struct Layer {
    std::vector<uint64_t> words;
    uint64_t mask = 0;  // bits - 1 (bits is a power of two)
    size_t capacity = 0;
    size_t count = 0;
  };
  static Layer MakeLayer(size_t capacity);

  std::vector<Layer> layers_;
  size_t added_ = 0;
};

}  // namespace dl
