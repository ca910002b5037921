#include "demo/case_gen.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_map>

#include "calendar/calendar.h"
#include "demo/demo.h"
#include "engine/case_engine.h"
#include "testing/demo_year.h"

namespace dl::demo {
namespace {

using engine::DeviationKind;
using engine::Event;
using engine::EventType;

const catalog::Catalog& County() { return testing::DemoCounty(); }
const DemoCases& Year() { return testing::DemoYear(); }

const calendar::WorkCalendar& China() {
  static const calendar::WorkCalendar::Ptr china = *calendar::WorkCalendar::China();
  return *china;
}

bool Clean(const std::string& case_id) { return !Year().planted_cases.contains(case_id); }

std::string KindOf(const std::string& case_id) {
  auto it = Year().planted_cases.find(case_id);
  return it == Year().planted_cases.end() ? "" : it->second;
}

// Each case's events in order, and its power.
struct CaseEvents {
  const catalog::Power* power = nullptr;
  std::vector<const Event*> events;
};
const std::map<std::string, CaseEvents>& ByCase() {
  static const std::map<std::string, CaseEvents> cases = [] {
    std::map<std::string, CaseEvents> out;
    for (const auto& group : Year().by_month) {
      for (const Event& e : group) {
        CaseEvents& c = out[e.case_id];
        if (e.type == EventType::kOpened) c.power = &County().powers.at(e.power).power;
        c.events.push_back(&e);
      }
    }
    return out;
  }();
  return cases;
}

TEST(DemoCases, TheSameSeedGivesTheSameEvents) {
  CaseGenOptions options;
  options.seed = 5;
  options.cases = 1500;
  const DemoCases a = GenerateDemoCases(County(), options);
  const DemoCases b = GenerateDemoCases(County(), options);
  EXPECT_EQ(a.by_month, b.by_month);
  EXPECT_EQ(a.planted, b.planted);
  EXPECT_EQ(a.planted_cases, b.planted_cases);
  EXPECT_GE(a.cases, 1490u);  // a case that fits nowhere is left out
  options.seed = 6;
  EXPECT_NE(GenerateDemoCases(County(), options).by_month, a.by_month);
}

void HasTheShapeOfAYear() {
  const DemoCases& year = Year();
  EXPECT_GE(year.cases, 20000u);
  EXPECT_GE(year.events, 150000u);
  size_t events = 0, opened = 0, suspended = 0, meetings = 0, amounts = 0;
  const Instant cutoff = China().StartOfDay(DemoToday()) + std::chrono::hours(18);
  for (const auto& group : year.by_month) {
    events += group.size();
    for (const Event& e : group) {
      EXPECT_LE(e.occurred, cutoff) << e.external_id;
      EXPECT_LE(e.recorded, cutoff) << e.external_id;
      EXPECT_GE(e.recorded, e.occurred) << e.external_id;
      if (e.type == EventType::kSuspended) {
        ++suspended;
        EXPECT_FALSE(e.reason.empty()) << e.external_id;
      }
      if (e.meeting) ++meetings;
      if (e.amount) ++amounts;
      if (e.type != EventType::kOpened) continue;
      ++opened;
      const Date day = ChinaDate(e.occurred);
      EXPECT_GE(day, DemoToday().AddDays(-364)) << e.case_id;
      EXPECT_LE(day, DemoToday()) << e.case_id;
      EXPECT_TRUE(*China().IsWorkday(day)) << e.case_id << " opened on " << day.ToString();
      const auto minute =
          std::chrono::duration_cast<std::chrono::minutes>(e.occurred - China().StartOfDay(day))
              .count();
      EXPECT_TRUE((minute >= 510 && minute < 720) || (minute >= 840 && minute < 1050))
          << e.case_id << " opened outside office hours";
    }
  }
  EXPECT_EQ(events, year.events);
  EXPECT_EQ(opened, year.cases);
  EXPECT_GT(suspended, year.cases / 100);  // some licensing cases wait for 补正, 专家评审 …
  EXPECT_GT(meetings, year.cases / 100);
  EXPECT_GT(amounts, year.cases / 5);
  EXPECT_EQ(ByCase().size(), year.cases);
  // About 4 % still open at DemoToday, the most recent ones.
  EXPECT_GT(year.open_at_today, year.cases * 2 / 100);
  EXPECT_LT(year.open_at_today, year.cases * 6 / 100);
  std::set<std::pair<std::string, std::string>> ids;
  for (const auto& group : year.by_month) {
    for (const Event& e : group) EXPECT_TRUE(ids.emplace(e.source, e.external_id).second);
  }
}

void EachMonthHoldsWholeCasesInTimeOrder() {
  const DemoCases& year = Year();
  EXPECT_EQ(year.by_month.size(), 13u);  // 2025-11 … 2026-11
  std::set<std::string> earlier;         // cases of the groups before
  int last_month = 0;
  for (const auto& group : year.by_month) {
    ASSERT_FALSE(group.empty());
    std::set<std::string> here;
    int month = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      const Event& e = group[i];
      if (i > 0) {
        EXPECT_LE(group[i - 1].occurred, e.occurred) << e.external_id;
      }
      EXPECT_FALSE(earlier.contains(e.case_id)) << e.case_id << " spans two groups";
      here.insert(e.case_id);
      if (e.type != EventType::kOpened) continue;
      const auto ymd = ChinaDate(e.occurred).Ymd();
      const int m = static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month()));
      if (month == 0) month = m;
      EXPECT_EQ(m, month) << e.case_id << " opened in another month than its group";
    }
    EXPECT_GT(month, last_month);
    last_month = month;
    earlier.insert(here.begin(), here.end());
  }
  for (const auto& [id, c] : ByCase()) {
    ASSERT_FALSE(c.events.empty());
    EXPECT_EQ(c.events.front()->type, EventType::kOpened) << id;
  }
}

// Every event with a meeting, a decided value, a reason or a suspension, and one in 20 of the
// rest (every event: case_gen_slow_test.cc).
void EventsSurviveTheirJson() {
  size_t checked = 0, i = 0;
  for (const auto& group : Year().by_month) {
    for (const Event& e : group) {
      const bool rich = e.meeting || e.decided_value || !e.reason.empty() ||
                        e.type == EventType::kSuspended || e.type == EventType::kResumed;
      if (!rich && i++ % 20 != 0) continue;
      auto back = engine::EventFromJson(engine::EventToJson(e));
      ASSERT_TRUE(back) << e.external_id << ": " << back.error().message;
      ASSERT_EQ(*back, e) << engine::EventToJson(e).dump();
      ASSERT_EQ(engine::EventJsonText(e), CanonicalJson(engine::EventToJson(e)));
      ++checked;
    }
  }
  EXPECT_GT(checked, Year().events / 20);
}

void CleanCasesAreHandledByWhoeverHoldsTheNodesPost() {
  std::multimap<std::string, const org::Assignment*> of_person;
  for (const auto& [key, a] : County().assignments) of_person.emplace(a.person, &a);
  size_t checked = 0;
  for (const auto& [id, c] : ByCase()) {
    if (!Clean(id)) continue;
    for (const Event* e : c.events) {
      if (e->type != EventType::kStarted && e->type != EventType::kCompleted) continue;
      const catalog::Node* node = c.power->flow.FindNode(e->node);
      ASSERT_NE(node, nullptr) << e->external_id;
      const Date day = ChinaDate(e->occurred);
      bool holds = false;
      for (auto [it, end] = of_person.equal_range(e->actor); it != end; ++it) {
        holds = holds || (it->second->post == node->post && it->second->CoversDay(day));
      }
      EXPECT_TRUE(holds) << e->external_id << ": " << e->actor << " does not hold " << node->post
                         << " on " << day.ToString();
      ++checked;
    }
  }
  EXPECT_GT(checked, Year().events / 2);
}

// The clock of a step starts when the case reaches it: at the latest completion (or the
// opening) before the step starts. Suspensions of the case stop every clock.
void CleanCasesKeepTheirTimeLimits() {
  size_t cases = 0, steps = 0;
  std::map<std::string, size_t> late;  // planted kind → cases that show a late step or case
  for (const auto& [id, c] : ByCase()) {
    const std::string kind = KindOf(id);
    if (!kind.empty() && !kind.starts_with("overdue-")) continue;
    std::vector<calendar::Interval> suspended;
    Instant reached = c.events.front()->occurred;
    std::map<std::string, Instant> started;
    bool broke = false;
    for (const Event* e : c.events) {
      if (e->type == EventType::kSuspended) suspended.push_back({e->occurred, e->occurred});
      if (e->type == EventType::kResumed) suspended.back().end = e->occurred;
      if (e->type == EventType::kStarted) started[e->node] = reached;
      if (e->type == EventType::kCompleted) {
        const catalog::TimeLimit& limit = c.power->flow.FindNode(e->node)->time_limit;
        auto due = China().Deadline(started.at(e->node), limit, suspended);
        if (!limit.empty() && due) {
          ++steps;
          broke = broke || e->occurred >= *due;
          if (kind.empty()) {
            EXPECT_LT(e->occurred, *due) << e->external_id << " is late";
          }
        }
        reached = e->occurred;
      }
      if (e->type == EventType::kClosed && !c.power->time_limit.empty()) {
        auto due = China().Deadline(c.events.front()->occurred, c.power->time_limit, suspended);
        if (!due) continue;  // runs into a year without calendar data
        broke = broke || e->occurred >= *due;
        if (kind.empty()) {
          EXPECT_LT(e->occurred, *due) << id << " closed late";
        }
      }
    }
    if (kind.empty()) ++cases;
    if (broke) ++late[kind];
  }
  EXPECT_GT(cases, Year().cases * 8 / 10);
  EXPECT_GT(steps, Year().events / 3);
  for (const char* kind :
       {"overdue-step", "overdue-step-far", "overdue-case", "overdue-case-far"}) {
    EXPECT_EQ(late[kind], Year().planted.at(kind)) << kind;
  }
}

void DeviationsArePlantedAtLowRates() {
  const DemoCases& year = Year();
  for (const char* kind : {"skipped-step",      "out-of-order",
                           "actor-post",        "sod-pair",
                           "sod-applicant",     "recusal",
                           "head-direct",       "collective-missing",
                           "collective-quorum", "collective-last-speaker",
                           "discretion",        "discretion-reasoned",
                           "backdating",        "splitting",
                           "concentration",     "overdue-step",
                           "overdue-step-far",  "overdue-case",
                           "overdue-case-far",  "power-not-in-force"}) {
    ASSERT_TRUE(year.planted.contains(kind)) << kind;
    const size_t n = year.planted.at(kind);
    EXPECT_GE(n, 10u) << kind;
    EXPECT_LE(n, year.cases * 2 / 100) << kind;
  }
  size_t planted = 0;
  for (const auto& [kind, n] : year.planted) planted += n;
  EXPECT_EQ(planted, year.planted_cases.size());
  EXPECT_LT(planted, year.cases * 15 / 100);
}

// Every event through the real engine (compiled flows, conformance), one month per
// submission as the writer records them. (The rules over the same: case_gen_slow_test.cc.)
struct Judged {
  size_t events = 0, allowed = 0;
  std::map<std::string, std::set<DeviationKind>> deviations;  // case → kinds seen
};

const Judged& Judge() {
  static const Judged judged = [] {
    Judged out;
    std::map<std::string, std::shared_ptr<const catalog::Power>> powers;
    engine::CaseEngine engine(
        [&](const std::string& code, Instant opened) -> Result<engine::PinnedPower> {
          auto it = County().powers.find(code);
          if (it == County().powers.end() || it->second.power.effective_from > ChinaDate(opened)) {
            return Err(ErrorCode::kNotFound, "权力不在清单中: " + code);
          }
          auto& p = powers[code];
          if (!p) p = std::make_shared<const catalog::Power>(it->second.power);
          return engine::PinnedPower{1, p};
        });
    for (const auto& group : Year().by_month) {
      engine.Mark();
      for (const Event& e : group) {
        auto applied = engine.Apply(e);
        EXPECT_TRUE(applied) << e.external_id << ": " << applied.error().message;
        if (!applied) continue;
        ++out.events;
        if (applied->verdict.allowed) ++out.allowed;
        for (const auto& d : applied->verdict.deviations) out.deviations[e.case_id].insert(d.kind);
      }
      engine.Commit();
      engine.EvictClosed();
    }
    return out;
  }();
  return judged;
}

void MostEventsConformAndThePlantedDeviationsAreSeen() {
  const Judged& j = Judge();
  EXPECT_EQ(j.events, Year().events);
  EXPECT_GE(j.allowed, j.events * 98 / 100);
  for (const auto& [id, kinds] : j.deviations) {
    EXPECT_FALSE(Clean(id)) << id << " is clean but deviates";
  }
  for (const auto& [id, kind] : Year().planted_cases) {
    auto seen = j.deviations.find(id);
    const bool any = seen != j.deviations.end();
    if (kind == "skipped-step") {
      EXPECT_TRUE(any && seen->second.contains(DeviationKind::kSkippedStep)) << id;
    } else if (kind == "out-of-order") {
      EXPECT_TRUE(any && seen->second.contains(DeviationKind::kOutOfOrder)) << id;
    } else if (kind == "collective-missing" && any) {
      EXPECT_TRUE(seen->second.contains(DeviationKind::kWrongBranch)) << id;  // routed round
    }
  }
}

// One test for the whole year: ctest runs every test in a process of its own, and the year
// takes about 8 s to generate in a Debug build.
TEST(DemoCases, AYearOfCases) {
  HasTheShapeOfAYear();
  EachMonthHoldsWholeCasesInTimeOrder();
  EventsSurviveTheirJson();
  CleanCasesAreHandledByWhoeverHoldsTheNodesPost();
  CleanCasesKeepTheirTimeLimits();
  DeviationsArePlantedAtLowRates();
  MostEventsConformAndThePlantedDeviationsAreSeen();
}

}  // namespace
}  // namespace dl::demo
