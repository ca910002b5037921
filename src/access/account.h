// Who may use Daylight and what for: accounts of persons (with a role and a scope of units)
// and API keys of integrating systems. Both are declared through the writer like the four
// lists, so every change of an account is in the ledger (docs/api.md「角色」).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/issue.h"
#include "base/json.h"
#include "base/labels.h"
#include "base/result.h"

namespace dl::access {

enum class Role { kAdmin, kUnitAdmin, kHandler, kLeader, kInspector, kIntegrator };
// The role names of the API and the ledger.
inline constexpr LabelTable<Role, 6> kRoleCodes{{{
    {Role::kAdmin, "admin"},
    {Role::kUnitAdmin, "unit_admin"},
    {Role::kHandler, "handler"},
    {Role::kLeader, "leader"},
    {Role::kInspector, "inspector"},
    {Role::kIntegrator, "integrator"},
}}};
// The words users read.
inline constexpr LabelTable<Role, 6> kRoleNames{{{
    {Role::kAdmin, "系统管理员"},
    {Role::kUnitAdmin, "单位管理员"},
    {Role::kHandler, "经办人"},
    {Role::kLeader, "领导"},
    {Role::kInspector, "纪检监察"},
    {Role::kIntegrator, "业务系统"},
}}};

// A person's account. `units` are the roots of its scope (each with all units below it; an
// inspector's also with the units they supervise). `person` links the account to the org
// person it acts as when handling cases; it may be empty for roles that handle none.
struct Account {
  std::string login;
  std::string name;
  Role role = Role::kHandler;
  std::vector<std::string> units;
  std::string person;
  bool disabled = false;
  std::string password_hash;  // Argon2id, libsodium's encoded form (access/password.h)
  bool operator==(const Account&) const = default;
};

// An integrating system's key. Only the SHA-256 of the key is kept; the key itself is shown
// once, when made. Its role is always integrator.
struct ApiKey {
  std::string id;  // public part of the key ("dlk_<id>_<secret>")
  std::string name;
  std::vector<std::string> units;
  std::string key_hash;  // lower-case hex SHA-256 of the whole key
  bool revoked = false;
  bool operator==(const ApiKey&) const = default;
};

// Ledger payloads. The password hash is in the payload so that the projection can be rebuilt
// from the ledger; it is a salted Argon2id hash, never the password.
Json ToJson(const Account& a);
Json ToJson(const ApiKey& k);
Result<Account> AccountFromJson(const Json& j);
Result<ApiKey> ApiKeyFromJson(const Json& j);
// What the API shows of an account (no hash).
Json PublicJson(const Account& a);
Json PublicJson(const ApiKey& k);

// Checks the fields of an account on their own (login shape, role, a person for the roles
// that handle cases); references to units and persons are checked by the caller.
std::vector<Issue> ValidateAccountFields(const Account& a);

// What a request wants to do; each route names one.
enum class Action {
  kReadCatalog,     // units, powers, flowcharts
  kImportCatalog,   // import and export the four lists
  kReadCases,       // case lists and case pages
  kHandleCases,     // online handling as the account's person
  kReadWarnings,    // warnings, their evidence, the dashboard
  kWorkWarnings,    // take steps in a warning's life (the unit's answer or the supervisor's)
  kEnterWarnings,   // enter warnings by hand (巡视, 审计, 信访举报 …)
  kReadLedger,      // checkpoints and proofs
  kAuditLedger,     // full verification, evidence bundles
  kManageAccounts,  // accounts and API keys
  kRecordEvents,    // events from an integrating system
};
// Whether the role may take the action at all (the unit scope is checked separately).
bool RoleAllows(Role role, Action action);

}  // namespace dl::access
