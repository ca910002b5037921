#include "monitor/window_rules.h"

#include <algorithm>
#include <chrono>

#include "base/undo.h"

namespace dl::monitor {

using namespace rules_internal;
using engine::EventType;

namespace {

constexpr uint32_t kSweepEvery = 1024;
constexpr size_t kListedCases = 10;  // cases named in one message

std::chrono::hours Days(int days) { return std::chrono::hours(24 * days); }

}  // namespace

size_t WindowRules::entries() const {
  size_t n = 0;
  for (const auto& [_, w] : purchases_) n += w.size();
  for (const auto& [_, w] : contacts_) n += w.size();
  return n;
}

std::vector<Finding> WindowRules::Observe(const EventContext& ctx) {
  std::vector<Finding> out;
  latest_ = std::max(latest_, ctx.event.recorded);
  if (params_.Enabled(RuleId::kSplitting)) Splitting(ctx, out);
  if (params_.Enabled(RuleId::kConcentration)) Concentration(ctx, out);
  if (++since_sweep_ >= kSweepEvery && !marked_) Sweep();
  return out;
}

std::string WindowRules::TagOf(Kind kind, const std::string& key) {
  return static_cast<char>('0' + static_cast<int>(kind)) + key;
}

WindowRules::Window& WindowRules::Touch(Kind kind, const std::string& key) {
  Map& map = MapOf(kind);
  if (marked_) {
    const std::string tag = TagOf(kind, key);
    auto saved = saved_at_.find(tag);
    if (saved == saved_at_.end() || saved->second < mark_ ||
        saved->second >= base_ + undo_.size()) {
      auto it = map.find(key);
      undo_.push_back({kind, key, it == map.end() ? std::nullopt : std::optional(it->second)});
      saved_at_[tag] = base_ + undo_.size() - 1;
    }
  }
  return map[key];
}

void WindowRules::Record(Window& w, const std::string& case_id, Instant at, double amount,
                         std::chrono::hours span) {
  auto same =
      std::find_if(w.begin(), w.end(), [&](const Entry& x) { return x.case_id == case_id; });
  if (same != w.end()) {
    same->amount = amount;  // the case's amount changed; it keeps its place in time
    return;
  }
  auto pos =
      std::upper_bound(w.begin(), w.end(), at, [](Instant t, const Entry& x) { return t < x.at; });
  w.insert(pos, Entry{case_id, at, amount});
  const Instant newest = w.back().at;
  auto live =
      std::find_if(w.begin(), w.end(), [&](const Entry& x) { return newest - x.at < span; });
  w.erase(w.begin(), live);
  if (w.size() > params_.window_max_entries_per_key) {
    w.erase(w.begin(),
            w.begin() + static_cast<std::ptrdiff_t>(w.size() - params_.window_max_entries_per_key));
  }
}

void WindowRules::Splitting(const EventContext& ctx, std::vector<Finding>& out) {
  const engine::Event& e = ctx.event;
  if (!e.amount || !ctx.power || !Contains(params_.splitting_categories, ctx.power->category)) {
    return;
  }
  const std::string& counterparty = CounterpartyOf(ctx);
  if (counterparty.empty()) return;
  if (auto it = purchases_.find(counterparty); it != purchases_.end()) {
    for (const Entry& x : it->second) {
      if (x.case_id == e.case_id && x.amount == *e.amount) return;  // nothing new
    }
  }
  const auto span = Days(params_.splitting_window_days);
  Window& w = Touch(Kind::kPurchases, counterparty);
  Record(w, e.case_id, e.occurred, *e.amount, span);
  const double threshold = params_.splitting_threshold;
  auto self =
      std::find_if(w.begin(), w.end(), [&](const Entry& x) { return x.case_id == e.case_id; });
  if (self == w.end() || *e.amount >= threshold) return;
  const Instant end = self->at;
  double sum = 0;
  std::vector<const Entry*> parts;
  for (const Entry& x : w) {
    // Record keeps only entries within the span of the newest, so all not after `end` count.
    if (x.at > end || x.amount >= threshold) continue;
    sum += x.amount;
    parts.push_back(&x);
  }
  if (parts.size() < 2 || sum < threshold) return;
  std::string list;
  for (size_t i = 0; i < parts.size() && i < kListedCases; ++i) {
    list += (i ? "、" : "") + parts[i]->case_id + " " + FormatAmount(parts[i]->amount) + " 元";
  }
  if (parts.size() > kListedCases) list += " 等";
  out.push_back(
      Finding{std::string(InfoOf(RuleId::kSplitting).code), params_.LevelOf(RuleId::kSplitting),
              "相对人“" + counterparty + "”在 " + std::to_string(params_.splitting_window_days) +
                  " 天内有 " + std::to_string(parts.size()) + " 笔采购（办件 " + list +
                  "），每笔都低于 " + FormatAmount(threshold) + " 元，合计 " + FormatAmount(sum) +
                  " 元，达到该限额，疑似拆分采购",
              e.actor});
}

void WindowRules::Concentration(const EventContext& ctx, std::vector<Finding>& out) {
  const engine::Event& e = ctx.event;
  if (e.actor.empty() || (e.type != EventType::kOpened && e.type != EventType::kStarted &&
                          e.type != EventType::kCompleted)) {
    return;
  }
  const std::string& counterparty = CounterpartyOf(ctx);
  if (counterparty.empty()) return;
  const std::string key = e.actor + '\x1f' + counterparty;
  if (auto it = contacts_.find(key); it != contacts_.end()) {
    for (const Entry& x : it->second) {
      if (x.case_id == e.case_id) return;  // the case is counted already
    }
  }
  const auto span = Days(params_.concentration_period_days);
  Window& w = Touch(Kind::kContacts, key);
  Record(w, e.case_id, e.occurred, 0, span);
  const auto count =
      std::count_if(w.begin(), w.end(), [&](const Entry& x) { return x.at <= e.occurred; });
  if (count <= params_.concentration_max_count) return;
  out.push_back(Finding{std::string(InfoOf(RuleId::kConcentration).code),
                        params_.LevelOf(RuleId::kConcentration),
                        PersonName(ctx.declared, e.actor) + " 在 " +
                            std::to_string(params_.concentration_period_days) + " 天内为相对人“" +
                            counterparty + "”办理了 " + std::to_string(count) + " 件（超过 " +
                            std::to_string(params_.concentration_max_count) +
                            " 件，最近一件为办件 " + e.case_id + "），办理过于集中",
                        e.actor});
}

size_t WindowRules::Mark() {
  marked_ = true;
  mark_ = base_ + undo_.size();
  return mark_;
}

void WindowRules::RollbackTo(size_t mark) {
  while (!undo_.empty() && base_ + undo_.size() > mark) {  // not below the committed part
    Undo& u = undo_.back();
    Map& map = MapOf(u.kind);
    if (u.before) {
      map[u.key] = std::move(*u.before);
    } else {
      map.erase(u.key);
    }
    undo_.pop_back();
  }
  saved_at_.clear();
  mark_ = std::min(mark_, base_ + undo_.size());
}

void WindowRules::CommitTo(size_t mark) {
  // The index of saved copies forgets the entries forgotten here (else, in a chain of batches
  // that never pauses, it would keep every key ever touched).
  for (size_t at = base_; at < mark && at < base_ + undo_.size(); ++at) {
    const Undo& u = undo_[at - base_];
    auto saved = saved_at_.find(TagOf(u.kind, u.key));
    if (saved != saved_at_.end() && saved->second == at) saved_at_.erase(saved);
  }
  ForgetUndoBefore(undo_, base_, mark);
  mark_ = std::max(mark_, base_);
  // Sweep as Commit does, so that a stream of batches that never pauses stays bounded. A
  // pending batch's rollback still restores what it saved (a swept window comes back from its
  // copy, one it created is erased if present).
  SweepIfDue();
}

void WindowRules::Commit() {
  base_ += undo_.size();
  undo_.clear();
  saved_at_.clear();
  mark_ = base_;
  marked_ = false;
  SweepIfDue();
}

void WindowRules::SweepIfDue() {
  // A sweep reads every key: it runs once the observations since the last one number at least
  // half the keys (so it costs O(1) per observation, amortised), or when there are too many.
  if (keys() > params_.window_max_keys || 2 * size_t{since_sweep_} >= keys()) Sweep();
}

void WindowRules::Sweep() {
  since_sweep_ = 0;
  auto idle = [&](Map& map, int days) {
    std::erase_if(map, [&](const auto& kv) {
      return kv.second.empty() || latest_ - kv.second.back().at >= Days(days);
    });
  };
  idle(purchases_, params_.splitting_window_days);
  idle(contacts_, params_.concentration_period_days);
  if (keys() <= params_.window_max_keys) return;
  struct Key {
    Instant newest;
    Map* map;
    const std::string* key;
  };
  std::vector<Key> all;
  all.reserve(keys());
  for (Map* map : {&purchases_, &contacts_}) {
    for (const auto& [k, w] : *map) all.push_back({w.back().at, map, &k});
  }
  const size_t excess = all.size() - params_.window_max_keys;
  std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(excess), all.end(),
                   [](const Key& a, const Key& b) { return a.newest < b.newest; });
  std::vector<std::pair<Map*, std::string>> drop;
  for (size_t i = 0; i < excess; ++i) drop.emplace_back(all[i].map, *all[i].key);
  for (auto& [map, k] : drop) map->erase(k);
}

}  // namespace dl::monitor
