// Online handling: cases opened and handled in Daylight by the people on the nodes' posts are
// recorded as guided events; a step off the flow or off the post is refused and nothing is
// written; the other rules judge the steps as they judge any event.
#include "service/handling_service.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "testing/sample_catalog.h"

namespace dl::service {
namespace {

// The sample catalogue with someone on every post of the licence's flow.
catalog::Catalog Staffed() {
  catalog::Catalog c = testing::SampleCatalog();
  auto assign = [&](std::string person, std::string name, std::string post, Date from) {
    c.persons[person] = {person, std::move(name)};
    org::Assignment a{person, std::move(post), from, std::nullopt};
    c.assignments[a.Key()] = a;
  };
  assign("P003", "张伟", "SCJ-ZC-KY", Date::FromYmd(2024, 1, 1));  // 科员: 受理, 调查取证
  assign("P004", "刘洋", "SCJ-ZC-GZ", Date::FromYmd(2026, 7, 1));  // 股长: 现场核查, 业务股审核
  assign("P005", "陈静", "SCJ-FJZ", Date::FromYmd(2022, 1, 1));  // 副局长: 分管领导审核
  return c;
}

// Requests built field by field (designated initializers that omit fields draw
// -Wmissing-field-initializers).
OpenRequest Req(std::string power, std::string person, std::string case_id = "") {
  OpenRequest r;
  r.power = std::move(power);
  r.person = std::move(person);
  r.case_id = std::move(case_id);
  return r;
}
StepValues Said(std::string decision) {
  StepValues v;
  v.decision = std::move(decision);
  return v;
}
Decision Decided(std::string decision, std::optional<double> value = std::nullopt,
                 std::string grade = "", std::string reason = "") {
  Decision d;
  d.decision = std::move(decision);
  d.decided_value = value;
  d.grade = std::move(grade);
  d.reason = std::move(reason);
  return d;
}

class HandlingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = std::move(*store::OpenSqliteStore(dir.File("h.db"), {.create = true}));
    writer::WriterOptions options;
    options.auto_tick = false;
    auto w = writer::Writer::Start(*store, clock, options);
    ASSERT_TRUE(w) << w.error().message;
    writer = std::move(*w);
    writer::Submission sub{"t", {}, false};
    sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, Staffed());
    ASSERT_TRUE(writer->Submit(std::move(sub)));
    service = std::make_unique<HandlingService>(
        *writer, *store, clock, HandlingOptions{.actor = "test:handling", .random = SeededHex()});
  }

  // Seeded randomness, so the ids a run makes are the same every run.
  RandomHex SeededHex() {
    return [this](size_t bytes) {
      std::string hex;
      for (size_t i = 0; i < bytes; ++i) {
        char b[3];
        std::snprintf(b, sizeof b, "%02x", static_cast<unsigned>(rng() & 0xFF));
        hex += b;
      }
      return hex;
    };
  }
  uint64_t LedgerSize() { return *store->LedgerSize(); }
  void Later() { clock.Advance(std::chrono::hours(1)); }
  // The `closed` column of the case's row in the cases projection ("null" while open).
  std::string ClosedColumn(const std::string& case_id) {
    auto rows = *store->ProjectionRows();
    for (const auto& row : rows["cases"]) {
      Json cols = Json::parse(row);
      if (cols[1] == case_id) return cols[6].dump();
    }
    return "missing";
  }
  static std::string Details(const Error& e) { return e.message + " " + e.details.dump(); }

  testing::TempDir dir;
  ManualClock clock{*ParseInstant("2026-11-23T01:00:00Z")};  // 09:00 in Beijing
  std::mt19937 rng{42};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<writer::Writer> writer;
  std::unique_ptr<HandlingService> service;
};

TEST_F(HandlingServiceTest, ACaseHandledByTheRightPeopleFollowsItsFlowToTheEnd) {
  OpenRequest open = Req("XK-SCJ-001", "P003");
  open.applicant = "赵六";
  open.attributes = {{"need_inspection", "是"}};
  auto opened = service->Open(open);
  ASSERT_TRUE(opened) << Details(opened.error());
  const std::string id = opened->case_id;
  EXPECT_TRUE(id.starts_with("XK-SCJ-001-20261123-")) << id;
  EXPECT_EQ(id.size(), std::string("XK-SCJ-001-20261123-").size() + 6);
  ASSERT_EQ(opened->events.size(), 1u);
  const engine::Event& e = opened->events[0];
  EXPECT_EQ(e.source, "daylight");
  EXPECT_EQ(e.external_id.size(), 32u);
  EXPECT_EQ(e.actor, "P003");
  EXPECT_EQ(e.occurred, clock.Now());
  EXPECT_EQ(e.recorded, clock.Now());
  EXPECT_EQ((*store->ReadEntries(opened->first_seq, 1))[0].actor, "test:handling");
  auto view = ViewCase(*store, id);
  ASSERT_TRUE(view) << view.error().message;
  ASSERT_EQ(view->next.size(), 1u);
  EXPECT_EQ(view->next[0].node, "N1");
  EXPECT_EQ(view->next[0].post, "SCJ-ZC-KY");

  std::map<std::string, size_t> warned;
  auto step = [&](Result<Handled> r) {
    ASSERT_TRUE(r) << Details(r.error());
    for (const auto& [rule, n] : r->warnings) warned[rule] += n;
    Later();
  };
  Later();
  step(service->Step(id, "N1", "P003", Said("受理")));
  step(service->Step(id, "N2", "P004", {}, /*start_first=*/true));  // 现场核查: need_inspection
  step(service->Step(id, "N3", "P004", Said("同意")));
  step(service->Start(id, "N4", "P005"));
  step(service->Step(id, "N4", "P005", Said("同意")));
  view = ViewCase(*store, id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->next.size(), 1u);
  EXPECT_EQ(view->next[0].node, "N5");
  EXPECT_FALSE(view->can_close);
  step(service->Decide(id, "N5", "P001", Decided("准予许可")));
  view = ViewCase(*store, id);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->can_close);
  EXPECT_EQ(ClosedColumn(id), "null");
  step(service->Close(id, "P001", "准予许可"));

  EXPECT_EQ(warned["flow-deviation"], 0u);
  EXPECT_EQ(warned["actor-post"], 0u);
  view = ViewCase(*store, id);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->closed);
  EXPECT_EQ(view->events.size(), 9u);  // opened, 6 steps (two with a start), decision, closed
  for (const auto& w : view->warnings) {
    EXPECT_NE(w.rule, "flow-deviation") << w.message;
    EXPECT_NE(w.rule, "actor-post") << w.message;
  }
  EXPECT_NE(ClosedColumn(id), "null");
  EXPECT_NE(view->ToText().find("已办结"), std::string::npos) << view->ToText();
  // A closed case takes no more steps.
  auto after = service->Step(id, "N5", "P001");
  ASSERT_FALSE(after);
  EXPECT_NE(after.error().message.find("已办结"), std::string::npos);
}

TEST_F(HandlingServiceTest, TheWrongPersonIsRefusedAndNothingIsWritten) {
  auto opened = service->Open(Req("XK-SCJ-001", "P003", "C-1"));
  ASSERT_TRUE(opened) << Details(opened.error());
  EXPECT_EQ(opened->case_id, "C-1");
  const uint64_t size = LedgerSize();
  // 受理 (N1) is the 科员's; P001 is 局长.
  auto r = service->Step("C-1", "N1", "P001");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  auto issues = IssuesFromJson(r.error().details);
  ASSERT_EQ(issues.size(), 1u) << Details(r.error());
  EXPECT_NE(issues[0].message.find("不在“科员”岗位任职"), std::string::npos) << issues[0].message;
  // P002 was 股长 until 2026-06-30 and never 科员.
  EXPECT_FALSE(service->Step("C-1", "N1", "P002"));
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(ViewCase(*store, "C-1")->events.size(), 1u);
  // The right person then does it.
  EXPECT_TRUE(service->Step("C-1", "N1", "P003"));
}

TEST_F(HandlingServiceTest, ASkippedStepIsRefusedNamingTheStepsThatMayComeNext) {
  auto opened = service->Open(Req("XK-SCJ-001", "P003", "C-2"));
  ASSERT_TRUE(opened);
  const uint64_t size = LedgerSize();
  auto r = service->Decide("C-2", "N5", "P001", Decided("准予许可"));
  ASSERT_FALSE(r);
  EXPECT_NE(Details(r.error()).find("当前可以办理的环节：“受理”（N1）"), std::string::npos)
      << Details(r.error());
  ASSERT_TRUE(service->Step("C-2", "N1", "P003"));
  // Without need_inspection the case goes to the 会签: 现场核查 (N2) is off the branch.
  r = service->Step("C-2", "N2", "P004");
  ASSERT_FALSE(r);
  EXPECT_NE(Details(r.error()).find("（N3）"), std::string::npos) << Details(r.error());
  EXPECT_NE(Details(r.error()).find("（N4）"), std::string::npos) << Details(r.error());
  // Closing before the flow ends is refused too.
  EXPECT_FALSE(service->Close("C-2", "P001"));
  EXPECT_EQ(LedgerSize(), size + 1);  // only the 受理 step
}

TEST_F(HandlingServiceTest, SuspendThenResumeRecordsASuspension) {
  ASSERT_TRUE(service->Open(Req("XK-SCJ-001", "P003", "C-3")));
  const uint64_t size = LedgerSize();
  auto no_reason = service->Suspend("C-3", "P003", "  ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_reason.error().message.find("理由"), std::string::npos);
  EXPECT_FALSE(service->Resume("C-3", "P003"));  // not suspended
  EXPECT_EQ(LedgerSize(), size);

  Later();
  auto s = service->Suspend("C-3", "P003", "申请人补正材料");
  ASSERT_TRUE(s) << Details(s.error());
  EXPECT_TRUE(ViewCase(*store, "C-3")->suspended);
  auto twice = service->Suspend("C-3", "P003", "再次补正");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("已在暂停计时中"), std::string::npos);
  clock.Advance(std::chrono::hours(72));
  auto r = service->Resume("C-3", "P003");
  ASSERT_TRUE(r) << Details(r.error());
  auto view = ViewCase(*store, "C-3");
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->suspended);
  ASSERT_EQ(view->events.size(), 3u);
  EXPECT_EQ(view->events[1].event.type, engine::EventType::kSuspended);
  EXPECT_EQ(view->events[1].event.reason, "申请人补正材料");
  EXPECT_EQ(view->events[2].event.type, engine::EventType::kResumed);
  EXPECT_EQ(view->events[2].event.occurred - view->events[1].event.occurred,
            std::chrono::hours(72));
  auto entries = *store->ReadEntriesBySubject("case:C-3");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].payload["event"]["type"], "suspended");
  EXPECT_EQ(entries[2].payload["event"]["type"], "resumed");
}

TEST_F(HandlingServiceTest, ADecisionOutsideTheBenchmarkIsRecordedWithADiscretionWarning) {
  for (const char* id : {"CF-1", "CF-2"}) {
    OpenRequest open = Req("CF-SCJ-001", "P003", id);
    open.counterparty = "某超市";
    ASSERT_TRUE(service->Open(open));
    ASSERT_TRUE(service->Step(id, "N1", "P003"));
  }
  // 一般: 70 000 – 100 000 yuan; 150 000 is outside.
  auto r = service->Decide("CF-1", "N2", "P001", Decided("罚款", 150000, "一般"));
  ASSERT_TRUE(r) << Details(r.error());
  EXPECT_EQ(r->warnings["discretion"], 1u);
  ASSERT_EQ(r->raised.size(), 1u);
  EXPECT_EQ(r->raised[0].rule, "discretion");
  EXPECT_EQ(r->raised[0].level, "黄牌");
  EXPECT_EQ(r->raised[0].case_id, "CF-1");
  EXPECT_EQ(r->raised[0].evidence, std::vector<uint64_t>{r->first_seq});
  // With a written reason the same decision is a notice.
  auto reasoned =
      service->Decide("CF-2", "N2", "P001", Decided("罚款", 150000, "一般", "多次违法，从重"));
  ASSERT_TRUE(reasoned) << Details(reasoned.error());
  ASSERT_EQ(reasoned->raised.size(), 1u);
  EXPECT_EQ(reasoned->raised[0].level, "提醒");
  auto view = ViewCase(*store, "CF-1");
  ASSERT_TRUE(view);
  ASSERT_EQ(view->warnings.size(), 1u);
  EXPECT_NE(view->ToText().find("超出裁量基准"), std::string::npos) << view->ToText();
}

TEST_F(HandlingServiceTest, BadInputIsRefusedBeforeAnythingIsSubmitted) {
  const uint64_t size = LedgerSize();
  auto no_person = service->Open(Req("XK-SCJ-001", ""));
  ASSERT_FALSE(no_person);
  EXPECT_NE(no_person.error().message.find("受理人"), std::string::npos);
  EXPECT_FALSE(service->Open(Req("", "P003")));
  OpenRequest negative = Req("XK-SCJ-001", "P003");
  negative.amount = -1;
  EXPECT_FALSE(service->Open(negative));
  OpenRequest nested = Req("XK-SCJ-001", "P003");
  nested.attributes = {{"a", {{"b", 1}}}};
  EXPECT_FALSE(service->Open(nested));
  // A power that is not in the lists is not opened online (法无授权即禁止).
  auto unknown = service->Open(Req("NO-SUCH", "P003"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  auto never = service->Step("C-404", "N1", "P003");
  ASSERT_FALSE(never);
  EXPECT_NE(never.error().message.find("不存在"), std::string::npos);
  EXPECT_FALSE(service->Step("", "N1", "P003"));
  EXPECT_EQ(LedgerSize(), size);

  ASSERT_TRUE(service->Open(Req("XK-SCJ-001", "P003", "C-5")));
  auto again = service->Open(Req("XK-SCJ-001", "P003", "C-5"));
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("已经受理过"), std::string::npos);
  EXPECT_FALSE(service->Step("C-5", "", "P003"));
  EXPECT_FALSE(service->Step("C-5", "N1", " "));
  auto grade = service->Decide("C-5", "N1", "P003", Decided("同意", std::nullopt, "特别严重"));
  ASSERT_FALSE(grade);
  EXPECT_NE(grade.error().message.find("轻微、一般、较重、严重"), std::string::npos);
  EXPECT_FALSE(service->Decide("C-5", "N1", "P003", {}));  // no decision
  auto missing = ViewCase(*store, "C-404");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dl::service

namespace dl::service {
namespace {

TEST_F(HandlingServiceTest, AnApplicantHandlingTheirOwnCaseIsRaisedAtAnyClockPrecision) {
  // A real clock has microseconds; the ledger keeps milliseconds. The rules must still see the
  // opening as the applicant's first act on the case.
  clock.Advance(std::chrono::microseconds(123457));
  OpenRequest r = Req("XK-SCJ-001", "P003", "C-OWN");
  r.applicant = "P003";
  auto opened = service->Open(r);
  ASSERT_TRUE(opened) << Details(opened.error());
  EXPECT_EQ(opened->warnings.count("sod-applicant"), 1u) << opened->ToJson().dump();
}

}  // namespace
}  // namespace dl::service
