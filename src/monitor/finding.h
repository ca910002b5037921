// What a supervision rule reports about one event or deadline: a finding, which the writer
// turns into a warning (预警) with its evidence, unit, person and supervising unit.
#pragma once

#include <string>
#include <vector>

#include "base/labels.h"

namespace dl::monitor {

enum class Level { kNotice, kYellow, kRed };  // 提醒 / 黄牌 / 红牌
inline constexpr LabelTable<Level, 3> kLevels{{{
    {Level::kNotice, "提醒"},
    {Level::kYellow, "黄牌"},
    {Level::kRed, "红牌"},
}}};

struct Finding {
  std::string rule;  // rule id, e.g. "overdue-step" or "lua:big-cash"
  Level level = Level::kNotice;
  std::string message;  // tells a person what is wrong, in Chinese
  std::string person;   // the person concerned, when the rule names one
  // For the rules over the organisation (no case): what the finding is about besides the
  // person, stable from day to day ("post:<code>@<tenure start>", "posts:<a>|<b>"), and the
  // unit concerned. Empty for the rules on events.
  std::string subject;
  std::string unit;
  std::string power;  // the power concerned, when an organisation rule names one (review-overdue)
  bool operator==(const Finding&) const = default;
};

}  // namespace dl::monitor
