#include "oversight/book.h"

#include <algorithm>
#include <chrono>

#include "base/undo.h"

namespace dl::oversight {
namespace {

std::string YellowKey(const std::string& unit, const std::string& rule) {
  return unit + '\n' + rule;
}

}  // namespace

Book::Book(const Params& params, const calendar::WorkCalendar& calendar)
    : params_(params), calendar_(calendar) {}

Instant Book::WorkdaysAfter(Instant from, int n) const {
  const Date day = calendar_.LocalDate(from);
  auto last = calendar_.AddWorkdays(day, n);
  const Date end = last ? *last : day.AddDays((n * 7 + 4) / 5);
  return calendar_.StartOfDay(end.AddDays(1));
}

std::optional<Instant> Book::DueFor(WarningStatus status, monitor::Level level,
                                    Instant from) const {
  switch (status) {
    case WarningStatus::kOpen:
    case WarningStatus::kDisposed:
      return WorkdaysAfter(from, params_.reply_days[static_cast<size_t>(level)]);
    case WarningStatus::kReview:
      return WorkdaysAfter(from, params_.review_days);
    case WarningStatus::kClosed:
      return std::nullopt;
  }
  return std::nullopt;
}

void Book::NoteYellow(const std::string& unit, const std::string& rule, Instant raised) {
  auto& set = yellows_[YellowKey(unit, rule)];
  auto it = set.insert(raised);
  undo_.push_back([&set, it] { set.erase(it); });
}

void Book::Raise(Json& payload, uint64_t seq, Instant recorded) {
  Life life;
  life.seq = seq;
  life.rule = payload.value("rule", "");
  life.unit = payload.value("unit", "");
  life.supervisor = payload.value("supervisor", "");
  life.level = monitor::kLevels.Parse(payload.value("level", "")).value_or(monitor::Level::kNotice);
  const Instant raised = ParseInstant(payload.value("raised", "")).value_or(recorded);
  if (life.level == monitor::Level::kYellow && params_.repeat_yellow_days > 0 &&
      params_.repeat_yellow_count > 1) {
    const auto& set = yellows_[YellowKey(life.unit, life.rule)];
    const auto window = std::chrono::days(params_.repeat_yellow_days);
    const auto first = set.lower_bound(raised - window);
    const auto last = set.upper_bound(raised);
    const auto before = static_cast<int>(std::distance(first, last));
    NoteYellow(life.unit, life.rule, raised);
    if (before + 1 >= params_.repeat_yellow_count) {
      life.level = monitor::Level::kRed;
      payload["level"] = monitor::kLevels.Label(life.level);
      payload["promoted"] = {{"from", monitor::kLevels.Label(monitor::Level::kYellow)},
                             {"count", before + 1},
                             {"days", params_.repeat_yellow_days}};
    }
  }
  life.status = WarningStatus::kOpen;
  life.due = DueFor(life.status, life.level, recorded);
  payload["due"] = FormatInstant(*life.due);
  Put(life);
}

const Life* Book::Find(uint64_t seq) const {
  auto it = lives_.find(seq);
  return it == lives_.end() ? nullptr : &it->second;
}

void Book::Index(const Life& life) {
  if (life.due && params_.escalate) due_.emplace(*life.due, life.seq);
}

void Book::Unindex(const Life& life) {
  if (life.due) due_.erase({*life.due, life.seq});
}

void Book::Put(const Life& life) {
  auto it = lives_.find(life.seq);
  if (it == lives_.end()) {
    undo_.push_back([this, seq = life.seq] {
      auto at = lives_.find(seq);
      if (at == lives_.end()) return;
      Unindex(at->second);
      lives_.erase(at);
    });
  } else {
    undo_.push_back([this, old = it->second] {
      if (auto at = lives_.find(old.seq); at != lives_.end()) Unindex(at->second);
      lives_[old.seq] = old;
      Index(old);
    });
    Unindex(it->second);
    lives_.erase(it);
  }
  lives_[life.seq] = life;
  if (life.status == WarningStatus::kClosed) {
    closed_.push_back(life.seq);
  } else {
    Index(life);
  }
}

void Book::Commit() {
  for (uint64_t seq : closed_) {
    if (auto it = lives_.find(seq);
        it != lives_.end() && it->second.status == WarningStatus::kClosed) {
      lives_.erase(it);
    }
  }
  closed_.clear();
  base_ += undo_.size();
  undo_.clear();
}

std::vector<uint64_t> Book::DueBy(Instant now) const {
  std::vector<uint64_t> out;
  for (const auto& [due, seq] : due_) {
    if (due > now) break;
    out.push_back(seq);
  }
  return out;
}

std::optional<Instant> Book::NextDue() const {
  if (due_.empty()) return std::nullopt;
  return due_.begin()->first;
}

void Book::PutException(const Exception& e) {
  auto it = exceptions_.find(e.id);
  if (it == exceptions_.end()) {
    undo_.push_back([this, id = e.id] { exceptions_.erase(id); });
  } else {
    undo_.push_back([this, old = it->second] { exceptions_[old.id] = old; });
  }
  exceptions_[e.id] = e;
}

void Book::EndException(uint64_t id) {
  auto it = exceptions_.find(id);
  if (it == exceptions_.end()) return;
  undo_.push_back([this, old = it->second] { exceptions_[old.id] = old; });
  exceptions_.erase(it);
}

const Exception* Book::FindException(uint64_t id) const {
  auto it = exceptions_.find(id);
  return it == exceptions_.end() ? nullptr : &it->second;
}

const Exception* Book::Covering(const Json& payload, const catalog::Catalog& declared,
                                Instant at) const {
  if (exceptions_.empty()) return nullptr;
  // Past its end an exception covers nothing, even before its lapse is recorded.
  for (const auto& [id, e] : exceptions_) {
    if (at >= LapseAt(e)) continue;
    if (Covers(e, payload, declared)) return &e;
  }
  return nullptr;
}

Instant Book::LapseAt(const Exception& e) const { return calendar_.StartOfDay(e.until.AddDays(1)); }

std::vector<uint64_t> Book::LapsedBy(Instant now) const {
  std::vector<uint64_t> out;
  for (const auto& [id, e] : exceptions_) {
    if (LapseAt(e) <= now) out.push_back(id);
  }
  return out;
}

std::optional<Instant> Book::NextLapse() const {
  std::optional<Instant> next;
  for (const auto& [id, e] : exceptions_) {
    const Instant at = LapseAt(e);
    if (!next || at < *next) next = at;
  }
  return next;
}

void Book::CommitTo(size_t mark) {
  ForgetUndoBefore(undo_, base_, mark);
  if (undo_.empty()) Commit();  // nothing pending: the closed lives can go
}

void Book::RollbackTo(size_t mark) {
  // closed_ may name lives the undo removes or reopens; Commit checks before erasing.
  while (!undo_.empty() && base_ + undo_.size() > mark) {  // not below the committed part
    undo_.back()();
    undo_.pop_back();
  }
}

}  // namespace dl::oversight
