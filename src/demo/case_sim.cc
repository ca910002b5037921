// One demo case run through its power's flow: the values that choose each branch, the steps
// with the people holding their posts, their times within the limits, meetings, suspensions
// and the close.
#include <algorithm>
#include <cmath>

#include "demo/case_gen_internal.h"

namespace dl::demo::casegen {
namespace {

using catalog::Category;
using catalog::Edge;
using catalog::Node;
using catalog::NodeKind;
using catalog::TimeLimit;

constexpr std::chrono::minutes kMinute{1};

enum class Lateness { kNone, kLate, kFar };

// "amount >= 300000" → 300000.
std::optional<long long> AmountThreshold(const std::string& condition) {
  static const std::string kPrefix = "amount >= ";
  if (!condition.starts_with(kPrefix)) return std::nullopt;
  return std::stoll(condition.substr(kPrefix.size()));
}

// `name == "value"` → {name, value}; nullopt for any other form.
std::optional<std::pair<std::string, std::string>> Equality(const std::string& condition) {
  const size_t eq = condition.find(" == ");
  if (eq == std::string::npos) return std::nullopt;
  std::string name = condition.substr(0, eq), value = condition.substr(eq + 4);
  if (name.find(' ') != std::string::npos || value.size() < 2 || value.front() != '"' ||
      value.back() != '"') {
    return std::nullopt;
  }
  return std::pair{name, value.substr(1, value.size() - 2)};
}

// Percent of cases that take the branch where `name` is `value` (the flow templates'
// conditions, flow_external.cc and flow_internal.cc).
int BranchPercent(const std::string& name, const std::string& value) {
  if (name == "materials") return 15;
  if (name == "site_check") return 45;
  if (name == "decision") return 6;
  if (name == "expert_review") return 15;
  if (name == "facts_established") return 8;
  if (name == "hearing_requested") return 10;
  if (name == "result") return value == "解除" ? 35 : value == "需整改" ? 20 : 5;
  if (name == "relief_requested") return 8;
  if (name == "objection") return 4;
  if (name == "mediation") return 45;
  if (name == "verdict") return 30;
  return 10;
}

// A value that keeps `name == value` false, as the case would carry it.
std::string Otherwise(const std::string& name, const std::string& value) {
  if (name == "materials") return "齐全";
  if (name == "decision") {
    if (value == "不予许可") return "准予许可";
    if (value.starts_with("不予")) return "予以" + value.substr(std::string("不予").size());
    return "同意";
  }
  if (name == "facts_established") return "是";
  if (name == "mediation") return "不成功";
  if (name == "verdict") return "不影响任用";
  if (name == "result") return value == "解除" ? "依法处理" : "合格";
  if (value == "有") return "无";
  return "否";
}

bool Has(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

long long RoundTo(long long value, long long step) { return std::max(step, value / step * step); }

// A whole number of yuan in [lo, hi] (lo <= hi), rounded to a step that suits its size.
double Yuan(Rng& rng, long long lo, long long hi) {
  hi = std::max(lo, hi);
  const long long v = lo + static_cast<long long>(rng.Below(static_cast<size_t>(hi - lo + 1)));
  const long long step = v >= 100000 ? 1000 : v >= 10000 ? 100 : 10;
  return static_cast<double>(std::clamp(RoundTo(v, step), lo, hi));
}

const std::vector<std::string> kSuspendReasons{
    "申请材料不齐全，已一次性告知申请人补正，补正期间不计入办理时限",
    "依法组织专家评审，评审时间不计入办理时限", "需要进行检验、检测、鉴定，所需时间不计入办理时限",
    "申请人申请听证，听证时间不计入办理时限", "依法公示征求意见，公示期间不计入办理时限"};

}  // namespace

// One run of a case through its flow.
struct Simulator::Walk {
  Simulator& sim;
  Case& c;
  const Course& course;
  Rng& rng;
  const catalog::Power& p;
  const PowerFacts& facts;
  const std::unordered_map<std::string, std::vector<const Edge*>>& out;
  Json values = Json::object();
  std::map<std::string, int> visits;
  int eligible_late = 0;  // tasks that could have been the late one, so far
  bool ok = true;
  bool collective_done = false;
  bool suspend = false;
  // A penalty decided: grade, value in the benchmark's unit, the fine in yuan.
  int grade = -1;
  double decided = 0, fine = 0;
  std::string item;

  Walk(Simulator& s, Case& cs, const Course& co, Rng& r)
      : sim(s),
        c(cs),
        course(co),
        rng(r),
        p(cs.power()),
        facts(s.Facts(cs.power())),
        out(facts.out) {}
  const std::vector<const Edge*>& Out(const std::string& code) const {
    static const std::vector<const Edge*> kNone;
    auto it = out.find(code);
    return it == out.end() ? kNone : it->second;
  }

  void OpenValues();
  double DrawAmount();
  void DrawPenalty();
  Instant Run(std::string code, Instant t, int& sink, bool in_block, std::string* join);
  std::string Next(const std::string& code) {
    auto it = out.find(code);
    if (it == out.end() || it->second.size() != 1) {
      ok = false;
      return "";
    }
    return it->second.front()->to;
  }
  int Task(const Node& n, Instant arrival, bool in_block);
  Instant Complete(Instant arrival, TimeLimit limit, double f, Lateness late);
  void Suspend(Step& s);
  void StepValues(const Node& n, Step& s);
  const Edge* Choose(const Node& g, int sink);
  void Set(int sink, const std::string& name, const std::string& value) {
    values[name] = value;
    if (sink < 0) {
      c.open_attributes[name] = value;
    } else if (name == "decision") {
      c.steps[static_cast<size_t>(sink)].decision = value;
    } else {
      c.steps[static_cast<size_t>(sink)].attributes[name] = value;
    }
  }
};

double Simulator::Walk::DrawAmount() {
  const long long thr = facts.threshold > 0 ? facts.threshold : 500000;
  const long long cap = facts.misflag_large ? 499000 : 3000000;
  if (course.bypass) return Yuan(rng, std::max(500000LL, thr), 1500000);
  if (course.want_meeting) {
    if (thr > cap) return -1;
    return Yuan(rng, thr, std::min(cap, thr * 3));
  }
  if (course.below_threshold) return Yuan(rng, 2000, std::min(thr, 200000LL) - 1);
  const int r = rng.Between(0, 99);
  switch (p.category) {
    case Category::kFinance:
      if (r < 65) return static_cast<double>(rng.Between(80000, 2000000)) / 100.0;
      return r < 92 ? Yuan(rng, 20000, 200000) : Yuan(rng, 200000, cap);
    case Category::kProcurement:
      return r < 60   ? Yuan(rng, 5000, 100000)
             : r < 85 ? Yuan(rng, 100000, 199000)
                      : Yuan(rng, 200000, cap);
    case Category::kProject:
      if (r >= 30 && thr <= cap) return Yuan(rng, thr, cap);
      return Yuan(rng, 100000, std::min(cap, std::max(100001LL, thr - 1)));
    case Category::kMajorDecision:
      return Yuan(rng, 300000, 8000000);
    case Category::kLevy:
      return Yuan(rng, 2000, 300000);
    case Category::kBenefit:
      return Yuan(rng, 600, 30000);
    case Category::kReward:
      return Yuan(rng, 2000, 50000);
    default:
      return -1;
  }
}

void Simulator::Walk::DrawPenalty() {
  const auto& marks = p.benchmarks;
  if (marks.size() < 4) {
    fine = Yuan(rng, 500, 5000);
    return;
  }
  grade = course.want_meeting ? rng.Between(2, 3) : static_cast<int>(rng.Weighted({25, 45, 22, 8}));
  const catalog::Benchmark& b = marks[static_cast<size_t>(grade)];
  const long long width = b.upper - b.lower;
  const long long step = width >= 10000 ? 500 : width >= 1000 ? 100 : width >= 100 ? 10 : 1;
  long long v = b.lower + static_cast<long long>(rng.Below(static_cast<size_t>(width + 1)));
  v = std::clamp(v / step * step, b.lower, b.upper);
  decided = static_cast<double>(v);
  item = b.item;
  if (b.unit == "元") {
    fine = decided;
  } else {  // a rate, e.g. 元/平方米: the fine is rate × area
    long long area = rng.Between(40, 600);
    if (course.want_meeting && v > 0) area = std::max(area, 50000 / v + 1);
    c.open_attributes["面积"] = area;
    fine = decided * static_cast<double>(area);
  }
}

void Simulator::Walk::OpenValues() {
  static const std::vector<std::string> kSources{"日常检查", "投诉举报", "双随机抽查", "上级交办",
                                                 "部门移送"};
  static const std::vector<std::string> kPurposes{
      "差旅费报销",         "办公用品购置", "会议费支出",     "培训费支出",
      "公务用车运行维护费", "专项资金拨付", "物业管理费支付", "印刷费支付"};
  static const std::vector<std::string> kItems{"办公设备", "办公家具", "信息化设备", "车辆维修服务",
                                               "印刷服务", "物业服务", "执法装备"};
  if (facts.application) c.open_attributes["办理渠道"] = rng.Chance(55) ? "网上办理" : "窗口办理";
  if (p.category == Category::kPenalty) {
    c.open_attributes["案件来源"] = rng.Pick(kSources);
    DrawPenalty();
    return;
  }
  const double amount = c.spec.amount ? *c.spec.amount : DrawAmount();
  if (amount < 0) {
    if (course.want_meeting && facts.amount_rule) ok = false;
    return;
  }
  c.amount = amount;
  values["amount"] = amount;
  if (p.category == Category::kFinance) c.open_attributes["事由"] = rng.Pick(kPurposes);
  if (p.category == Category::kProcurement) {
    c.open_attributes["采购品目"] = rng.Pick(kItems);
    c.open_attributes["采购方式"] = amount < 100000   ? "询价"
                                    : amount < 200000 ? "竞争性磋商"
                                                      : "公开招标";
  }
}

Instant Simulator::Walk::Complete(Instant arrival, TimeLimit limit, double f, Lateness late) {
  const WorkDays& days = sim.days_;
  if (limit.empty()) limit = {5, TimeLimit::Unit::kWorkday};
  const int n = limit.value;
  const Date a = ChinaDate(arrival);
  const auto same_day = [&]() { return OfficeTime(rng, a, arrival + 10 * kMinute); };
  int k = static_cast<int>(std::floor(f * n));
  const int far = static_cast<int>(std::ceil(1.5 * n)) + 1;
  switch (limit.unit) {
    case TimeLimit::Unit::kWorkday: {
      if (late == Lateness::kLate) k = std::max(k, n + 1);
      if (late == Lateness::kFar) k = std::max(k, far);
      if (k == 0 && days.IsWorkday(a)) {
        if (auto t = same_day()) return *t;
      }
      return *OfficeTime(rng, days.AddWorkdays(a, std::max(k, 1)));
    }
    case TimeLimit::Unit::kDay: {
      if (late == Lateness::kLate) {
        k = std::max(k, days.NextWorkday(a.AddDays(n)).days() - a.days() + 1);
      }
      if (late == Lateness::kFar) k = std::max(k, far);
      const Date d = days.NextWorkday(a.AddDays(k));
      if (d == a) {
        if (auto t = same_day()) return *t;
        return *OfficeTime(rng, days.NextWorkday(a.AddDays(1)));
      }
      return *OfficeTime(rng, d);
    }
    case TimeLimit::Unit::kHour:
      break;
  }
  const int minutes = std::max(15, static_cast<int>(f * n * 60));
  return arrival + minutes * kMinute;
}

// Stops the clock for whole working days inside the step: from an office-hours instant on a
// working day after the step began to the same minute m working days later; the step then
// completes m working days later than it would have. Counted time is unchanged.
void Simulator::Walk::Suspend(Step& s) {
  const WorkDays& days = sim.days_;
  const Date a = ChinaDate(s.arrival), dc = ChinaDate(s.completed);
  std::vector<Date> candidates = days.Between(a.AddDays(1), dc);
  if (candidates.empty()) return;
  const Date db = rng.Pick(candidates);
  const std::optional<Instant> begin = OfficeTime(rng, db);
  if (!begin || *begin >= s.completed || *begin <= s.started) return;
  const int m = rng.Between(2, 10);
  const int minute = LocalMinute(*begin);
  c.suspensions.push_back(
      {*begin, LocalTime(days.AddWorkdays(db, m), minute), rng.Pick(kSuspendReasons)});
  s.completed = LocalTime(days.AddWorkdays(dc, m), LocalMinute(s.completed));
  s.suspended_workdays = m;
  suspend = false;
}

void Simulator::Walk::StepValues(const Node& n, Step& s) {
  if (p.category == Category::kPenalty && Has(n.name, "处罚决定")) {
    if (Has(n.name, "不予")) {
      s.decision = "不予行政处罚";
      return;
    }
    s.decision = "给予行政处罚";
    if (!values.contains("amount")) {
      s.amount = fine;
      values["amount"] = fine;
    }
    if (grade >= 0) {
      s.decided_value = decided;
      s.grade = std::string(catalog::kGrades.Label(p.benchmarks[static_cast<size_t>(grade)].grade));
      s.attributes["裁量事项"] = item;
    }
    return;
  }
  if (n.stage == catalog::Stage::kDecision &&
      (Has(n.name, "审核") || Has(n.name, "审批") || Has(n.name, "审查") || Has(n.name, "决定") ||
       Has(n.name, "决策"))) {
    s.decision = "同意";
  }
}

int Simulator::Walk::Task(const Node& n, Instant arrival, bool in_block) {
  Step s;
  s.node = &n;
  s.arrival = arrival;
  s.in_block = in_block;
  const TimeLimit limit = n.time_limit;
  const bool can_be_late =
      !n.collective && !limit.empty() && (limit.unit == TimeLimit::Unit::kHour || limit.value >= 3);
  Lateness late = Lateness::kNone;
  double f = 0;
  if (can_be_late && eligible_late++ == course.late_step) {
    f = course.late_factor;
    late = f >= 1.5 ? Lateness::kFar : Lateness::kLate;
  } else if (course.slow_case) {
    f = 0.75 + 0.2 * static_cast<double>(rng.Below(1000)) / 1000.0;
  } else {
    f = course.pace * (0.4 + 1.2 * static_cast<double>(rng.Below(1000)) / 1000.0);
    f = std::clamp(f, 0.02, 0.9);
  }
  // A publicity period (公示, 任前公示; not the publication of results) runs its whole term.
  if (late == Lateness::kNone && Has(n.name, "公示") && !Has(n.name, "结果") &&
      limit.unit != TimeLimit::Unit::kHour) {
    f = 1.0;
  }
  s.completed = Complete(arrival, limit, f, late);
  const auto gap = std::chrono::duration_cast<std::chrono::minutes>(s.completed - arrival);
  s.started = arrival + std::min<std::chrono::minutes>(rng.Between(2, 40) * kMinute, gap / 3);
  if (suspend && !in_block && limit.unit == TimeLimit::Unit::kWorkday && limit.value >= 3 &&
      !Has(n.name, "公开")) {
    Suspend(s);
  }
  s.start_actor = sim.org_.Holder(n.post, ChinaDate(s.started));
  s.actor = sim.org_.Holder(n.post, ChinaDate(s.completed));
  if (s.start_actor.empty() || s.actor.empty()) ok = false;
  StepValues(n, s);
  const bool always = p.category == Category::kMajorDecision;
  if (n.collective || (always && n.stage == catalog::Stage::kDecision && !collective_done)) {
    s.meeting = sim.Meeting(p.unit, ChinaDate(s.completed), rng);
    if (!s.meeting || s.meeting->speaking_order.back() != s.actor) ok = false;
  }
  if (n.collective) collective_done = true;
  c.steps.push_back(std::move(s));
  return static_cast<int>(c.steps.size()) - 1;
}

const Edge* Simulator::Walk::Choose(const Node& g, int sink) {
  const auto& edges = Out(g.code);
  const int visit = ++visits[g.code];
  const Edge* fallback = nullptr;
  bool by_amount = false;
  for (const Edge* e : edges) {
    if (e->condition.empty()) fallback = e;
    if (AmountThreshold(e->condition)) by_amount = true;
  }
  if (by_amount) {
    if (!values.contains("amount") && p.category == Category::kPenalty && sink >= 0) {
      c.steps[static_cast<size_t>(sink)].amount = fine;  // the fine the 告知 proposes
      values["amount"] = fine;
    }
    if (course.bypass) return fallback;
    for (const Edge* e : edges) {
      if (e->condition.empty()) continue;
      auto it = sim.conditions_.find(e->condition);
      if (it == sim.conditions_.end()) {
        auto parsed = catalog::Condition::Parse(e->condition);
        if (!parsed) {
          ok = false;
          return fallback;
        }
        it = sim.conditions_.emplace(e->condition, *parsed).first;
      }
      if (it->second.Evaluate(values)) return e;
    }
    return fallback;
  }
  const Edge* chosen = nullptr;
  if (visit == 1) {
    for (const Edge* e : edges) {
      auto eq = Equality(e->condition);
      if (eq && rng.Chance(BranchPercent(eq->first, eq->second))) {
        chosen = e;
        break;
      }
    }
  }
  if (!chosen) chosen = fallback;
  if (!chosen) chosen = edges.empty() ? nullptr : edges.back();
  std::set<std::string> named;
  if (auto eq = chosen ? Equality(chosen->condition) : std::nullopt) {
    Set(sink, eq->first, eq->second);
    named.insert(eq->first);
  }
  for (const Edge* e : edges) {
    auto eq = Equality(e->condition);
    if (e == chosen || !eq || named.contains(eq->first)) continue;
    Set(sink, eq->first, Otherwise(eq->first, eq->second));
    named.insert(eq->first);
  }
  return chosen;
}

Instant Simulator::Walk::Run(std::string code, Instant t, int& sink, bool in_block,
                             std::string* join) {
  for (int guard = 0; guard < 400 && ok; ++guard) {
    const Node* n = p.flow.FindNode(code);
    if (!n) break;
    switch (n->kind) {
      case NodeKind::kStart:
        code = Next(code);
        break;
      case NodeKind::kTask:
        sink = Task(*n, t, in_block);
        t = c.steps[static_cast<size_t>(sink)].completed;
        code = Next(code);
        break;
      case NodeKind::kExclusive: {
        const Edge* e = Choose(*n, sink);
        if (!e) {
          ok = false;
          return t;
        }
        code = e->to;
        break;
      }
      case NodeKind::kParallelSplit: {
        Instant latest = t;
        int latest_sink = sink;
        std::string reached;
        for (const Edge* e : Out(code)) {
          int branch_sink = sink;
          const Instant end = Run(e->to, t, branch_sink, true, &reached);
          if (end >= latest) {
            latest = end;
            latest_sink = branch_sink;
          }
        }
        if (reached.empty()) {
          ok = false;
          return t;
        }
        t = latest;
        sink = latest_sink;
        code = Next(reached);
        break;
      }
      case NodeKind::kParallelJoin:
        if (join) *join = code;
        if (!join) ok = false;
        return t;
      case NodeKind::kEnd:
        return t;
    }
  }
  ok = false;
  return t;
}

Simulator::Simulator(const OrgView& org, const WorkDays& days) : org_(org), days_(days) {}

const PowerFacts& Simulator::Facts(const catalog::Power& p) {
  auto it = facts_.find(p.code);
  if (it != facts_.end()) return it->second;
  PowerFacts f;
  const Category cat = p.category;
  f.amount_rule =
      cat == Category::kFinance || cat == Category::kProcurement || cat == Category::kProject;
  f.application = cat == Category::kLicensing || cat == Category::kConfirmation ||
                  cat == Category::kBenefit || cat == Category::kOtherExternal ||
                  cat == Category::kAdjudication;
  std::unordered_map<std::string, std::vector<std::string>> next;
  for (const Edge& e : p.flow.edges) {
    next[e.from].push_back(e.to);
    f.out[e.from].push_back(&e);
    if (auto t = AmountThreshold(e.condition)) f.threshold = *t;
  }
  for (const Node& n : p.flow.nodes) f.has_collective = f.has_collective || n.collective;
  // A meeting needs an amount at the threshold, which must stay below 500 000 when a 会签
  // decides before the meeting.

  // A decision-stage task from which a collective node can be reached: with an amount of
  // 500 000 or more, collective-missing flags it (it decides before the meeting).
  for (const Node& n : p.flow.nodes) {
    if (!f.amount_rule || n.kind != NodeKind::kTask || n.collective ||
        n.stage != catalog::Stage::kDecision) {
      continue;
    }
    std::vector<std::string> todo = next[n.code];
    std::set<std::string> seen;
    while (!todo.empty() && !f.misflag_large) {
      std::string code = todo.back();
      todo.pop_back();
      if (!seen.insert(code).second) continue;
      const Node* m = p.flow.FindNode(code);
      if (m && m->collective) f.misflag_large = true;
      for (const auto& to : next[code]) todo.push_back(to);
    }
  }
  // A meeting needs an amount at the threshold, which must stay below 500 000 when a 会签
  // decides before the meeting.
  f.meeting_possible =
      cat == Category::kMajorDecision ||
      (f.has_collective && !(f.amount_rule && f.misflag_large && f.threshold >= 500000));
  return facts_.emplace(p.code, f).first->second;
}

bool Simulator::Run(Case& c, const Course& course, Rng& rng) {
  c.steps.clear();
  c.steps.reserve(24);
  c.suspensions.clear();
  c.open_attributes = Json::object();
  c.amount.reset();
  Walk w(*this, c, course, rng);
  w.suspend = c.power().category == Category::kLicensing &&
              c.power().time_limit.unit == TimeLimit::Unit::kWorkday && rng.Chance(8);
  w.OpenValues();
  const catalog::Node* start = nullptr;
  for (const Node& n : c.power().flow.nodes) {
    if (n.kind == NodeKind::kStart) start = &n;
  }
  if (!start || !w.ok) return false;
  int sink = -1;
  const Instant end = w.Run(start->code, c.spec.opened, sink, false, nullptr);
  if (!w.ok || c.steps.empty()) return false;
  c.closed = end + rng.Between(3, 60) * kMinute;
  c.outcome = "办结";
  for (auto it = c.steps.rbegin(); it != c.steps.rend(); ++it) {
    const std::string& d = it->decision;
    if (d.starts_with("准予") || d.starts_with("不予") || d.starts_with("予以") ||
        d.starts_with("给予")) {
      c.outcome = d;
      break;
    }
  }
  return true;
}

bool Simulator::WithinLimits(const Case& c) const {
  int suspended = 0;
  for (const Step& s : c.steps) {
    suspended += s.suspended_workdays;
    const TimeLimit& limit = s.node->time_limit;
    if (!limit.empty() && s.completed >= days_.Deadline(s.arrival, limit, s.suspended_workdays)) {
      return false;
    }
  }
  const TimeLimit& limit = c.power().time_limit;
  return limit.empty() || c.closed < days_.Deadline(c.spec.opened, limit, suspended);
}

}  // namespace dl::demo::casegen
