#include <gtest/gtest.h>

#include "access/account.h"
#include "access/password.h"
#include "access/scope.h"
#include "catalog/validate.h"
#include "testing/sample_catalog.h"

namespace dl::access {
namespace {

std::map<std::string, org::Unit> Units() {
  std::map<std::string, org::Unit> u;
  auto add = [&](std::string code, std::string parent, std::string supervisor = "") {
    u[code] = org::Unit{code,      code, parent, org::UnitLevel::kUnit, org::UnitKind::kGovernment,
                        supervisor};
  };
  add("YX", "");
  add("JW", "YX");
  add("PZ1", "JW");
  add("A", "YX", "PZ1");
  add("A-1", "A");
  add("B", "YX", "PZ2");
  add("PZ2", "JW");
  return u;
}

TEST(ScopeTest, ASubtreeForOfficersSupervisedUnitsForInspectorsEverythingForAdmins) {
  const auto units = Units();
  Scope officer = Scope::Of(Role::kHandler, {"A"}, units);
  EXPECT_TRUE(officer.Contains("A"));
  EXPECT_TRUE(officer.Contains("A-1"));
  EXPECT_FALSE(officer.Contains("B"));
  EXPECT_FALSE(officer.Contains("YX"));
  // The same roots give an inspector also what its units supervise, with their subtrees.
  Scope inspector = Scope::Of(Role::kInspector, {"PZ1"}, units);
  EXPECT_TRUE(inspector.Contains("A"));
  EXPECT_TRUE(inspector.Contains("A-1"));
  EXPECT_FALSE(inspector.Contains("B"));
  EXPECT_FALSE(Scope::Of(Role::kHandler, {"PZ1"}, units).Contains("A"));
  EXPECT_TRUE(Scope::Of(Role::kAdmin, {}, units).Contains("anything"));
  EXPECT_TRUE(Scope::Of(Role::kHandler, {"nope"}, units).Units().empty());
}

TEST(PasswordTest, HashesVerifyOnlyTheirPasswordAndAreSalted) {
  auto a = HashPassword("correct-horse-9", HashCost::kMinimal);
  auto b = HashPassword("correct-horse-9", HashCost::kMinimal);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->starts_with("$argon2id$"));
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*a, "correct-horse-9"));
  EXPECT_FALSE(VerifyPassword(*a, "correct-horse-8"));
  EXPECT_FALSE(VerifyPassword("garbage", "correct-horse-9"));
  EXPECT_FALSE(CheckPasswordStrength("short1"));
  EXPECT_FALSE(CheckPasswordStrength("aaaaaaaaaaaa"));
  EXPECT_TRUE(CheckPasswordStrength("密码要足够长的十个字"));
  EXPECT_EQ(RandomPassword().size(), 16u);
  EXPECT_NE(RandomToken(16), RandomToken(16));
}

TEST(AccountTest, ValidationNamesEachProblemInChinese) {
  const catalog::Catalog c = testing::SampleCatalog();
  Account a{"bad login!", "", Role::kHandler, {"NOPE"}, "P999", false, ""};
  std::vector<std::string> fields;
  for (const auto& i : catalog::ValidateAccount(a, c)) fields.push_back(i.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"登录名", "姓名", "密码", "单位范围", "人员"}));
  Account ok{"wang", "王", Role::kHandler, {"YX-SCJ"}, "P001", false, "$argon2id$x"};
  EXPECT_TRUE(catalog::ValidateAccount(ok, c).empty());
  ok.person.clear();
  EXPECT_EQ(catalog::ValidateAccount(ok, c).size(), 1u);  // a handler acts as a person
  // The ledger form round-trips; the public form never shows the hash.
  ok.person = "P001";
  EXPECT_EQ(*AccountFromJson(ToJson(ok)), ok);
  EXPECT_FALSE(PublicJson(ok).contains("password_hash"));
}

TEST(RoleTest, OnlyHandlersAndLeadersHandleAndOnlyAdminsManageAccounts) {
  for (Role r : {Role::kAdmin, Role::kUnitAdmin, Role::kHandler, Role::kLeader, Role::kInspector,
                 Role::kIntegrator}) {
    EXPECT_EQ(RoleAllows(r, Action::kHandleCases), r == Role::kHandler || r == Role::kLeader);
    EXPECT_EQ(RoleAllows(r, Action::kManageAccounts), r == Role::kAdmin);
    EXPECT_EQ(RoleAllows(r, Action::kReadCases), r != Role::kIntegrator);
  }
}

}  // namespace
}  // namespace dl::access
