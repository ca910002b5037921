// Reports over the declared state.
#pragma once

#include <map>
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
std::vector<StatusChangeRow> CountStatusChanges(const Catalog& catalog, Period period);
std::string PeriodOf(Date d, Period period);

// What a catalogue holds: units, posts, persons, powers by category / status / disclosure,
// risks by level, controls by type, benchmarks, flows.
Json Summarize(const Catalog& catalog);
// The same as readable Chinese text, one fact a line.
std::string SummaryText(const Json& summary);

}  // namespace dl::catalog
