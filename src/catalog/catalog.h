// The whole declared state: the organisation and every power's current version with its
// status history. It is what the interchange formats carry and what the writer validates
// commands against.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "access/account.h"
#include "catalog/power.h"
#include "org/org.h"

namespace dl::catalog {

struct PowerRecord {
  Power power;                        // the latest version
  int version = 0;                    // 1, 2, …; numbered by each database, not exported
  std::vector<StatusChange> history;  // dated, oldest first
  PowerStatus Status() const {
    return history.empty() ? PowerStatus::kActive : history.back().status;
  }
  bool operator==(const PowerRecord&) const = default;
};

struct Catalog {
  std::map<std::string, org::Unit> units;
  std::map<std::string, org::Post> posts;
  std::map<std::string, org::Person> persons;
  std::map<std::string, org::Assignment> assignments;  // by Assignment::Key()
  std::map<std::string, org::Relation> relations;      // by Relation::Key()
  std::map<std::string, PowerRecord> powers;
  // Who may use the system (not part of the interchange formats: never exported or imported).
  std::map<std::string, access::Account> accounts;  // by login
  std::map<std::string, access::ApiKey> api_keys;   // by id

  // Units in tree order: each parent before its children, siblings by code.
  std::vector<const org::Unit*> UnitsInTreeOrder() const;
};

}  // namespace dl::catalog
