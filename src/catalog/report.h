// Reports over the declared state.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "catalog/catalog.h"

namespace dl::catalog {

enum class Period { kYear, kQuarter, kMonth };

// Counts of status changes per period ("2026", "2026Q3", "2026-07"), like the seeds'
// "取消49项、下放69项、合并减少8项".
struct StatusChangeRow {
  std::string period;
  std::map<PowerStatus, int> counts;  // 取消 / 下放 / 合并 / 调整 (and 在用 = restored)
  int total = 0;
};
// Which powers a report counts (by their record); null: all.
using PowerFilter = std::function<bool(const PowerRecord&)>;
std::vector<StatusChangeRow> CountStatusChanges(const Catalog& catalog, Period period,
                                                const PowerFilter& keep = nullptr);

// One status change of one power, for the list behind the counts.
struct StatusChangeItem {
  std::string power, name, unit;
  StatusChange change;
};
// Every status change of the powers `keep` accepts, newest first (then by power code).
std::vector<StatusChangeItem> ListStatusChanges(const Catalog& catalog,
                                                const PowerFilter& keep = nullptr);

// 年度评估清单 (动态管理): one risk a unit must re-assess and re-confirm, with its controls.
struct ReviewItem {
  std::string unit, power, power_name, risk, risk_name;
  RiskLevel level = RiskLevel::kLow;
  std::optional<Date> next_review;
  bool overdue = false;  // its review date is before `today`
  int controls = 0;
};
// The yearly review campaign for `year`: every risk of every power in force on `today` whose
// review date falls on or before 31 December of that year, or that has none, by unit, power
// and risk code.
std::vector<ReviewItem> ReviewCampaign(const Catalog& catalog, int year, Date today,
                                       const PowerFilter& keep = nullptr);
std::string PeriodOf(Date d, Period period);

// What a catalogue holds: units, posts, persons, powers by category / status / disclosure,
// risks by level, controls by type, benchmarks, flows.
Json Summarize(const Catalog& catalog);
// The same as readable Chinese text, one fact a line.
std::string SummaryText(const Json& summary);

}  // namespace dl::catalog
