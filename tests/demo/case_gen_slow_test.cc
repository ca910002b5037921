// The demo year, the slow checks (about a minute in a Debug build): every event through its JSON
// form, and every event through the real engine and the built-in rules, which must fire on
// the planted cases and stay silent on the clean ones.
#include <gtest/gtest.h>

#include <map>
#include <unordered_map>

#include "demo/case_gen.h"
#include "demo/demo.h"
#include "engine/case_engine.h"
#include "monitor/rules.h"
#include "monitor/window_rules.h"
#include "testing/demo_year.h"

namespace dl::demo {
namespace {

using engine::Event;
using engine::EventType;

const catalog::Catalog& County() { return testing::DemoCounty(); }
const DemoCases& Year() { return testing::DemoYear(); }

void EveryEventSurvivesItsJson() {
  size_t checked = 0;
  for (const auto& group : Year().by_month) {
    for (const Event& e : group) {
      auto back = engine::EventFromJson(engine::EventToJson(e));
      ASSERT_TRUE(back) << e.external_id << ": " << back.error().message;
      ASSERT_EQ(*back, e) << engine::EventToJson(e).dump();
      ASSERT_EQ(engine::EventJsonText(e), CanonicalJson(engine::EventToJson(e)));
      ++checked;
    }
  }
  EXPECT_EQ(checked, Year().events);
}

// The power's status on `day`, as the writer gives it to the rules.
std::optional<catalog::PowerStatus> StatusOn(const std::string& code, Date day) {
  auto it = County().powers.find(code);
  if (it == County().powers.end()) return std::nullopt;
  catalog::PowerStatus status = catalog::PowerStatus::kActive;
  for (const auto& change : it->second.history) {
    if (change.date <= day) status = change.status;
  }
  return status;
}

// Findings of the built-in rules (overdue aside: they run on the deadline index) per case and
// rule, with the events fed one month per submission as the writer records them.
std::map<std::string, std::map<std::string, size_t>> Findings() {
  std::map<std::string, std::map<std::string, size_t>> out;
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
  const monitor::RuleParams params;
  monitor::WindowRules windows(params);
  std::unordered_map<std::string, monitor::CaseView> views;
  std::unordered_map<std::string, engine::CaseValues> values;
  for (const auto& group : Year().by_month) {
    engine.Mark();
    windows.Mark();
    for (const Event& e : group) {
      auto applied = engine.Apply(e);
      EXPECT_TRUE(applied) << e.external_id << ": " << applied.error().message;
      if (!applied) continue;
      // The case as the rules see it after this event (as the writer shows it to them).
      monitor::CaseView& view = views[e.case_id];
      if (e.type == EventType::kOpened) {
        view.id = e.case_id;
        view.power = e.power;
        view.opened = e.occurred;
        view.applicant = e.applicant;
        view.counterparty = e.counterparty;
      }
      const catalog::Power* power = nullptr;
      if (auto it = powers.find(view.power); it != powers.end()) power = it->second.get();
      if (power) view.unit = power->unit;
      engine::CaseValues& merged = values[e.case_id];
      merged.Merge(e);
      view.values = &merged;
      view.steps.push_back(
          {std::string(engine::kEventTypes.Label(e.type)), e.node, e.actor, e.occurred});
      const Date day = ChinaDate(e.occurred);
      const monitor::EventContext ctx{e,
                                      view,
                                      County(),
                                      power,
                                      power ? StatusOn(view.power, day) : std::nullopt,
                                      power ? &applied->verdict : nullptr,
                                      day};
      for (const auto& f : monitor::CheckEvent(ctx, params)) ++out[e.case_id][f.rule];
      for (const auto& f : windows.Observe(ctx)) ++out[e.case_id][f.rule];
      if (e.type == EventType::kClosed) {
        views.erase(e.case_id);
        values.erase(e.case_id);
      }
    }
    engine.Commit();
    engine.EvictClosed();
    windows.Commit();
  }
  return out;
}

void TheRulesFireOnThePlantedCasesOnly() {
  const auto findings = Findings();
  const std::map<std::string, std::string> rule_of = {
      {"skipped-step", "flow-deviation"},
      {"out-of-order", "flow-deviation"},
      {"actor-post", "actor-post"},
      {"sod-pair", "sod-pair"},
      {"sod-applicant", "sod-applicant"},
      {"recusal", "recusal"},
      {"head-direct", "head-direct"},
      {"collective-missing", "collective-missing"},
      {"collective-quorum", "collective-quorum"},
      {"collective-last-speaker", "collective-last-speaker"},
      {"discretion", "discretion"},
      {"discretion-reasoned", "discretion"},
      {"backdating", "backdating"},
      {"power-not-in-force", "power-not-in-force"},
  };
  const auto& planted = Year().planted_cases;
  for (const auto& [id, rules] : findings) {
    if (!planted.contains(id))
      ADD_FAILURE() << id << " is clean but raised " << rules.begin()->first;
  }
  std::map<std::string, size_t> fired;  // rule → findings in planted cases
  for (const auto& [id, kind] : planted) {
    auto found = findings.find(id);
    auto rule = rule_of.find(kind);
    if (rule != rule_of.end()) {
      EXPECT_TRUE(found != findings.end() && found->second.contains(rule->second))
          << id << " (" << kind << ") raised no " << rule->second;
    }
    if (found != findings.end()) {
      for (const auto& [r, n] : found->second) fired[r] += n;
    }
  }
  // One finding or more per group: 2–3 purchases, 12–14 cases of one company.
  EXPECT_GE(fired["splitting"], Year().planted.at("splitting") / 3);
  EXPECT_GE(fired["concentration"], Year().planted.at("concentration") / 14);
}

// One test: ctest runs every test in a process of its own, and the year takes a while.
TEST(DemoCasesSlow, AYearOfCases) {
  EveryEventSurvivesItsJson();
  TheRulesFireOnThePlantedCasesOnly();
}

}  // namespace
}  // namespace dl::demo
