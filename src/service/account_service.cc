#include "service/account_service.h"

#include <sodium.h>

#include "base/sha256.h"

namespace dl::service {
namespace {

constexpr const char* kKeyPrefix = "dlk_";

Result<std::string> Hash(const std::string& password, access::HashCost cost) {
  DL_RETURN_IF_ERROR(access::CheckPasswordStrength(password));
  return access::HashPassword(password, cost);
}

std::string KeyHash(const std::string& secret) { return ToHex(Sha256(secret)); }

}  // namespace

Status AccountService::Put(const std::string& actor, access::Account account, bool create) {
  writer::Submission sub;
  sub.actor = actor;
  sub.commands.emplace_back(std::in_place_type<catalog::Change>,
                            catalog::AccountPut{std::move(account), create});
  return writer_.Submit(std::move(sub)).map([](const writer::Receipt&) {});
}

Result<access::Account> AccountService::Create(const std::string& actor,
                                               const NewAccount& request) {
  if (writer_.Published()->accounts.contains(request.login)) {
    return Err(ErrorCode::kConflict, "登录名“" + request.login + "”已被使用");
  }
  access::Account a{
      request.login, request.name, request.role, request.units, request.person, false, ""};
  DL_ASSIGN_OR_RETURN(a.password_hash, Hash(request.password, cost_));
  DL_RETURN_IF_ERROR(Put(actor, a, /*create=*/true));
  return a;
}

Result<access::Account> AccountService::Update(const std::string& actor, const std::string& login,
                                               const AccountUpdate& update) {
  auto state = writer_.Published();
  auto it = state->accounts.find(login);
  if (it == state->accounts.end()) return Err(ErrorCode::kNotFound, "账号“" + login + "”不存在");
  access::Account a = it->second;
  if (update.name) a.name = *update.name;
  if (update.role) a.role = *update.role;
  if (update.units) a.units = *update.units;
  if (update.person) a.person = *update.person;
  if (update.disabled) a.disabled = *update.disabled;
  if (update.password) {
    DL_ASSIGN_OR_RETURN(a.password_hash, Hash(*update.password, cost_));
  }
  DL_RETURN_IF_ERROR(Put(actor, a));
  return a;
}

Status AccountService::ChangePassword(const std::string& login, const std::string& old_password,
                                      const std::string& new_password) {
  auto state = writer_.Published();
  auto it = state->accounts.find(login);
  if (it == state->accounts.end() ||
      !access::VerifyPassword(it->second.password_hash, old_password)) {
    return Err(ErrorCode::kPermissionDenied, "原密码不正确");
  }
  if (old_password == new_password) {
    return Err(ErrorCode::kInvalidArgument, "新密码不能与原密码相同");
  }
  access::Account a = it->second;
  DL_ASSIGN_OR_RETURN(a.password_hash, Hash(new_password, cost_));
  return Put(login, std::move(a));
}

Result<MadeApiKey> AccountService::CreateApiKey(const std::string& actor, const std::string& name,
                                                const std::vector<std::string>& units) {
  MadeApiKey made;
  made.key.id = access::RandomToken(6);
  // The id is part of the key; '_' separates it from the secret, so keep it out of the id.
  for (char& c : made.key.id) {
    if (c == '_') c = 'x';
  }
  made.secret = kKeyPrefix + made.key.id + "_" + access::RandomToken(32);
  made.key.name = name;
  made.key.units = units;
  made.key.key_hash = KeyHash(made.secret);
  writer::Submission sub;
  sub.actor = actor;
  sub.commands.emplace_back(std::in_place_type<catalog::Change>, catalog::ApiKeyPut{made.key});
  DL_RETURN_IF_ERROR(writer_.Submit(std::move(sub)));
  return made;
}

Status AccountService::RevokeApiKey(const std::string& actor, const std::string& id) {
  auto state = writer_.Published();
  auto it = state->api_keys.find(id);
  if (it == state->api_keys.end()) return Err(ErrorCode::kNotFound, "API 密钥“" + id + "”不存在");
  access::ApiKey k = it->second;
  k.revoked = true;
  writer::Submission sub;
  sub.actor = actor;
  sub.commands.emplace_back(std::in_place_type<catalog::Change>, catalog::ApiKeyPut{std::move(k)});
  return writer_.Submit(std::move(sub)).map([](const writer::Receipt&) {});
}

Result<std::optional<std::string>> AccountService::EnsureFirstAdmin() {
  if (!writer_.Published()->accounts.empty()) return std::optional<std::string>();
  std::string password = access::RandomPassword();
  access::Account a{"admin", "系统管理员", access::Role::kAdmin, {}, "", false, ""};
  DL_ASSIGN_OR_RETURN(a.password_hash, access::HashPassword(password, cost_));
  DL_RETURN_IF_ERROR(Put("daylight:init", std::move(a), /*create=*/true));
  return std::optional<std::string>(std::move(password));
}

Result<access::Account> AccountService::Authenticate(const catalog::Catalog& state,
                                                     const std::string& login,
                                                     const std::string& password) {
  auto it = state.accounts.find(login);
  if (it == state.accounts.end() || it->second.disabled ||
      !access::VerifyPassword(it->second.password_hash, password)) {
    return Err(ErrorCode::kUnauthenticated, "登录名或密码不正确，或账号已停用");
  }
  return it->second;
}

Result<access::ApiKey> AccountService::FindApiKey(const catalog::Catalog& state,
                                                  const std::string& secret) {
  auto bad = [] { return Err(ErrorCode::kUnauthenticated, "API 密钥无效或已吊销"); };
  if (!secret.starts_with(kKeyPrefix)) return bad();
  const size_t sep = secret.find('_', 4);
  if (sep == std::string::npos) return bad();
  auto it = state.api_keys.find(secret.substr(4, sep - 4));
  if (it == state.api_keys.end() || it->second.revoked) return bad();
  const std::string hash = KeyHash(secret);
  if (hash.size() != it->second.key_hash.size() ||
      sodium_memcmp(hash.data(), it->second.key_hash.data(), hash.size()) != 0) {
    return bad();
  }
  return it->second;
}

}  // namespace dl::service
