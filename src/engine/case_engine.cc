#include "engine/case_engine.h"

#include <algorithm>

#include "base/undo.h"

namespace dl::engine {
namespace {

Error Invalid(const Event& e, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument,
               "事件 " + e.source + "/" + e.external_id + "（办件 " + e.case_id + "）：" + what,
               Json{{"source", e.source}, {"id", e.external_id}, {"case", e.case_id}}};
}

// FNV-1a over source, a separator no id contains, and the external id.
uint64_t Fnv(std::string_view a, std::string_view b) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::string_view s) {
    for (unsigned char ch : s) {
      h ^= ch;
      h *= 1099511628211ULL;
    }
  };
  mix(a);
  mix(std::string_view("\x1f", 1));
  mix(b);
  return h;
}

// Keeps the step clocks in line with the tasks the case now waits on: a task that gained a
// token starts a clock at the event; a task the case no longer waits on drops its clock. A
// task completed and reached again at once (a loop back) starts afresh.
void SyncStepClocks(OpenCase& c, const Event& e, uint64_t seq) {
  if (!c.flow) return;
  const CompiledFlow& flow = *c.flow;
  std::vector<NodeIndex> waiting;
  for (const auto& t : c.state.tokens()) {
    if (t.node == kNoNode || (t.flags & CaseState::kStray)) continue;
    if (flow.Kind(t.node) != catalog::NodeKind::kTask) continue;
    if (std::find(waiting.begin(), waiting.end(), t.node) == waiting.end()) {
      waiting.push_back(t.node);
    }
  }
  const NodeIndex completed =
      e.type == EventType::kCompleted ? flow.Find(e.node) : NodeIndex{kNoNode};
  std::erase_if(c.clocks, [&](const CaseClock& k) {
    return k.node != kNoNode && (k.node == completed || std::find(waiting.begin(), waiting.end(),
                                                                  k.node) == waiting.end());
  });
  for (NodeIndex n : waiting) {
    auto has = [n](const CaseClock& k) { return k.node == n; };
    if (std::none_of(c.clocks.begin(), c.clocks.end(), has)) {
      c.clocks.push_back(CaseClock{.node = n, .since = e.occurred, .since_seq = seq});
    }
  }
}

}  // namespace

uint32_t NamePool::Intern(std::string_view name) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

const std::string& OpenCase::unit() const {
  static const std::string kNone;
  return definition ? definition->unit : kNone;
}

CaseEngine::CaseEngine(PowerLookup lookup, CaseHistory history)
    : lookup_(std::move(lookup)), history_(std::move(history)) {}

Status CaseEngine::LoadRecorded(const std::string& case_id) {
  DL_ASSIGN_OR_RETURN(std::vector<Event> past, history_(case_id));
  if (past.empty()) return Ok();
  CaseHistory history = std::move(history_);  // replaying must not recurse into the loader
  Status replayed = Ok();
  for (const Event& e : past) {
    if (auto r = Apply(e); !r) {
      replayed = Err(r.error());
      break;
    }
  }
  history_ = std::move(history);
  return replayed;
}

uint64_t CaseEngine::EventKey(const Event& e) { return Fnv(e.source, e.external_id); }

const OpenCase* CaseEngine::Find(const std::string& case_id) const {
  auto it = cases_.find(case_id);
  return it == cases_.end() ? nullptr : &it->second;
}

const OpenCase* CaseEngine::FindSerial(uint64_t serial) const {
  auto s = serials_.find(serial);
  return s == serials_.end() ? nullptr : s->second;
}

OpenCase* CaseEngine::Edit(const std::string& case_id) {
  auto it = cases_.find(case_id);
  if (it == cases_.end()) return nullptr;
  SaveUndo(case_id);
  return &it->second;
}

void CaseEngine::ForEach(const std::function<void(const OpenCase&)>& f) const {
  for (const auto& [id, c] : cases_) f(c);
}

void CaseEngine::EditEach(const std::function<void(OpenCase&)>& f) {
  for (auto& [id, c] : cases_) f(c);
}

size_t CaseEngine::Mark() {
  mark_ = base_ + undo_.size();
  return mark_;
}

void CaseEngine::SaveUndo(const std::string& case_id) {
  auto saved = saved_at_.find(case_id);
  if (saved != saved_at_.end() && saved->second >= mark_ && saved->second < base_ + undo_.size()) {
    return;  // already saved since the current mark: that copy restores it
  }
  auto it = cases_.find(case_id);
  undo_.push_back({case_id, it == cases_.end() ? std::nullopt : std::optional(it->second)});
  saved_at_[case_id] = base_ + undo_.size() - 1;
}

void CaseEngine::RollbackTo(size_t mark) {
  while (!undo_.empty() && base_ + undo_.size() > mark) {  // not below the committed part
    Undo& u = undo_.back();
    if (u.before) {
      OpenCase& slot = cases_[u.case_id];
      if (slot.serial != u.before->serial) serials_.erase(slot.serial);
      slot = std::move(*u.before);
      serials_[slot.serial] = &slot;
    } else if (auto it = cases_.find(u.case_id); it != cases_.end()) {
      serials_.erase(it->second.serial);
      cases_.erase(it);
    }
    undo_.pop_back();
  }
  saved_at_.clear();
  mark_ = std::min(mark_, base_ + undo_.size());
}

void CaseEngine::CommitTo(size_t mark) {
  // The index of saved copies forgets the entries forgotten here (else, in a chain of batches
  // that never pauses, it would keep every case ever touched).
  for (size_t at = base_; at < mark && at < base_ + undo_.size(); ++at) {
    auto saved = saved_at_.find(undo_[at - base_].case_id);
    if (saved != saved_at_.end() && saved->second == at) saved_at_.erase(saved);
  }
  ForgetUndoBefore(undo_, base_, mark);
  mark_ = std::max(mark_, base_);
}

void CaseEngine::Commit() {
  base_ += undo_.size();
  undo_.clear();
  saved_at_.clear();
  mark_ = base_;
}

void CaseEngine::EvictClosed() {
  std::erase_if(cases_, [this](const auto& kv) {
    if (kv.second.closed) serials_.erase(kv.second.serial);
    return kv.second.closed;
  });
}

void CaseEngine::EvictIfClosed(uint64_t serial) {
  const OpenCase* c = FindSerial(serial);
  if (!c || !c->closed) return;
  const std::string id = c->id;
  serials_.erase(serial);
  cases_.erase(id);
}

Result<std::shared_ptr<const CompiledFlow>> CaseEngine::FlowFor(const std::string& code,
                                                                int version,
                                                                const catalog::Power& power) {
  if (power.flow.empty()) return std::shared_ptr<const CompiledFlow>();
  const std::string key = code + "#" + std::to_string(version);
  if (auto it = flows_.find(key); it != flows_.end()) return it->second;
  DL_ASSIGN_OR_RETURN(auto flow, CompiledFlow::Compile(power.flow));
  flows_.emplace(key, flow);
  return flow;
}

Result<Applied> CaseEngine::Apply(const Event& e, uint64_t seq) {
  Applied out;
  const uint64_t key = EventKey(e);
  auto it = cases_.find(e.case_id);
  if (it == cases_.end() && history_) {
    SaveUndo(e.case_id);  // a rollback unloads it again
    DL_RETURN_IF_ERROR(LoadRecorded(e.case_id));
    it = cases_.find(e.case_id);
  }
  if (it != cases_.end()) {
    const auto& keys = it->second.event_keys;
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
      out.duplicate = true;
      out.case_ = &it->second;
      return out;
    }
    const auto& steps = it->second.steps;
    const bool has_opened = std::any_of(steps.begin(), steps.end(), [](const OpenCase::Step& s) {
      return s.type == EventType::kOpened;
    });
    if (e.type == EventType::kOpened && has_opened) {
      return tl::unexpected(Invalid(e, "办件已经受理，不能再次受理"));
    }
    if (!e.power.empty() && e.power != it->second.power) {
      return tl::unexpected(
          Invalid(e, "事件的权力编码 " + e.power + " 与办件的 " + it->second.power + " 不符"));
    }
  } else if (e.power.empty()) {
    return tl::unexpected(Invalid(e, "办件尚未受理，且事件没有写明权力编码"));
  }

  SaveUndo(e.case_id);
  if (it == cases_.end()) {
    OpenCase c;
    c.id = e.case_id;
    c.power = e.power;
    c.opened = e.occurred;
    c.clocks.push_back(CaseClock{.node = kNoNode, .since = e.occurred, .since_seq = seq});
    if (auto pinned = lookup_(e.power, e.occurred)) {
      c.version = pinned->version;
      c.definition = pinned->power;
      DL_ASSIGN_OR_RETURN(c.flow, FlowFor(e.power, pinned->version, *pinned->power));
    }
    c.serial = next_serial_++;
    it = cases_.emplace(e.case_id, std::move(c)).first;
    serials_[it->second.serial] = &it->second;
    out.opened_now = true;
  }
  OpenCase& c = it->second;
  c.event_keys.push_back(key);
  c.values.Merge(e);
  if (!e.applicant.empty()) c.applicant = e.applicant;

  const CompiledFlow* flow = c.flow.get();
  auto judge = [&](auto&& step) {
    if (flow) out.verdict = step(*flow);
  };
  switch (e.type) {
    case EventType::kOpened:
      if (out.opened_now) {
        judge([&](const CompiledFlow& f) {
          return Conformance::Open(f, c.state, GatewayValues(c.values));
        });
      }
      break;
    case EventType::kStarted:
      judge([&](const CompiledFlow& f) { return Conformance::OnStarted(f, c.state, e.node); });
      break;
    case EventType::kCompleted:
      judge([&](const CompiledFlow& f) {
        return Conformance::OnCompleted(f, c.state, e.node, GatewayValues(c.values));
      });
      break;
    case EventType::kSuspended:
      if (!c.suspended()) c.suspensions.push_back({e.occurred, std::nullopt});
      for (auto& k : c.clocks) k.scheduled = false;
      break;
    case EventType::kResumed:
      if (c.suspended()) c.suspensions.back().end = e.occurred;
      for (auto& k : c.clocks) k.scheduled = false;
      break;
    case EventType::kClosed:
      judge([&](const CompiledFlow& f) { return Conformance::OnClosed(f, c.state); });
      if (!c.suspensions.empty() && !c.suspensions.back().end) {
        c.suspensions.back().end = e.occurred;
      }
      c.closed = true;
      break;
  }
  if (c.closed) {
    c.clocks.clear();
  } else if (e.type == EventType::kOpened || e.type == EventType::kStarted ||
             e.type == EventType::kCompleted) {
    SyncStepClocks(c, e, seq);
  }
  c.steps.push_back({e.occurred, names_.Intern(e.node), names_.Intern(e.actor), e.type});
  out.case_ = &c;
  return out;
}

}  // namespace dl::engine
