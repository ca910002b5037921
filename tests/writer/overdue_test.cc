// Overdue steps and cases through the whole writer (a real SQLite store, an injected clock):
// the data-driven suite tests/writer/data/overdue/*.json, then the writer's own tick.
//
// A data file: {"description", "catalog"?, "params"? (rules.toml text), "steps", "expect"}.
// Each step is one of
//   {"now": T, "events": [...]}   set the clock, record the events in one submission
//   {"tick": T}                   set the clock, run a deadline check
//   {"restart": true}             stop the writer and start it again from the store
// "expect" lists exactly the overdue warnings the store holds at the end (other rules'
// warnings are not compared): {"rule", "level", "case", "node", "stage", "raised",
// "evidence"? (count), "message_contains"? (string or array)}.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "monitor/rules.h"
#include "testing/catalog_data.h"
#include "testing/data_suite.h"
#include "writer/writer.h"

namespace dl::writer {
namespace {

namespace fs = std::filesystem;

fs::path DataDir() {
  // DAYLIGHT_OVERDUE_DATA points the suite at another copy of the files (to see it fail).
  if (const char* dir = std::getenv("DAYLIGHT_OVERDUE_DATA")) return dir;
  return fs::path(DAYLIGHT_SOURCE_DIR) / "tests" / "writer" / "data" / "overdue";
}

Instant At(const Json& j) {
  auto t = ParseInstant(j.get<std::string>());
  EXPECT_TRUE(t) << j.dump();
  return t.value_or(Instant{});
}

// The store's overdue warnings, as the ledger holds them.
std::vector<ledger::Entry> OverdueEntries(store::Store& store) {
  std::vector<ledger::Entry> out;
  const uint64_t size = *store.LedgerSize();
  auto entries = store.ReadEntries(1, size);
  EXPECT_TRUE(entries) << entries.error().message;
  for (const auto& e : entries.value_or(std::vector<ledger::Entry>{})) {
    if (e.kind == kWarningKind && e.payload.at("rule").get<std::string>().starts_with("overdue-")) {
      out.push_back(e);
    }
  }
  return out;
}

bool Matches(const Json& want, const Json& got) {
  for (const char* key : {"rule", "level", "case"}) {
    if (want.at(key) != got.at(key)) return false;
  }
  const Json& d = got.at("deadline");
  if (want.at("node") != d.at("node") || want.at("stage") != d.at("stage")) return false;
  if (At(want.at("raised")) != At(got.at("raised"))) return false;
  if (want.contains("evidence") && want["evidence"] != got["evidence"].size()) return false;
  if (want.contains("message_contains")) {
    const Json& parts = want["message_contains"];
    for (const Json& part : parts.is_array() ? parts : Json::array({parts})) {
      if (got["message"].get<std::string>().find(part.get<std::string>()) == std::string::npos) {
        return false;
      }
    }
  }
  return true;
}

class Run {
 public:
  explicit Run(const std::string& name) : name_(name) {}

  void Start(const Json& file) {
    path_ = dir_.File("o.db");
    store_ = std::move(*store::OpenSqliteStore(path_, {.create = true}));
    options_.auto_tick = false;
    if (file.contains("params")) {
      auto parsed = monitor::ParseRuleParams(file["params"].get<std::string>(), name_);
      ASSERT_TRUE(parsed) << parsed.error().message;
      options_.rules = *parsed;
    }
    Restart();
    std::vector<std::string> problems;
    catalog::Catalog c = testing::SampleCatalogWith(file.value("catalog", Json()), problems);
    for (const auto& p : problems) ADD_FAILURE() << name_ << " " << p;
    Submission sub{"t", {}, false};
    sub.commands.emplace_back(std::in_place_type<ImportCatalog>, std::move(c));
    auto r = writer_->Submit(std::move(sub));
    ASSERT_TRUE(r) << r.error().message;
  }

  void Restart() {
    writer_.reset();
    auto w = Writer::Start(*store_, clock_, options_);
    ASSERT_TRUE(w) << w.error().message;
    writer_ = std::move(*w);
  }

  void Step(const Json& step) {
    if (step.contains("restart")) {
      Restart();
    } else if (step.contains("tick")) {
      clock_.Set(At(step["tick"]));
      auto r = writer_->Tick();
      ASSERT_TRUE(r) << r.error().message;
    } else {
      clock_.Set(At(step.at("now")));
      std::vector<engine::Event> events;
      for (Json ej : step.at("events")) {
        if (!ej.contains("source")) ej["source"] = "test";
        if (!ej.contains("id")) ej["id"] = "e" + std::to_string(++ids_);
        auto e = engine::EventFromJson(ej);
        ASSERT_TRUE(e) << name_ << " event " << ej.dump() << ": " << e.error().message;
        events.push_back(std::move(*e));
      }
      Submission sub{"oa", {}, false};
      sub.commands.emplace_back(std::in_place_type<RecordEvents>, std::move(events));
      auto r = writer_->Submit(std::move(sub));
      ASSERT_TRUE(r) << name_ << ": " << r.error().message;
    }
  }

  store::Store& store() { return *store_; }

 private:
  std::string name_;
  testing::TempDir dir_;
  std::string path_;
  ManualClock clock_{*ParseInstant("2026-01-01T00:00:00Z")};
  std::unique_ptr<store::Store> store_;
  WriterOptions options_;
  std::unique_ptr<Writer> writer_;
  int ids_ = 0;
};

void RunFile(const fs::path& path) {
  const std::string name = path.filename().string();
  std::string error;
  auto file = ParseJson(testing::ReadText(path), &error);
  ASSERT_TRUE(file) << name << ": " << error;
  ASSERT_TRUE(file->contains("description") && file->contains("steps") && file->contains("expect"))
      << name << ": needs description, steps and expect";
  Run run(name);
  run.Start(*file);
  if (::testing::Test::HasFatalFailure()) return;
  for (const Json& step : (*file)["steps"]) {
    run.Step(step);
    if (::testing::Test::HasFatalFailure()) return;
  }
  const auto got = OverdueEntries(run.store());
  std::string all;
  for (const auto& e : got) all += "  " + e.payload.dump() + "\n";
  std::vector<bool> used(got.size(), false);
  for (const Json& want : (*file)["expect"]) {
    bool found = false;
    for (size_t i = 0; i < got.size() && !found; ++i) {
      if (!used[i] && Matches(want, got[i].payload)) used[i] = found = true;
    }
    EXPECT_TRUE(found) << name << " (" << (*file)["description"].get<std::string>()
                       << "): expected " << want.dump() << "\nraised:\n"
                       << all;
  }
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(used[i]) << name << ": unexpected warning " << got[i].payload.dump();
  }
}

std::vector<fs::path> DataFiles() { return testing::JsonFilesIn(DataDir()); }

TEST(OverdueDataTest, TheDataDirectoryHoldsTheSuite) {
  EXPECT_GE(DataFiles().size(), 6u) << DataDir();
}

class OverdueDataFileTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(OverdueDataFileTest, WarningsAreExactlyTheExpectedOnes) { RunFile(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Data, OverdueDataFileTest, ::testing::ValuesIn(DataFiles()),
                         testing::DataTestName);

// The writer ticks on its own once the earliest deadline has passed by its clock.
TEST(OverdueTickTest, TheWriterRaisesAPassedDeadlineByItself) {
  testing::TempDir dir;
  auto store = std::move(*store::OpenSqliteStore(dir.File("t.db"), {.create = true}));
  ManualClock clock{*ParseInstant("2026-03-02T01:00:00Z")};
  auto w = Writer::Start(*store, clock, {});
  ASSERT_TRUE(w) << w.error().message;
  auto& writer = **w;
  Submission catalog{"t", {}, false};
  catalog.commands.emplace_back(std::in_place_type<ImportCatalog>, testing::SampleCatalog());
  ASSERT_TRUE(writer.Submit(std::move(catalog)));
  engine::Event e;
  e.source = "oa";
  e.external_id = "1";
  e.case_id = "T1";
  e.power = "XK-SCJ-001";
  e.occurred = e.recorded = clock.Now();
  Submission sub{"oa", {}, false};
  sub.commands.emplace_back(std::in_place_type<RecordEvents>, std::vector<engine::Event>{e});
  ASSERT_TRUE(writer.Submit(std::move(sub)));
  EXPECT_TRUE(OverdueEntries(*store).empty());
  EXPECT_EQ(writer.stats().pending_deadlines, 1u);  // one per case: 受理's notice comes first
  // 受理 (1 working day) is due at the end of Tuesday; the clock passes it while the writer
  // sleeps, and the next submission (any) wakes it: the check runs in the same batch.
  clock.Set(*ParseInstant("2026-03-03T17:00:00Z"));
  Submission nudge{"t", {}, false};
  nudge.commands.emplace_back(std::in_place_type<Audit>, Audit{"audit.login", "account:a", {}});
  ASSERT_TRUE(writer.Submit(std::move(nudge)));
  std::vector<ledger::Entry> raised;
  for (int i = 0; i < 200 && raised.empty(); ++i) {
    raised = OverdueEntries(*store);
    if (raised.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(raised.size(), 1u);
  EXPECT_EQ(raised[0].actor, kMonitorActor);
  EXPECT_EQ(raised[0].payload["level"], "黄牌");
  EXPECT_EQ(raised[0].payload["deadline"]["stage"], "late");
  EXPECT_GE(writer.stats().ticks, 1u);
}

// The rules over the organisation run with the first check of each day and raise a finding
// once: not again the same day, the next day, or after a restart.
TEST(OrganisationCheckTest, RotationIsRaisedOnceThroughTheLedger) {
  testing::TempDir dir;
  auto store = std::move(*store::OpenSqliteStore(dir.File("r.db"), {.create = true}));
  ManualClock clock{*ParseInstant("2026-03-02T01:00:00Z")};
  WriterOptions options;
  options.auto_tick = false;
  catalog::Catalog c = testing::SampleCatalog();
  c.persons["P003"] = {"P003", "张伟"};
  org::Assignment a{"P003", "SCJ-ZC-KY", Date::FromYmd(2020, 1, 1), std::nullopt};
  c.assignments[a.Key()] = a;
  auto count = [&] {
    auto rows = store->Warnings({.limit = 1000});
    EXPECT_TRUE(rows);
    size_t n = 0;
    for (const auto& w : rows.value_or(std::vector<store::WarningRow>{})) {
      if (w.rule == "rotation") {
        ++n;
        EXPECT_EQ(w.person, "P003");
        EXPECT_EQ(w.unit, "YX-SCJ-ZC");
        EXPECT_EQ(w.case_id, "");
        EXPECT_NE(w.message.find("张伟 自 2020-01-01 起连续在“科员”"), std::string::npos)
            << w.message;
      }
    }
    return n;
  };
  {
    auto w = Writer::Start(*store, clock, options);
    ASSERT_TRUE(w) << w.error().message;
    Submission sub{"t", {}, false};
    sub.commands.emplace_back(std::in_place_type<ImportCatalog>, c);
    ASSERT_TRUE((*w)->Submit(std::move(sub)));
    ASSERT_TRUE((*w)->Tick());
    EXPECT_EQ(count(), 1u);
    ASSERT_TRUE((*w)->Tick());
    clock.Advance(std::chrono::hours(24));
    ASSERT_TRUE((*w)->Tick());
    EXPECT_EQ(count(), 1u);
  }
  auto w = Writer::Start(*store, clock, options);
  ASSERT_TRUE(w) << w.error().message;
  clock.Advance(std::chrono::hours(24));
  ASSERT_TRUE((*w)->Tick());
  EXPECT_EQ(count(), 1u);
}

}  // namespace
}  // namespace dl::writer
