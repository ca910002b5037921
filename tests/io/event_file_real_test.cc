// The five BPI Challenge 2020 logs (../shared/data/bpic2020) through the example mappings
// (examples/bpic2020): every XES event is read (kept, or skipped where a mapping leaves out the
// events of other documents), one opened and one closed per trace, nothing unmapped; and each
// log conforms to its example flow as examples/bpic2020/README.md reports.
#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>

#include "engine/conformance.h"
#include "io/catalog_file.h"
#include "io/event_file.h"

namespace dl::io {
namespace {

const std::string kData = std::string(DAYLIGHT_SHARED_DIR) + "/data/bpic2020/";
const std::string kExamples = std::string(DAYLIGHT_SOURCE_DIR) + "/examples/bpic2020/";

struct Log {
  const char* file;
  const char* mapping;
  size_t traces;
  size_t events;   // XES <event> elements, as the data's README counts them
  size_t skipped;  // of those, left out by the mapping (activities of other documents)
};

void PrintTo(const Log& log, std::ostream* os) { *os << log.file; }

class RealLogTest : public ::testing::TestWithParam<Log> {};

TEST_P(RealLogTest, EveryEventIsRead) {
  const Log& log = GetParam();
  EventReadOptions options;
  options.mapping_path = kExamples + log.mapping;
  auto read = ReadEventFile(kData + log.file, options);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  for (const auto& p : read->problems) ADD_FAILURE() << Describe(p);
  EXPECT_EQ(read->counts.records, log.events);
  EXPECT_EQ(read->counts.cases, log.traces);
  EXPECT_EQ(read->counts.opened, log.traces);
  EXPECT_EQ(read->counts.closed, log.traces);
  EXPECT_EQ(read->counts.skipped, log.skipped);
  EXPECT_EQ(read->counts.unmapped, 0u);
  EXPECT_EQ(read->counts.events, log.events - log.skipped + 2 * log.traces);
  EXPECT_EQ(read->events.size(), read->counts.events);
}

INSTANTIATE_TEST_SUITE_P(
    Bpic2020, RealLogTest,
    ::testing::Values(
        Log{"DomesticDeclarations.xes.gz", "domestic-declarations.mapping.toml", 10357, 55628, 0},
        // The reminders (Send Reminder) are left out.
        Log{"InternationalDeclarations.xes.gz", "international-declarations.mapping.toml", 6323,
            70727, 418},
        // The declarations, prepayments, payments and reminders are left out.
        Log{"PermitLog.xes.gz", "permit-log.mapping.toml", 6426, 81092, 46391},
        Log{"PrepaidTravelCost.xes.gz", "prepaid-travel-cost.mapping.toml", 2007, 17507, 0},
        Log{"RequestForPayment.xes.gz", "request-for-payment.mapping.toml", 6760, 36072, 0}),
    [](const ::testing::TestParamInfo<Log>& param) {
      std::string name = param.param.file;
      return name.substr(0, name.find('.'));
    });

// Runs every case of a log through the conformance engine; deviation counts by kind and the
// number of cases without any.
struct Conformed {
  size_t cases = 0;
  size_t conforming = 0;
  std::map<std::string, size_t> deviations;  // kind → events
};

Conformed Conform(const std::string& catalog_file, const std::string& power, const std::string& log,
                  const std::string& mapping) {
  Conformed out;
  auto catalog = ReadCatalogFile(catalog_file);
  EXPECT_TRUE(catalog && catalog->problems.empty());
  if (!catalog) return out;
  auto flow = engine::CompiledFlow::Compile(catalog->catalog.powers.at(power).power.flow);
  EXPECT_TRUE(flow.has_value());
  EventReadOptions options;
  options.mapping_path = mapping;
  auto read = ReadEventFile(log, options);
  EXPECT_TRUE(read.has_value());
  if (!flow || !read) return out;
  engine::CaseState state;
  engine::CaseValues values;
  bool clean = true;
  for (const auto& e : read->events) {
    engine::Verdict verdict;
    if (e.type == engine::EventType::kOpened) {
      out.conforming += out.cases > 0 && clean ? 1 : 0;
      ++out.cases;
      clean = true;
      values = {};
      values.Merge(e);
      verdict = engine::Conformance::Open(**flow, state, values.ToJson());
    } else if (e.type == engine::EventType::kStarted) {
      verdict = engine::Conformance::OnStarted(**flow, state, e.node);
    } else if (e.type == engine::EventType::kCompleted) {
      values.Merge(e);
      verdict = engine::Conformance::OnCompleted(**flow, state, e.node, values.ToJson());
    } else if (e.type == engine::EventType::kClosed) {
      verdict = engine::Conformance::OnClosed(**flow, state);
    }
    for (const auto& d : verdict.deviations) {
      ++out.deviations[std::string(engine::kDeviationKinds.Label(d.kind))];
      clean = false;
    }
  }
  out.conforming += out.cases > 0 && clean ? 1 : 0;
  return out;
}

// The numbers examples/bpic2020/README.md reports.
TEST(RealConformanceTest, DomesticDeclarationsMostlyConform) {
  Conformed c = Conform(kExamples + "domestic-declarations.catalog.json", "CW-BPI-001",
                        kData + "DomesticDeclarations.xes.gz",
                        kExamples + "domestic-declarations.mapping.toml");
  EXPECT_EQ(c.cases, 10357u);
  EXPECT_EQ(c.conforming, 9806u);
  EXPECT_EQ(c.deviations,
            (std::map<std::string, size_t>{
                {"提前办结", 445}, {"跳过环节", 127}, {"顺序颠倒", 7}, {"重复办理", 3}}));
}

TEST(RealConformanceTest, RequestsForPaymentMostlyConform) {
  Conformed c =
      Conform(kExamples + "request-for-payment.catalog.json", "CW-BPI-005",
              kData + "RequestForPayment.xes.gz", kExamples + "request-for-payment.mapping.toml");
  EXPECT_EQ(c.cases, 6760u);
  EXPECT_EQ(c.conforming, 6119u);
  EXPECT_EQ(c.deviations,
            (std::map<std::string, size_t>{
                {"提前办结", 573}, {"跳过环节", 85}, {"顺序颠倒", 4}, {"重复办理", 1}}));
}

// The permit, the trip and the document (declaration, prepayment) in one flow: most of the
// deviations are trips before the permit's approval and documents without a permit record.
TEST(RealConformanceTest, InternationalDeclarations) {
  Conformed c = Conform(kExamples + "international-declarations.catalog.json", "CW-BPI-002",
                        kData + "InternationalDeclarations.xes.gz",
                        kExamples + "international-declarations.mapping.toml");
  EXPECT_EQ(c.cases, 6323u);
  EXPECT_EQ(c.conforming, 4290u);
  EXPECT_EQ(c.deviations,
            (std::map<std::string, size_t>{
                {"提前办结", 245}, {"未知环节", 35}, {"跳过环节", 1985}, {"顺序颠倒", 4472}}));
}

TEST(RealConformanceTest, Permits) {
  Conformed c = Conform(kExamples + "permit-log.catalog.json", "CW-BPI-003",
                        kData + "PermitLog.xes.gz", kExamples + "permit-log.mapping.toml");
  EXPECT_EQ(c.cases, 6426u);
  EXPECT_EQ(c.conforming, 5109u);
  EXPECT_EQ(c.deviations, (std::map<std::string, size_t>{
                              {"未知环节", 82}, {"跳过环节", 1254}, {"顺序颠倒", 3230}}));
}

TEST(RealConformanceTest, PrepaidTravelCosts) {
  Conformed c =
      Conform(kExamples + "prepaid-travel-cost.catalog.json", "CW-BPI-004",
              kData + "PrepaidTravelCost.xes.gz", kExamples + "prepaid-travel-cost.mapping.toml");
  EXPECT_EQ(c.cases, 2007u);
  EXPECT_EQ(c.conforming, 1519u);
  EXPECT_EQ(c.deviations,
            (std::map<std::string, size_t>{
                {"提前办结", 98}, {"未知环节", 14}, {"跳过环节", 431}, {"顺序颠倒", 365}}));
}

}  // namespace
}  // namespace dl::io
