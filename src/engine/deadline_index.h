// The deadline index: every pending deadline (a step's or a case's time limit, the notice
// before it, the "far late" mark after it) in one min-heap, so the monitor learns that a
// deadline passed when it passes — a tick costs O(1) when nothing is due and O(k log n) for k
// due deadlines — instead of polling open cases (issue 4). The owner of a deadline is a
// number the caller chooses (e.g. the case's row id) and the tag says which deadline of it
// (e.g. node index × 4 + stage), so an entry costs a few dozen bytes.
//
// Not thread-safe: owned by the writer thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/date.h"

namespace dl::engine {

class DeadlineIndex {
 public:
  struct Due {
    uint64_t owner = 0;
    uint32_t tag = 0;
    Instant at;
    bool operator==(const Due&) const = default;
  };

  // Schedules the deadline (owner, tag) at `at`, replacing any earlier schedule of it.
  void Set(uint64_t owner, uint32_t tag, Instant at);
  // Forgets the deadline (owner, tag); nothing happens if it is not scheduled.
  void Clear(uint64_t owner, uint32_t tag);
  // Removes and returns every deadline at or before `now`, earliest first (ties by owner,
  // then tag).
  std::vector<Due> PopDue(Instant now);
  // The earliest pending deadline, if any (for the writer's wait).
  std::optional<Instant> Next();
  // Pending deadlines.
  size_t size() const { return live_.size(); }
  // Bytes held (heap and table), for the memory benchmark.
  size_t MemoryBytes() const;

 private:
  struct Item {
    Instant at;
    uint64_t owner;
    uint32_t tag;
    uint32_t generation;
  };
  struct Later {
    bool operator()(const Item& a, const Item& b) const;
  };
  struct Key {
    uint64_t owner;
    uint32_t tag;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return std::hash<uint64_t>{}(k.owner * 0x9E3779B97F4A7C15ULL ^ k.tag);
    }
  };
  // Drops superseded items from the top of the heap.
  void SkipStale();
  // Rebuilds the heap without superseded items once they outnumber the live ones.
  void Compact();

  std::vector<Item> heap_;
  struct Live {
    Instant at;
    uint32_t generation;
  };
  std::unordered_map<Key, Live, KeyHash> live_;  // (owner, tag) → its current schedule
  uint32_t next_generation_ = 1;
};

}  // namespace dl::engine
