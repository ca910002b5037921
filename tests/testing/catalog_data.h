// The data-driven suites' catalogue: SampleCatalog plus a file's own additions, given as the
// catalogue document's arrays (units, posts, persons, assignments, relations, powers) without
// the format fields.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_json.h"
#include "testing/sample_catalog.h"

namespace dl::testing {

// `problems` receives "path: message" for each element that does not parse.
inline catalog::Catalog SampleCatalogWith(const Json& additions,
                                          std::vector<std::string>& problems) {
  catalog::Catalog c = SampleCatalog();
  if (!additions.is_object()) return c;
  Json doc = additions;
  doc["format"] = catalog::kCatalogFormat;
  doc["format_version"] = catalog::kCatalogFormatVersion;
  std::vector<catalog::JsonProblem> found;
  catalog::Catalog extra = catalog::CatalogFromJson(doc, &found);
  for (const auto& p : found) problems.push_back(p.path + ": " + p.message);
  for (auto& [k, v] : extra.units) c.units.insert_or_assign(k, v);
  for (auto& [k, v] : extra.posts) c.posts.insert_or_assign(k, v);
  for (auto& [k, v] : extra.persons) c.persons.insert_or_assign(k, v);
  for (auto& [k, v] : extra.assignments) c.assignments.insert_or_assign(k, v);
  for (auto& [k, v] : extra.relations) c.relations.insert_or_assign(k, v);
  for (auto& [k, v] : extra.powers) c.powers.insert_or_assign(k, v);
  return c;
}

}  // namespace dl::testing
