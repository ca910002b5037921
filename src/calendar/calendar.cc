#include "calendar/calendar.h"

#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "calendar/calendar_toml.h"

namespace dl::calendar {
namespace {

constexpr int kMaxWorkdayStep = 36500;

// 0 = Sunday … 6 = Saturday.
unsigned WeekdayOf(Date date) {
  return std::chrono::weekday{std::chrono::sys_days{std::chrono::days{date.days()}}}.c_encoding();
}

bool IsWeekend(Date date) {
  unsigned wd = WeekdayOf(date);
  return wd == 0 || wd == 6;
}

std::string WeekdayName(Date date) {
  static constexpr std::string_view kNames[] = {"日", "一", "二", "三", "四", "五", "六"};
  return "周" + std::string(kNames[WeekdayOf(date)]);
}

}  // namespace

// Builds calendars from parsed files; the only code that writes a WorkCalendar's fields.
struct CalendarBuilder {
  static std::shared_ptr<WorkCalendar> Empty(std::string name, CalendarKind kind,
                                             std::chrono::minutes utc_offset) {
    auto cal = std::shared_ptr<WorkCalendar>(new WorkCalendar());
    cal->name_ = std::move(name);
    cal->kind_ = kind;
    cal->utc_offset_ = utc_offset;
    return cal;
  }

  // `base` null: the file alone makes the calendar. Otherwise the file changes a copy of base.
  static Result<WorkCalendar::Ptr> Apply(const WorkCalendar* base,
                                         const internal::CalendarFile& file) {
    std::shared_ptr<WorkCalendar> cal;
    if (base) {
      cal = std::shared_ptr<WorkCalendar>(new WorkCalendar(*base));
      DL_RETURN_IF_ERROR(CheckSameHeader(*base, file));
    } else {
      cal = Empty(file.name.empty() ? file.source_name : file.name,
                  file.kind.value_or(CalendarKind::kHolidays),
                  file.utc_offset.value_or(std::chrono::hours(8)));
      if (cal->kind_ == CalendarKind::kHolidays && file.years.empty()) {
        return Err(
            internal::FileError(file.source_name, 1, "years",
                                "没有声明任何年份 [[years]]，日历无法使用 (declares no year)"));
      }
    }
    DL_RETURN_IF_ERROR(ReplaceYears(*cal, file));
    DL_RETURN_IF_ERROR(CheckDays(*cal, file));
    for (const auto& d : file.days) cal->special_days_[d.date.days()] = {d.workday, d.name};
    BuildTable(*cal);
    return WorkCalendar::Ptr(std::move(cal));
  }

  // The days of every year from the first declared (or with a listed day) to the last.
  static void BuildTable(WorkCalendar& cal) {
    cal.day_table_.clear();
    std::set<int> years;
    for (const auto& [year, source] : cal.years_) years.insert(year);
    for (const auto& [days, special] : cal.special_days_) {
      years.insert(Date::FromDays(days).Year());
    }
    // Beyond two centuries, the days outside take the general path.
    if (years.empty() || *years.rbegin() - *years.begin() >= 200) return;
    const Date first = Date::FromYmd(*years.begin(), 1, 1);
    const Date end = Date::FromYmd(*years.rbegin() + 1, 1, 1);
    cal.table_from_ = first.days();
    cal.day_table_.resize(static_cast<size_t>(end.days() - first.days()));
    for (size_t i = 0; i < cal.day_table_.size(); ++i) {
      const Date date = Date::FromDays(cal.table_from_ + static_cast<int32_t>(i));
      auto day = cal.Describe(date);
      cal.day_table_[i] = !day               ? WorkCalendar::kTableUnknown
                          : day->IsWorkday() ? WorkCalendar::kTableWork
                                             : WorkCalendar::kTableRest;
    }
  }

  static Status CheckSameHeader(const WorkCalendar& base, const internal::CalendarFile& file) {
    if (file.kind && *file.kind != base.kind_) {
      return Err(internal::FileError(file.source_name, file.kind_line, "kind",
                                     "覆盖文件不能改变日历 " + base.name_ + " 的类型 " +
                                         std::string(kCalendarKinds.Label(base.kind_)) +
                                         " (an override keeps the kind)"));
    }
    if (file.utc_offset && *file.utc_offset != base.utc_offset_) {
      return Err(internal::FileError(
          file.source_name, file.utc_offset_line, "utc_offset",
          "覆盖文件不能改变日历 " + base.name_ + " 的时差 (an override keeps the UTC offset)"));
    }
    return Ok();
  }

  // A declared year is replaced whole: the days the calendar had for it are dropped.
  static Status ReplaceYears(WorkCalendar& cal, const internal::CalendarFile& file) {
    std::set<int> declared;
    for (const auto& y : file.years) {
      if (!declared.insert(y.year).second) {
        return Err(
            internal::FileError(file.source_name, y.line, "years.year",
                                std::to_string(y.year) + " 年重复声明 (year declared twice)"));
      }
      std::erase_if(cal.special_days_, [&](const auto& entry) {
        return Date::FromDays(entry.first).Year() == y.year;
      });
      cal.years_[y.year] = y.source;
    }
    return Ok();
  }

  // Every listed date must be in a known year, listed once, and a working day only where it
  // changes something: a weekend day, or a holiday the calendar had before this file.
  static Status CheckDays(const WorkCalendar& cal, const internal::CalendarFile& file) {
    std::unordered_map<int32_t, int> seen;  // date -> line
    for (const auto& d : file.days) {
      auto fail = [&](std::string message) {
        return Err(internal::FileError(file.source_name, d.line, d.field, std::move(message)));
      };
      int year = d.date.Year();
      if (!cal.HasYear(year)) {
        return fail(d.date.ToString() + " 所在的 " + std::to_string(year) + " 年在日历 " +
                    cal.name_ + " 中没有数据，请先在 [[years]] 中声明该年 (year " +
                    std::to_string(year) + " has no data: declare it under [[years]] first)");
      }
      auto [it, inserted] = seen.emplace(d.date.days(), d.line);
      if (!inserted) {
        return fail("日期 " + d.date.ToString() + " 已在第 " + std::to_string(it->second) +
                    " 行列出 (date listed twice)");
      }
      if (d.workday && !IsWeekend(d.date)) {
        auto old = cal.special_days_.find(d.date.days());
        if (old == cal.special_days_.end() || old->second.workday) {
          return fail(d.date.ToString() + " 是" + WeekdayName(d.date) +
                      "，本来就是工作日；调休上班日应是周六或周日 (already a working day)");
        }
      }
    }
    return Ok();
  }
};

namespace {

Result<WorkCalendar::Ptr> BuildChina() {
  WorkCalendar::Ptr cal =
      CalendarBuilder::Empty("cn", CalendarKind::kHolidays, std::chrono::hours(8));
  for (const auto& file : internal::BuiltinFiles()) {
    DL_ASSIGN_OR_RETURN(cal, cal->WithOverrides(file.text, file.name));
  }
  return cal;
}

}  // namespace

Result<WorkCalendar::Ptr> WorkCalendar::China() {
  static const Result<Ptr> kChina = BuildChina();  // thread-safe initialisation
  return kChina;
}

WorkCalendar::Ptr WorkCalendar::WeekendsOnly(std::chrono::minutes utc_offset) {
  return CalendarBuilder::Empty("weekends", CalendarKind::kWeekends, utc_offset);
}

Result<WorkCalendar::Ptr> WorkCalendar::FromToml(std::string_view text,
                                                 std::string_view source_name) {
  DL_ASSIGN_OR_RETURN(auto file, internal::ParseCalendarToml(text, source_name));
  return CalendarBuilder::Apply(nullptr, file);
}

Result<WorkCalendar::Ptr> WorkCalendar::WithOverrides(std::string_view text,
                                                      std::string_view source_name) const {
  DL_ASSIGN_OR_RETURN(auto file, internal::ParseCalendarToml(text, source_name));
  return CalendarBuilder::Apply(this, file);
}

Result<WorkCalendar::Ptr> WorkCalendar::WithOverrideFile(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    return Err(ErrorCode::kIo, "无法读取工作日历文件 " + path + " (cannot read calendar file)");
  }
  return WithOverrides(text.str(), path);
}

std::vector<YearSource> WorkCalendar::Years() const {
  std::vector<YearSource> out;
  for (const auto& [year, source] : years_) out.push_back({year, source});
  return out;
}

bool WorkCalendar::HasYear(int year) const {
  return kind_ == CalendarKind::kWeekends || years_.contains(year);
}

Result<Day> WorkCalendar::Describe(Date date) const {
  int year = date.Year();
  if (!HasYear(year)) {
    std::string y = std::to_string(year);
    return Err(ErrorCode::kNotFound,
               "工作日历 " + name_ + " 没有 " + y + " 年的节假日数据，无法判断 " + date.ToString() +
                   " 是否工作日；国务院办公厅公布该年安排后，用覆盖文件补充 (calendar '" + name_ +
                   "' has no holiday data for " + y + ")",
               nlohmann::json{{"calendar", name_}, {"year", year}});
  }
  if (auto it = special_days_.find(date.days()); it != special_days_.end()) {
    DayKind kind = !it->second.workday ? DayKind::kHoliday
                   : IsWeekend(date)   ? DayKind::kAdjustedWorkday
                                       : DayKind::kWorkday;
    return Day{date, kind, it->second.name};
  }
  return Day{date, IsWeekend(date) ? DayKind::kRestDay : DayKind::kWorkday, ""};
}

Result<bool> WorkCalendar::IsWorkday(Date date) const {
  const int64_t i = int64_t{date.days()} - table_from_;
  if (i >= 0 && i < static_cast<int64_t>(day_table_.size())) {
    const uint8_t known = day_table_[static_cast<size_t>(i)];
    if (known != kTableUnknown) return known == kTableWork;
  } else if (kind_ == CalendarKind::kWeekends) {
    return !IsWeekend(date);  // no day outside the table is listed
  }
  DL_ASSIGN_OR_RETURN(Day day, Describe(date));  // a year without data: Describe's error
  return day.IsWorkday();
}

Result<Date> WorkCalendar::AddWorkdays(Date date, int n) const {
  if (n > kMaxWorkdayStep || n < -kMaxWorkdayStep) {
    return Err(ErrorCode::kInvalidArgument, "工作日数 " + std::to_string(n) + " 超出范围 ±" +
                                                std::to_string(kMaxWorkdayStep) +
                                                " (too many working days)");
  }
  int step = n > 0 ? 1 : -1;
  for (int left = n > 0 ? n : -n; left > 0;) {
    date = date.AddDays(step);
    DL_ASSIGN_OR_RETURN(bool workday, IsWorkday(date));
    if (workday) --left;
  }
  return date;
}

Result<int> WorkCalendar::WorkdaysBetween(Date from, Date to) const {
  if (to < from) {
    DL_ASSIGN_OR_RETURN(int n, WorkdaysBetween(to, from));
    return -n;
  }
  int n = 0;
  for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1)) {
    DL_ASSIGN_OR_RETURN(bool workday, IsWorkday(d));
    if (workday) ++n;
  }
  return n;
}

Date WorkCalendar::LocalDate(Instant t) const { return DateOf(t + utc_offset_); }

Instant WorkCalendar::StartOfDay(Date date) const {
  return Instant(std::chrono::days(date.days())) - utc_offset_;
}

}  // namespace dl::calendar
