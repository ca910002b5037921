// 阳光公开: the one place that decides what of the lists reaches the public (the portal at /,
// its API under /api/public/v1 and the open data under /open/v1). A power is shown only when
// its version in force today is marked 公开 and it is in force; of it the public sees what a
// citizen needs to use it — legal basis, conditions, time limit, fees, the flow's steps and
// the discretion benchmarks — and never its risks, controls, posts or persons (those are
// 内部公开, for the unit's staff after login). Pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/json.h"
#include "catalog/catalog.h"

namespace dl::portal {

// Whether a power's version `shown` (the one in force today) may be shown to the public: marked
// 公开 and the power in force (在用 or 调整) on `today`.
bool Listed(const catalog::PowerRecord& record, const catalog::Power& shown, Date today);

// The public form of a version: the power without its risks, controls, posts and persons.
catalog::Power Redacted(const catalog::Power& power);

// {"code","name","category","scope","unit","unit_name","time_limit","fees","status"} for lists.
Json PublicSummary(const catalog::PowerRecord& record, const catalog::Power& shown,
                   const catalog::Catalog& catalog);
// The summary plus "legal_basis","content","handling_unit_name","held_at","effective_from",
// "flow":{"nodes":[{"code","name","kind","time_limit","collective"}],"edges":[{"from","to",
// "condition"}]},"benchmarks":[{"item","grade","conditions","lower","upper","unit"}],
// "supervision_phone".
Json PublicPower(const catalog::PowerRecord& record, const catalog::Power& shown,
                 const catalog::Catalog& catalog, const std::string& supervision_phone);

// The open-data CSV of public summaries (UTF-8 with BOM, CRLF, RFC 4180 quoting), one power a
// row: 权力编码,权力名称,权力类别,实施主体编码,实施主体,办理时限,收费,状态.
std::string SummariesCsv(const std::vector<Json>& summaries);

// The open-data CSV of unit statistics (service::PublicUnitStats): 单位编码,单位名称,公开权力数,
// 办结件数,按时办结率 (four decimals; empty without closed cases),满意度 (two decimals; empty
// without ratings),评价数.
std::string UnitsCsv(const Json& units);

// One CSV field quoted as RFC 4180 requires (only when it holds a comma, quote or line break).
std::string CsvField(const std::string& text);

}  // namespace dl::portal
