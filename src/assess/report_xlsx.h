// The assessment as an Excel report (libxlsxwriter). Layout (docs/assessment.md):
//   考核结果  title (scheme name and period, merged), header 排名 · 单位 · one column per
//             indicator "按时办结率（20分）" · 总分 · 等级, one row per unit by rank; frozen
//             header, grade cells coloured (优秀 green, 不合格 red), a note under the table;
//             landscape, one page wide, title and header repeated on every printed page.
//   扣分明细  one row per fact behind a score: 单位 · 指标 · 类别 · 对象 · 说明.
//   考核方案  one row per indicator: 指标 · 数据来源 · 权重 · 计分方法 · 无数据时.
#pragma once

#include <string>

#include "assess/assess.h"
#include "assess/period.h"
#include "assess/scheme.h"
#include "base/result.h"

namespace dl::assess {

// Writes the report to `path`, replacing any file there. The same input always gives the
// same bytes (a fixed creation time). kIo if the file cannot be written; kInvalidArgument
// if a text is longer than an Excel cell holds (the partial file is removed).
Status WriteAssessmentXlsx(const Assessment& assessment, const Scheme& scheme, const Period& period,
                           const std::string& path);

// The Chinese word for a FactRef kind: 权力, 风险点, 办件, 预警, 评价, 自查检查; the kind
// itself if unknown.
std::string FactKindLabel(const std::string& kind);

}  // namespace dl::assess
