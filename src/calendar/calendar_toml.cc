#include "calendar/calendar_toml.h"

#include <toml++/toml.h>

#include <charconv>
#include <initializer_list>
#include <utility>

namespace dl::calendar::internal {
namespace {

// Longest [[holidays]] range: a typo such as to = 2027-02-23 for 2026 should not silently
// close a year.
constexpr int kMaxRangeDays = 31;

int LineOf(const toml::source_region& region) { return static_cast<int>(region.begin.line); }
int LineOf(const toml::node& node) { return LineOf(node.source()); }

std::string Join(std::initializer_list<std::string_view> words) {
  std::string s;
  for (auto w : words) {
    if (!s.empty()) s += ", ";
    s += w;
  }
  return s;
}

class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) { file_.source_name = source; }

  Result<CalendarFile> Read(const toml::table& root) {
    DL_RETURN_IF_ERROR(
        CheckKeys(root, "", {"kind", "name", "utc_offset", "years", "holidays", "workdays"}));
    DL_RETURN_IF_ERROR(ReadHeader(root));
    DL_RETURN_IF_ERROR(ForEachTable(root, "years", [&](const toml::table& t) { return Year(t); }));
    DL_RETURN_IF_ERROR(
        ForEachTable(root, "holidays", [&](const toml::table& t) { return Holiday(t); }));
    DL_RETURN_IF_ERROR(
        ForEachTable(root, "workdays", [&](const toml::table& t) { return Workdays(t); }));
    return std::move(file_);
  }

 private:
  Error Fail(int line, std::string_view field, std::string message) const {
    return FileError(source_, line, field, std::move(message));
  }

  Status CheckKeys(const toml::table& t, std::string_view section,
                   std::initializer_list<std::string_view> allowed) const {
    for (auto&& [key, node] : t) {
      bool known = false;
      for (auto a : allowed) known = known || key.str() == a;
      if (!known) {
        std::string where = section.empty() ? "" : "[[" + std::string(section) + "]] ";
        return Err(Fail(LineOf(key.source()), "",
                        where + "未知字段 '" + std::string(key.str()) +
                            "'，可用字段: " + Join(allowed) + " (unknown field)"));
      }
    }
    return Ok();
  }

  Result<std::string> String(const toml::table& t, std::string_view section, std::string_view key,
                             bool required) const {
    std::string field = std::string(section) + "." + std::string(key);
    const toml::node* node = t.get(key);
    if (!node) {
      if (!required) return std::string();
      return Err(Fail(LineOf(t), field, "缺少必填字段 (missing field)"));
    }
    auto value = node->value<std::string>();
    if (!value || value->empty()) {
      return Err(Fail(LineOf(*node), field, "应为非空字符串 (must be a non-empty string)"));
    }
    return *value;
  }

  // A TOML local date (2026-01-01) or a string Date::Parse accepts ("2026-01-01", "2026年1月1日").
  Result<Date> DateValue(const toml::node& node, std::string_view field) const {
    std::optional<std::string> text;
    if (const auto* d = node.as_date()) {
      const toml::date& v = d->get();
      std::chrono::year_month_day ymd{std::chrono::year{v.year}, std::chrono::month{v.month},
                                      std::chrono::day{v.day}};
      if (ymd.ok()) return Date::FromYmd(v.year, v.month, v.day);
      text = std::to_string(v.year) + "-" + std::to_string(v.month) + "-" + std::to_string(v.day);
    } else if ((text = node.value<std::string>())) {
      if (auto date = Date::Parse(*text)) return *date;
    } else {
      return Err(Fail(LineOf(node), field, "应为日期，如 2026-01-01 (must be a date)"));
    }
    return Err(
        Fail(LineOf(node), field, "日期 '" + *text + "' 无效 (invalid date '" + *text + "')"));
  }

  template <class F>
  Status ForEachTable(const toml::table& root, std::string_view key, F&& each) const {
    const toml::node* node = root.get(key);
    if (!node) return Ok();
    const toml::array* array = node->as_array();
    if (!array) {
      return Err(Fail(LineOf(*node), key,
                      "应写作 [[" + std::string(key) + "]] 表数组 (must be an array of tables)"));
    }
    for (const toml::node& item : *array) {
      const toml::table* t = item.as_table();
      if (!t) {
        return Err(Fail(LineOf(item), key,
                        "应写作 [[" + std::string(key) + "]] 表数组 (must be an array of tables)"));
      }
      DL_RETURN_IF_ERROR(each(*t));
    }
    return Ok();
  }

  Status ReadHeader(const toml::table& root) {
    if (const toml::node* kind = root.get("kind")) {
      auto text = kind->value<std::string>();
      std::optional<CalendarKind> parsed;
      if (text) parsed = kCalendarKinds.Parse(*text);
      if (!parsed) {
        return Err(Fail(LineOf(*kind), "kind",
                        "应为 " + kCalendarKinds.Choices() + " 之一 (unknown calendar kind)"));
      }
      file_.kind = parsed;
      file_.kind_line = LineOf(*kind);
    }
    DL_ASSIGN_OR_RETURN(file_.name, String(root, "", "name", false));
    if (const toml::node* offset = root.get("utc_offset")) {
      auto text = offset->value<std::string>();
      auto minutes = text ? ParseOffset(*text) : std::nullopt;
      if (!minutes) {
        return Err(Fail(LineOf(*offset), "utc_offset",
                        "应为 \"+08:00\" 这样的时差，范围 -14:00 至 +14:00 (must be like +08:00)"));
      }
      file_.utc_offset = minutes;
      file_.utc_offset_line = LineOf(*offset);
    }
    return Ok();
  }

  static std::optional<std::chrono::minutes> ParseOffset(std::string_view s) {
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
    int hours = 0, minutes = 0;
    auto h = std::from_chars(s.data() + 1, s.data() + 3, hours);
    auto m = std::from_chars(s.data() + 4, s.data() + 6, minutes);
    if (h.ptr != s.data() + 3 || m.ptr != s.data() + 6 || hours > 14 || minutes > 59) {
      return std::nullopt;
    }
    int total = hours * 60 + minutes;
    if (total > 14 * 60) return std::nullopt;
    return std::chrono::minutes(s[0] == '-' ? -total : total);
  }

  Status Year(const toml::table& t) {
    DL_RETURN_IF_ERROR(CheckKeys(t, "years", {"year", "source"}));
    const toml::node* year = t.get("year");
    auto value = year ? year->value<int64_t>() : std::nullopt;
    if (!year || !year->is_integer() || !value || *value < 1900 || *value > 9999) {
      return Err(Fail(year ? LineOf(*year) : LineOf(t), "years.year",
                      "应为 1900 至 9999 之间的整数年份 (must be a year from 1900 to 9999)"));
    }
    DL_ASSIGN_OR_RETURN(std::string source, String(t, "years", "source", true));
    file_.years.push_back({static_cast<int>(*value), std::move(source), LineOf(*year)});
    return Ok();
  }

  Status Holiday(const toml::table& t) {
    DL_RETURN_IF_ERROR(CheckKeys(t, "holidays", {"name", "from", "to"}));
    DL_ASSIGN_OR_RETURN(std::string name, String(t, "holidays", "name", true));
    const toml::node* from_node = t.get("from");
    if (!from_node) return Err(Fail(LineOf(t), "holidays.from", "缺少必填字段 (missing field)"));
    DL_ASSIGN_OR_RETURN(Date from, DateValue(*from_node, "holidays.from"));
    Date to = from;
    int line = LineOf(*from_node);
    if (const toml::node* to_node = t.get("to")) {
      DL_ASSIGN_OR_RETURN(to, DateValue(*to_node, "holidays.to"));
      line = LineOf(*to_node);
      if (to < from) {
        return Err(Fail(line, "holidays.to",
                        "结束日期 " + to.ToString() + " 早于开始日期 " + from.ToString() +
                            " (the range ends before it starts)"));
      }
      if (to.days() - from.days() >= kMaxRangeDays) {
        return Err(Fail(line, "holidays.to",
                        from.ToString() + " 至 " + to.ToString() + " 超过 " +
                            std::to_string(kMaxRangeDays) + " 天，请检查年份 (range longer than " +
                            std::to_string(kMaxRangeDays) + " days)"));
      }
    }
    for (Date d = from; d <= to; d = d.AddDays(1)) {
      file_.days.push_back({d, false, name, line, "holidays"});
    }
    return Ok();
  }

  Status Workdays(const toml::table& t) {
    DL_RETURN_IF_ERROR(CheckKeys(t, "workdays", {"name", "dates"}));
    DL_ASSIGN_OR_RETURN(std::string name, String(t, "workdays", "name", false));
    const toml::node* dates = t.get("dates");
    const toml::array* array = dates ? dates->as_array() : nullptr;
    if (!array || array->empty()) {
      return Err(Fail(dates ? LineOf(*dates) : LineOf(t), "workdays.dates",
                      "应为非空的日期数组，如 [2026-02-14, 2026-02-28] (must be a list of dates)"));
    }
    for (const toml::node& item : *array) {
      DL_ASSIGN_OR_RETURN(Date d, DateValue(item, "workdays.dates"));
      file_.days.push_back({d, true, name, LineOf(item), "workdays"});
    }
    return Ok();
  }

  std::string source_;
  CalendarFile file_;
};

}  // namespace

Error FileError(std::string_view file, int line, std::string_view field, std::string message) {
  std::string text = std::string(file) + " 第 " + std::to_string(line) + " 行: ";
  if (!field.empty()) text += "字段 " + std::string(field) + ": ";
  text += message;
  return Error{ErrorCode::kInvalidArgument, std::move(text),
               nlohmann::json{{"file", file}, {"line", line}, {"field", field}}};
}

Result<CalendarFile> ParseCalendarToml(std::string_view text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    std::string message = "第 " + std::to_string(e.source().begin.column) +
                          " 列 TOML 语法错误 (syntax error): " + std::string(e.description());
    return Err(FileError(source_name, LineOf(e.source()), "", std::move(message)));
  }
  return Reader(source_name).Read(root);
}

}  // namespace dl::calendar::internal
