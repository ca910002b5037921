#include "base/date.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace dl {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

// Splits text into runs of ASCII digits; anything else separates.
std::vector<std::string_view> DigitRuns(std::string_view text) {
  std::vector<std::string_view> runs;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] >= '0' && text[i] <= '9') {
      size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      runs.push_back(text.substr(i, j - i));
      i = j;
    } else {
      ++i;
    }
  }
  return runs;
}

bool IsDateSeparatorText(std::string_view text) {
  // Only digits, -, /, ., spaces and the characters 年月日 may appear.
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if ((c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.' || c == ' ') {
      ++i;
      continue;
    }
    std::string_view rest = text.substr(i);
    if (rest.starts_with("年") || rest.starts_with("月") || rest.starts_with("日")) {
      i += 3;
      continue;
    }
    return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

Date Date::FromYmd(int y, unsigned m, unsigned d) {
  sys_days sd{year{y} / month{m} / day{d}};
  return Date(static_cast<int32_t>(sd.time_since_epoch().count()));
}

std::optional<Date> Date::Parse(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || !IsDateSeparatorText(text)) return std::nullopt;
  auto runs = DigitRuns(text);
  if (runs.size() != 3 || runs[0].size() != 4 || runs[1].size() > 2 || runs[2].size() > 2) {
    return std::nullopt;
  }
  year_month_day ymd{year{ToInt(runs[0])}, month{static_cast<unsigned>(ToInt(runs[1]))},
                     day{static_cast<unsigned>(ToInt(runs[2]))}};
  if (!ymd.ok()) return std::nullopt;
  return Date(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::FromExcelSerial(double serial) {
  if (!(serial >= 1 && serial < 2958466)) return std::nullopt;  // up to 9999-12-31
  double whole = std::floor(serial);
  // Serial 25569 is 1970-01-01 (Excel counts the fictitious 1900-02-29, so no fix-up is
  // needed for dates after 1900-03-01, which is all a public body will enter).
  return Date(static_cast<int32_t>(whole) - 25569);
}

year_month_day Date::Ymd() const { return year_month_day{sys_days{std::chrono::days{days_}}}; }

int Date::Year() const { return static_cast<int>(Ymd().year()); }

std::string Date::ToString() const {
  auto ymd = Ymd();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string FormatInstant(Instant t) {
  // Digits by hand: this runs for every ledger entry and every event (snprintf was a
  // measurable share of ingest).
  auto days = std::chrono::floor<std::chrono::days>(t);
  year_month_day ymd{days};
  const long long ms_of_day = (t - days).count() / 1000;
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", year,
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  ms_of_day / 3600000, ms_of_day / 60000 % 60, ms_of_day / 1000 % 60,
                  ms_of_day % 1000);
    return buf;
  }
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](size_t pos, long long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[pos + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, year, 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, ms_of_day / 3600000, 2);
  put(14, ms_of_day / 60000 % 60, 2);
  put(17, ms_of_day / 1000 % 60, 2);
  put(20, ms_of_day % 1000, 3);
  return out;
}

std::optional<Instant> ParseInstant(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM|-HH:MM]; a space may replace the T.
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  auto date = Date::Parse(s.substr(0, 10));
  if (!date) return std::nullopt;
  auto num = [&](size_t pos) -> int {
    if (s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return -1;
    return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  };
  int hh = num(11), mm = num(14), ss = num(17);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return std::nullopt;
  size_t i = 19;
  long long micros = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 6) micros = micros * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (int d = digits; d < 6; ++d) micros *= 10;
  }
  long long offset_minutes = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' && i + 1 == s.size()) {
    } else if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && s[i + 3] == ':') {
      int oh = num(i + 1), om = num(i + 4);
      if (oh < 0 || om < 0) return std::nullopt;
      offset_minutes = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
    } else {
      return std::nullopt;
    }
  }
  long long total = (static_cast<long long>(date->days()) * 86400 + hh * 3600 + mm * 60 + ss -
                     offset_minutes * 60) *
                        1000000LL +
                    micros;
  return Instant(std::chrono::microseconds(total));
}

Date DateOf(Instant t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  return Date::FromDays(static_cast<int32_t>(days.time_since_epoch().count()));
}

}  // namespace dl
