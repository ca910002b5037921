// 阳光公开 for the public routes and the open data: which powers the public sees today (the
// version in force, portal::Listed) and the statistics of their units. What of a power is shown
// is portal/public_view.h's to decide.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/json.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "store/queries.h"
#include "store/store.h"

namespace dl::service {

struct ShownPower {
  const catalog::PowerRecord* record = nullptr;
  catalog::Power version;  // the version in force today
};

// Every power the public may see on `today`, in code order: the latest version, or, when it
// takes effect later, the one in force (from the ledger), if that is listed.
Result<std::vector<ShownPower>> ListedPowers(store::Store& store, const catalog::Catalog& catalog,
                                             Date today);
// One of them; not_found alike for an unknown power and one the public may not see.
Result<ShownPower> ListedPower(store::Store& store, const catalog::Catalog& catalog,
                               const std::string& code, Date today);

// Per unit with listed powers: {"unit","unit_name","powers","cases_closed","on_time_rate"
// (0..1, null without closed cases),"satisfaction" (null until ratings exist)}.
Result<Json> PublicUnitStats(store::Queries& queries, const catalog::Catalog& catalog,
                             const std::vector<ShownPower>& listed);

// The 监督电话 shown with every power: the setting portal.supervision_phone, else 12388 (the
// national 纪检监察 reporting number).
Result<std::string> SupervisionPhone(store::Store& store);

}  // namespace dl::service
