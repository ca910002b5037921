// Canonical JSON: the byte form the ledger hashes. Object keys sorted by byte order, no
// insignificant whitespace, UTF-8 left unescaped; integers as integers, and fractional
// numbers (event amounts) in the shortest form that reads back to the same double.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace dl {

using Json = nlohmann::json;

// Returns the canonical text of `value`. nlohmann::json keeps object keys in a std::map,
// whose order is the byte order the format requires.
std::string CanonicalJson(const Json& value);

// Appends `s` as a JSON string exactly as CanonicalJson writes one (nlohmann's dump with
// ensure_ascii=false): '"' and '\\' escaped, \b \f \n \r \t, other bytes below 0x20 as
// \u00xx, everything else as is. For writing canonical text directly on hot paths (ledger
// entries, case events). Unlike the library it does not reject invalid UTF-8: bytes edited
// into the database then simply hash differently, which verify reports.
void AppendJsonString(std::string& out, std::string_view s);

// Parses JSON text; on failure returns nullopt and sets *error to a readable message
// with the line and column, if error is not null.
std::optional<Json> ParseJson(const std::string& text, std::string* error);

}  // namespace dl
