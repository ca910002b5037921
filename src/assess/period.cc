#include "assess/period.h"

#include <charconv>

#include "base/text.h"

namespace dl::assess {
namespace {

constexpr std::string_view kQuarterNames[] = {"一", "二", "三", "四"};

Date LastDayOfMonth(int year, unsigned month) {
  return month == 12 ? Date::FromYmd(year, 12, 31) : Date::FromYmd(year, month + 1, 1).AddDays(-1);
}

// kind 'Q' (n = 1–4), 'H' (n = 1–2) or 0 for the whole year.
Period Make(int year, char kind, int n) {
  Period p;
  const std::string y = std::to_string(year);
  if (kind == 'Q') {
    const auto first_month = static_cast<unsigned>(3 * n - 2);
    p = {y + "Q" + std::to_string(n), Date::FromYmd(year, first_month, 1),
         LastDayOfMonth(year, first_month + 2)};
  } else if (kind == 'H') {
    const auto first_month = static_cast<unsigned>(6 * n - 5);
    p = {y + "H" + std::to_string(n), Date::FromYmd(year, first_month, 1),
         LastDayOfMonth(year, first_month + 5)};
  } else {
    p = {y, Date::FromYmd(year, 1, 1), Date::FromYmd(year, 12, 31)};
  }
  return p;
}

bool ReadYear(std::string_view& s, int& year) {
  if (s.size() < 4) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + 4, year);
  if (ec != std::errc() || ptr != s.data() + 4 || year < 1900) return false;
  s.remove_prefix(4);
  return true;
}

// The part after the year: "Q3", "-Q3", "H1", "", "年度", "年第三季度", "年上半年".
bool ReadRest(std::string_view s, char& kind, int& n) {
  kind = 0;
  n = 0;
  if (s.empty() || s == "年度" || s == "年") return true;
  if (s.starts_with("-")) s.remove_prefix(1);
  if (s.size() == 2 && (s[0] == 'Q' || s[0] == 'q' || s[0] == 'H' || s[0] == 'h')) {
    kind = static_cast<char>(s[0] == 'q' || s[0] == 'Q' ? 'Q' : 'H');
    n = s[1] - '0';
    return kind == 'Q' ? (n >= 1 && n <= 4) : (n >= 1 && n <= 2);
  }
  if (s == "年上半年" || s == "年下半年") {
    kind = 'H';
    n = s == "年上半年" ? 1 : 2;
    return true;
  }
  if (s.starts_with("年第") && s.ends_with("季度")) {
    std::string_view q = s.substr(std::string_view("年第").size());
    q.remove_suffix(std::string_view("季度").size());
    for (int i = 0; i < 4; ++i) {
      if (q == kQuarterNames[i] || q == std::to_string(i + 1)) {
        kind = 'Q';
        n = i + 1;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string Period::Label() const {
  const std::string year = code.substr(0, 4);
  if (code.size() == 6 && code[4] == 'Q') {
    return year + "年第" + std::string(kQuarterNames[code[5] - '1']) + "季度";
  }
  if (code.size() == 6 && code[4] == 'H') return year + (code[5] == '1' ? "年上半年" : "年下半年");
  return year + "年度";
}

Result<Period> ParsePeriod(std::string_view text) {
  std::string_view s = Trim(text);
  int year = 0;
  char kind = 0;
  int n = 0;
  if (!ReadYear(s, year) || !ReadRest(s, kind, n)) {
    return Err(ErrorCode::kInvalidArgument,
               "考核期间“" + std::string(Trim(text)) +
                   "”无效：应为 2026Q1 至 2026Q4、2026H1、2026H2 或 2026 这样的写法");
  }
  return Make(year, kind, n);
}

}  // namespace dl::assess
