// The deviations planted in demo cases (case_gen.h lists them), and the events a simulated
// case turns into.
#include <algorithm>

#include "demo/case_gen_internal.h"

namespace dl::demo::casegen {
namespace {

using engine::Event;
using engine::EventType;

constexpr std::chrono::minutes kMinute{1};

bool Has(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

// A step the plants may change: it happened, it is not a meeting, not a planted redo, and the
// case was not suspended during it.
bool Plain(const Step& s) {
  return !s.skipped && !s.redo && !s.meeting && !s.node->collective && s.suspended_workdays == 0;
}

// How many times the case ran the node.
int Runs(const Case& c, const catalog::Node* node) {
  return static_cast<int>(
      std::count_if(c.steps.begin(), c.steps.end(), [&](const Step& s) { return s.node == node; }));
}

bool IsActor(const Case& c, const std::string& person) {
  return std::any_of(c.steps.begin(), c.steps.end(),
                     [&](const Step& s) { return s.actor == person || s.start_actor == person; });
}

// Indices of the steps `pick` accepts.
template <class F>
std::vector<size_t> Where(const Case& c, F pick) {
  std::vector<size_t> out;
  for (size_t i = 0; i < c.steps.size(); ++i) {
    if (pick(i, c.steps[i])) out.push_back(i);
  }
  return out;
}

bool SkipStep(Case& c, Rng& rng) {
  const size_t n = c.steps.size();
  auto at = Where(c, [&](size_t i, const Step& s) {
    return i >= 1 && i + 1 < n && Plain(s) && !s.in_block && !c.steps[i + 1].in_block &&
           Runs(c, s.node) == 1;
  });
  if (at.empty()) return false;
  const size_t i = rng.Pick(at);
  Step& s = c.steps[i];
  Step& next = c.steps[i + 1];
  // What the left-out step would have said rides on the next one.
  for (auto it = s.attributes.begin(); it != s.attributes.end(); ++it) {
    if (!next.attributes.contains(it.key())) next.attributes[it.key()] = *it;
  }
  if (next.decision.empty()) next.decision = s.decision;
  if (!next.amount) next.amount = s.amount;
  s.skipped = true;
  return true;
}

bool RedoEarlier(Case& c, const Simulator& sim, Rng& rng) {
  const size_t n = c.steps.size();
  auto earlier = Where(
      c, [&](size_t, const Step& s) { return Plain(s) && !s.in_block && Runs(c, s.node) == 1; });
  if (earlier.empty()) return false;
  const size_t t = rng.Pick(earlier);
  auto later = Where(c, [&](size_t i, const Step& s) {
    return i >= t + 2 && i + 1 < n && !s.in_block && !c.steps[i + 1].in_block && !s.skipped;
  });
  if (later.empty()) return false;
  const size_t s = rng.Pick(later);
  const Instant from = c.steps[s].completed, to = c.steps[s + 1].completed;
  const auto window = std::chrono::duration_cast<std::chrono::minutes>(to - from);
  if (window < 6 * kMinute) return false;
  Step redo;
  redo.node = c.steps[t].node;
  redo.arrival = from;
  redo.started = from + std::min(rng.Between(5, 30) * kMinute, window / 3);
  redo.completed = redo.started + std::min(rng.Between(10, 90) * kMinute, window / 3);
  redo.actor = sim.org().Holder(redo.node->post, ChinaDate(redo.completed));
  redo.start_actor = sim.org().Holder(redo.node->post, ChinaDate(redo.started));
  if (redo.actor.empty() || redo.start_actor.empty()) return false;
  redo.redo = true;
  c.steps.insert(c.steps.begin() + static_cast<std::ptrdiff_t>(s + 1), std::move(redo));
  return true;
}

bool WrongActor(Case& c, const Simulator& sim, Rng& rng) {
  auto at = Where(c, [&](size_t, const Step& s) { return Plain(s); });
  if (at.empty()) return false;
  Step& s = c.steps[rng.Pick(at)];
  const Date day = ChinaDate(s.completed);
  std::string who;
  if (rng.Chance(40)) {
    who = sim.org().FormerHolder(s.node->post, day);  // still acting after leaving the post
  }
  if (who.empty() || IsActor(c, who)) {
    const org::Post* post = sim.org().Post(s.node->post);
    if (!post) return false;
    std::vector<std::string> colleagues;
    for (const std::string& other : sim.org().PostsIn(post->unit)) {
      const org::Post* p = sim.org().Post(other);
      if (other == post->code || !p || p->head) continue;
      std::string holder = sim.org().Holder(other, day);
      if (!holder.empty() && !IsActor(c, holder)) colleagues.push_back(std::move(holder));
    }
    if (colleagues.empty()) return false;
    who = rng.Pick(colleagues);
  }
  if (ChinaDate(s.started) != day) s.started = s.completed - 5 * kMinute;  // one day's work
  s.start_actor = s.actor = who;
  return true;
}

bool SamePerson(Case& c, const Simulator& sim, Rng& rng) {
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"受理", "审批"}, {"审核", "决定"}, {"经办", "复核"}, {"会计", "出纳"}};
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < c.steps.size(); ++i) {
    for (size_t j = 0; j < c.steps.size(); ++j) {
      const Step &a = c.steps[i], &b = c.steps[j];
      if (i == j || !Plain(a) || !Plain(b) || a.actor == b.actor) continue;
      for (const auto& [first, second] : kPairs) {
        if (Has(a.node->name, first) && Has(b.node->name, second)) pairs.emplace_back(i, j);
      }
    }
  }
  if (pairs.empty()) return false;
  auto [i, j] = rng.Pick(pairs);
  if (rng.Chance(50)) std::swap(i, j);  // either one does the other's step too
  const std::string who = c.steps[i].actor;
  const org::Post* post = sim.org().Post(c.steps[i].node->post);
  if (post && post->head) return false;
  Step& s = c.steps[j];
  if (ChinaDate(s.started) != ChinaDate(s.completed)) s.started = s.completed - 5 * kMinute;
  s.start_actor = s.actor = who;
  return true;
}

bool OwnApplication(Case& c, const Simulator& sim, Rng& rng) {
  auto at = Where(c, [&](size_t, const Step& s) { return Plain(s); });
  if (at.empty()) return false;
  const std::string who = c.steps[rng.Pick(at)].actor;
  c.applicant = who;
  c.counterparty = sim.org().Name(who);
  return true;
}

bool Related(Case& c, const Simulator& sim, Rng& rng) {
  std::vector<std::string> companies;
  for (const org::Relation& r : sim.org().Relations()) {
    if (IsActor(c, r.person)) companies.push_back(r.counterparty);
  }
  if (companies.empty()) return false;
  c.counterparty = rng.Pick(companies);
  return true;
}

bool HeadSigns(Case& c, const Simulator& sim) {
  for (Step& s : c.steps) {
    const org::Post* post = sim.org().Post(s.node->post);
    if (!Plain(s) || s.node->stage != catalog::Stage::kDecision || !post || !post->leadership ||
        post->head) {
      continue;
    }
    const std::string head_post = sim.org().HeadPost(c.power().unit);
    const std::string head = sim.org().Holder(head_post, ChinaDate(s.completed));
    if (head.empty()) return false;
    if (ChinaDate(s.started) != ChinaDate(s.completed)) s.started = s.completed - 5 * kMinute;
    s.start_actor = s.actor = head;
    return true;
  }
  return false;
}

Step* WithMeeting(Case& c, bool collective_only) {
  for (Step& s : c.steps) {
    if (s.meeting && (!collective_only || s.node->collective)) return &s;
  }
  return nullptr;
}

bool ShortQuorum(Case& c) {
  Step* s = WithMeeting(c, false);
  if (!s) return false;
  engine::MeetingRecord& m = *s->meeting;
  const std::string head = m.speaking_order.back();
  std::vector<std::string> others(m.speaking_order.begin(), m.speaking_order.end() - 1);
  // Keep the most members that still fall short of two thirds.
  size_t keep = others.size();
  while (keep > 0 && static_cast<int>(keep + 1) * 3 >= m.members * 2) --keep;
  if (static_cast<int>(keep + 1) * 3 >= m.members * 2) return false;
  others.resize(keep);
  m.speaking_order = others;
  m.speaking_order.push_back(head);
  m.present = m.speaking_order;
  std::sort(m.present.begin(), m.present.end());
  std::erase_if(m.votes, [&](const auto& v) {
    return std::find(m.present.begin(), m.present.end(), v.first) == m.present.end();
  });
  return true;
}

bool HeadSpeaksEarly(Case& c, Rng& rng) {
  Step* s = WithMeeting(c, false);
  if (!s || s->meeting->speaking_order.size() < 2) return false;
  auto& order = s->meeting->speaking_order;
  const std::string head = order.back();
  order.pop_back();
  // 先定调: the head speaks first, or somewhere before the end.
  const size_t at = rng.Chance(70) ? 0 : rng.Below(order.size());
  order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), head);
  return true;
}

bool OutsideBenchmark(Case& c, bool reasoned, Rng& rng) {
  static const std::vector<std::string> kHarsher{
      "当事人拒不配合调查，且违法行为持续时间较长，依法从重处罚",
      "当事人违法所得数额较大，社会影响较大，经集体研究从重处罚"};
  static const std::vector<std::string> kMilder{
      "当事人主动消除违法行为危害后果，且系初次违法，依法从轻处罚",
      "当事人家庭经济困难，确有从轻情节，经集体研究减轻处罚"};
  for (Step& s : c.steps) {
    if (!s.decided_value || s.grade.empty()) continue;
    const auto grade = catalog::kGrades.Parse(s.grade);
    if (!grade) return false;
    const int g = static_cast<int>(*grade);
    const bool above = g > 0;  // the value is above the range of the grade written
    if (!reasoned && g > 0 && rng.Chance(25)) {
      s.grade.clear();  // no grade written, and more than the lowest bound
    } else {
      s.grade = std::string(catalog::kGrades.Label(static_cast<catalog::Grade>(above ? g - 1 : 1)));
    }
    if (reasoned) s.reason = rng.Pick(above ? kHarsher : kMilder);
    return true;
  }
  return false;
}

bool RecordLate(Case& c, Instant cutoff, Rng& rng) {
  auto at = Where(c, [&](size_t, const Step& s) { return !s.skipped && !s.in_block; });
  if (at.empty()) return false;
  const size_t first = at[rng.Below(at.size())];
  size_t count = static_cast<size_t>(rng.Between(1, 3));
  std::vector<size_t> chosen;
  for (size_t i : at) {
    if (i >= first && chosen.size() < count) chosen.push_back(i);
  }
  const Instant late =
      c.steps[chosen.back()].completed + std::chrono::hours(rng.Between(26, 12 * 24));
  if (late > cutoff) return false;
  for (size_t i : chosen) c.steps[i].recorded = late;
  return true;
}

}  // namespace

bool Plant(const std::string& kind, Case& c, const Simulator& sim, Instant cutoff, Rng& rng) {
  bool done = false;
  if (kind == "skipped-step") {
    done = SkipStep(c, rng);
  } else if (kind == "out-of-order") {
    done = RedoEarlier(c, sim, rng);
  } else if (kind == "actor-post") {
    done = WrongActor(c, sim, rng);
  } else if (kind == "sod-pair") {
    done = SamePerson(c, sim, rng);
  } else if (kind == "sod-applicant") {
    done = OwnApplication(c, sim, rng);
  } else if (kind == "recusal") {
    done = Related(c, sim, rng);
  } else if (kind == "head-direct") {
    done = HeadSigns(c, sim);
  } else if (kind == "collective-missing") {
    if (Step* s = WithMeeting(c, true)) {
      s->meeting.reset();  // decided by the head alone
      done = true;
    } else {
      // Routed round the collective node with an amount that needs it.
      done = c.amount && *c.amount >= 500000 &&
             std::none_of(c.steps.begin(), c.steps.end(),
                          [](const Step& step) { return step.node->collective; });
    }
  } else if (kind == "collective-quorum") {
    done = ShortQuorum(c);
  } else if (kind == "collective-last-speaker") {
    done = HeadSpeaksEarly(c, rng);
  } else if (kind == "discretion" || kind == "discretion-reasoned") {
    done = OutsideBenchmark(c, kind == "discretion-reasoned", rng);
  } else if (kind == "backdating") {
    done = RecordLate(c, cutoff, rng);
  } else {
    done = true;  // prepared by the schedule or the course (groups, overdue, not in force)
  }
  if (done) c.planted = kind;
  return done;
}

std::vector<Event> EventsOf(const Case& c, Instant cutoff, Rng& rng, bool& closed) {
  std::vector<Event> out;
  out.reserve(2 * c.steps.size() + 2 * c.suspensions.size() + 2);
  auto add = [&](EventType type, Instant occurred) -> Event& {
    Event& e = out.emplace_back();
    e.source = "demo";
    e.type = type;
    e.case_id = c.id;
    e.occurred = occurred;
    e.recorded = type == EventType::kOpened ? occurred : occurred + rng.Between(0, 20) * kMinute;
    return e;
  };
  Event& opened = add(EventType::kOpened, c.spec.opened);
  opened.power = c.power().code;
  opened.amount = c.amount;
  opened.applicant = c.applicant;
  if (!c.applicant.empty()) {  // the applicant left a phone for 办件查询
    opened.tracking_check = *engine::TrackingCheck(c.id, DemoApplicantPhone(c.id));
  }
  opened.counterparty = c.counterparty;
  opened.attributes = c.open_attributes;
  for (const Step& s : c.steps) {
    if (s.skipped) continue;
    Event& started = add(EventType::kStarted, s.started);
    started.node = s.node->code;
    started.actor = s.start_actor;
    if (s.recorded) started.recorded = *s.recorded;
    Event& done = add(EventType::kCompleted, s.completed);
    done.node = s.node->code;
    done.actor = s.actor;
    if (s.recorded) done.recorded = *s.recorded;
    done.amount = s.amount;
    done.decision = s.decision;
    done.decided_value = s.decided_value;
    done.grade = s.grade;
    done.reason = s.reason;
    done.meeting = s.meeting;
    done.attributes = s.attributes;
  }
  for (const Suspension& s : c.suspensions) {
    add(EventType::kSuspended, s.begin).reason = s.reason;
    add(EventType::kResumed, s.end).reason = "补正（评审、公示）完毕，恢复计时";
  }
  add(EventType::kClosed, c.closed).decision = c.outcome;
  // In time order (equal times keep the case's order), up to the cutoff.
  std::vector<uint32_t> order(out.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return out[a].occurred < out[b].occurred; });
  std::vector<Event> sorted;
  sorted.reserve(out.size());
  for (uint32_t i : order) {
    if (out[i].occurred > cutoff || out[i].recorded > cutoff) break;
    sorted.push_back(std::move(out[i]));
    sorted.back().external_id =
        c.id + (sorted.size() < 10 ? "-0" : "-") + std::to_string(sorted.size());
  }
  out = std::move(sorted);
  closed = !out.empty() && out.back().type == EventType::kClosed;
  return out;
}

}  // namespace dl::demo::casegen
