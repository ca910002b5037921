// Accounts and API keys (docs/api.md「会话与账号」): creating and changing them through the
// writer (so each change is in the ledger), checking a login's password, and finding the key
// an integrating system presents. Sessions are the server's business, not this one's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/account.h"
#include "access/password.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "writer/writer.h"

namespace dl::service {

struct NewAccount {
  std::string login, name;
  access::Role role = access::Role::kHandler;
  std::vector<std::string> units;
  std::string person;
  std::string password;  // checked by access::CheckPasswordStrength
};

// What may change on an account; unset fields stay as they are.
struct AccountUpdate {
  std::optional<std::string> name;
  std::optional<access::Role> role;
  std::optional<std::vector<std::string>> units;
  std::optional<std::string> person;
  std::optional<bool> disabled;
  std::optional<std::string> password;  // a reset by an administrator
};

struct MadeApiKey {
  access::ApiKey key;
  std::string secret;  // the whole key, "dlk_<id>_<secret>": shown once, never stored
};

class AccountService {
 public:
  // `writer` must outlive the service. Thread-safe (the writer is).
  explicit AccountService(writer::Writer& writer,
                          access::HashCost cost = access::HashCost::kInteractive)
      : writer_(writer), cost_(cost) {}

  // Each of these submits as `actor` and returns invalid_argument (Chinese message, issues in
  // details) for bad input, conflict when the login exists, not_found for an unknown login.
  Result<access::Account> Create(const std::string& actor, const NewAccount& request);
  Result<access::Account> Update(const std::string& actor, const std::string& login,
                                 const AccountUpdate& update);
  // The account holder changes their own password; permission_denied when `old_password`
  // is wrong.
  Status ChangePassword(const std::string& login, const std::string& old_password,
                        const std::string& new_password);
  Result<MadeApiKey> CreateApiKey(const std::string& actor, const std::string& name,
                                  const std::vector<std::string>& units);
  Status RevokeApiKey(const std::string& actor, const std::string& id);

  // The first administrator when there is no account yet: login "admin" with a random
  // password, returned (to be printed once). nullopt when accounts exist.
  Result<std::optional<std::string>> EnsureFirstAdmin();

  // The enabled account whose password matches; unauthenticated otherwise (the same answer
  // for an unknown login, a wrong password and a disabled account).
  static Result<access::Account> Authenticate(const catalog::Catalog& state,
                                              const std::string& login,
                                              const std::string& password);
  // The unrevoked key matching `secret`; unauthenticated otherwise.
  static Result<access::ApiKey> FindApiKey(const catalog::Catalog& state,
                                           const std::string& secret);

 private:
  Status Put(const std::string& actor, access::Account account, bool create = false);

  writer::Writer& writer_;
  access::HashCost cost_;
};

}  // namespace dl::service
