// 例外 as pure rules: what a grant must name, who may grant it, which findings it covers, and
// the warning that takes it back to review when it lapses.
#include "oversight/exception.h"

#include <gtest/gtest.h>

#include "testing/sample_catalog.h"

namespace dl::oversight {
namespace {

std::string Messages(const std::vector<Issue>& issues) {
  std::string s;
  for (const auto& i : issues) s += i.field + "：" + i.message + "\n";
  return s;
}

Exception RuleException() {
  auto e = ExceptionFromJson({{"kind", "rule"},
                              {"unit", "YX-SCJ"},
                              {"rule", "backdating"},
                              {"owner", "P001"},
                              {"reason", "系统迁移期间集中补录"},
                              {"until", "2026-12-31"}});
  EXPECT_TRUE(e) << e.error().message;
  return *e;
}

TEST(ExceptionTest, AGrantNamesItsRuleOrRiskOwnerReasonAndEnd) {
  const catalog::Catalog c = testing::SampleCatalog();
  const Date today = Date::FromYmd(2026, 11, 24);
  EXPECT_EQ(Messages(ValidateException(RuleException(), c, today)), "");

  auto bad_kind = ExceptionFromJson({{"kind", "forever"}, {"until", "2026-12-31"}});
  ASSERT_FALSE(bad_kind);
  EXPECT_NE(bad_kind.error().message.find("rule（规则例外）或 risk（接受的风险）"),
            std::string::npos);
  EXPECT_FALSE(ExceptionFromJson({{"kind", "rule"}, {"until", "明年"}}));

  Exception e = RuleException();
  e.rule = "no-such-rule";
  e.owner = "P404";
  e.reason = "";
  e.until = today.AddDays(367);
  const std::string m = Messages(ValidateException(e, c, today));
  EXPECT_NE(m.find("监察规则“no-such-rule”不存在"), std::string::npos) << m;
  EXPECT_NE(m.find("人员“P404”不存在"), std::string::npos) << m;
  EXPECT_NE(m.find("须写明设立例外的理由"), std::string::npos) << m;
  EXPECT_NE(m.find("例外最长 366 天"), std::string::npos) << m;

  e = RuleException();
  e.rule = "lua:big-cash";  // a custom rule
  e.power = "CF-SCJ-001";   // one power of the unit
  EXPECT_EQ(Messages(ValidateException(e, c, today)), "");
  e.rule = "review-overdue";  // judges the lists: accept the risk instead
  EXPECT_NE(Messages(ValidateException(e, c, today)).find("不能设例外"), std::string::npos);

  Exception risk = RuleException();
  risk.kind = ExceptionKind::kRisk;
  risk.rule = "";
  risk.power = "XK-SCJ-001";
  risk.risk = "R9";
  EXPECT_NE(Messages(ValidateException(risk, c, today)).find("没有风险点“R9”"), std::string::npos);
  risk.risk = "R1";
  EXPECT_EQ(Messages(ValidateException(risk, c, today)), "");
  risk.unit = "YX-JW";  // not the power's unit
  EXPECT_NE(Messages(ValidateException(risk, c, today)).find("不属于单位"), std::string::npos);
}

TEST(ExceptionTest, ItCoversTheFindingsItNames) {
  const catalog::Catalog c = testing::SampleCatalog();
  const Exception e = RuleException();
  Json finding = {{"rule", "backdating"}, {"unit", "YX-SCJ"}, {"power", "XK-SCJ-001"}};
  EXPECT_TRUE(Covers(e, finding, c));
  finding["unit"] = "YX-SCJ-ZC";  // a section of the unit
  EXPECT_TRUE(Covers(e, finding, c));
  finding["unit"] = "YX-JW";
  EXPECT_FALSE(Covers(e, finding, c));
  finding["unit"] = "YX-SCJ";
  finding["rule"] = "recusal";
  EXPECT_FALSE(Covers(e, finding, c));
  Json manual = {{"rule", "backdating"}, {"unit", "YX-SCJ"}, {"source", "审计"}};
  EXPECT_FALSE(Covers(e, manual, c));  // hand-entered warnings are never covered

  Exception one_power = e;
  one_power.power = "CF-SCJ-001";
  EXPECT_FALSE(
      Covers(one_power, {{"rule", "backdating"}, {"unit", "YX-SCJ"}, {"power", "XK-SCJ-001"}}, c));

  Exception risk = e;
  risk.kind = ExceptionKind::kRisk;
  risk.power = "XK-SCJ-001";
  risk.risk = "R1";
  EXPECT_TRUE(Covers(risk,
                     {{"rule", "review-overdue"},
                      {"unit", "YX-SCJ"},
                      {"subject", "risk:XK-SCJ-001/R1@2027-01-10"}},
                     c));
  EXPECT_FALSE(Covers(risk,
                      {{"rule", "review-overdue"},
                       {"unit", "YX-SCJ"},
                       {"subject", "risk:XK-SCJ-001/R10@2027-01-10"}},
                      c));
}

TEST(ExceptionTest, OnlyTheSupervisingInspectorGrants) {
  const catalog::Catalog c = testing::SampleCatalog();
  auto actor = [&](access::Role role, std::string root) {
    Actor a;
    a.role = role;
    a.scope = std::make_shared<const access::Scope>(access::Scope::Of(role, {root}, c.units));
    return a;
  };
  const std::string supervisor = c.units.at("YX-SCJ").supervisor;
  ASSERT_FALSE(supervisor.empty());
  EXPECT_TRUE(GrantsFor(actor(access::Role::kInspector, supervisor), c, "YX-SCJ"));
  EXPECT_FALSE(GrantsFor(actor(access::Role::kUnitAdmin, "YX-SCJ"), c, "YX-SCJ"));
  Actor system = actor(access::Role::kInspector, supervisor);
  system.system = true;
  EXPECT_FALSE(GrantsFor(system, c, "YX-SCJ"));
}

TEST(ExceptionTest, ALapseGoesBackToReviewAsANotice) {
  const catalog::Catalog c = testing::SampleCatalog();
  Exception e = RuleException();
  e.id = 42;
  const Json w = LapsePayload(e, c, *ParseInstant("2026-12-31T16:00:00Z"));
  EXPECT_EQ(w["rule"], kLapseRule);
  EXPECT_EQ(w["level"], "提醒");
  EXPECT_EQ(w["person"], "P001");
  EXPECT_EQ(w["exception"], 42);
  EXPECT_EQ(w["evidence"], Json::array({42}));
  EXPECT_EQ(w["supervisor"], c.units.at("YX-SCJ").supervisor);
  EXPECT_NE(w["message"].get<std::string>().find(
                "对监察规则“事后补录”的例外已于 2026-12-31 到期（责任人 王建国"),
            std::string::npos)
      << w["message"];
  // Round trip through the ledger payload.
  auto back = ExceptionFromPayload(42, ExceptionPayload(e));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, e);
}

}  // namespace
}  // namespace dl::oversight
