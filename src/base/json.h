// Canonical JSON: the byte form the ledger hashes. Object keys sorted by byte order, no
// insignificant whitespace, UTF-8 left unescaped; integers as integers, and fractional
// numbers (event amounts) in the shortest form that reads back to the same double.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace dl {

using Json = nlohmann::json;

// Returns the canonical text of `value`. nlohmann::json keeps object keys in a std::map,
// whose order is the byte order the format requires.
std::string CanonicalJson(const Json& value);

// Parses JSON text; on failure returns nullopt and sets *error to a readable message
// with the line and column, if error is not null.
std::optional<Json> ParseJson(const std::string& text, std::string* error);

}  // namespace dl
