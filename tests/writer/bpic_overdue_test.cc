// The BPI Challenge 2020 logs through the whole pipeline — the example catalogue, the XES
// mapping, the writer with every built-in rule on the example's weekends-only calendar — and
// the warnings examples/bpic2020/README.md reports: the flow deviations and the slow steps
// (payment requests and payments late against the example's time limits; for the travel
// permits, trips before their approval). And the five example catalogues themselves: valid,
// one organisation, and an import followed by an export gives the file back byte for byte.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "io/catalog_file.h"
#include "service/catalog_service.h"
#include "service/event_service.h"
#include "testing/temp_dir.h"
#include "writer/writer.h"

namespace dl::writer {
namespace {

const std::string kData = std::string(DAYLIGHT_SHARED_DIR) + "/data/bpic2020/";
const std::string kExamples = std::string(DAYLIGHT_SOURCE_DIR) + "/examples/bpic2020/";

struct Imported {
  service::EventImportReport report;
  // "overdue-step 红牌" → warnings, by the level the rule gave (before the repetition rule of
  // 预警处置 raised a third yellow card red: docs/disposal.md)
  std::map<std::string, size_t> by_rule_and_level;
  size_t promoted = 0;                          // warnings raised red by the repetition rule
  std::map<std::string, size_t> late_steps;     // step name → overdue-step warnings
  std::map<std::string, size_t> cases_by_rule;  // rule → cases with at least one warning
};

Imported Import(const std::string& catalog, const std::string& log, const std::string& mapping) {
  Imported out;
  testing::TempDir dir;
  auto store = std::move(*store::OpenSqliteStore(dir.File("bpi.db"), {.create = true}));
  auto calendar = calendar::WorkCalendar::WeekendsOnly(std::chrono::hours(1));
  // The example's calendar file says the same; reading it checks that it does.
  std::ifstream file(kExamples + "calendar.toml");
  std::stringstream text;
  text << file.rdbuf();
  auto from_file = calendar::WorkCalendar::FromToml(text.str(), "calendar.toml");
  EXPECT_TRUE(from_file) << from_file.error().message;
  if (from_file) {
    EXPECT_EQ((*from_file)->kind(), calendar::CalendarKind::kWeekends);
    EXPECT_EQ((*from_file)->utc_offset(), std::chrono::minutes(60));
    calendar = *from_file;
  }
  SystemClock clock;
  WriterOptions options;
  options.calendar = calendar;
  auto writer = Writer::Start(*store, clock, options);
  EXPECT_TRUE(writer) << writer.error().message;
  if (!writer) return out;
  auto cat = service::ImportCatalogFile(**writer, kExamples + catalog, "test", false, {});
  EXPECT_TRUE(cat) << cat.error().message;
  auto report = service::ImportEventFile(**writer, "test", kData + log,
                                         {.mapping_path = kExamples + mapping}, false);
  EXPECT_TRUE(report) << report.error().message;
  if (!report) return out;
  out.report = *report;
  writer->reset();  // every case is closed: nothing is left for a later tick
  auto warnings = store->Warnings({.limit = 1000000});
  EXPECT_TRUE(warnings);
  const std::regex step("的“(.+?)”环节");
  std::map<std::string, std::set<std::string>> cases;
  for (const auto& w : warnings.value_or(std::vector<store::WarningRow>{})) {
    ++out.by_rule_and_level[w.rule + " " + w.base_level];
    out.promoted += w.level != w.base_level;
    cases[w.rule].insert(w.case_id);
    std::smatch m;
    if (w.rule == "overdue-step" && std::regex_search(w.message, m, step)) ++out.late_steps[m[1]];
  }
  for (const auto& [rule, ids] : cases) out.cases_by_rule[rule] = ids.size();
  return out;
}

TEST(BpicWarningsTest, DomesticDeclarations) {
  Imported i = Import("domestic-declarations.catalog.json", "DomesticDeclarations.xes.gz",
                      "domestic-declarations.mapping.toml");
  EXPECT_EQ(i.report.cases.cases_opened, 10357u);
  EXPECT_EQ(i.report.read.records, 55628u);
  EXPECT_EQ(i.report.cases.deadline_unknown, 0u);
  EXPECT_EQ(i.by_rule_and_level, (std::map<std::string, size_t>{{"flow-deviation 黄牌", 582},
                                                                {"overdue-case 提醒", 339},
                                                                {"overdue-case 黄牌", 309},
                                                                {"overdue-case 红牌", 248},
                                                                {"overdue-step 提醒", 2},
                                                                {"overdue-step 黄牌", 2074},
                                                                {"overdue-step 红牌", 2618}}));
  EXPECT_EQ(i.cases_by_rule,
            (std::map<std::string, size_t>{
                {"flow-deviation", 551}, {"overdue-case", 701}, {"overdue-step", 4002}}));
  EXPECT_EQ(i.late_steps["申请付款"], 2559u);
  EXPECT_EQ(i.late_steps["付款"], 229u);
  EXPECT_EQ(i.late_steps["主管领导终审"], 1120u);
}

TEST(BpicWarningsTest, RequestsForPayment) {
  Imported i = Import("request-for-payment.catalog.json", "RequestForPayment.xes.gz",
                      "request-for-payment.mapping.toml");
  EXPECT_EQ(i.report.cases.cases_opened, 6760u);
  EXPECT_EQ(i.by_rule_and_level, (std::map<std::string, size_t>{{"collective-missing 红牌", 1},
                                                                {"flow-deviation 黄牌", 663},
                                                                {"overdue-case 提醒", 263},
                                                                {"overdue-case 黄牌", 259},
                                                                {"overdue-case 红牌", 140},
                                                                {"overdue-step 提醒", 2},
                                                                {"overdue-step 黄牌", 1587},
                                                                {"overdue-step 红牌", 1955}}));
  EXPECT_EQ(i.cases_by_rule, (std::map<std::string, size_t>{{"collective-missing", 1},
                                                            {"flow-deviation", 641},
                                                            {"overdue-case", 523},
                                                            {"overdue-step", 2908}}));
  EXPECT_EQ(i.late_steps["申请付款"], 1717u);
  EXPECT_EQ(i.late_steps["付款"], 159u);
}

// International declarations: the permit and the trip come first in the flow. Most deviations
// are trips before the permit's approval and declarations without a permit record; the
// reminders (Send Reminder) are left out by the mapping.
TEST(BpicWarningsTest, InternationalDeclarations) {
  Imported i = Import("international-declarations.catalog.json", "InternationalDeclarations.xes.gz",
                      "international-declarations.mapping.toml");
  EXPECT_EQ(i.report.cases.cases_opened, 6323u);
  EXPECT_EQ(i.report.read.records, 70727u);
  EXPECT_EQ(i.report.read.skipped, 418u);
  EXPECT_EQ(i.report.cases.events, 82955u);
  EXPECT_EQ(i.report.cases.unknown_power, 0u);
  EXPECT_EQ(i.report.cases.deadline_unknown, 0u);
  EXPECT_EQ(i.by_rule_and_level, (std::map<std::string, size_t>{{"flow-deviation 黄牌", 6737},
                                                                {"overdue-step 提醒", 94},
                                                                {"overdue-step 黄牌", 2876},
                                                                {"overdue-step 红牌", 3267}}));
  EXPECT_EQ(i.cases_by_rule,
            (std::map<std::string, size_t>{{"flow-deviation", 2033}, {"overdue-step", 3994}}));
  EXPECT_EQ(i.late_steps["提交报销单"], 1101u);  // 1 027 of them over 30 days after the trip
  EXPECT_EQ(i.late_steps["申请付款"], 1639u);
  EXPECT_EQ(i.late_steps["报销单主管领导终审"], 1207u);
  EXPECT_EQ(i.late_steps["出差申请主管领导审批"], 658u);
}

// Travel permits: approval, then the trip. The declarations, prepayments, payments and
// reminders in these traces are other powers' documents, left out by the mapping.
TEST(BpicWarningsTest, Permits) {
  Imported i = Import("permit-log.catalog.json", "PermitLog.xes.gz", "permit-log.mapping.toml");
  EXPECT_EQ(i.report.cases.cases_opened, 6426u);
  EXPECT_EQ(i.report.read.records, 81092u);
  EXPECT_EQ(i.report.read.skipped, 46391u);
  EXPECT_EQ(i.report.cases.events, 47553u);
  EXPECT_EQ(i.report.cases.unknown_power, 0u);
  EXPECT_EQ(i.report.cases.deadline_unknown, 0u);
  // One unit, one rule: from the third yellow card within 90 days on, they are raised red.
  EXPECT_GT(i.promoted, 4000u);
  EXPECT_EQ(i.by_rule_and_level, (std::map<std::string, size_t>{{"flow-deviation 黄牌", 4566},
                                                                {"overdue-step 提醒", 17},
                                                                {"overdue-step 黄牌", 848},
                                                                {"overdue-step 红牌", 458}}));
  EXPECT_EQ(i.cases_by_rule,
            (std::map<std::string, size_t>{{"flow-deviation", 1317}, {"overdue-step", 1214}}));
  EXPECT_EQ(
      i.report.cases.deviations,
      (std::map<std::string, size_t>{{"未知环节", 82}, {"跳过环节", 1254}, {"顺序颠倒", 3230}}));
  EXPECT_EQ(i.late_steps["主管领导审批"], 708u);
  EXPECT_EQ(i.late_steps["返回（出差结束）"], 176u);  // trips longer than 30 days
  EXPECT_EQ(i.late_steps["出发（出差开始）"], 45u);   // more than 180 days after approval
}

// Prepaid travel costs: the permit's approval, then the prepayment request and its payment.
TEST(BpicWarningsTest, PrepaidTravelCosts) {
  Imported i = Import("prepaid-travel-cost.catalog.json", "PrepaidTravelCost.xes.gz",
                      "prepaid-travel-cost.mapping.toml");
  EXPECT_EQ(i.report.cases.cases_opened, 2007u);
  EXPECT_EQ(i.report.read.records, 17507u);
  EXPECT_EQ(i.report.read.skipped, 0u);
  EXPECT_EQ(i.report.cases.events, 21521u);
  EXPECT_EQ(i.report.cases.unknown_power, 0u);
  EXPECT_EQ(i.report.cases.deadline_unknown, 0u);
  EXPECT_EQ(i.by_rule_and_level, (std::map<std::string, size_t>{{"collective-missing 红牌", 6},
                                                                {"flow-deviation 黄牌", 908},
                                                                {"overdue-step 提醒", 10},
                                                                {"overdue-step 黄牌", 885},
                                                                {"overdue-step 红牌", 661}}));
  EXPECT_EQ(i.cases_by_rule,
            (std::map<std::string, size_t>{
                {"collective-missing", 1}, {"flow-deviation", 488}, {"overdue-step", 1081}}));
  EXPECT_EQ(i.late_steps["申请付款"], 501u);
  EXPECT_EQ(i.late_steps["预付申请主管领导终审"], 314u);
  EXPECT_EQ(i.late_steps["提交预付申请"], 207u);  // 205 over 60 days after the permit
}

// Each example catalogue imports without a problem and exports back to the same bytes; all
// five declare one organisation, so they import into one database side by side.
TEST(BpicCatalogTest, ExampleCataloguesRoundTrip) {
  const char* files[] = {"domestic-declarations.catalog.json",
                         "international-declarations.catalog.json", "permit-log.catalog.json",
                         "prepaid-travel-cost.catalog.json", "request-for-payment.catalog.json"};
  testing::TempDir all_dir;
  auto all = std::move(*store::OpenSqliteStore(all_dir.File("all.db"), {.create = true}));
  SystemClock clock;
  auto together = Writer::Start(*all, clock, {});
  ASSERT_TRUE(together) << together.error().message;
  for (const char* file : files) {
    SCOPED_TRACE(file);
    std::ifstream in(kExamples + file);
    std::stringstream text;
    text << in.rdbuf();
    testing::TempDir dir;
    auto store = std::move(*store::OpenSqliteStore(dir.File("one.db"), {.create = true}));
    {
      auto writer = Writer::Start(*store, clock, {});
      ASSERT_TRUE(writer) << writer.error().message;
      auto report = service::ImportCatalogFile(**writer, kExamples + file, "test", false, {});
      ASSERT_TRUE(report) << report.error().message;
      EXPECT_TRUE(report->applied);
      for (const auto& p : report->problems) ADD_FAILURE() << io::Describe(p);
    }
    auto loaded = store->LoadCatalog();
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->powers.size(), 1u);
    EXPECT_EQ(io::CatalogJsonText(*loaded), text.str());
    auto joined = service::ImportCatalogFile(**together, kExamples + file, "test", false, {});
    ASSERT_TRUE(joined) << joined.error().message;
    EXPECT_TRUE(joined->applied);
    EXPECT_TRUE(joined->problems.empty());
  }
  together->reset();
  auto loaded = all->LoadCatalog();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->powers.size(), 5u);
}

}  // namespace
}  // namespace dl::writer
