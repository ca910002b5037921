// Calendar dates (no time zone) and UTC instants.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dl {

// A civil date, stored as days since 1970-01-01. Default-constructed is 1970-01-01.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  static Date FromYmd(int year, unsigned month, unsigned day);
  // Accepts 2026-01-31, 2026/1/31, 2026.1.31 and 2026年1月31日. Returns nullopt otherwise
  // (including impossible dates such as 2026-02-30).
  static std::optional<Date> Parse(std::string_view text);
  // Excel's serial day number (1900 date system; 45658 = 2025-01-01).
  static std::optional<Date> FromExcelSerial(double serial);

  int32_t days() const { return days_; }
  std::chrono::year_month_day Ymd() const;
  int Year() const;
  // ISO 8601, "2026-01-31".
  std::string ToString() const;
  Date AddDays(int32_t n) const { return Date(days_ + n); }

  auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

using Instant = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

// RFC 3339 in UTC with milliseconds: "2026-11-23T14:42:00.123Z".
std::string FormatInstant(Instant t);
// Accepts RFC 3339 with Z or an offset, and fractional seconds. Returns nullopt if malformed.
std::optional<Instant> ParseInstant(std::string_view text);
// The UTC calendar date of an instant.
Date DateOf(Instant t);
// China Standard Time (UTC+8, no daylight saving): the offset of every civil date users mean.
inline constexpr std::chrono::hours kChinaOffset{8};
// The civil date of an instant in China Standard Time.
inline Date ChinaDate(Instant t) { return DateOf(t + kChinaOffset); }

}  // namespace dl
