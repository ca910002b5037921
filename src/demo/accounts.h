// Accounts for trying the demo county: one per role, on a unit that has cases, so each role
// sees something (docs/api.md「角色」). Passwords are set by the caller.
#pragma once

#include <vector>

#include "access/account.h"
#include "base/date.h"
#include "catalog/catalog.h"

namespace dl::demo {

// jingban (经办人), lingdao (领导), danwei (单位管理员) and jijian (纪检监察) on the unit whose
// powers' flows use the most staffed posts on `today`; empty when the catalogue has no unit
// with both a staffed task post and a staffed leadership post.
std::vector<access::Account> DemoAccounts(const catalog::Catalog& catalog, Date today);

}  // namespace dl::demo
