// Shorthands for the calendar tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "base/date.h"
#include "calendar/calendar.h"

namespace dl::calendar::testing {

inline WorkCalendar::Ptr China() {
  auto cal = WorkCalendar::China();
  EXPECT_TRUE(cal) << cal.error().message;
  return cal ? *cal : WorkCalendar::WeekendsOnly();
}

inline Date D(const std::string& text) {
  auto d = Date::Parse(text);
  EXPECT_TRUE(d) << text;
  return d.value_or(Date());
}

// An instant written in China Standard Time: Cst("2026-03-02 10:00").
inline Instant Cst(const std::string& local) {
  auto t = ParseInstant(local + ":00+08:00");
  EXPECT_TRUE(t) << local;
  return t.value_or(Instant());
}

// The same instant read back in China Standard Time, for readable failures.
inline std::string InCst(Instant t) {
  std::string s = FormatInstant(t + std::chrono::hours(8));  // 2026-03-18T20:00:00.000Z
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

}  // namespace dl::calendar::testing
