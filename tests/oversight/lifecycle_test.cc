// The warning lifecycle as a pure state machine: every step allowed from where it may be
// taken, by whom, and refused (with its reason) everywhere else.
#include "oversight/lifecycle.h"

#include <gtest/gtest.h>

#include <map>

namespace dl::oversight {
namespace {

using access::Role;

std::map<std::string, org::Unit> Units() {
  std::map<std::string, org::Unit> u;
  auto add = [&](std::string code, std::string parent, std::string supervisor) {
    u[code] = org::Unit{code,      code, parent, org::UnitLevel::kUnit, org::UnitKind::kGovernment,
                        supervisor};
  };
  add("YX", "", "");
  add("JW", "YX", "");
  add("JW-Z1", "JW", "JW");   // a resident group
  add("SCJ", "YX", "JW-Z1");  // supervised by the group
  add("SCJ-ZC", "SCJ", "JW-Z1");
  add("JYJ", "YX", "JW");
  return u;
}

Actor Make(Role role, std::vector<std::string> roots, std::string name = "某人") {
  Actor a;
  a.login = name;
  a.name = name;
  a.role = role;
  a.scope = std::make_shared<const access::Scope>(access::Scope::Of(role, roots, Units()));
  return a;
}

Life OpenLife() {
  Life l;
  l.seq = 7;
  l.rule = "backdating";
  l.level = monitor::Level::kYellow;
  l.unit = "SCJ";
  l.supervisor = "JW-Z1";
  l.status = WarningStatus::kOpen;
  return l;
}

Step Text(StepAction a, std::string text = "说明内容") {
  Step s;
  s.action = a;
  s.text = std::move(text);
  return s;
}

Step Disposal(Measure m = Measure::kRiskNotice) {
  Step s = Text(StepAction::kDispose, "处置意见");
  s.measure = m;
  s.duties = {{DutyKind::kPrincipal, "P001", "SCJ", "主要负责人", "约谈提醒"},
              {DutyKind::kSupervisory, "P009", "JW-Z1", "监督责任人", "不予追究"}};
  return s;
}

const Date kToday = Date::FromYmd(2026, 11, 24);

TEST(Lifecycle, EveryStepFromEveryStatusByEverySide) {
  const Actor unit = Make(Role::kUnitAdmin, {"SCJ"}, "单位管理员");
  const Actor leader = Make(Role::kLeader, {"SCJ"}, "领导");
  const Actor handler = Make(Role::kHandler, {"SCJ"}, "经办人");
  const Actor group = Make(Role::kInspector, {"JW-Z1"}, "派驻组");
  const Actor county = Make(Role::kInspector, {"JW"}, "县纪委");
  const Actor other = Make(Role::kInspector, {"JYJ"}, "他人");
  struct Case {
    WarningStatus status;
    Step step;
    const Actor* actor;
    std::optional<ErrorCode> refusal;  // nullopt: allowed
    WarningStatus after;
  };
  using S = WarningStatus;
  using A = StepAction;
  const std::vector<Case> cases = {
      // 待处置
      {S::kOpen, Text(A::kExplain), &unit, std::nullopt, S::kReview},
      {S::kOpen, Text(A::kRectify), &leader, std::nullopt, S::kReview},
      {S::kOpen, Text(A::kExplain), &handler, ErrorCode::kPermissionDenied, S::kOpen},
      {S::kOpen, Text(A::kExplain), &group, ErrorCode::kPermissionDenied, S::kOpen},
      {S::kOpen, Disposal(), &group, std::nullopt, S::kDisposed},
      {S::kOpen, Disposal(), &county, std::nullopt, S::kDisposed},  // the group's own supervisor
      {S::kOpen, Disposal(), &other, ErrorCode::kPermissionDenied, S::kOpen},
      {S::kOpen, Disposal(), &unit, ErrorCode::kPermissionDenied, S::kOpen},
      {S::kOpen, Text(A::kDismiss, "误报：补录有审批单"), &group, std::nullopt, S::kClosed},
      {S::kOpen, Text(A::kReturn), &group, ErrorCode::kConflict, S::kOpen},
      {S::kOpen, Text(A::kClose), &group, ErrorCode::kConflict, S::kOpen},
      {S::kOpen, Text(A::kReopen), &group, ErrorCode::kConflict, S::kOpen},
      // 待审核
      {S::kReview, Text(A::kExplain), &unit, ErrorCode::kConflict, S::kReview},
      {S::kReview, Text(A::kReturn, "说明不充分"), &group, std::nullopt, S::kOpen},
      {S::kReview, Disposal(), &group, std::nullopt, S::kDisposed},
      {S::kReview, Text(A::kDismiss), &group, std::nullopt, S::kClosed},
      {S::kReview, Text(A::kClose), &group, ErrorCode::kConflict, S::kReview},
      // 已处置
      {S::kDisposed, Text(A::kRectify, "已整改"), &unit, std::nullopt, S::kDisposed},
      {S::kDisposed, Text(A::kExplain), &unit, ErrorCode::kConflict, S::kDisposed},
      {S::kDisposed, Text(A::kClose, "落实到位"), &group, std::nullopt, S::kClosed},
      {S::kDisposed, Disposal(), &group, ErrorCode::kConflict, S::kDisposed},
      {S::kDisposed, Text(A::kDismiss), &group, ErrorCode::kConflict, S::kDisposed},
      // 办结
      {S::kClosed, Text(A::kReopen, "发现新情况"), &group, std::nullopt, S::kOpen},
      {S::kClosed, Text(A::kReopen, "发现新情况"), &unit, ErrorCode::kPermissionDenied, S::kClosed},
      {S::kClosed, Text(A::kExplain), &unit, ErrorCode::kConflict, S::kClosed},
      {S::kClosed, Disposal(), &group, ErrorCode::kConflict, S::kClosed},
  };
  for (const auto& c : cases) {
    Life life = OpenLife();
    life.status = c.status;
    const std::string what = std::string(kStatuses.Label(c.status)) + " " +
                             std::string(kStepCodes.Label(c.step.action)) + " by " + c.actor->name;
    Status got = CheckStep(life, c.step, *c.actor, kToday);
    if (!c.refusal) {
      EXPECT_TRUE(got) << what << ": " << got.error().message;
      EXPECT_EQ(StatusAfter(life, c.step), c.after) << what;
    } else {
      ASSERT_FALSE(got) << what;
      EXPECT_EQ(got.error().code, *c.refusal) << what << ": " << got.error().message;
      EXPECT_FALSE(got.error().message.empty());
    }
  }
}

TEST(Lifecycle, RefusalsSayWhatIsMissing) {
  const Actor group = Make(Role::kInspector, {"JW-Z1"});
  const Life life = OpenLife();
  Step no_text = Text(StepAction::kDismiss, "");
  EXPECT_NE(CheckStep(life, no_text, group, kToday).error().message.find("理由"),
            std::string::npos);
  Step no_measure = Disposal();
  no_measure.measure.reset();
  EXPECT_NE(CheckStep(life, no_measure, group, kToday).error().message.find("处置方式"),
            std::string::npos);
  Step one_duty = Disposal();
  one_duty.duties.pop_back();  // no 监督责任
  EXPECT_NE(CheckStep(life, one_duty, group, kToday).error().message.find("一案双查"),
            std::string::npos);
  Step correction = Disposal(Measure::kCorrection);
  EXPECT_NE(CheckStep(life, correction, group, kToday).error().message.find("期限"),
            std::string::npos);
  correction.deadline = kToday.AddDays(-1);
  EXPECT_NE(CheckStep(life, correction, group, kToday).error().message.find("已经过去"),
            std::string::npos);
  correction.deadline = kToday.AddDays(10);
  EXPECT_TRUE(CheckStep(life, correction, group, kToday));
  Actor system;
  system.system = true;
  Step escalate;
  escalate.action = StepAction::kEscalate;
  EXPECT_TRUE(CheckStep(life, escalate, system, kToday));
  EXPECT_EQ(CheckStep(life, escalate, group, kToday).error().code, ErrorCode::kPermissionDenied);
}

TEST(Lifecycle, EscalatedWarningLeavesTheLowerSupervisor) {
  Life life = OpenLife();
  life.supervisor = "JW";  // escalated from the group to the county commission
  EXPECT_FALSE(SupervisesFor(Make(Role::kInspector, {"JW-Z1"}), life));
  EXPECT_TRUE(SupervisesFor(Make(Role::kInspector, {"JW"}), life));
}

TEST(Lifecycle, AllowedStepsForTheUi) {
  const Life life = OpenLife();
  EXPECT_EQ(AllowedSteps(life, Make(Role::kUnitAdmin, {"SCJ"})),
            (std::vector<StepAction>{StepAction::kExplain, StepAction::kRectify}));
  EXPECT_EQ(AllowedSteps(life, Make(Role::kInspector, {"JW-Z1"})),
            (std::vector<StepAction>{StepAction::kDispose, StepAction::kDismiss}));
  EXPECT_TRUE(AllowedSteps(life, Make(Role::kHandler, {"SCJ"})).empty());
}

TEST(Lifecycle, StepJsonRoundTripAndBadInput) {
  Step s = Disposal(Measure::kRectification);
  s.deadline = Date::FromYmd(2026, 12, 31);
  s.attachments = {{"整改方案.pdf", "application/pdf", 12, std::string(64, 'a')}};
  auto back = StepFromJson(StepToJson(s));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->measure, s.measure);
  EXPECT_EQ(back->deadline, s.deadline);
  EXPECT_EQ(back->duties, s.duties);
  EXPECT_EQ(back->attachments, s.attachments);
  EXPECT_FALSE(StepFromJson(Json{{"action", "escalate"}}));  // the system's own
  EXPECT_FALSE(StepFromJson(Json{{"action", "explain"}, {"deadline", "明天"}}));
  EXPECT_FALSE(StepFromJson(Json{{"action", "dispose"}, {"measure", "罚款"}}));
  auto bad_duty = StepFromJson(Json{{"action", "dispose"}, {"duties", {{{"kind", "主体责任"}}}}});
  ASSERT_FALSE(bad_duty);
  EXPECT_NE(bad_duty.error().message.find("责任人"), std::string::npos);
}

TEST(Lifecycle, LevelsRiseToRed) {
  EXPECT_EQ(Raised(monitor::Level::kNotice), monitor::Level::kYellow);
  EXPECT_EQ(Raised(monitor::Level::kYellow), monitor::Level::kRed);
  EXPECT_EQ(Raised(monitor::Level::kRed), monitor::Level::kRed);
}

}  // namespace
}  // namespace dl::oversight
