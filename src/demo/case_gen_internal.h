// The pieces of the demo case generator (case_gen.h): the working-day table, a view of the
// organisation by post and day, the counterparty pools, the simulation of one case through
// its flow, and the planted deviations. Internal to src/demo.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "calendar/calendar.h"
#include "catalog/catalog.h"
#include "catalog/condition.h"
#include "demo/case_gen.h"
#include "demo/random.h"
#include "engine/event.h"

namespace dl::demo::casegen {

// ---- time (case_world.cc) ----

// Office hours, China time, in minutes after midnight: 08:30–12:00 and 14:00–17:30.
inline constexpr int kMorningFrom = 8 * 60 + 30, kMorningTo = 12 * 60;
inline constexpr int kAfternoonFrom = 14 * 60, kAfternoonTo = 17 * 60 + 30;

// The instant of minute `minute` of local (China) day `day`, and back.
Instant LocalTime(Date day, int minute);
int LocalMinute(Instant t);

// Working days of the Chinese calendar from 2025 to 2027, as a table (a year the calendar has
// no data for counts weekends only).
class WorkDays {
 public:
  explicit WorkDays(const calendar::WorkCalendar& calendar);
  bool IsWorkday(Date d) const;
  // `d` if it is a working day, else the next one.
  Date NextWorkday(Date d) const;
  // The n-th working day after `d` (n ≥ 1); `d` itself for n = 0.
  Date AddWorkdays(Date d, int n) const;
  // Working days in [from, to].
  std::vector<Date> Between(Date from, Date to) const;
  // When a limit starting at `start` runs out (calendar::WorkCalendar::Deadline), with
  // `suspended_workdays` whole working days of suspension inside.
  Instant Deadline(Instant start, const catalog::TimeLimit& limit, int suspended_workdays) const;

 private:
  Date first_;
  std::vector<bool> work_;
};

// A random office-hours instant on `day` strictly after `after`, or nullopt if none is left.
std::optional<Instant> OfficeTime(Rng& rng, Date day, std::optional<Instant> after = {});

// ---- organisation and parties (case_world.cc) ----

class OrgView {
 public:
  explicit OrgView(const catalog::Catalog& county);
  // The person holding `post` on `day`; empty if vacant.
  std::string Holder(const std::string& post, Date day) const;
  // Someone whose assignment to `post` ended before `day`; empty if none.
  std::string FormerHolder(const std::string& post, Date day) const;
  // The unit's head post (org::Post::head) and its leadership posts, head first.
  std::string HeadPost(const std::string& unit) const;
  const std::vector<std::string>& LeadershipPosts(const std::string& unit) const;
  // Posts whose unit (or section) is exactly `unit`.
  const std::vector<std::string>& PostsIn(const std::string& unit) const;
  const org::Post* Post(const std::string& code) const;
  const std::string& Name(const std::string& person) const;
  bool Related(const std::string& person, const std::string& counterparty) const;
  // Whether anyone declared a relation to the counterparty.
  bool HasRelations(const std::string& counterparty) const;
  const std::vector<org::Relation>& Relations() const { return relations_; }

 private:
  const catalog::Catalog& county_;
  std::unordered_map<std::string, std::vector<const org::Assignment*>> by_post_;
  std::unordered_map<std::string, std::vector<std::string>> leadership_, posts_in_;
  std::set<std::pair<std::string, std::string>> related_;
  std::set<std::string> related_counterparties_;
  std::vector<org::Relation> relations_;
  std::vector<std::string> none_;
};

// Counterparties: companies and shops (weighted: some deal with the county often) and
// citizens.
struct Parties {
  std::vector<std::string> companies;
  std::vector<int> company_weights;
  std::vector<std::string> citizens;
  static Parties Make(Rng rng);
  // A company drawn by weight (binary search over the running totals); with `supplier`, one
  // that sells to the government (a 有限公司, not a shop or a co-operative).
  const std::string& Company(Rng& rng, bool supplier = false) const;

 private:
  std::vector<size_t> totals_;  // running sums of company_weights
};

// ---- one case (case_sim.cc) ----

struct Step {
  const catalog::Node* node = nullptr;
  Instant arrival;  // when the case reached the step (its clock starts)
  Instant started, completed;
  std::string start_actor, actor;
  Json attributes = Json::object();
  std::string decision, grade, reason;
  std::optional<double> amount, decided_value;
  std::optional<engine::MeetingRecord> meeting;
  bool in_block = false;            // on a branch of a parallel (会签) block
  bool redo = false;                // planted: an earlier step done again
  bool skipped = false;             // planted: left out of the events
  int suspended_workdays = 0;       // whole working days the case was suspended during the step
  std::optional<Instant> recorded;  // planted: recorded late
};

struct Suspension {
  Instant begin, end;
  std::string reason;
};

// What the schedule fixed before a case is simulated.
struct CaseSpec {
  const catalog::PowerRecord* record = nullptr;
  Instant opened;
  std::string plant;         // the kind to plant; empty for a clean case
  std::string counterparty;  // fixed for a group (splitting, concentration)
  std::optional<double> amount;
};

struct Case {
  CaseSpec spec;
  std::string id;
  std::optional<double> amount;  // on the opened event
  std::string applicant, counterparty;
  Json open_attributes = Json::object();
  std::vector<Step> steps;  // in the order they ran (a block's branches one after another)
  std::vector<Suspension> suspensions;
  Instant closed;
  std::string outcome;
  std::string planted;  // the kind actually planted; empty when clean
  const catalog::Power& power() const { return spec.record->power; }
};

// How the simulation should run, for the plants that change the course of a case.
struct Course {
  double pace = 0.35;            // share of each node's limit a step takes, on average
  bool want_meeting = false;     // pick amounts and grades that lead to a collective node
  bool below_threshold = false;  // pick an amount that leads to the personal approval
  bool bypass = false;           // route a large amount round the collective node
  // A step made late: the late_step-th task (0-based) among those that can be (a limit of at
  // least 3 days, or hours; not collective), by late_factor of its limit.
  int late_step = -1;
  double late_factor = 0;
  bool slow_case = false;  // every step at 75–95 % of its limit
};

// Per power: what the simulation needs to know, computed once.
struct PowerFacts {
  bool amount_rule = false;    // finance, procurement, project: 500 000 needs a collective
  bool misflag_large = false;  // a decision-stage task precedes a collective node
  long long threshold = 0;     // the flow's `amount >= N`, 0 when none
  bool has_collective = false;
  bool application = false;       // applied for by the counterparty
  bool meeting_possible = false;  // a clean case can reach a meeting (collective, 三重一大)
  // Out-edges by node code, in declared order.
  std::unordered_map<std::string, std::vector<const catalog::Edge*>> out;
};

class Simulator {
 public:
  Simulator(const OrgView& org, const WorkDays& days);
  const PowerFacts& Facts(const catalog::Power& p);
  // Runs the case through its flow from spec.opened: values, branches, steps with actors and
  // times, meetings, suspensions, the close. False when the case cannot run so: a post it
  // needs is vacant on the day, or the course asks for a meeting the power cannot reach (the
  // caller tries again, another day, or without the plant).
  bool Run(Case& c, const Course& course, Rng& rng);
  // Whether every step keeps its node's time limit and the case the power's (WorkDays).
  bool WithinLimits(const Case& c) const;
  // A meeting of the unit's leadership on `day`, the head speaking last; nullopt when the
  // head's post is vacant (case_world.cc).
  std::optional<engine::MeetingRecord> Meeting(const std::string& unit, Date day, Rng& rng) const;
  const OrgView& org() const { return org_; }
  const WorkDays& days() const { return days_; }

 private:
  struct Walk;
  const OrgView& org_;
  const WorkDays& days_;
  std::map<std::string, PowerFacts> facts_;
  std::unordered_map<std::string, catalog::Condition> conditions_;
};

// ---- planted deviations and events (case_plant.cc) ----

// Changes a simulated case to carry `kind` (see case_gen.h) and sets c.planted. Returns
// false, leaving the case as it was, when the case offers no place for it. Kinds that change
// the course of a case (overdue, bypass, head-direct) were prepared by Course; recusal and
// sod-applicant set the counterparty. Nothing planted may be recorded after `cutoff`.
bool Plant(const std::string& kind, Case& c, const Simulator& sim, Instant cutoff, Rng& rng);

// The events of a simulated case, in time order (a stable sort: the case's own order of equal
// times is kept), up to `cutoff` (occurred and recorded). `closed` tells whether the close
// made it. Recorded = occurred + 0–20 minutes unless a plant says otherwise.
std::vector<engine::Event> EventsOf(const Case& c, Instant cutoff, Rng& rng, bool& closed);

}  // namespace dl::demo::casegen
