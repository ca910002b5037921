#include "engine/deadline_index.h"

#include <algorithm>

namespace dl::engine {

bool DeadlineIndex::Later::operator()(const Item& a, const Item& b) const {
  if (a.at != b.at) return a.at > b.at;
  if (a.owner != b.owner) return a.owner > b.owner;
  return a.tag > b.tag;
}

void DeadlineIndex::Set(uint64_t owner, uint32_t tag, Instant at) {
  const uint32_t generation = next_generation_++;
  live_[Key{owner, tag}] = Live{at, generation};
  heap_.push_back(Item{at, owner, tag, generation});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  Compact();
}

void DeadlineIndex::Clear(uint64_t owner, uint32_t tag) {
  live_.erase(Key{owner, tag});  // its heap item is now stale and is skipped
  Compact();
}

void DeadlineIndex::SkipStale() {
  while (!heap_.empty()) {
    const Item& top = heap_.front();
    auto it = live_.find(Key{top.owner, top.tag});
    if (it != live_.end() && it->second.generation == top.generation) return;
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

void DeadlineIndex::Compact() {
  if (heap_.size() < 2 * live_.size() + 1024) return;
  std::erase_if(heap_, [this](const Item& item) {
    auto it = live_.find(Key{item.owner, item.tag});
    return it == live_.end() || it->second.generation != item.generation;
  });
  std::make_heap(heap_.begin(), heap_.end(), Later{});
}

std::optional<Instant> DeadlineIndex::Next() {
  SkipStale();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().at;
}

std::vector<DeadlineIndex::Due> DeadlineIndex::PopDue(Instant now) {
  std::vector<Due> out;
  for (SkipStale(); !heap_.empty() && heap_.front().at <= now; SkipStale()) {
    const Item item = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
    live_.erase(Key{item.owner, item.tag});
    out.push_back(Due{item.owner, item.tag, item.at});
  }
  return out;
}

size_t DeadlineIndex::MemoryBytes() const {
  // Table nodes: the pair, a next pointer and the cached hash (libstdc++), plus buckets.
  const size_t node = sizeof(std::pair<const Key, Live>) + 2 * sizeof(void*);
  return heap_.capacity() * sizeof(Item) + live_.size() * node +
         live_.bucket_count() * sizeof(void*);
}

}  // namespace dl::engine
