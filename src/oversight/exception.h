// 例外: an exception to a supervision rule, or a risk accepted as it is, granted by the
// supervising body for a while. It has an owner (the person answerable for it), a reason and
// an end date; while it runs, the findings it covers are recorded against it instead of raised
// as warnings, and on the day after its end it lapses on its own and goes back to review as a
// warning (docs/disposal.md). Pure; the writer holds the exceptions in force (oversight/book.h).
//
// Ledger entries (subject "exception:<id>", the id being the seq of its grant; the kinds are
// in store/store.h, which projects them):
//   exception.grant  {"kind", "unit", "rule", "rule_name", "power", "risk", "owner", "reason",
//                     "from", "until", "by": <actor>}
//   exception.cover  {"exception", "warning": <the warning.raise payload it stood in for>}
//   exception.end    {"exception", "status": "已撤销" | "已到期", "reason", "by"?, "warning"?}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/issue.h"
#include "base/json.h"
#include "base/labels.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "oversight/lifecycle.h"

namespace dl::oversight {

enum class ExceptionKind { kRule, kRisk };
inline constexpr LabelTable<ExceptionKind, 2> kExceptionKinds{{{
    {ExceptionKind::kRule, "rule"},
    {ExceptionKind::kRisk, "risk"},
}}};
inline constexpr LabelTable<ExceptionKind, 2> kExceptionKindNames{{{
    {ExceptionKind::kRule, "规则例外"},
    {ExceptionKind::kRisk, "接受的风险"},
}}};

inline constexpr const char* kExceptionActive = "有效";
inline constexpr const char* kExceptionRevoked = "已撤销";
inline constexpr const char* kExceptionLapsed = "已到期";
// The rule id of the warning raised when an exception lapses.
inline constexpr const char* kLapseRule = "exception-lapsed";
// An exception runs at most this many days (risks are reviewed at least yearly).
inline constexpr int kMaxExceptionDays = 366;

struct Exception {
  uint64_t id = 0;  // the seq of its exception.grant entry; 0 before it is recorded
  ExceptionKind kind = ExceptionKind::kRule;
  std::string unit;   // the unit it is granted to
  std::string rule;   // kRule: the rule id it suspends (built-in or "lua:…")
  std::string power;  // kRule: only this power (empty: all the unit's); kRisk: the risk's power
  std::string risk;   // kRisk: the accepted risk's code
  std::string owner;  // org person code: who answers for it
  std::string reason;
  Date from;   // the day it was granted
  Date until;  // its last day
  bool operator==(const Exception&) const = default;
};

// The API body {"kind", "unit", "rule", "power", "risk", "owner", "reason", "until"};
// invalid_argument naming the field otherwise. `from` is left to the caller.
Result<Exception> ExceptionFromJson(const Json& j);
// The exception.grant payload (without "by").
Json ExceptionPayload(const Exception& e);
Result<Exception> ExceptionFromPayload(uint64_t id, const Json& payload);

// Checks an exception about to be granted on `today` against the declared state: the unit,
// the rule (kRule: a built-in rule of events, windows or deadlines, or a custom lua: rule),
// the power (of the unit, or one of its sections) and the risk (kRisk), the owner, a reason,
// and an end date from today up to kMaxExceptionDays ahead. One issue per problem, in Chinese.
std::vector<Issue> ValidateException(const Exception& e, const catalog::Catalog& c, Date today);

// Whether the inspector may grant or revoke an exception for `unit`: the supervising body of
// the unit (an inspector whose scope holds the unit's supervisor, or the unit itself when it
// has none).
bool GrantsFor(const Actor& a, const catalog::Catalog& c, const std::string& unit);

// Whether `e` covers the warning about to be raised with `payload` (warning.raise): kRule, the
// same rule, the unit (or a section of it, by `c`) and, when the exception names one, power;
// kRisk, the review-overdue finding of that very risk. Hand-entered warnings are never covered.
bool Covers(const Exception& e, const Json& payload, const catalog::Catalog& c);

// The payload of the warning raised when `e` lapses: "back to review" for its unit's
// supervisor, level 提醒, naming the owner.
Json LapsePayload(const Exception& e, const catalog::Catalog& c, Instant raised);

}  // namespace dl::oversight
