// The BPI Challenge 2020 logs through the whole pipeline — the example catalogue, the XES
// mapping, the writer with every built-in rule on the example's weekends-only calendar — and
// the warnings examples/bpic2020/README.md reports: the flow deviations and the slow steps
// (payment requests and payments late against the example's time limits).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

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
  std::map<std::string, size_t> by_rule_and_level;  // "overdue-step 红牌" → warnings
  std::map<std::string, size_t> late_steps;         // step name → overdue-step warnings
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
  for (const auto& w : warnings.value_or(std::vector<store::WarningRow>{})) {
    ++out.by_rule_and_level[w.rule + " " + w.level];
    std::smatch m;
    if (w.rule == "overdue-step" && std::regex_search(w.message, m, step)) ++out.late_steps[m[1]];
  }
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
  EXPECT_EQ(i.late_steps["申请付款"], 1717u);
  EXPECT_EQ(i.late_steps["付款"], 159u);
}

}  // namespace
}  // namespace dl::writer
