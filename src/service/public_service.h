// 阳光公开 for the public routes and the open data: which powers the public sees today (the
// version in force, portal::Listed) and the statistics of their units. What of a power is shown
// is portal/public_view.h's to decide.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "base/result.h"
#include "calendar/calendar.h"
#include "catalog/catalog.h"
#include "portal/complaint.h"
#include "store/queries.h"
#include "store/store.h"
#include "writer/writer.h"

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
// (0..1, null without closed cases),"satisfaction" (the average rating 1..5 of its closed
// cases, null without any),"ratings"}.
Result<Json> PublicUnitStats(store::Queries& queries, const catalog::Catalog& catalog,
                             const std::vector<ShownPower>& listed);

// The 监督电话 shown with every power: the setting portal.supervision_phone, else 12388 (the
// national 纪检监察 reporting number).
Result<std::string> SupervisionPhone(store::Store& store);

// The challenge's difficulty (portal/challenge.h): the setting portal.challenge_bits (8..24),
// else 16.
Result<int> ChallengeBits(store::Store& store);

// 办件查询: the case whose receipt code is `code`, when `check` (the last four digits of the
// applicant's phone) matches its tracking check. One not_found for an unknown case, a case
// without a tracking check, a wrong check and a case of a power marked 涉密, so a guess learns
// nothing. The reply (docs/portal.md) holds the case's steps by node name, time limits and due
// times (`calendar`, suspensions excluded), its status, decision once closed, and its rating —
// never a person, a post, a value or a warning.
Result<Json> TrackCase(store::Store& store, const calendar::WorkCalendar& calendar,
                       const std::string& code, const std::string& check, Instant now);

// 满意度评价 of a tracked case (the same code and check): {"rating":{"score","comment","at"}}.
Result<Json> RateCase(writer::Writer& writer, store::Store& store, const std::string& code,
                      const std::string& check, const Json& body);

// Files a complaint (投诉 / 举报) from `body` (portal::ComplaintFromJson): {"code","filed"} —
// the tracking code, which is shown this once and kept only as its hash. `random_hex` gives
// random bytes as hex (the code, the contact's nonce).
Result<Json> FileComplaint(writer::Writer& writer, store::Store& store, const Json& body,
                           const std::function<std::string(size_t)>& random_hex);
// What the submitter sees by the code: {"kind","kind_name","unit","unit_name","power","case",
// "person_name","text","filed","status","status_name","closed","additions":[{"text","at"}]}.
// not_found for an unknown code.
Result<Json> FollowComplaint(store::Store& store, const catalog::Catalog& catalog,
                             const std::string& code);
// Adds information to the complaint of `code`: {"at"}.
Result<Json> AddToComplaint(writer::Writer& writer, store::Store& store, const std::string& code,
                            const Json& body);

// What the inspectors see of the complaint behind warning `warning` (GET /warnings/{seq}):
// {"id","kind","kind_name","unit","power","case","person_name","text","filed","anonymous",
// "additions"}; null when the warning was not raised by a complaint.
Result<Json> ComplaintOfWarning(store::Store& store, uint64_t warning);
// The contact left with complaint `id`; not_found when it was anonymous or unknown.
Result<portal::Contact> ComplaintContact(store::Store& store, uint64_t id);

}  // namespace dl::service
