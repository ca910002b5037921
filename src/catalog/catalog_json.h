// The JSON interchange format of the catalogue (docs/formats.md). Field names are English;
// enum values are the Chinese words of the label tables; dates are "YYYY-MM-DD".
// Encoding is deterministic, so import followed by export reproduces the file exactly.
#pragma once

#include <string>
#include <vector>

#include "base/json.h"
#include "catalog/catalog.h"

namespace dl::catalog {

inline constexpr const char* kCatalogFormat = "daylight.catalog";
inline constexpr int kCatalogFormatVersion = 1;

// A problem found while decoding: where (a JSON path such as "powers[3].flow.nodes[2].kind")
// and what.
struct JsonProblem {
  std::string path;
  std::string message;
};

Json ToJson(const org::Unit& v);
Json ToJson(const org::Post& v);
Json ToJson(const org::Person& v);
Json ToJson(const org::Assignment& v);
Json ToJson(const org::Relation& v);
Json ToJson(const Power& v);
Json ToJson(const StatusChange& v);

// Each decoder fills *out and returns true, or appends problems (path-prefixed) and
// returns false. Unknown fields are problems too, so a misspelt field is never ignored.
bool FromJson(const Json& j, const std::string& path, org::Unit* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, org::Post* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, org::Person* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, org::Assignment* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, org::Relation* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, Power* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, StatusChange* out,
              std::vector<JsonProblem>* problems);

// The whole document: {"format","format_version","units","posts","persons","assignments",
// "relations","powers":[{...power, "status_history":[...]}]}.
Json CatalogToJson(const Catalog& catalog);
// Decodes a whole document; problems are appended, and what could be decoded is returned.
Catalog CatalogFromJson(const Json& j, std::vector<JsonProblem>* problems);

}  // namespace dl::catalog
