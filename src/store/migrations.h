// Numbered schema migrations. Migration N brings the schema from version N-1 to N; the
// applied version is kept in PRAGMA user_version. Never edit a released migration: add one.
#pragma once

#include <string_view>
#include <vector>

namespace dl::store {

const std::vector<std::string_view>& SqliteMigrations();

}  // namespace dl::store
