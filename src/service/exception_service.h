// 例外 for the API: granting and revoking exceptions (oversight/exception.h) through the writer,
// with the refusal's own code checked first (the writer checks again in order with every
// other change).
#pragma once

#include <cstdint>
#include <string>

#include "base/date.h"
#include "base/json.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "oversight/exception.h"
#include "store/queries.h"
#include "writer/writer.h"

namespace dl::service {

// Grants the exception of the request body (oversight::ExceptionFromJson) on `today`;
// returns its id. permission_denied unless `by` supervises the unit (oversight::GrantsFor);
// invalid_argument naming every problem (oversight::ValidateException).
Result<uint64_t> GrantException(writer::Writer& writer, const std::string& ledger_actor,
                                const catalog::Catalog& state, const Json& body,
                                const oversight::Actor& by, Date today);

// Revokes exception `id` with a reason: not_found when there is none, conflict when it has
// ended already, permission_denied unless `by` supervises its unit, invalid_argument without
// a reason.
Status RevokeException(writer::Writer& writer, store::Queries& queries,
                       const std::string& ledger_actor, const catalog::Catalog& state, uint64_t id,
                       const std::string& reason, const oversight::Actor& by);

}  // namespace dl::service
