#include "access/account.h"

#include <algorithm>

namespace dl::access {
namespace {

// Reads an optional text field; invalid_argument when present and not text.
Result<std::string> Text(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Err(ErrorCode::kInvalidArgument, std::string(key) + " 必须是文本");
  return it->get<std::string>();
}

Result<std::vector<std::string>> TextList(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) return Err(ErrorCode::kInvalidArgument, std::string(key) + " 必须是数组");
  for (const auto& v : *it) {
    if (!v.is_string()) {
      return Err(ErrorCode::kInvalidArgument, std::string(key) + " 的每一项都必须是单位编码");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

bool Flag(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

Json ToJson(const Account& a) {
  Json j = PublicJson(a);
  j["password_hash"] = a.password_hash;
  return j;
}

Json PublicJson(const Account& a) {
  return {{"login", a.login},
          {"name", a.name},
          {"role", kRoleCodes.Label(a.role)},
          {"units", a.units},
          {"person", a.person},
          {"disabled", a.disabled},
          {"role_name", kRoleNames.Label(a.role)}};
}

Json ToJson(const ApiKey& k) {
  Json j = PublicJson(k);
  j["key_hash"] = k.key_hash;
  return j;
}

Json PublicJson(const ApiKey& k) {
  return {{"id", k.id}, {"name", k.name}, {"units", k.units}, {"revoked", k.revoked}};
}

Result<Account> AccountFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "账号必须是 JSON 对象");
  Account a;
  DL_ASSIGN_OR_RETURN(a.login, Text(j, "login"));
  DL_ASSIGN_OR_RETURN(a.name, Text(j, "name"));
  DL_ASSIGN_OR_RETURN(std::string role, Text(j, "role"));
  auto parsed = kRoleCodes.Parse(role);
  if (!parsed) parsed = kRoleNames.Parse(role);
  if (!parsed) {
    return Err(ErrorCode::kInvalidArgument,
               "角色“" + role + "”不存在，应为 " + kRoleCodes.Choices() + " 之一");
  }
  a.role = *parsed;
  DL_ASSIGN_OR_RETURN(a.units, TextList(j, "units"));
  DL_ASSIGN_OR_RETURN(a.person, Text(j, "person"));
  a.disabled = Flag(j, "disabled");
  DL_ASSIGN_OR_RETURN(a.password_hash, Text(j, "password_hash"));
  return a;
}

Result<ApiKey> ApiKeyFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "API 密钥必须是 JSON 对象");
  ApiKey k;
  DL_ASSIGN_OR_RETURN(k.id, Text(j, "id"));
  DL_ASSIGN_OR_RETURN(k.name, Text(j, "name"));
  DL_ASSIGN_OR_RETURN(k.units, TextList(j, "units"));
  DL_ASSIGN_OR_RETURN(k.key_hash, Text(j, "key_hash"));
  k.revoked = Flag(j, "revoked");
  return k;
}

std::vector<Issue> ValidateAccountFields(const Account& a) {
  std::vector<Issue> issues;
  auto error = [&](const char* field, std::string message) {
    issues.push_back(
        Issue{Issue::Severity::kError, {"account", a.login, "", ""}, field, std::move(message)});
  };
  const bool shaped = !a.login.empty() && a.login.size() <= 64 &&
                      std::all_of(a.login.begin(), a.login.end(), [](unsigned char c) {
                        return std::isalnum(c) || c == '.' || c == '_' || c == '-';
                      });
  if (!shaped) {
    error("登录名", "登录名须为 1–64 个字母、数字、点、下划线或连字符，收到“" + a.login + "”");
  }
  if (a.name.empty()) error("姓名", "账号须有姓名");
  if (a.role == Role::kIntegrator) error("角色", "业务系统不用账号登录，请为它创建 API 密钥");
  if ((a.role == Role::kHandler || a.role == Role::kLeader) && a.person.empty()) {
    error("人员", "经办人和领导的账号须绑定人员编码（办理时以此人身份留痕）");
  }
  if (a.role != Role::kAdmin && a.units.empty()) {
    error("单位范围", "除系统管理员外，账号须至少有一个单位范围");
  }
  if (a.password_hash.empty()) error("密码", "账号须设置密码");
  return issues;
}

bool RoleAllows(Role role, Action action) {
  switch (action) {
    case Action::kReadCatalog:
    case Action::kReadCases:
    case Action::kReadLedger:
      return role != Role::kIntegrator;
    case Action::kImportCatalog:
      return role == Role::kAdmin || role == Role::kUnitAdmin;
    case Action::kHandleCases:
      return role == Role::kHandler || role == Role::kLeader;
    case Action::kReadWarnings:
      return role == Role::kAdmin || role == Role::kUnitAdmin || role == Role::kLeader ||
             role == Role::kInspector;
    case Action::kWorkWarnings:
      return role == Role::kUnitAdmin || role == Role::kLeader || role == Role::kInspector;
    case Action::kEnterWarnings:
      return role == Role::kInspector;
    case Action::kAuditLedger:
      return role == Role::kAdmin || role == Role::kInspector;
    case Action::kManageAccounts:
      return role == Role::kAdmin;
    case Action::kRecordEvents:
      return role == Role::kIntegrator || role == Role::kAdmin;
  }
  return false;
}

}  // namespace dl::access
