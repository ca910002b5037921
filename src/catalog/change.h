// Changes to the declared state: what commands become once validated, what the ledger
// records (as payloads) and what the store projects. Replaying them in order rebuilds the
// catalogue.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "catalog/catalog.h"

namespace dl::catalog {

struct UnitPut {
  org::Unit unit;
};
struct PostPut {
  org::Post post;
};
struct PersonPut {
  org::Person person;
};
struct AssignmentPut {
  org::Assignment assignment;
};
struct RelationPut {
  org::Relation relation;
};
// A new version of a power (the version number is assigned when applied).
struct PowerVersionPut {
  Power power;
  int version = 0;
};
struct PowerStatusPut {
  std::string code;
  StatusChange change;
};

// A deployment setting (e.g. "risk_formula"); value is canonical JSON text.
struct SettingPut {
  std::string key;
  std::string value;
};

// An account or an API key, created or changed (access/account.h).
struct AccountPut {
  access::Account account;
  // A new account: refused when the login exists (checked by the writer, in order, so two
  // concurrent creations of one login cannot both succeed). Not recorded in the ledger.
  bool create = false;
};
struct ApiKeyPut {
  access::ApiKey key;
};

using Change = std::variant<UnitPut, PostPut, PersonPut, AssignmentPut, RelationPut,
                            PowerVersionPut, PowerStatusPut, SettingPut, AccountPut, ApiKeyPut>;

// Ledger kind ("unit.put", "power.version", …) and subject ("unit:CODE") of a change.
std::string KindOf(const Change& c);
std::string SubjectOf(const Change& c);
Json ChangeToJson(const Change& c);
// Decodes a ledger payload of the given kind.
Result<Change> ChangeFromJson(const std::string& kind, const Json& payload);

// The changes that bring `current` to declare everything `incoming` declares: entities
// that differ or are new are put, a power whose version differs gets a new version, status
// changes not yet recorded are appended. Nothing is deleted. Org entities come first, units
// parents before children, so the changes can be applied in order.
std::vector<Change> PlanImport(const Catalog& current, const Catalog& incoming);

// Applies a change to the catalogue (no validation). Returns false if the change is a
// no-op (the catalogue already holds exactly this). A SettingPut changes no catalogue and
// always returns true.
bool Apply(const Change& c, Catalog& catalog);

}  // namespace dl::catalog
