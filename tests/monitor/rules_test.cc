#include "monitor/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "catalog/catalog_json.h"
#include "engine/compiled_flow.h"
#include "monitor/window_rules.h"
#include "testing/catalog_data.h"
#include "testing/data_suite.h"

namespace dl::monitor {
namespace {

namespace fs = std::filesystem;
using catalog::Category;
using engine::EventType;

std::string Render(const std::vector<Finding>& findings) {
  std::string s;
  for (const auto& f : findings) {
    s += f.rule + " " + std::string(kLevels.Label(f.level)) + " [" + f.person + "] " + f.message +
         "\n";
  }
  return s;
}

// Feeds events through the real engine (compiled flows, conformance) into the rules, building
// each event's context the way the writer does: the case's values after the event, its earlier
// steps, the power's status on the event's local day.
class Harness {
 public:
  Harness(catalog::Catalog declared, RuleParams params, Json case_defaults = Json::object())
      : declared_(std::move(declared)),
        params_(std::move(params)),
        window_(params_),
        defaults_(std::move(case_defaults)) {
    for (const auto& [code, rec] : declared_.powers) {
      if (rec.power.flow.empty()) continue;
      auto flow = engine::CompiledFlow::Compile(rec.power.flow);
      EXPECT_TRUE(flow) << code << ": " << flow.error().message;
      if (flow) flows_[code] = *flow;
    }
  }

  WindowRules& window() { return window_; }

  std::vector<Finding> Feed(const engine::Event& e) {
    auto [it, fresh] = cases_.try_emplace(e.case_id);
    Run& c = it->second;
    if (fresh) {
      c.view.id = e.case_id;
      c.view.power = e.power.empty() ? defaults_.value("power", "") : e.power;
      c.view.applicant = defaults_.value("applicant", "");
      c.view.counterparty = defaults_.value("counterparty", "");
      c.view.opened = e.occurred;
    }
    if (!e.applicant.empty()) c.view.applicant = e.applicant;
    if (!e.counterparty.empty()) c.view.counterparty = e.counterparty;
    c.values.Merge(e);
    c.view.values = &c.values;
    const Date day = DateOf(e.occurred + std::chrono::hours(8));
    const catalog::Power* power = nullptr;
    std::optional<catalog::PowerStatus> status;
    if (auto rec = declared_.powers.find(c.view.power); rec != declared_.powers.end()) {
      power = &rec->second.power;
      c.view.unit = power->unit;
      status = catalog::PowerStatus::kActive;
      for (const auto& change : rec->second.history) {
        if (change.date <= day) status = change.status;
      }
    }
    engine::Verdict verdict;
    const engine::Verdict* judged = nullptr;
    if (auto flow = flows_.find(c.view.power); flow != flows_.end()) {
      const engine::CompiledFlow& f = *flow->second;
      judged = &verdict;
      switch (e.type) {
        case EventType::kOpened:
          verdict = engine::Conformance::Open(f, c.state, c.values.ToJson());
          break;
        case EventType::kStarted:
          verdict = engine::Conformance::OnStarted(f, c.state, e.node);
          break;
        case EventType::kCompleted:
          verdict = engine::Conformance::OnCompleted(f, c.state, e.node, c.values.ToJson());
          break;
        case EventType::kClosed:
          verdict = engine::Conformance::OnClosed(f, c.state);
          break;
        default:
          judged = nullptr;
      }
    }
    EventContext ctx{e, c.view, declared_, power, status, judged, day};
    std::vector<Finding> out = CheckEvent(ctx, params_);
    for (Finding& f : window_.Observe(ctx)) out.push_back(std::move(f));
    c.view.steps.push_back(
        {std::string(engine::kEventTypes.Label(e.type)), e.node, e.actor, e.occurred});
    return out;
  }

 private:
  struct Run {
    CaseView view;
    engine::CaseValues values;
    engine::CaseState state;
  };
  catalog::Catalog declared_;
  RuleParams params_;
  WindowRules window_;
  Json defaults_;
  std::map<std::string, std::shared_ptr<const engine::CompiledFlow>> flows_;
  std::map<std::string, Run> cases_;
};

// ---- the data-driven suite: tests/monitor/data/*.json ----------------------------------------

fs::path DataDir() {
  // DAYLIGHT_RULES_DATA points the suite at another copy of the files (to see it fail).
  if (const char* dir = std::getenv("DAYLIGHT_RULES_DATA")) return dir;
  return fs::path(DAYLIGHT_SOURCE_DIR) / "tests" / "monitor" / "data";
}

// SampleCatalog plus the file's "catalog".
catalog::Catalog CatalogFor(const Json& file, const std::string& name) {
  std::vector<std::string> problems;
  catalog::Catalog c = testing::SampleCatalogWith(file.value("catalog", Json()), problems);
  for (const auto& p : problems) ADD_FAILURE() << name << " " << p;
  return c;
}

struct Seen {
  std::string event;
  Finding finding;
};

bool Matches(const Json& want, const Seen& seen) {
  const Finding& f = seen.finding;
  if (want.at("rule").get<std::string>() != f.rule) return false;
  if (want.at("level").get<std::string>() != kLevels.Label(f.level)) return false;
  if (want.contains("person") && want["person"].get<std::string>() != f.person) return false;
  if (want.contains("event") && want["event"].get<std::string>() != seen.event) return false;
  if (want.contains("message_contains")) {
    const Json& parts = want["message_contains"];
    for (const Json& part : parts.is_array() ? parts : Json::array({parts})) {
      if (f.message.find(part.get<std::string>()) == std::string::npos) return false;
    }
  }
  return true;
}

void RunFile(const fs::path& path) {
  const std::string name = path.filename().string();
  std::string error;
  auto file = ParseJson(testing::ReadText(path), &error);
  ASSERT_TRUE(file) << name << ": " << error;
  ASSERT_TRUE(file->contains("description") && file->contains("events") && file->contains("expect"))
      << name << ": needs description, events and expect";
  RuleParams params;
  if (file->contains("params")) {
    auto parsed = ParseRuleParams((*file)["params"].get<std::string>(), name);
    ASSERT_TRUE(parsed) << parsed.error().message;
    params = *parsed;
  }
  Harness h(CatalogFor(*file, name), params, file->value("case", Json::object()));
  std::vector<Seen> seen;
  int index = 0;
  for (Json ej : (*file)["events"]) {
    if (!ej.contains("source")) ej["source"] = "test";
    if (!ej.contains("id")) ej["id"] = "e" + std::to_string(index);
    ++index;
    auto e = engine::EventFromJson(ej);
    ASSERT_TRUE(e) << name << " event " << ej.dump() << ": " << e.error().message;
    for (Finding& f : h.Feed(*e)) seen.push_back({e->external_id, std::move(f)});
  }
  std::string all;
  for (const Seen& s : seen) all += s.event + ": " + Render({s.finding});
  std::vector<bool> used(seen.size(), false);
  for (const Json& want : (*file)["expect"]) {
    ASSERT_TRUE(FindRule(want.at("rule").get<std::string>())) << name << ": " << want.dump();
    bool found = false;
    for (size_t i = 0; i < seen.size() && !found; ++i) {
      if (!used[i] && Matches(want, seen[i])) used[i] = found = true;
    }
    EXPECT_TRUE(found) << name << " (" << (*file)["description"].get<std::string>()
                       << "): expected " << want.dump() << "\nfindings:\n"
                       << all;
  }
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_TRUE(used[i]) << name << ": unexpected finding at " << seen[i].event << ": "
                         << Render({seen[i].finding});
  }
}

std::vector<fs::path> DataFiles() { return testing::JsonFilesIn(DataDir()); }

TEST(RuleDataTest, TheDataDirectoryHoldsTheSuite) {
  EXPECT_GE(DataFiles().size(), 13u) << DataDir();
}

class RuleDataFileTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(RuleDataFileTest, FindingsAreExactlyTheExpectedOnes) { RunFile(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Data, RuleDataFileTest, ::testing::ValuesIn(DataFiles()),
                         testing::DataTestName);

// ---- the rule table and the parameters -----------------------------------------------------

TEST(RuleTableTest, OneRowPerRuleInIdOrderWithUniqueCodes) {
  std::set<std::string_view> codes, names;
  for (size_t i = 0; i < kRuleCount; ++i) {
    const RuleInfo& r = kBuiltinRules[i];
    EXPECT_EQ(static_cast<size_t>(r.id), i) << r.code;
    EXPECT_TRUE(codes.insert(r.code).second) << r.code;
    EXPECT_TRUE(names.insert(r.name).second) << r.name;
    ASSERT_NE(FindRule(r.code), nullptr) << r.code;
    EXPECT_EQ(FindRule(r.code)->id, r.id);
  }
  EXPECT_EQ(InfoOf(RuleId::kOverdueCase).kind, RuleKind::kDeadline);
  EXPECT_EQ(InfoOf(RuleId::kSodPair).code, "sod-pair");
  EXPECT_EQ(InfoOf(RuleId::kCollectiveLastSpeaker).name, "主要负责人未末位表态");
  EXPECT_EQ(InfoOf(RuleId::kSplitting).kind, RuleKind::kWindow);
  EXPECT_EQ(InfoOf(RuleId::kSodStatic).kind, RuleKind::kCatalog);
  EXPECT_EQ(InfoOf(RuleId::kPowerNotInForce).level, Level::kRed);
}

TEST(RuleParamsTest, DefaultsAreTheDocumentedOnes) {
  const RuleParams p;
  EXPECT_EQ(p.sod_pairs,
            (std::vector<KeywordPair>{
                {"受理", "审批"}, {"审核", "决定"}, {"经办", "复核"}, {"会计", "出纳"}}));
  EXPECT_EQ(p.static_sod_pairs, (std::vector<KeywordPair>{{"会计", "出纳"}, {"采购", "验收"}}));
  EXPECT_EQ(p.head_direct_categories,
            (std::vector<Category>{Category::kPersonnel, Category::kFinance, Category::kProject,
                                   Category::kProcurement}));
  EXPECT_EQ(p.collective_always, std::vector<Category>{Category::kMajorDecision});
  ASSERT_EQ(p.collective_amounts.size(), 3u);
  EXPECT_EQ(p.collective_amounts[0], std::make_pair(Category::kFinance, 500000.0));
  EXPECT_EQ(p.quorum_num * 3, p.quorum_den * 2);
  EXPECT_EQ(p.backdating_hours, 24);
  EXPECT_EQ(p.splitting_threshold, 200000);
  EXPECT_EQ(p.splitting_window_days, 30);
  EXPECT_EQ(p.concentration_max_count, 10);
  EXPECT_EQ(p.concentration_period_days, 90);
  EXPECT_EQ(p.discretion_with_reason, Level::kNotice);
  for (const RuleInfo& r : kBuiltinRules) {
    EXPECT_EQ(p.LevelOf(r.id), r.level) << r.code;
    EXPECT_TRUE(p.Enabled(r.id)) << r.code;
  }
}

TEST(RuleParamsTest, EveryKeyIsRead) {
  auto p = ParseRuleParams(R"toml(
[sod-pair]
pairs = [["初审", "终审"]]
level = "红牌"
[sod-static]
pairs = []
[head-direct]
categories = ["财务"]
stages = ["决策", "执行"]
[collective-missing]
always = ["三重一大", "人事"]
amounts = { "工程项目" = 1000000, "物资采购" = 300000.5 }
[collective-quorum]
quorum = "1/2"
[discretion]
with_reason = "黄牌"
[backdating]
hours = 72
enabled = false
[splitting]
categories = ["物资采购", "工程项目"]
threshold = 100000
window_days = 60
[concentration]
max_count = 5
period_days = 30
[window]
max_keys = 10
max_entries_per_key = 4
)toml",
                           "rules.toml");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->sod_pairs, (std::vector<KeywordPair>{{"初审", "终审"}}));
  EXPECT_EQ(p->LevelOf(RuleId::kSodPair), Level::kRed);
  EXPECT_TRUE(p->static_sod_pairs.empty());
  EXPECT_EQ(p->head_direct_categories, std::vector<Category>{Category::kFinance});
  EXPECT_EQ(p->head_direct_stages,
            (std::vector<catalog::Stage>{catalog::Stage::kDecision, catalog::Stage::kExecution}));
  EXPECT_EQ(p->collective_always,
            (std::vector<Category>{Category::kMajorDecision, Category::kPersonnel}));
  EXPECT_EQ(p->collective_amounts,
            (std::vector<std::pair<Category, double>>{{Category::kProject, 1000000},
                                                      {Category::kProcurement, 300000.5}}));
  EXPECT_EQ(p->quorum_num, 1);
  EXPECT_EQ(p->quorum_den, 2);
  EXPECT_EQ(p->discretion_with_reason, Level::kYellow);
  EXPECT_EQ(p->backdating_hours, 72);
  EXPECT_FALSE(p->Enabled(RuleId::kBackdating));
  EXPECT_TRUE(p->Enabled(RuleId::kSplitting));
  EXPECT_EQ(p->splitting_categories,
            (std::vector<Category>{Category::kProcurement, Category::kProject}));
  EXPECT_EQ(p->splitting_threshold, 100000);
  EXPECT_EQ(p->splitting_window_days, 60);
  EXPECT_EQ(p->concentration_max_count, 5);
  EXPECT_EQ(p->concentration_period_days, 30);
  EXPECT_EQ(p->window_max_keys, 10u);
  EXPECT_EQ(p->window_max_entries_per_key, 4u);
  EXPECT_EQ(p->LevelOf(RuleId::kRecusal), Level::kRed);  // untouched keys keep defaults
}

TEST(RuleParamsTest, ErrorsNameTheFileTheLineAndTheKey) {
  auto p = ParseRuleParams(R"toml([backdating]
hours = "一天"
[sod-pair]
pairs = [["受理"]]
levle = "红牌"
[overdue]
days = 3
[collective-quorum]
quorum = "3/2"
[head-direct]
categories = ["财政"]
[discretion]
with_reason = "橙牌"
[collective-missing]
amounts = { "财务" = -1, "土地" = 5 }
)toml",
                           "conf/rules.toml");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
  const std::string& m = p.error().message;
  for (const char* part : {
           "conf/rules.toml 第 2 行 backdating.hours: 应为 1 到 8784 之间的整数",
           "conf/rules.toml 第 4 行 sod-pair.pairs: 应为关键词对的数组",
           "conf/rules.toml 第 5 行 sod-pair.levle: 未知的键（可用：level、enabled、pairs）",
           "conf/rules.toml 第 6 行 overdue: 未知的规则（可用：flow-deviation、",
           "conf/rules.toml 第 9 行 collective-quorum.quorum: 应为不大于 1 的分数",
           "conf/rules.toml 第 11 行 head-direct.categories: 应为文本数组，取值为 行政许可、",
           "conf/rules.toml 第 13 行 discretion.with_reason: 应为 提醒、黄牌、红牌 之一",
           "conf/rules.toml 第 15 行 collective-missing.amounts.财务: 应为不小于 0 的金额（元）",
           "conf/rules.toml 第 15 行 collective-missing.amounts.土地: 不是权力类别",
       }) {
    EXPECT_NE(m.find(part), std::string::npos) << part << "\nin:\n" << m;
  }
  ASSERT_TRUE(p.error().details.is_array());
  EXPECT_EQ(p.error().details.size(), 9u) << p.error().details.dump();
  EXPECT_EQ(p.error().details[0]["line"], 2);  // in line order
  EXPECT_EQ(p.error().details[0]["key"], "backdating.hours");

  auto syntax = ParseRuleParams("[backdating]\nhours = = 3\n", "bad.toml");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().message.rfind("bad.toml 第 2 行: TOML 格式错误", 0), 0u)
      << syntax.error().message;
  auto not_table = ParseRuleParams("backdating = 3\n", "flat.toml");
  ASSERT_FALSE(not_table);
  EXPECT_NE(not_table.error().message.find("flat.toml 第 1 行 backdating: 应为表 [backdating]"),
            std::string::npos)
      << not_table.error().message;
  EXPECT_TRUE(ParseRuleParams("", "empty.toml"));
}

TEST(RuleParamsTest, TheExampleInTheDocsParses) {
  const std::string doc = testing::ReadText(fs::path(DAYLIGHT_SOURCE_DIR) / "docs" / "rules.md");
  const size_t begin = doc.find("```toml\n");
  ASSERT_NE(begin, std::string::npos);
  const size_t end = doc.find("```", begin + 8);
  ASSERT_NE(end, std::string::npos);
  auto p = ParseRuleParams(doc.substr(begin + 8, end - begin - 8), "docs/rules.md");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->backdating_hours, 48);
  EXPECT_EQ(p->LevelOf(RuleId::kBackdating), Level::kRed);
  EXPECT_FALSE(p->Enabled(RuleId::kConcentration));
  EXPECT_EQ(p->splitting_threshold, 100000);
  EXPECT_EQ(p->collective_amounts.size(), 2u);
}

// ---- contexts built by hand ----------------------------------------------------------------

engine::Event Step(EventType type, std::string node, std::string actor, const char* at) {
  engine::Event e;
  e.source = "test";
  e.external_id = node + "-" + actor;
  e.type = type;
  e.case_id = "C1";
  e.node = std::move(node);
  e.actor = std::move(actor);
  e.occurred = e.recorded = *ParseInstant(at);
  return e;
}

TEST(CheckEventTest, TheCaseStepsMayAlreadyHoldTheEventItself) {
  const catalog::Catalog declared = testing::SampleCatalog();
  const catalog::Power& power = declared.powers.at("XK-SCJ-001").power;
  CaseView view;
  view.id = "C1";
  view.power = power.code;
  view.applicant = "P001";
  view.steps = {{"completed", "N3", "P001", *ParseInstant("2026-05-06T01:00:00Z")}};
  const engine::Event e = Step(EventType::kCompleted, "N5", "P001", "2026-05-06T02:00:00Z");
  auto check = [&] {
    EventContext ctx{e,
                     view,
                     declared,
                     &power,
                     catalog::PowerStatus::kActive,
                     nullptr,
                     Date::FromYmd(2026, 5, 6)};
    RuleParams params;
    params.enabled[static_cast<size_t>(RuleId::kActorPost)] = false;
    return CheckEvent(ctx, params);
  };
  // P001 did 业务股审核 and now 决定: one separation finding; the applicant finding fell on N3.
  const std::string expected =
      "sod-pair 黄牌 [P001] 王建国 既办理了“业务股审核”又办理了“决定”（办件 C1），违反职责分离\n";
  EXPECT_EQ(Render(check()), expected);
  view.steps.push_back(
      {"completed", "N5", "P001", *ParseInstant("2026-05-06T02:00:00.000Z")});  // the writer's way
  EXPECT_EQ(Render(check()), expected);
  view.steps.erase(view.steps.begin());  // only the event itself: its first act, no earlier step
  EXPECT_EQ(Render(check()),
            "sod-applicant 红牌 [P001] 王建国 是办件 C1 的申请人，却亲自办理了“决定”，应当回避\n");
}

TEST(CheckEventTest, ADisabledRuleIsSilentAndALevelCanBeChanged) {
  const catalog::Catalog declared = testing::SampleCatalog();
  CaseView view;
  view.id = "C1";
  engine::Event e = Step(EventType::kOpened, "", "P001", "2026-05-06T01:00:00Z");
  e.recorded = *ParseInstant("2026-05-08T01:00:00Z");
  EventContext ctx{e, view, declared, nullptr, std::nullopt, nullptr, Date::FromYmd(2026, 5, 6)};
  RuleParams params;
  EXPECT_EQ(CheckEvent(ctx, params).size(), 2u);  // unknown power, backdating
  params.enabled[static_cast<size_t>(RuleId::kPowerNotInForce)] = false;
  params.levels[static_cast<size_t>(RuleId::kBackdating)] = Level::kNotice;
  EXPECT_EQ(Render(CheckEvent(ctx, params)),
            "backdating 提醒 [P001] 办件 C1 于 2026-05-06 09:00 受理，2026-05-08 09:00 才录入，"
            "晚了 48 小时（超过 24 小时），疑似事后补录\n");
}

// ---- static separation of duties -------------------------------------------------------------

TEST(StaticSodTest, OnePersonHoldingPostsThatMustBeSeparate) {
  catalog::Catalog c = testing::SampleCatalog();
  c.units["YX-SCJ-CW"] = {
      "YX-SCJ-CW", "财务股", "YX-SCJ", org::UnitLevel::kSection, org::UnitKind::kInternal, ""};
  for (auto [code, name] :
       {std::pair{"KJ", "会计"}, {"CN", "出纳"}, {"CG", "采购员"}, {"YS", "验收员"}}) {
    c.posts[code] = {code, "YX-SCJ-CW", name, false, false};
  }
  c.persons["P007"] = {"P007", "陈静"};
  c.persons["P008"] = {"P008", "周强"};
  c.persons["P009"] = {"P009", "吴磊"};
  auto assign = [&](const char* person, const char* post, Date from, std::optional<Date> to) {
    org::Assignment a{person, post, from, to};
    c.assignments[a.Key()] = a;
  };
  const Date day = Date::FromYmd(2026, 7, 1);
  assign("P007", "KJ", Date::FromYmd(2024, 1, 1), std::nullopt);
  assign("P007", "CN", Date::FromYmd(2026, 7, 1), std::nullopt);                // from today
  assign("P008", "KJ", Date::FromYmd(2024, 1, 1), Date::FromYmd(2026, 6, 30));  // until yesterday
  assign("P008", "CN", Date::FromYmd(2026, 7, 1), std::nullopt);
  assign("P009", "YS", Date::FromYmd(2025, 1, 1), std::nullopt);
  assign("P009", "CG", Date::FromYmd(2025, 1, 1), Date::FromYmd(2026, 7, 1));  // last day today
  const RuleParams params;
  EXPECT_EQ(
      Render(CheckStaticSod(c, day, params)),
      "sod-static 黄牌 [P007] 陈静 于 2026-07-01 同时担任“会计”（财务股）和“出纳”（财务股）"
      "岗位，违反不相容岗位分离\n"
      "sod-static 黄牌 [P009] 吴磊 于 2026-07-01 同时担任“采购员”（财务股）和“验收员”（财务股）"
      "岗位，违反不相容岗位分离\n");
  EXPECT_EQ(CheckStaticSod(c, day.AddDays(1), params).size(), 1u);  // P009's 采购员 has ended
  EXPECT_TRUE(CheckStaticSod(testing::SampleCatalog(), day, params).empty());
  RuleParams off;
  off.enabled[static_cast<size_t>(RuleId::kSodStatic)] = false;
  EXPECT_TRUE(CheckStaticSod(c, day, off).empty());
}

// ---- the window rules: batches and bounds ---------------------------------------------------

catalog::Catalog ProcurementCatalog() {
  catalog::Catalog c = testing::SampleCatalog();
  catalog::Power p;
  p.code = "CG-1";
  p.name = "办公设备采购";
  p.category = Category::kProcurement;
  p.unit = "YX-SCJ";
  c.powers[p.code] = catalog::PowerRecord{p, 1, {}};
  return c;
}

// A purchase opened on `day` (1 = 2026-05-01).
engine::Event Purchase(const std::string& case_id, const std::string& supplier, double amount,
                       int day) {
  engine::Event e;
  e.source = "test";
  e.external_id = case_id;
  e.type = EventType::kOpened;
  e.case_id = case_id;
  e.power = "CG-1";
  e.counterparty = supplier;
  e.amount = amount;
  e.occurred = e.recorded =
      *ParseInstant("2026-05-01T01:00:00Z") + std::chrono::hours(24 * (day - 1));
  return e;
}

TEST(WindowRulesTest, RollingBackABatchForgetsItsObservations) {
  Harness h(ProcurementCatalog(), RuleParams());
  WindowRules& w = h.window();
  EXPECT_TRUE(h.Feed(Purchase("P1", "甲", 90000, 1)).empty());
  w.Commit();
  const size_t batch = w.Mark();
  EXPECT_EQ(h.Feed(Purchase("P2", "甲", 110000, 2)).size(), 1u);
  EXPECT_TRUE(h.Feed(Purchase("Q1", "乙", 50000, 2)).empty());
  EXPECT_EQ(w.keys(), 2u);
  EXPECT_EQ(w.entries(), 3u);
  w.RollbackTo(batch);
  EXPECT_EQ(w.keys(), 1u);
  EXPECT_EQ(w.entries(), 1u);
  // Had P2 survived the rollback, seeing it again would be "nothing new" and stay silent.
  EXPECT_EQ(h.Feed(Purchase("P2", "甲", 110000, 2)).size(), 1u);
  // Nested marks: rolling back the inner one keeps the outer batch's changes.
  const size_t inner = w.Mark();
  EXPECT_TRUE(h.Feed(Purchase("Q2", "乙", 10, 3)).empty());
  EXPECT_EQ(w.entries(), 3u);
  w.RollbackTo(inner);
  EXPECT_EQ(w.entries(), 2u);
  w.RollbackTo(batch);
  EXPECT_EQ(w.entries(), 1u);
  w.Commit();
  EXPECT_EQ(w.entries(), 1u);
}

// CommitTo forgets the undo log of a committed batch while the batch after it stays undoable.
TEST(WindowRulesTest, CommitToKeepsTheLaterBatchUndoable) {
  Harness h(ProcurementCatalog(), RuleParams());
  WindowRules& w = h.window();
  const size_t first = w.Mark();
  EXPECT_TRUE(h.Feed(Purchase("P1", "甲", 90000, 1)).empty());
  const size_t second = w.Mark();
  EXPECT_EQ(h.Feed(Purchase("P2", "甲", 110000, 2)).size(), 1u);
  w.CommitTo(second);
  w.RollbackTo(second);
  EXPECT_EQ(w.entries(), 1u);  // P1 kept, P2 undone
  w.RollbackTo(first);         // P1 is committed: it stays
  EXPECT_EQ(w.entries(), 1u);
  EXPECT_EQ(h.Feed(Purchase("P2", "甲", 110000, 2)).size(), 1u);
}

// A chain of batches that never pauses (CommitTo while the next is applied, never a full
// Commit) keeps for rollback only the batch not yet committed: no more than the first held.
TEST(WindowRulesTest, ANeverPausingChainKeepsOnlyTheUncommittedBatchForRollback) {
  Harness h(ProcurementCatalog(), RuleParams());
  WindowRules& w = h.window();
  size_t committed_end = w.Mark();
  size_t first_held = 0;
  for (int batch = 0; batch < 50; ++batch) {
    for (int i = 0; i < 5; ++i) {
      const std::string n = std::to_string(batch * 5 + i);
      (void)h.Feed(Purchase("P" + n, "供应商" + n, 1000, 1 + batch % 28));
    }
    const size_t end = w.Mark();
    w.CommitTo(committed_end);
    committed_end = end;
    if (batch == 0) first_held = w.undo_held();
    EXPECT_LE(w.undo_held(), first_held) << "batch " << batch;
  }
  EXPECT_GT(first_held, 0u);
  w.Commit();
  EXPECT_EQ(w.undo_held(), 0u);
}

TEST(WindowRulesTest, MemoryIsBounded) {
  RuleParams params;
  params.window_max_entries_per_key = 3;
  params.window_max_keys = 2;
  params.enabled[static_cast<size_t>(RuleId::kConcentration)] = false;
  Harness h(ProcurementCatalog(), params);
  WindowRules& w = h.window();
  for (int day = 1; day <= 5; ++day) {
    (void)h.Feed(Purchase("A" + std::to_string(day), "甲", 1000, day));
  }
  EXPECT_EQ(w.entries(), 3u);  // the oldest two were dropped
  (void)h.Feed(Purchase("B1", "乙", 150000, 6));
  (void)h.Feed(Purchase("C1", "丙", 150000, 7));
  EXPECT_EQ(w.keys(), 3u);
  w.Commit();
  EXPECT_EQ(w.keys(), 2u);  // 甲, idle longest, was dropped
  EXPECT_EQ(w.entries(), 2u);
  // 丙's window survived: a second purchase completes a split.
  EXPECT_EQ(h.Feed(Purchase("C2", "丙", 60000, 8)).size(), 1u);
  // Keys whose purchases all lie a window (30 days) behind the latest event are swept.
  (void)h.Feed(Purchase("D1", "丁", 10, 38));  // 乙 (day 6) and 丙 (day 8) are 30+ days behind
  EXPECT_EQ(w.keys(), 3u);
  w.Commit();
  EXPECT_EQ(w.keys(), 1u);
  EXPECT_EQ(w.entries(), 1u);
}

// Commit sweeps idle keys once the observations since the last sweep number at least half
// the keys: one event does not make it read ten thousand windows, a few more do.
TEST(WindowRulesTest, CommitSweepsOnceEnoughHasBeenObserved) {
  RuleParams params;
  params.enabled[static_cast<size_t>(RuleId::kConcentration)] = false;
  Harness h(ProcurementCatalog(), params);
  WindowRules& w = h.window();
  for (int i = 0; i < 10; ++i)
    (void)h.Feed(Purchase("A" + std::to_string(i), "甲" + std::to_string(i), 10, 1));
  w.Commit();
  EXPECT_EQ(w.keys(), 10u);                    // none idle yet
  (void)h.Feed(Purchase("B0", "乙", 10, 40));  // the ten fall 30+ days behind
  w.Commit();
  EXPECT_EQ(w.keys(), 11u);  // 1 observation, 11 keys: not yet
  for (int i = 1; i <= 5; ++i) (void)h.Feed(Purchase("B" + std::to_string(i), "乙", 10, 40));
  w.Commit();
  EXPECT_EQ(w.keys(), 1u);  // 6 observations ≥ 11 / 2: swept
}

// Rotation: a high-risk post (the 受理 node N1 of the licence carries a high risk; its post is
// SCJ-ZC-KY) held without a break for five years; consecutive assignments are one tenure, a
// day's gap starts a new one, and a post without a high risk is never flagged.
TEST(RotationTest, AHighRiskPostHeldFiveYearsWithoutABreak) {
  catalog::Catalog c = testing::SampleCatalog();
  c.persons["P003"] = {"P003", "张伟"};
  c.persons["P004"] = {"P004", "赵敏"};
  auto assign = [&](const std::string& person, const std::string& post, Date from,
                    std::optional<Date> to) {
    org::Assignment a{person, post, from, to};
    c.assignments[a.Key()] = a;
  };
  // P003: two consecutive terms on SCJ-ZC-KY from 2021-03-01.
  assign("P003", "SCJ-ZC-KY", Date::FromYmd(2021, 3, 1), Date::FromYmd(2023, 12, 31));
  assign("P003", "SCJ-ZC-KY", Date::FromYmd(2024, 1, 1), std::nullopt);
  // P004: the same post, with a day's gap in 2023.
  assign("P004", "SCJ-ZC-KY", Date::FromYmd(2020, 1, 1), Date::FromYmd(2023, 6, 29));
  assign("P004", "SCJ-ZC-KY", Date::FromYmd(2023, 7, 1), std::nullopt);
  RuleParams params;
  EXPECT_TRUE(CheckRotation(c, Date::FromYmd(2026, 2, 28), params).empty());
  auto found = CheckRotation(c, Date::FromYmd(2026, 3, 1), params);
  ASSERT_EQ(found.size(), 1u) << Render(found);
  EXPECT_EQ(found[0].rule, "rotation");
  EXPECT_EQ(found[0].person, "P003");
  EXPECT_EQ(found[0].level, Level::kYellow);
  EXPECT_NE(found[0].message.find("张伟 自 2021-03-01 起连续在“科员”（注册许可股）岗位任职，至 "
                                  "2026-03-01 已满 5 年未轮岗"),
            std::string::npos)
      << found[0].message;
  // P001 has headed the bureau since 2021-03-01, but 局长's node (决定) carries no high risk.
  for (const auto& f : found) EXPECT_NE(f.person, "P001");
  // A shorter limit from the parameters; the rule can be switched off.
  auto parsed = ParseRuleParams("[rotation]\nyears = 3\n", "rules.toml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(CheckRotation(c, Date::FromYmd(2026, 7, 1), *parsed).size(), 2u);
  parsed->enabled[static_cast<size_t>(RuleId::kRotation)] = false;
  EXPECT_TRUE(CheckRotation(c, Date::FromYmd(2026, 7, 1), *parsed).empty());
}

// 动态管理: a risk of a power in force past its review date (R1 and R2 of the licence are due
// 2027-01-10) is a notice, once per risk and date; a power no longer in force is not judged.
TEST(ReviewOverdueTest, ARiskPastItsReviewDateInAPowerInForce) {
  catalog::Catalog c = testing::SampleCatalog();
  RuleParams params;
  EXPECT_TRUE(CheckReviewOverdue(c, Date::FromYmd(2027, 1, 10), params).empty());
  auto found = CheckReviewOverdue(c, Date::FromYmd(2027, 1, 11), params);
  ASSERT_EQ(found.size(), 2u) << Render(found);
  EXPECT_EQ(found[0].rule, "review-overdue");
  EXPECT_EQ(found[0].level, Level::kNotice);
  EXPECT_EQ(found[0].unit, "YX-SCJ");
  EXPECT_EQ(found[0].power, "XK-SCJ-001");
  EXPECT_EQ(found[0].subject, "risk:XK-SCJ-001/R1@2027-01-10");
  EXPECT_NE(
      found[0].message.find("应于 2027-01-10 前重新评估，至 2027-01-11 仍未评估；风险点及其 1 "
                            "项防控措施须重新评估确认"),
      std::string::npos)
      << found[0].message;
  // Re-assessed: the date moves and the finding goes (a later lapse has a new subject).
  c.powers["XK-SCJ-001"].power.risks[0].next_review = Date::FromYmd(2028, 1, 10);
  found = CheckReviewOverdue(c, Date::FromYmd(2027, 1, 11), params);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subject, "risk:XK-SCJ-001/R2@2027-01-10");
  // Cancelled: nobody exercises it, nothing to review.
  c.powers["XK-SCJ-001"].history.push_back(
      {Date::FromYmd(2026, 12, 1), catalog::PowerStatus::kCancelled, "取消", "", "文号"});
  EXPECT_TRUE(CheckReviewOverdue(c, Date::FromYmd(2027, 1, 11), params).empty());
  params.enabled[static_cast<size_t>(RuleId::kReviewOverdue)] = false;
  c.powers["XK-SCJ-001"].history.clear();
  EXPECT_TRUE(CheckReviewOverdue(c, Date::FromYmd(2027, 1, 11), params).empty());
}

}  // namespace
}  // namespace dl::monitor

namespace dl::monitor {
namespace {

TEST(RuleParamsTest, TheDisposalTableSetsDueTimesEscalationAndRepetition) {
  auto p = ParseRuleParams(R"toml([disposal]
reply_days = [15, 7, 2]
review_days = 3
escalate = false
repeat_yellow_count = 4
repeat_yellow_days = 0
)toml",
                           "rules.toml");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->disposal.reply_days, (std::array<int, 3>{15, 7, 2}));
  EXPECT_EQ(p->disposal.review_days, 3);
  EXPECT_FALSE(p->disposal.escalate);
  EXPECT_EQ(p->disposal.repeat_yellow_count, 4);
  EXPECT_EQ(p->disposal.repeat_yellow_days, 0);
  EXPECT_EQ(ParseRuleParams("", "rules.toml")->disposal, DisposalParams{});

  auto bad = ParseRuleParams(R"toml([disposal]
reply_days = [5, 3]
escalate = "否"
repeat_yellow_count = 1
deadline = 3
)toml",
                             "rules.toml");
  ASSERT_FALSE(bad);
  for (const char* part : {
           "rules.toml 第 2 行 disposal.reply_days: 应为三个整数",
           "rules.toml 第 3 行 disposal.escalate: 应为 true 或 false",
           "rules.toml 第 4 行 disposal.repeat_yellow_count: 应为 2 到 1000 之间的整数",
           "rules.toml 第 5 行 disposal.deadline: 未知的键",
       }) {
    EXPECT_NE(bad.error().message.find(part), std::string::npos) << part << "\nin:\n"
                                                                 << bad.error().message;
  }
}

}  // namespace
}  // namespace dl::monitor
