// Reading calendar TOML files (format: docs/calendar.md) into plain declarations, and the
// files compiled into the binary. Internal to the calendar library.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "calendar/calendar.h"

namespace dl::calendar::internal {

struct DeclaredYear {
  int year = 0;
  std::string source;
  int line = 0;
};

// One date of a [[holidays]] range or a [[workdays]] list.
struct DeclaredDay {
  Date date;
  bool workday = false;
  std::string name;
  int line = 0;
  std::string field;  // "holidays.from", "workdays.dates" — for error messages
};

struct CalendarFile {
  std::string source_name;
  std::optional<CalendarKind> kind;
  int kind_line = 0;
  std::string name;
  std::optional<std::chrono::minutes> utc_offset;
  int utc_offset_line = 0;
  std::vector<DeclaredYear> years;
  std::vector<DeclaredDay> days;  // in file order
};

// Checks syntax, field names, types and dates; what the declarations mean for a calendar
// (known years, weekends) is checked when they are applied (calendar.cc).
Result<CalendarFile> ParseCalendarToml(std::string_view text, std::string_view source_name);

// kInvalidArgument "{file} 第 {line} 行: 字段 {field}: {message}" with details
// {"file", "line", "field"}; the field part is left out when empty.
Error FileError(std::string_view file, int line, std::string_view field, std::string message);

struct BuiltinFile {
  std::string_view name;  // "cn-2026.toml"
  std::string_view text;
};
// The files of data/calendar/, in name order (generated: builtin_data.cc.in).
std::span<const BuiltinFile> BuiltinFiles();

}  // namespace dl::calendar::internal
