// Generates the demo county's organisation (units, posts, persons, assignments, relations)
// and an index of the posts that flows, risks and controls refer to.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "demo/org_tables.h"
#include "demo/random.h"

namespace dl::demo {

struct SectionInfo {
  std::string code;
  std::string name;
  std::string chief;                // 股长 / 主任 post
  std::vector<std::string> clerks;  // two 科员 posts
};

// The posts of one power-holding unit, by role.
struct UnitInfo {
  const UnitSpec* spec = nullptr;
  std::string code;  // "YX-FGJ"
  std::string head;  // 一把手 post
  std::vector<std::string> deputies;
  std::vector<SectionInfo> sections;  // sections[0] is the office
  std::string accountant;             // 会计, in the office
  std::string cashier;                // 出纳, in the office
  std::string legal;                  // 法制审核员, in the office

  const SectionInfo& Office() const { return sections[0]; }
  const SectionInfo& Enforcement() const {
    return sections[static_cast<size_t>(spec->enforce_section)];
  }
  // The deputy in charge of a section. The head never is (四不直接分管); deputy 0 is in
  // charge of the office and so of personnel, finance, projects and procurement.
  const std::string& DeputyFor(size_t section) const { return deputies[section % deputies.size()]; }
};

struct OrgIndex {
  std::vector<UnitInfo> units;  // parallel to PowerUnitSpecs()
};

// Fills the org part of `catalog` and returns the index. Deterministic for the stream.
OrgIndex GenerateOrg(Rng& rng, catalog::Catalog& catalog);

}  // namespace dl::demo
