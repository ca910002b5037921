// The demo year of cases: which powers open cases on which days, what is planted where, the
// counterparties, and the events grouped by month (case_gen.h).
#include "demo/case_gen.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <unordered_map>

#include "base/sha256.h"
#include "demo/case_gen_internal.h"
#include "demo/demo.h"

namespace dl::demo {
namespace {

using catalog::Category;
using catalog::PowerRecord;
using catalog::PowerStatus;
using namespace casegen;

constexpr std::chrono::hours kDay{24};

// Cases a typical power of the category opens in a year (before the per-power factor).
int BaseRate(Category c) {
  switch (c) {
    case Category::kLicensing:
      return 220;
    case Category::kPenalty:
      return 70;
    case Category::kCoercion:
      return 20;
    case Category::kLevy:
      return 160;
    case Category::kBenefit:
      return 170;
    case Category::kInspection:
      return 90;
    case Category::kConfirmation:
      return 130;
    case Category::kReward:
      return 6;
    case Category::kAdjudication:
      return 12;
    case Category::kOtherExternal:
      return 70;
    case Category::kPersonnel:
      return 8;
    case Category::kFinance:
      return 90;
    case Category::kProcurement:
      return 35;
    case Category::kProject:
      return 5;
    case Category::kMajorDecision:
      return 9;
  }
  return 10;
}

// Whom a case of the category deals with.
enum class PartyKind { kNone, kCompany, kCitizen };
PartyKind PartyOf(Category c, Rng& rng) {
  auto mix = [&](int companies) {
    return rng.Chance(companies) ? PartyKind::kCompany : PartyKind::kCitizen;
  };
  switch (c) {
    case Category::kLicensing:
      return mix(65);
    case Category::kPenalty:
      return mix(60);
    case Category::kCoercion:
    case Category::kInspection:
    case Category::kProcurement:
    case Category::kProject:
      return PartyKind::kCompany;
    case Category::kLevy:
      return mix(70);
    case Category::kBenefit:
    case Category::kAdjudication:
      return PartyKind::kCitizen;
    case Category::kConfirmation:
      return mix(30);
    case Category::kReward:
    case Category::kOtherExternal:
      return mix(50);
    case Category::kFinance:
      return rng.Chance(70) ? PartyKind::kCompany : PartyKind::kNone;
    case Category::kMajorDecision:
      return rng.Chance(40) ? PartyKind::kCompany : PartyKind::kNone;
    case Category::kPersonnel:
      return PartyKind::kNone;
  }
  return PartyKind::kNone;
}

// The events sorted by occurred time; equal times keep their order (the order of the cases,
// and each case's own). Moves each event once (events are large).
std::vector<engine::Event> SortedByTime(std::vector<engine::Event> events) {
  std::vector<uint32_t> order(events.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return events[a].occurred < events[b].occurred; });
  std::vector<engine::Event> out;
  out.reserve(events.size());
  for (uint32_t i : order) out.push_back(std::move(events[i]));
  return out;
}

// When a power may open cases in the demo year: in force, in its current version.
struct Window {
  Date from, to;               // inclusive; empty when from > to
  std::vector<Date> workdays;  // the days cases may open
};

struct PowerPlan {
  const PowerRecord* record = nullptr;
  Window window;
  int weight = 0;
  bool sod_pair = false;  // the flow has a pair of steps one person must not do both
  bool recusal = false;   // a person related to a company may handle its cases
  int tasks = 0;
};

// Everything the generator keeps while it goes through the year.
class Generator {
 public:
  Generator(const catalog::Catalog& county, const CaseGenOptions& options,
            const calendar::WorkCalendar& calendar)
      : county_(county),
        options_(options),
        days_(calendar),
        org_(county),
        sim_(org_, days_),
        root_(options.seed),
        parties_(Parties::Make(root_.Fork("parties"))),
        first_(DemoToday().AddDays(-364)),
        last_(DemoToday()),
        cutoff_(LocalTime(DemoToday(), 18 * 60)) {}

  DemoCases Run();

 private:
  // Whether every post of the power's flow is held on `day` (a post may stand vacant for a
  // while between two holders; nobody handles its steps then).
  bool Staffed(const catalog::Power& p, Date day) const {
    return std::all_of(p.flow.nodes.begin(), p.flow.nodes.end(), [&](const catalog::Node& n) {
      return n.post.empty() || !org_.Holder(n.post, day).empty();
    });
  }
  // A company for a group of cases: none of the county's people declared a relation to it.
  const std::string& Unrelated(Rng& rng, bool supplier) const {
    for (;;) {
      const std::string& name = parties_.Company(rng, supplier);
      if (!org_.HasRelations(name)) return name;
    }
  }
  void PlanPowers();
  void ScheduleGroups(Rng& rng);
  void ScheduleNotInForce(Rng& rng);
  void ScheduleCases(Rng& rng);
  static CaseSpec Spec(const PowerPlan& plan, Date day, Rng& rng, std::string plant = "");
  std::string DrawPlant(const PowerPlan& plan, Rng& rng);
  Course CourseFor(const std::string& kind, const PowerFacts& facts, Rng& rng) const;
  bool Simulate(Case& c, Rng& rng);
  bool Overdue(const Case& c, const std::string& kind) const;
  void ChooseCounterparty(Case& c, Rng& rng);
  // Whether a handler of the case has had 7 cases of the counterparty within 100 days.
  bool Crowded(const Case& c, const std::vector<std::string>& actors,
               const std::string& counterparty) const;
  bool Fits(const Case& c, const std::vector<std::string>& actors,
            const std::string& counterparty) const;
  void Remember(const Case& c);

  const catalog::Catalog& county_;
  const CaseGenOptions& options_;
  WorkDays days_;
  OrgView org_;
  Simulator sim_;
  Rng root_;
  Parties parties_;
  Date first_, last_;
  Instant cutoff_;
  std::vector<PowerPlan> plans_;
  std::map<const PowerRecord*, const PowerPlan*> plan_of_;
  std::vector<CaseSpec> specs_;
  // What the clean cases keep away from: cases per (handler, counterparty) and purchases per
  // supplier, by time.
  std::unordered_map<std::string, std::vector<Instant>> contacts_;  // actor \x1f counterparty
  std::unordered_map<std::string, std::vector<std::pair<Instant, double>>> purchases_;
};

void Generator::PlanPowers() {
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"受理", "审批"}, {"审核", "决定"}, {"经办", "复核"}};
  std::set<std::string> related_posts;
  for (const org::Relation& r : org_.Relations()) {
    for (const auto& [key, a] : county_.assignments) {
      if (a.person == r.person) related_posts.insert(a.post);
    }
  }
  Rng rng = root_.Fork("powers");
  static const int kFactors[] = {3, 5, 7, 10, 10, 13, 16, 20, 25};  // tenths
  for (const auto& [code, record] : county_.powers) {
    PowerPlan plan;
    plan.record = &record;
    const catalog::Power& p = record.power;
    plan.window.from = std::max(first_, p.effective_from);
    plan.window.to = last_;
    for (const catalog::StatusChange& change : record.history) {
      if (!catalog::InForce(change.status)) {
        plan.window.to = std::min(plan.window.to, change.date.AddDays(-1));
        break;
      }
    }
    for (Date d : days_.Between(plan.window.from, plan.window.to)) {
      if (Staffed(p, d)) plan.window.workdays.push_back(d);
    }
    const int factor = kFactors[rng.Below(std::size(kFactors))];
    const int share = static_cast<int>(plan.window.workdays.size() * 100 / 250);
    plan.weight = BaseRate(p.category) * factor * std::min(share, 100);
    for (const catalog::Node& n : p.flow.nodes) {
      if (n.kind != catalog::NodeKind::kTask) continue;
      ++plan.tasks;
      plan.recusal = plan.recusal || related_posts.contains(n.post);
      for (const catalog::Node& m : p.flow.nodes) {
        for (const auto& [a, b] : kPairs) {
          if (n.name.find(a) != std::string::npos && m.name.find(b) != std::string::npos) {
            plan.sod_pair = true;
          }
        }
      }
    }
    plans_.push_back(std::move(plan));
  }
  for (const PowerPlan& p : plans_) plan_of_[p.record] = &p;
}

CaseSpec Generator::Spec(const PowerPlan& plan, Date day, Rng& rng, std::string plant) {
  CaseSpec spec;
  spec.record = plan.record;
  spec.opened = *OfficeTime(rng, day);
  spec.plant = std::move(plant);
  return spec;
}

// The working days of one month (drawn among the months of `workdays` that have at least
// `min_days` of them), or empty. A group of cases stays in one month: the writer records a
// month per submission, and the window rules forget a window once the latest time they have
// seen (which runs ahead in a month of whole cases) is a window past it.
std::vector<Date> OneMonth(const std::vector<Date>& workdays, size_t min_days, Rng& rng) {
  std::map<int, std::vector<Date>> months;
  for (Date d : workdays) {
    const auto ymd = d.Ymd();
    months[static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month()))].push_back(
        d);
  }
  std::vector<std::vector<Date>> fit;
  for (auto& [m, days] : months) {
    if (days.size() >= min_days) fit.push_back(std::move(days));
  }
  return fit.empty() ? std::vector<Date>{} : rng.Pick(fit);
}

// Splitting: 2–3 purchases from one supplier within a month, each below 200 000 (and below
// the unit's collective threshold), together above it. Concentration: 12–14 cases of one
// company for one power within a month, so its handlers exceed 10 in 90 days.
void Generator::ScheduleGroups(Rng& rng) {
  const int cases = options_.cases;
  const int splits = static_cast<int>(std::lround(cases * options_.rates.splitting_groups / 1e4));
  const int groups =
      static_cast<int>(std::lround(cases * options_.rates.concentration_groups / 1e4));
  std::vector<const PowerPlan*> buying, busy;
  for (const PowerPlan& p : plans_) {
    const Category c = p.record->power.category;
    if (p.window.workdays.empty() || p.record->power.flow.empty()) continue;
    if (c == Category::kProcurement) buying.push_back(&p);
    if (c == Category::kLicensing || c == Category::kInspection) busy.push_back(&p);
  }
  for (int g = 0; g < splits && !buying.empty(); ++g) {
    const PowerPlan& plan = *rng.Pick(buying);
    const PowerFacts& facts = sim_.Facts(plan.record->power);
    std::vector<Date> month = OneMonth(plan.window.workdays, 12, rng);
    if (month.empty()) continue;
    const Date anchor = rng.Pick(month);  // the parts fall within ten days of it
    std::erase_if(month, [&](Date d) { return std::abs(d.days() - anchor.days()) > 10; });
    const long long limit =
        std::min<long long>(facts.threshold > 0 ? facts.threshold : 200000, 200000);
    const int parts = limit < 200000 ? 3 : rng.Between(2, 3);
    const long long hi = limit - 1000;
    const long long lo = std::min<long long>(hi, 200000 / parts + 2000);
    const std::string supplier = Unrelated(rng, true);
    for (int i = 0; i < parts; ++i) {
      CaseSpec spec = Spec(plan, rng.Pick(month), rng, "splitting");
      spec.counterparty = supplier;
      const long long amount =
          lo + static_cast<long long>(rng.Below(static_cast<size_t>(hi - lo + 1)));
      spec.amount = static_cast<double>(amount - amount % 100);
      specs_.push_back(std::move(spec));
    }
  }
  for (int g = 0; g < groups && !busy.empty(); ++g) {
    const PowerPlan& plan = *rng.Pick(busy);
    std::vector<Date> month = OneMonth(plan.window.workdays, 16, rng);
    if (month.empty()) continue;
    const std::string company = Unrelated(rng, false);
    rng.Shuffle(month);
    month.resize(static_cast<size_t>(rng.Between(12, 14)));
    for (Date day : month) {
      CaseSpec spec = Spec(plan, day, rng, "concentration");
      spec.counterparty = company;
      specs_.push_back(std::move(spec));
    }
  }
}

// Cases opened after their power was 取消 or 下放 (the county department kept handling them).
void Generator::ScheduleNotInForce(Rng& rng) {
  std::vector<std::pair<const PowerPlan*, Date>> gone;
  for (const PowerPlan& p : plans_) {
    for (const catalog::StatusChange& change : p.record->history) {
      if (change.status != PowerStatus::kCancelled && change.status != PowerStatus::kDelegated) {
        continue;
      }
      const Date from = std::max({change.date, first_, p.record->power.effective_from});
      if (from < last_ && !p.record->power.flow.empty()) gone.emplace_back(&p, from);
    }
  }
  const int n = options_.cases * options_.rates.power_not_in_force / 1000;
  for (int i = 0; i < n && !gone.empty(); ++i) {
    const PowerPlan* plan = nullptr;
    Date from;
    std::tie(plan, from) = rng.Pick(gone);
    std::vector<Date> wd = days_.Between(from, last_.AddDays(-30));
    std::erase_if(wd, [&](Date d) { return !Staffed(plan->record->power, d); });
    if (wd.empty()) continue;
    specs_.push_back(Spec(*plan, rng.Pick(wd), rng, "power-not-in-force"));
  }
}

std::string Generator::DrawPlant(const PowerPlan& plan, Rng& rng) {
  const CaseGenRates& r = options_.rates;
  const catalog::Power& p = plan.record->power;
  const PowerFacts& f = sim_.Facts(p);
  const bool meeting = f.meeting_possible;
  const bool benchmark = p.category == Category::kPenalty && p.benchmarks.size() >= 4;
  const bool limited = !p.time_limit.empty();
  const std::pair<std::string_view, std::pair<bool, int>> kinds[] = {
      {"skipped-step", {plan.tasks >= 3, r.skipped_step}},
      {"out-of-order", {plan.tasks >= 4, r.out_of_order}},
      {"actor-post", {true, r.actor_post}},
      {"sod-pair", {plan.sod_pair, r.sod_pair}},
      {"sod-applicant", {f.application, r.sod_applicant}},
      {"recusal", {plan.recusal && p.category != Category::kPersonnel, r.recusal}},
      {"head-direct", {f.amount_rule, r.head_direct}},
      {"collective-missing", {meeting || f.amount_rule, r.collective_missing}},
      {"collective-quorum", {meeting, r.collective_quorum}},
      {"collective-last-speaker", {meeting, r.collective_last_speaker}},
      {"discretion", {benchmark, r.discretion}},
      {"discretion-reasoned", {benchmark, r.discretion_reasoned}},
      {"backdating", {true, r.backdating}},
      {"overdue-step", {true, r.overdue_step}},
      {"overdue-step-far", {true, r.overdue_step_far}},
      {"overdue-case", {limited, r.overdue_case}},
      {"overdue-case-far", {limited, r.overdue_case_far}},
  };
  for (const auto& [kind, rule] : kinds) {
    const auto& [eligible, rate] = rule;
    if (eligible && rng.Below(1000) < static_cast<size_t>(rate)) return std::string(kind);
  }
  return "";
}

void Generator::ScheduleCases(Rng& rng) {
  std::vector<int> weights;
  long long total = 0;
  for (const PowerPlan& p : plans_) {
    weights.push_back(p.record->power.flow.empty() ? 0 : p.weight);
    total += weights.back();
  }
  // (Without a power that can open a case there is nothing to draw.)
  while (total > 0 && specs_.size() < static_cast<size_t>(std::max(options_.cases, 0))) {
    const PowerPlan& plan = plans_[rng.Weighted(weights)];
    const Date day = rng.Pick(plan.window.workdays);
    specs_.push_back(Spec(plan, day, rng, DrawPlant(plan, rng)));
  }
  std::stable_sort(specs_.begin(), specs_.end(),
                   [](const CaseSpec& a, const CaseSpec& b) { return a.opened < b.opened; });
}

Course Generator::CourseFor(const std::string& kind, const PowerFacts& facts, Rng& rng) const {
  Course course;
  course.pace = 0.3 + 0.5 * static_cast<double>(rng.Below(1000)) / 1000.0;
  if (kind == "collective-missing") {
    course.bypass = facts.amount_rule && (!facts.meeting_possible || rng.Chance(50));
    course.want_meeting = !course.bypass;
  } else if (kind == "collective-quorum" || kind == "collective-last-speaker") {
    course.want_meeting = true;
  } else if (kind == "head-direct") {
    course.below_threshold = true;
  } else if (kind == "overdue-step" || kind == "overdue-step-far") {
    course.late_step = static_cast<int>(rng.Below(3));
    const bool far = kind == "overdue-step-far";
    course.late_factor =
        (far ? 1.7 : 1.1) + (far ? 0.6 : 0.3) * static_cast<double>(rng.Below(100)) / 100.0;
  } else if (kind == "overdue-case") {
    course.slow_case = true;
  } else if (kind == "overdue-case-far") {
    course.slow_case = true;
    course.late_step = 0;
    course.late_factor = 2.0;
  }
  return course;
}

// Whether the case shows the lateness planted in it.
bool Generator::Overdue(const Case& c, const std::string& kind) const {
  int suspended = 0;
  for (const Step& s : c.steps) suspended += s.suspended_workdays;
  const catalog::TimeLimit limit = c.power().time_limit;
  if (kind == "overdue-case") {
    return c.closed >= days_.Deadline(c.spec.opened, limit, suspended) && c.closed <= cutoff_;
  }
  if (kind == "overdue-case-far") {
    const catalog::TimeLimit far{static_cast<int>(std::ceil(limit.value * 1.5)), limit.unit};
    return c.closed >= days_.Deadline(c.spec.opened, far, suspended) && c.closed <= cutoff_;
  }
  return std::any_of(c.steps.begin(), c.steps.end(), [&](const Step& s) {
    return !s.node->time_limit.empty() && s.completed <= cutoff_ &&
           s.completed >= days_.Deadline(s.arrival, s.node->time_limit, s.suspended_workdays);
  });
}

// Runs the case: a few tries at its day (tighter each time, when a clean case would break a
// limit), then other days (a post the case needs may be vacant). A plant is given up after
// eight tries (the case offers no place for it); the case is then clean. Groups and cases of
// powers no longer in force keep their day.
bool Generator::Simulate(Case& c, Rng& rng) {
  std::string kind = c.spec.plant;
  const bool fixed_day =
      kind == "splitting" || kind == "concentration" || kind == "power-not-in-force";
  for (int attempt = 0; attempt < 12; ++attempt) {
    if (attempt == 8 && !fixed_day) kind.clear();
    if (attempt > 0 && attempt % 3 == 0 && !fixed_day) {
      const auto& wd = plan_of_.at(c.spec.record)->window.workdays;
      c.spec.opened = *OfficeTime(rng, rng.Pick(wd));
    }
    Course course = CourseFor(kind, sim_.Facts(c.power()), rng);
    if (attempt % 3 == 1) course.pace /= 4;
    if (attempt % 3 == 2) course.pace = 0;  // every step as fast as it goes
    if (!sim_.Run(c, course, rng)) continue;
    const bool overdue = kind.starts_with("overdue-");
    if (overdue ? !Overdue(c, kind) : !sim_.WithinLimits(c)) continue;
    c.planted.clear();
    if (kind.empty()) return true;
    // Steps planted in a case still open at DemoToday might not show: plant closed ones.
    if ((c.closed <= cutoff_ || fixed_day) && Plant(kind, c, sim_, cutoff_, rng)) return true;
  }
  return false;
}

// The key of a handler and a counterparty in contacts_.
std::string ContactKey(const std::string& actor, const std::string& counterparty) {
  std::string key;
  key.reserve(actor.size() + 1 + counterparty.size());
  key.append(actor).append(1, '\x1f').append(counterparty);
  return key;
}

// The people who act in a case.
std::vector<std::string> ActorsOf(const Case& c) {
  std::vector<std::string> out;
  for (const Step& s : c.steps) {
    for (const std::string* who : {&s.actor, &s.start_actor}) {
      if (std::find(out.begin(), out.end(), *who) == out.end()) out.push_back(*who);
    }
  }
  return out;
}

bool Generator::Crowded(const Case& c, const std::vector<std::string>& actors,
                        const std::string& counterparty) const {
  for (const std::string& a : actors) {
    auto it = contacts_.find(ContactKey(a, counterparty));
    if (it == contacts_.end()) continue;
    const Instant at = c.spec.opened;
    const auto near = std::count_if(it->second.begin(), it->second.end(), [&](Instant t) {
      return t > at - 100 * kDay && t < at + 100 * kDay;
    });
    if (near >= 7) return true;
  }
  return false;
}

bool Generator::Fits(const Case& c, const std::vector<std::string>& actors,
                     const std::string& counterparty) const {
  for (const std::string& a : actors) {
    if (org_.Related(a, counterparty)) return false;
  }
  if (Crowded(c, actors, counterparty)) return false;
  if (c.power().category == Category::kProcurement && c.amount && *c.amount < 200000) {
    auto it = purchases_.find(counterparty);
    if (it != purchases_.end()) {
      double sum = *c.amount;
      for (const auto& [t, amount] : it->second) {
        if (amount < 200000 && t > c.spec.opened - 31 * kDay && t < c.spec.opened + 31 * kDay) {
          sum += amount;
        }
      }
      if (sum >= 200000) return false;
    }
  }
  return true;
}

void Generator::ChooseCounterparty(Case& c, Rng& rng) {
  const std::vector<std::string> actors = ActorsOf(c);
  if (!c.spec.counterparty.empty()) c.counterparty = c.spec.counterparty;
  if (c.planted == "recusal" && Crowded(c, actors, c.counterparty)) {
    c.counterparty.clear();  // the related company again: too often for one year; stay clean
    c.planted.clear();
  }
  if (c.counterparty.empty()) {
    const Category category = c.power().category;
    const bool supplier = category == Category::kProcurement || category == Category::kProject;
    const PartyKind kind = PartyOf(category, rng);
    for (int attempt = 0; attempt < 40 && kind != PartyKind::kNone; ++attempt) {
      std::string candidate = kind == PartyKind::kCompany ? parties_.Company(rng, supplier)
                                                          : rng.Pick(parties_.citizens);
      if (Fits(c, actors, candidate)) {
        c.counterparty = std::move(candidate);
        break;
      }
    }
  }
  if (c.applicant.empty() && sim_.Facts(c.power()).application) c.applicant = c.counterparty;
}

void Generator::Remember(const Case& c) {
  if (c.counterparty.empty()) return;
  for (const std::string& a : ActorsOf(c)) {
    contacts_[ContactKey(a, c.counterparty)].push_back(c.spec.opened);
  }
  if (c.power().category == Category::kProcurement && c.amount) {
    purchases_[c.counterparty].emplace_back(c.spec.opened, *c.amount);
  }
}

DemoCases Generator::Run() {
  PlanPowers();
  Rng schedule = root_.Fork("schedule");
  ScheduleGroups(schedule);
  ScheduleNotInForce(schedule);
  ScheduleCases(schedule);

  DemoCases out;
  Rng rng = root_.Fork("cases");
  std::map<int, std::vector<engine::Event>> months;  // year * 12 + month → events
  std::map<Date, int> serials;                       // cases opened so far on each day
  for (const CaseSpec& spec : specs_) {
    Case c;
    c.spec = spec;
    if (!Simulate(c, rng)) continue;
    const Date opened = ChinaDate(c.spec.opened);
    const int serial = ++serials[opened];
    const auto ymd = opened.Ymd();
    char id[32];
    std::snprintf(id, sizeof id, "YX-%04d%02u%02u-%04d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), serial);
    c.id = id;
    ChooseCounterparty(c, rng);
    Remember(c);
    bool closed = false;
    std::vector<engine::Event> events = EventsOf(c, cutoff_, rng, closed);
    ++out.cases;
    out.events += events.size();
    const int month = static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month()));
    auto& group = months[month];
    group.insert(group.end(), std::make_move_iterator(events.begin()),
                 std::make_move_iterator(events.end()));
    if (!closed) ++out.open_at_today;
    if (closed && c.planted.empty() && !c.applicant.empty()) out.tracking_sample = c.id;
    if (!c.planted.empty()) {
      ++out.planted[c.planted];
      out.planted_cases[c.id] = c.planted;
    }
  }
  // One month at a time, so that only one month is ever held twice.
  for (auto it = months.begin(); it != months.end(); it = months.erase(it)) {
    out.by_month.push_back(SortedByTime(std::move(it->second)));
  }
  return out;
}

}  // namespace

std::string DemoApplicantPhone(const std::string& case_id) {
  const Hash h = Sha256("demo-phone:" + case_id);
  const unsigned n = (static_cast<unsigned>(h[0]) << 8 | h[1]) % 10000;
  char phone[16];
  std::snprintf(phone, sizeof phone, "1380013%04u", n);
  return phone;
}

DemoCases GenerateDemoCases(const catalog::Catalog& county, const CaseGenOptions& options) {
  auto china = calendar::WorkCalendar::China();
  const calendar::WorkCalendar::Ptr calendar =
      china ? *china : calendar::WorkCalendar::WeekendsOnly();
  Generator generator(county, options, *calendar);
  return generator.Run();
}

}  // namespace dl::demo
