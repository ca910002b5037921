// The life of warnings through the whole writer (a real SQLite store, an injected clock):
// hand-entered warnings, steps with attachments and duties, refusals that write nothing,
// escalation when the due time passes, the repetition of yellow cards, and a restart.
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "testing/sample_catalog.h"
#include "testing/temp_dir.h"
#include "writer/writer.h"

namespace dl::writer {
namespace {

using oversight::StepAction;

Instant T(const char* text) { return *ParseInstant(text); }

class OversightWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenSqliteStore(dir_.File("w.db"), {.create = true}));
    options_.auto_tick = false;
    Restart();
    catalog::Catalog c = testing::SampleCatalog();
    // A resident group (派驻纪检组) between the bureau and the county commission.
    c.units["YX-JW-Z1"] = org::Unit{
        "YX-JW-Z1", "派驻第一纪检组", "YX-JW", org::UnitLevel::kUnit, org::UnitKind::kResidentGroup,
        "YX-JW"};
    c.units["YX-SCJ"].supervisor = "YX-JW-Z1";
    units_ = c.units;
    Submission sub{"t", {}, false};
    sub.commands.emplace_back(std::in_place_type<ImportCatalog>, std::move(c));
    ASSERT_TRUE(writer_->Submit(std::move(sub)));
  }

  void Restart() {
    writer_.reset();
    auto w = Writer::Start(*store_, clock_, options_);
    ASSERT_TRUE(w) << w.error().message;
    writer_ = std::move(*w);
  }

  oversight::Actor Actor(access::Role role, std::string root, std::string name) {
    oversight::Actor a;
    a.login = name;
    a.name = name;
    a.role = role;
    a.scope = std::make_shared<const access::Scope>(access::Scope::Of(role, {root}, units_));
    return a;
  }
  oversight::Actor Group() { return Actor(access::Role::kInspector, "YX-JW-Z1", "组长"); }
  oversight::Actor County() { return Actor(access::Role::kInspector, "YX-JW", "县纪委"); }
  oversight::Actor Unit() { return Actor(access::Role::kUnitAdmin, "YX-SCJ", "单位管理员"); }

  Result<Receipt> Manual(const char* level = "黄牌", oversight::Actor by = {}) {
    auto w = oversight::ManualWarningFromJson({{"source", "审计"},
                                               {"level", level},
                                               {"unit", "YX-SCJ"},
                                               {"person", "P001"},
                                               {"message", "审计发现专项资金未按规定用途使用"},
                                               {"powers", {"XK-SCJ-001"}}});
    EXPECT_TRUE(w) << w.error().message;
    Submission sub{"inspector", {}, false};
    sub.commands.emplace_back(std::in_place_type<RaiseWarning>, std::move(*w),
                              by.login.empty() ? Group() : by, std::vector<store::Blob>{});
    return writer_->Submit(std::move(sub));
  }

  Result<Receipt> Take(uint64_t warning, oversight::Step step, oversight::Actor by,
                       std::vector<store::Blob> files = {}) {
    Submission sub{by.login, {}, false};
    sub.commands.emplace_back(std::in_place_type<TakeStep>, warning, std::move(step), std::move(by),
                              std::move(files));
    return writer_->Submit(std::move(sub));
  }

  static oversight::Step Text(StepAction a, std::string text) {
    oversight::Step s;
    s.action = a;
    s.text = std::move(text);
    return s;
  }

  store::WarningRow Row(uint64_t seq) {
    auto row = store_->WarningBySeq(seq);
    EXPECT_TRUE(row && *row);
    return row && *row ? **row : store::WarningRow{};
  }

  uint64_t LedgerSize() { return *store_->LedgerSize(); }

  Result<Receipt> Grant(Json body, oversight::Actor by) {
    auto e = oversight::ExceptionFromJson(body);
    EXPECT_TRUE(e) << e.error().message;
    Submission sub{by.login, {}, false};
    sub.commands.emplace_back(std::in_place_type<GrantException>, std::move(*e), std::move(by));
    return writer_->Submit(std::move(sub));
  }

  Result<Receipt> Revoke(uint64_t id, std::string reason, oversight::Actor by) {
    Submission sub{by.login, {}, false};
    sub.commands.emplace_back(std::in_place_type<RevokeException>, id, std::move(reason),
                              std::move(by));
    return writer_->Submit(std::move(sub));
  }

  // The warnings of one rule, oldest first.
  std::vector<store::WarningRow> WarningsOf(const std::string& rule) {
    std::vector<store::WarningRow> out;
    const auto all = store_->Warnings({}).value();
    for (const auto& w : all) {
      if (w.rule == rule) out.insert(out.begin(), w);
    }
    return out;
  }

  // A case of the licence opened by P001 at `occurred`, recorded now.
  Result<Receipt> Opened(const std::string& id, const char* occurred) {
    auto e = engine::EventFromJson({{"source", "erp"},
                                    {"id", id},
                                    {"type", "opened"},
                                    {"case", "C-" + id},
                                    {"power", "XK-SCJ-001"},
                                    {"actor", "P001"},
                                    {"occurred", occurred},
                                    {"recorded", FormatInstant(clock_.Now())}});
    EXPECT_TRUE(e) << e.error().message;
    Submission sub{"erp", {}, false};
    sub.commands.emplace_back(std::in_place_type<RecordEvents>, std::vector<engine::Event>{*e},
                              false);
    return writer_->Submit(std::move(sub));
  }

  store::ExceptionRow ExceptionRow(uint64_t id) {
    const auto active = store_->ActiveExceptions().value();
    for (const auto& e : active) {
      if (e.seq == id) return e;
    }
    return {};
  }

  testing::TempDir dir_;
  ManualClock clock_{T("2026-03-02T01:00:00Z")};  // Monday 09:00 in Beijing
  std::unique_ptr<store::Store> store_;
  WriterOptions options_;
  std::unique_ptr<Writer> writer_;
  std::map<std::string, org::Unit> units_;
};

TEST_F(OversightWriter, AWarningFollowedToItsEnd) {
  auto raised = Manual();
  ASSERT_TRUE(raised) << raised.error().message;
  const uint64_t w = raised->first_seq;
  store::WarningRow row = Row(w);
  EXPECT_EQ(row.status, "待处置");
  EXPECT_EQ(row.source, "审计");
  EXPECT_EQ(row.supervisor, "YX-JW-Z1");
  // 黄牌: 5 working days after Monday 2 March → the end of Monday 9 March, Beijing time.
  EXPECT_EQ(row.due, FormatInstant(T("2026-03-09T16:00:00Z")));

  // The unit explains, with a file.
  const std::string pdf = "%PDF-1.4 情况说明";
  oversight::Step explain = Text(StepAction::kExplain, "资金已追回，见附件");
  explain.attachments = {{"说明.pdf", "application/pdf", pdf.size(), ToHex(Sha256(pdf))}};
  auto bad = Take(w, explain, Unit(), {{ToHex(Sha256(pdf)), "something else"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().details.dump().find("sha256"), std::string::npos);
  ASSERT_TRUE(Take(w, explain, Unit(), {{ToHex(Sha256(pdf)), pdf}}));
  EXPECT_EQ(Row(w).status, "待审核");
  EXPECT_EQ(store_->AttachmentData(ToHex(Sha256(pdf))).value(), std::optional<std::string>(pdf));

  // The inspector disposes, holding both duties to account.
  oversight::Step dispose = Text(StepAction::kDispose, "对主要负责人进行提醒谈话");
  dispose.measure = oversight::Measure::kRectification;
  dispose.deadline = Date::FromYmd(2026, 3, 20);
  dispose.duties = {
      {oversight::DutyKind::kPrincipal, "P001", "YX-SCJ", "主要负责人", "约谈提醒"},
      {oversight::DutyKind::kSupervisory, "P002", "YX-JW-Z1", "监督责任人", "不予追究"}};
  ASSERT_TRUE(Take(w, dispose, Group()));
  row = Row(w);
  EXPECT_EQ(row.status, "已处置");
  EXPECT_EQ(row.measure, "督促整改");
  EXPECT_EQ(row.due, FormatInstant(T("2026-03-20T16:00:00Z")));  // the end of the 20th
  auto rows = store_->ProjectionRows();
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)["duties"].size(), 2u);
  EXPECT_EQ((*rows)["warning_steps"].size(), 2u);

  ASSERT_TRUE(Take(w, Text(StepAction::kClose, "整改到位"), Group()));
  EXPECT_EQ(Row(w).status, "办结");
  EXPECT_EQ(Row(w).due, "");

  // After a restart the closed warning is read back from the store and may be reopened.
  Restart();
  ASSERT_TRUE(Take(w, Text(StepAction::kReopen, "群众再次反映"), Group()));
  EXPECT_EQ(Row(w).status, "待处置");
  EXPECT_EQ(Row(w).measure, "");

  // Every step is in the ledger under the warning's subject.
  auto history = store_->ReadEntriesBySubject("warning:" + std::to_string(w));
  ASSERT_TRUE(history);
  std::vector<std::string> actions;
  for (const auto& e : *history) actions.push_back(e.payload.value("action", e.kind));
  EXPECT_EQ(actions,
            (std::vector<std::string>{"warning.raise", "explain", "dispose", "close", "reopen"}));
  EXPECT_EQ(history->back().payload["by"]["name"], "组长");
}

TEST_F(OversightWriter, ARefusedStepWritesNothingAndSaysWhy) {
  const uint64_t w = Manual()->first_seq;
  const uint64_t size = LedgerSize();
  auto wrong_side = Take(w, Text(StepAction::kExplain, "说明"), Group());
  ASSERT_FALSE(wrong_side);
  EXPECT_NE(wrong_side.error().details.dump().find("单位管理员或领导"), std::string::npos);
  auto wrong_status = Take(w, Text(StepAction::kClose, "办结"), Group());
  ASSERT_FALSE(wrong_status);
  EXPECT_NE(wrong_status.error().details.dump().find("待处置"), std::string::npos);
  EXPECT_FALSE(Take(w + 1000, Text(StepAction::kExplain, "说明"), Unit()));
  EXPECT_EQ(LedgerSize(), size);

  // One submission with a good step and a refused one: neither is kept, in the store or in the
  // writer's book (the good step can still be taken afterwards).
  Submission sub{"u", {}, false};
  sub.commands.emplace_back(std::in_place_type<TakeStep>, w, Text(StepAction::kExplain, "说明"),
                            Unit(), std::vector<store::Blob>{});
  sub.commands.emplace_back(std::in_place_type<TakeStep>, w, Text(StepAction::kClose, "x"), Group(),
                            std::vector<store::Blob>{});
  EXPECT_FALSE(writer_->Submit(std::move(sub)));
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(Row(w).status, "待处置");
  EXPECT_TRUE(Take(w, Text(StepAction::kExplain, "说明"), Unit()));
}

TEST_F(OversightWriter, OnlyTheSupervisingInspectorEntersWarnings) {
  auto by_unit = Manual("黄牌", Unit());
  ASSERT_FALSE(by_unit);
  oversight::Actor elsewhere = Actor(access::Role::kInspector, "YX-JW-Z1", "组长");
  elsewhere.scope = std::make_shared<const access::Scope>();  // sees nothing
  EXPECT_FALSE(Manual("黄牌", elsewhere));
  auto unknown = oversight::ManualWarningFromJson({{"source", "巡视巡察"},
                                                   {"level", "红牌"},
                                                   {"unit", "YX-SCJ"},
                                                   {"message", "问题"},
                                                   {"cases", {"NO-SUCH-CASE"}},
                                                   {"persons", {"P404"}}});
  ASSERT_TRUE(unknown);
  Submission sub{"i", {}, false};
  sub.commands.emplace_back(std::in_place_type<RaiseWarning>, std::move(*unknown), Group(),
                            std::vector<store::Blob>{});
  auto r = writer_->Submit(std::move(sub));
  ASSERT_FALSE(r);
  const std::string details = r.error().details.dump();
  EXPECT_NE(details.find("NO-SUCH-CASE"), std::string::npos);
  EXPECT_NE(details.find("P404"), std::string::npos);
}

TEST_F(OversightWriter, AMissedDeadlineEscalatesOneLevelUp) {
  const uint64_t w = Manual()->first_seq;
  const Instant due = *ParseInstant(Row(w).due);
  clock_.Set(due - std::chrono::microseconds(1));
  ASSERT_TRUE(writer_->Tick());
  EXPECT_EQ(Row(w).escalations, 0);
  clock_.Set(due);
  auto tick = writer_->Tick();
  ASSERT_TRUE(tick);
  EXPECT_EQ(tick->escalated, 1u);
  store::WarningRow row = Row(w);
  EXPECT_EQ(row.escalations, 1);
  EXPECT_EQ(row.level, "红牌");
  EXPECT_EQ(row.base_level, "黄牌");
  EXPECT_EQ(row.supervisor, "YX-JW");  // the group's own supervisor
  EXPECT_EQ(row.status, "待处置");
  // 红牌: 3 working days from Tuesday 10 March (Beijing) → the end of Friday 13 March.
  EXPECT_EQ(row.due, FormatInstant(T("2026-03-13T16:00:00Z")));
  // The group no longer disposes of it; the county commission does.
  oversight::Step dismiss = Text(StepAction::kDismiss, "误报");
  EXPECT_FALSE(Take(w, dismiss, Group()));
  // Missed again after a restart (the due time is read back): red stays red, and the county
  // commission, which has no supervisor above it, keeps it.
  Restart();
  clock_.Set(T("2026-03-13T16:00:00Z"));
  ASSERT_EQ(writer_->Tick()->escalated, 1u);
  EXPECT_EQ(Row(w).escalations, 2);
  EXPECT_EQ(Row(w).supervisor, "YX-JW");
  EXPECT_TRUE(Take(w, dismiss, County()));
  clock_.Set(T("2026-04-30T00:00:00Z"));
  EXPECT_EQ(writer_->Tick()->escalated, 0u);  // closed: never again
}

TEST_F(OversightWriter, TheThirdYellowCardWithinTheWindowIsRed) {
  const uint64_t first = Manual()->first_seq;
  clock_.Set(T("2026-03-20T01:00:00Z"));
  const uint64_t second = Manual()->first_seq;
  Restart();                              // the yellow cards so far are read back from the store
  clock_.Set(T("2026-05-25T01:00:00Z"));  // 84 days after the first
  auto third = Manual();
  ASSERT_TRUE(third);
  EXPECT_EQ(Row(first).level, "黄牌");
  EXPECT_EQ(Row(second).level, "黄牌");
  store::WarningRow row = Row(third->first_seq);
  EXPECT_EQ(row.level, "红牌");
  EXPECT_EQ(row.base_level, "黄牌");
  auto entry = store_->ReadEntries(third->first_seq, 1);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->front().payload["promoted"]["count"], 3);
  // On 17 June the first is out of the 90-day window; the second, the third and this one count.
  clock_.Set(T("2026-06-17T01:00:00Z"));
  EXPECT_EQ(Row(Manual()->first_seq).level, "红牌");
  clock_.Set(T("2026-09-30T01:00:00Z"));
  EXPECT_EQ(Row(Manual()->first_seq).level, "黄牌");
}

// 例外 (accepted risk): the review-overdue finding of the accepted risk is recorded against the
// exception instead of raised, the other risk's is raised; the exception survives a restart and,
// the day after its end, lapses back to review as a warning naming its owner.
TEST_F(OversightWriter, AnAcceptedRiskCoversItsReviewUntilItLapses) {
  const Json accepted = {{"kind", "risk"},        {"unit", "YX-SCJ"},
                         {"power", "XK-SCJ-001"}, {"risk", "R1"},
                         {"owner", "P001"},       {"reason", "受理条件已由省级系统固化，风险可控"},
                         {"until", "2027-01-20"}};
  const uint64_t before = LedgerSize();
  // Refused, writing nothing: by the unit itself, too long, an unknown risk, a rule over the
  // organisation.
  EXPECT_FALSE(Grant(accepted, Unit()));
  Json too_long = accepted;
  too_long["until"] = "2027-06-01";
  auto r = Grant(too_long, Group());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().details.dump().find("例外最长 366 天"), std::string::npos);
  Json unknown = accepted;
  unknown["risk"] = "R9";
  EXPECT_FALSE(Grant(unknown, Group()));
  EXPECT_FALSE(Grant({{"kind", "rule"},
                      {"unit", "YX-SCJ"},
                      {"rule", "rotation"},
                      {"owner", "P001"},
                      {"reason", "x"},
                      {"until", "2026-12-31"}},
                     Group()));
  EXPECT_EQ(LedgerSize(), before);

  auto granted = Grant(accepted, Group());
  ASSERT_TRUE(granted) << granted.error().message;
  const uint64_t id = granted->first_seq;
  Restart();  // the book reads the exception back

  clock_.Set(T("2027-01-11T01:00:00Z"));  // R1 and R2 were due 2027-01-10
  ASSERT_TRUE(writer_->Tick());
  auto reviews = WarningsOf("review-overdue");
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_NE(reviews[0].message.find("XK-SCJ-001/R2"), std::string::npos) << reviews[0].message;
  EXPECT_EQ(reviews[0].power, "XK-SCJ-001");
  EXPECT_EQ(reviews[0].level, "提醒");
  EXPECT_EQ(ExceptionRow(id).covered, 1);
  auto covers = store_->ReadEntriesBySubject("exception:" + std::to_string(id));
  ASSERT_TRUE(covers);
  ASSERT_EQ(covers->size(), 2u);
  EXPECT_EQ((*covers)[1].kind, "exception.cover");
  EXPECT_NE((*covers)[1].payload["warning"]["subject"].get<std::string>().find("R1"),
            std::string::npos);
  // Once per risk and date: the next day raises nothing new, nor covers again, restarted or not.
  clock_.Set(T("2027-01-12T01:00:00Z"));
  ASSERT_TRUE(writer_->Tick());
  Restart();
  clock_.Set(T("2027-01-13T01:00:00Z"));
  ASSERT_TRUE(writer_->Tick());
  EXPECT_EQ(WarningsOf("review-overdue").size(), 1u);
  EXPECT_EQ(ExceptionRow(id).covered, 1);

  // The last day is the 20th; on the 21st (Beijing) it lapses back to review.
  clock_.Set(T("2027-01-20T15:59:00Z"));
  ASSERT_TRUE(writer_->Tick());
  EXPECT_TRUE(WarningsOf("exception-lapsed").empty());
  clock_.Set(T("2027-01-20T16:00:00Z"));
  ASSERT_TRUE(writer_->Tick());
  auto lapsed = WarningsOf("exception-lapsed");
  ASSERT_EQ(lapsed.size(), 1u);
  EXPECT_EQ(lapsed[0].person, "P001");
  EXPECT_EQ(lapsed[0].supervisor, "YX-JW-Z1");
  EXPECT_EQ(lapsed[0].status, "待处置");
  EXPECT_NE(lapsed[0].message.find("已于 2027-01-20 到期"), std::string::npos);
  EXPECT_TRUE(store_->ActiveExceptions().value().empty());
  auto history = store_->ReadEntriesBySubject("exception:" + std::to_string(id));
  ASSERT_TRUE(history);
  EXPECT_EQ(history->back().kind, "exception.end");
  EXPECT_EQ(history->back().payload["status"], "已到期");
  EXPECT_EQ(history->back().payload["warning"], lapsed[0].seq);
  // Ended: it cannot be revoked any more.
  EXPECT_FALSE(Revoke(id, "重复", Group()));
}

// 例外 (rule): the findings of its rule for its unit are recorded against it while it runs;
// revoked (by the supervisor, with a reason), the rule raises warnings again.
TEST_F(OversightWriter, ARuleExceptionCoversItsRuleUntilRevoked) {
  auto granted = Grant({{"kind", "rule"},
                        {"unit", "YX-SCJ"},
                        {"rule", "backdating"},
                        {"owner", "P001"},
                        {"reason", "系统迁移期间集中补录历史办件"},
                        {"until", "2026-03-31"}},
                       Group());
  ASSERT_TRUE(granted) << granted.error().message;
  const uint64_t id = granted->first_seq;
  ASSERT_TRUE(Opened("a1", "2026-02-20T01:00:00Z"));  // recorded ten days late
  EXPECT_TRUE(WarningsOf("backdating").empty());
  EXPECT_EQ(ExceptionRow(id).covered, 1);

  EXPECT_FALSE(Revoke(id, "迁移完成", Unit()));
  EXPECT_FALSE(Revoke(id, "", Group()));
  ASSERT_TRUE(Revoke(id, "迁移完成", Group()));
  EXPECT_TRUE(store_->ActiveExceptions().value().empty());
  ASSERT_TRUE(Opened("a2", "2026-02-21T01:00:00Z"));
  EXPECT_EQ(WarningsOf("backdating").size(), 1u);
  EXPECT_FALSE(Revoke(id, "再次", Group()));  // not in force
}

// 自查 by the unit, 检查 by its supervisor; each side only its own.
TEST_F(OversightWriter, CheckEntriesComeFromTheirOwnSide) {
  auto enter = [&](const char* kind, oversight::Actor by) {
    EnterCheck c;
    c.entry = {"", kind,        "YX-SCJ", "2026Q1", "on_time", 2.5, "两件办件超期未说明",
               "", "2026-03-01"};
    c.indicator_name = "按时办结率";
    c.weight = 20;
    c.actor = std::move(by);
    Submission sub{c.actor.login, {}, false};
    sub.commands.emplace_back(std::in_place_type<EnterCheck>, std::move(c));
    return writer_->Submit(std::move(sub));
  };
  EXPECT_TRUE(enter("自查", Unit()));
  EXPECT_FALSE(enter("检查", Unit()));
  EXPECT_FALSE(enter("自查", Group()));
  auto reviewed = enter("检查", Group());
  ASSERT_TRUE(reviewed);
  auto e = store_->ReadEntries(reviewed->first_seq, 1);
  ASSERT_TRUE(e && e->size() == 1);
  EXPECT_EQ((*e)[0].kind, "check.enter");
  EXPECT_EQ((*e)[0].payload["by"]["name"], "组长");
  EXPECT_EQ((*e)[0].payload["deduction"], 2.5);
  auto rows = store_->ProjectionRows();
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)["checks"].size(), 2u);
}

}  // namespace
}  // namespace dl::writer
