// Days, data and files of the working-day calendar. Deadlines: deadline_test.cc.
#include "calendar/calendar.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "calendar_testing.h"
#include "testing/temp_dir.h"

namespace dl::calendar {
namespace {

using testing::China;
using testing::D;

TEST(ChinaCalendarTest, ShipsTheYearsOfThePublishedNotices) {
  auto cal = China();
  std::vector<int> years;
  for (const auto& y : cal->Years()) years.push_back(y.year);
  EXPECT_EQ(years, (std::vector<int>{2024, 2025, 2026}));
  EXPECT_NE(cal->Years()[2].source.find("国办发明电〔2025〕7号"), std::string::npos);
  EXPECT_EQ(cal->name(), "cn");
  EXPECT_EQ(cal->kind(), CalendarKind::kHolidays);
  EXPECT_FALSE(cal->HasYear(2027));
  EXPECT_FALSE(cal->HasYear(2023));
}

// Counted by hand from the notices: weekdays minus holidays on weekdays plus 调休 days
// (2024: 262 - 19 + 8; 2025: 261 - 18 + 5; 2026: 261 - 19 + 6).
TEST(ChinaCalendarTest, WorkingDaysPerYear) {
  auto cal = China();
  EXPECT_EQ(*cal->WorkdaysBetween(D("2023-12-31"), D("2024-12-31")), 251);
  EXPECT_EQ(*cal->WorkdaysBetween(D("2024-12-31"), D("2025-12-31")), 248);
  EXPECT_EQ(*cal->WorkdaysBetween(D("2025-12-31"), D("2026-12-31")), 248);
  EXPECT_EQ(*WorkCalendar::WeekendsOnly()->WorkdaysBetween(D("2024-12-31"), D("2025-12-31")), 261);
}

TEST(ChinaCalendarTest, ClassifiesDays) {
  auto cal = China();
  auto kind = [&](const char* date) { return cal->Describe(D(date))->kind; };
  EXPECT_EQ(*cal->Describe(D("2026-02-14")),
            (Day{D("2026-02-14"), DayKind::kAdjustedWorkday, "春节调休上班"}));
  EXPECT_EQ(*cal->Describe(D("2026-02-21")), (Day{D("2026-02-21"), DayKind::kHoliday, "春节"}));
  EXPECT_EQ(kind("2026-02-23"), DayKind::kHoliday);  // Monday, 正月初七
  EXPECT_EQ(kind("2026-02-24"), DayKind::kWorkday);
  EXPECT_EQ(kind("2026-02-28"), DayKind::kAdjustedWorkday);
  EXPECT_EQ(kind("2026-03-07"), DayKind::kRestDay);
  EXPECT_EQ(kind("2026-01-04"), DayKind::kAdjustedWorkday);  // Sunday after 元旦
  EXPECT_EQ(kind("2025-10-11"), DayKind::kAdjustedWorkday);
  EXPECT_EQ(cal->Describe(D("2025-10-08"))->name, "国庆节、中秋节");
  EXPECT_EQ(kind("2025-01-28"), DayKind::kHoliday);  // 除夕 is statutory from 2025 on
  EXPECT_EQ(kind("2025-05-02"), DayKind::kHoliday);
  EXPECT_EQ(kind("2024-02-09"), DayKind::kWorkday);  // 2024 除夕 was only "encouraged" off
  EXPECT_EQ(kind("2024-05-11"), DayKind::kAdjustedWorkday);
  EXPECT_EQ(kind("2024-06-10"), DayKind::kHoliday);
  EXPECT_TRUE(*cal->IsWorkday(D("2026-02-14")));
  EXPECT_FALSE(*cal->IsWorkday(D("2026-02-16")));
  EXPECT_FALSE(*cal->IsWorkday(D("2026-03-08")));
  EXPECT_TRUE(*cal->IsWorkday(D("2026-12-31")));
}

TEST(ChinaCalendarTest, YearWithoutDataIsAnErrorNotAWeekendGuess) {
  auto cal = China();
  auto day = cal->IsWorkday(D("2027-01-04"));
  ASSERT_FALSE(day);
  EXPECT_EQ(day.error().code, ErrorCode::kNotFound);
  EXPECT_NE(day.error().message.find("2027 年"), std::string::npos) << day.error().message;
  EXPECT_EQ(day.error().details["year"], 2027);
  auto walked = cal->AddWorkdays(D("2026-12-28"), 5);  // 29, 30, 31, then 2027
  ASSERT_FALSE(walked);
  EXPECT_EQ(walked.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*cal->AddWorkdays(D("2026-12-28"), 3), D("2026-12-31"));
  EXPECT_FALSE(cal->WorkdaysBetween(D("2023-12-01"), D("2024-01-05")));
}

TEST(ChinaCalendarTest, AddWorkdaysAndWorkdaysBetweenAgree) {
  auto cal = China();
  EXPECT_EQ(*cal->AddWorkdays(D("2026-02-13"), 1), D("2026-02-14"));
  EXPECT_EQ(*cal->AddWorkdays(D("2026-02-14"), 1), D("2026-02-24"));
  EXPECT_EQ(*cal->AddWorkdays(D("2026-02-24"), -1), D("2026-02-14"));
  EXPECT_EQ(*cal->AddWorkdays(D("2026-02-21"), 0), D("2026-02-21"));
  EXPECT_EQ(*cal->WorkdaysBetween(D("2026-02-24"), D("2026-02-13")), -2);
  for (Date start : {D("2025-09-20"), D("2025-09-22"), D("2026-02-14")}) {  // Sat, Mon, 调休
    for (int n = -40; n <= 60; ++n) {
      auto end = cal->AddWorkdays(start, n);
      ASSERT_TRUE(end) << n;
      if (n == 0) {
        EXPECT_EQ(*end, start);
        continue;
      }
      EXPECT_TRUE(*cal->IsWorkday(*end)) << n;
      if (n > 0) {
        EXPECT_EQ(*cal->WorkdaysBetween(start, *end), n) << n;
        EXPECT_EQ(*cal->WorkdaysBetween(*end, start), -n) << n;
      } else {  // |n| - 1 working days lie strictly between
        EXPECT_EQ(*cal->WorkdaysBetween(*end, start.AddDays(-1)), -n - 1) << n;
      }
    }
  }
  EXPECT_FALSE(cal->AddWorkdays(D("2025-01-01"), 100000));
}

// The compiled-in data must be exactly what data/calendar/ says, file by file.
TEST(ChinaCalendarTest, CompiledDataMatchesTheFilesOnDisk) {
  auto cal = China();
  std::vector<std::filesystem::path> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DAYLIGHT_SOURCE_DIR) + "/data/calendar")) {
    if (e.path().extension() == ".toml") files.push_back(e.path());
  }
  ASSERT_EQ(files.size(), cal->Years().size());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto one = WorkCalendar::FromToml(text.str(), path.filename().string());
    ASSERT_TRUE(one) << one.error().message;
    ASSERT_EQ((*one)->Years().size(), 1u) << path;
    int year = (*one)->Years()[0].year;
    EXPECT_EQ(path.filename().string(), "cn-" + std::to_string(year) + ".toml");
    for (Date d = Date::FromYmd(year, 1, 1); d.Year() == year; d = d.AddDays(1)) {
      ASSERT_EQ(*(*one)->Describe(d), *cal->Describe(d)) << d.ToString();
    }
  }
}

TEST(ChinaCalendarTest, ConcurrentReadersSeeTheSameAnswers) {
  auto cal = China();
  std::vector<int> counts(4, -1);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < counts.size(); ++i) {
    threads.emplace_back([&, i] {
      auto shared = *WorkCalendar::China();
      counts[i] = *shared->WorkdaysBetween(D("2023-12-31"), D("2026-12-31"));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counts, std::vector<int>(4, 251 + 248 + 248));
}

TEST(WeekendsOnlyTest, KnowsEveryYearAndOnlyWeekends) {
  auto cal = WorkCalendar::WeekendsOnly();
  EXPECT_EQ(cal->kind(), CalendarKind::kWeekends);
  EXPECT_TRUE(cal->HasYear(2019));
  EXPECT_TRUE(*cal->IsWorkday(D("2025-10-01")));
  EXPECT_TRUE(*cal->IsWorkday(D("2027-01-04")));
  EXPECT_EQ(cal->Describe(D("2020-03-07"))->kind, DayKind::kRestDay);
  EXPECT_TRUE(cal->Years().empty());
}

TEST(WeekendsOnlyTest, FromTomlWithAForeignHolidayAndOffset) {
  auto cal = WorkCalendar::FromToml(R"(kind = "weekends"
name = "nl"
utc_offset = "+01:00"
[[holidays]]
name = "Koningsdag"
from = 2020-04-27
)",
                                    "nl.toml");
  ASSERT_TRUE(cal) << cal.error().message;
  EXPECT_EQ((*cal)->name(), "nl");
  EXPECT_FALSE(*(*cal)->IsWorkday(D("2020-04-27")));
  EXPECT_TRUE(*(*cal)->IsWorkday(D("2020-04-28")));
  Instant late_evening_utc = *ParseInstant("2020-04-26T23:30:00Z");
  EXPECT_EQ((*cal)->LocalDate(late_evening_utc), D("2020-04-27"));
  EXPECT_EQ(China()->LocalDate(late_evening_utc), D("2020-04-27"));
  EXPECT_EQ(China()->LocalDate(*ParseInstant("2020-04-26T15:30:00Z")), D("2020-04-26"));
  EXPECT_EQ(China()->LocalDate(*ParseInstant("2020-04-26T16:30:00Z")), D("2020-04-27"));
}

TEST(OverrideTest, LocalHolidayChangesACopyOnly) {
  auto cn = China();
  auto local = cn->WithOverrides(R"(
[[holidays]]
name = "示例地方假日"
from = 2026-03-10
)",
                                 "local.toml");
  ASSERT_TRUE(local) << local.error().message;
  EXPECT_EQ(*(*local)->Describe(D("2026-03-10")),
            (Day{D("2026-03-10"), DayKind::kHoliday, "示例地方假日"}));
  EXPECT_TRUE(*cn->IsWorkday(D("2026-03-10")));
  EXPECT_EQ(*(*local)->AddWorkdays(D("2026-03-02"), 10), D("2026-03-17"));
  EXPECT_EQ(*cn->AddWorkdays(D("2026-03-02"), 10), D("2026-03-16"));
  EXPECT_EQ((*local)->name(), "cn");
}

TEST(OverrideTest, FileOnDiskAndUnreadableFile) {
  dl::testing::TempDir dir;
  std::ofstream(dir.File("local.toml")) << "[[workdays]]\nname = \"取消\"\ndates = [2026-10-07]\n";
  auto local = China()->WithOverrideFile(dir.File("local.toml"));
  ASSERT_TRUE(local) << local.error().message;
  EXPECT_EQ((*local)->Describe(D("2026-10-07"))->kind, DayKind::kWorkday);  // a cancelled holiday
  auto missing = China()->WithOverrideFile(dir.File("missing.toml"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
}

TEST(OverrideTest, DeclaredYearIsAddedOrReplacedWhole) {
  // Test data, not a real notice: the shipped calendar has no 2027.
  auto added = China()->WithOverrides(R"toml([[years]]
year = 2027
source = "测试数据 (test data)"
[[holidays]]
name = "元旦"
from = 2027-01-01
)toml",
                                      "y2027.toml");
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_TRUE((*added)->HasYear(2027));
  EXPECT_FALSE(*(*added)->IsWorkday(D("2027-01-01")));
  EXPECT_TRUE(*(*added)->IsWorkday(D("2027-01-04")));

  auto replaced = China()->WithOverrides(
      "[[years]]\nyear = 2026\nsource = \"只有周末 (weekends only)\"\n", "y2026.toml");
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_TRUE(*(*replaced)->IsWorkday(D("2026-02-16")));
  EXPECT_FALSE(*(*replaced)->IsWorkday(D("2026-02-14")));
  EXPECT_FALSE(*(*replaced)->IsWorkday(D("2025-10-01")));  // other years untouched
  EXPECT_EQ((*replaced)->Years()[2].source, "只有周末 (weekends only)");
}

// IsWorkday answers from a table of the known years; Describe from the data itself. They
// agree on every day from 1999 to 2031, including years without data (an error from both),
// for the shipped calendar, a weekends calendar with listed days, and an override that leaves
// a gap between its years.
TEST(CalendarTableTest, IsWorkdayAgreesWithDescribeOnEveryDay) {
  auto nl = WorkCalendar::FromToml(
      "kind = \"weekends\"\n[[holidays]]\nname = \"a\"\nfrom = 2001-04-27\n"
      "[[holidays]]\nname = \"b\"\nfrom = 2029-12-31\n",
      "nl.toml");
  ASSERT_TRUE(nl) << nl.error().message;
  auto gap = China()->WithOverrides(
      "[[years]]\nyear = 2029\nsource = \"测试数据 (test data)\"\n[[holidays]]\nname = \"c\"\n"
      "from = 2029-05-01\n",
      "gap.toml");
  ASSERT_TRUE(gap) << gap.error().message;
  int days = 0, workdays = 0, unknown = 0;
  for (const WorkCalendar::Ptr& cal :
       {China(), *nl, *gap, WorkCalendar::WeekendsOnly(std::chrono::hours(1))}) {
    for (Date d = D("1999-01-01"); d < D("2032-01-01"); d = d.AddDays(1)) {
      auto described = cal->Describe(d);
      auto workday = cal->IsWorkday(d);
      ASSERT_EQ(bool(described), bool(workday)) << d.ToString();
      ++days;
      if (!workday) {
        EXPECT_EQ(workday.error().message, described.error().message);
        ++unknown;
        continue;
      }
      EXPECT_EQ(*workday, described->IsWorkday()) << d.ToString();
      workdays += *workday;
    }
  }
  EXPECT_EQ(days, 4 * 12053);
  // China: 2024-2026 known; the gap calendar adds 2029; weekends calendars know every year.
  EXPECT_EQ(unknown, (12053 - 1096) + (12053 - 1096 - 365));
  EXPECT_GT(workdays, 0);
  EXPECT_FALSE(*(*nl)->IsWorkday(D("2001-04-27")));
  EXPECT_FALSE(*(*nl)->IsWorkday(D("2029-12-31")));
  EXPECT_FALSE(*(*gap)->IsWorkday(D("2029-05-01")));
  EXPECT_TRUE(*(*gap)->IsWorkday(D("2029-05-02")));
}

// Runs `text` as an override of the Chinese calendar and returns the error message.
std::string OverrideError(const std::string& text, Error* error = nullptr) {
  auto r = China()->WithOverrides(text, "local.toml");
  if (r) return "(no error)";
  if (error) *error = r.error();
  return r.error().message;
}

TEST(OverrideTest, RejectsChangesThatCannotBeMeant) {
  EXPECT_NE(OverrideError("[[holidays]]\nname = \"x\"\nfrom = 2027-03-01\n")
                .find("local.toml 第 3 行: 字段 holidays: 2027-03-01 所在的 2027 年"),
            std::string::npos);
  EXPECT_NE(OverrideError("[[workdays]]\ndates = [2026-03-11]\n").find("是周三，本来就是工作日"),
            std::string::npos);
  EXPECT_NE(OverrideError("kind = \"weekends\"\n").find("第 1 行: 字段 kind"), std::string::npos);
  EXPECT_NE(OverrideError("utc_offset = \"+01:00\"\n").find("时差"), std::string::npos);
  EXPECT_NE(OverrideError("[[holidays]]\nname = \"a\"\nfrom = 2026-03-10\n\n"
                          "[[holidays]]\nname = \"b\"\nfrom = 2026-03-09\nto = 2026-03-11\n")
                .find("第 8 行: 字段 holidays: 日期 2026-03-10 已在第 3 行列出"),
            std::string::npos);
  EXPECT_NE(OverrideError("[[years]]\nyear = 2030\nsource = \"a\"\n[[years]]\nyear = 2030\n"
                          "source = \"b\"\n")
                .find("第 5 行: 字段 years.year: 2030 年重复声明"),
            std::string::npos);
}

// The brief's example error: a wrong date on line 12 names the file, the line and the field.
TEST(TomlTest, InvalidDateNamesFileLineAndField) {
  std::string text = R"(# 国务院办公厅关于2026年部分节假日安排的通知
[[years]]
year = 2026
source = "x"

[[holidays]]
name = "元旦"
from = 2026-01-01

[[holidays]]
name = "春节"
from = "2026-02-30"
)";
  auto cal = WorkCalendar::FromToml(text, "cn-2026.toml");
  ASSERT_FALSE(cal);
  EXPECT_EQ(cal.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(cal.error().message,
            "cn-2026.toml 第 12 行: 字段 holidays.from: 日期 '2026-02-30' 无效 (invalid date "
            "'2026-02-30')");
  EXPECT_EQ(cal.error().details["line"], 12);
  EXPECT_EQ(cal.error().details["field"], "holidays.from");
}

std::string TomlError(const std::string& text) {
  auto r = WorkCalendar::FromToml(text, "f.toml");
  return r ? "(no error)" : r.error().message;
}

TEST(TomlTest, MalformedFilesSayWhereAndWhat) {
  std::string head = "[[years]]\nyear = 2026\nsource = \"x\"\n";
  EXPECT_NE(TomlError(head + "[[holidays]\nname = \"x\"\n").find("f.toml 第 4 行: 第 "),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[holidays]]\nname = \"x\"\nfrom = 2026-02-30\n").find("第 6 行"),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[holidays]]\nname = \"x\"\nform = 2026-02-03\n")
                .find("第 6 行: [[holidays]] 未知字段 'form'"),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[holidays]]\nname = \"x\"\nfrom = 2026-02-03\nto = 2026-02-01\n")
                .find("第 7 行: 字段 holidays.to: 结束日期 2026-02-01 早于开始日期 2026-02-03"),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[holidays]]\nname = \"x\"\nfrom = 2026-02-03\nto = 2027-02-01\n")
                .find("超过 31 天"),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[holidays]]\nfrom = 2026-02-03\n")
                .find("第 4 行: 字段 holidays.name: 缺少必填字段"),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[workdays]]\ndates = []\n").find("字段 workdays.dates"),
            std::string::npos);
  EXPECT_NE(TomlError(head + "[[workdays]]\ndates = [\"明天\"]\n").find("日期 '明天' 无效"),
            std::string::npos);
  EXPECT_NE(TomlError("[[years]]\nyear = \"2026\"\nsource = \"x\"\n").find("字段 years.year"),
            std::string::npos);
  EXPECT_NE(TomlError("[[years]]\nyear = 2026\n").find("字段 years.source: 缺少必填字段"),
            std::string::npos);
  EXPECT_NE(TomlError("[years]\nyear = 2026\n").find("[[years]]"), std::string::npos);
  EXPECT_NE(TomlError("kind = \"lunar\"\n").find("holidays、weekends"), std::string::npos);
  EXPECT_NE(TomlError("kind = \"weekends\"\nutc_offset = \"8\"\n").find("utc_offset"),
            std::string::npos);
  EXPECT_NE(TomlError("name = \"empty\"\n").find("没有声明任何年份"), std::string::npos);
  EXPECT_EQ(TomlError(head), "(no error)");
}

}  // namespace
}  // namespace dl::calendar
