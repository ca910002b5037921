// The handlers of the route table (routes.cc), by area. Each decodes the request, calls one
// service or query, and encodes the answer; the caller's role was checked by the route's
// access, its units are checked here.
#pragma once

#include <functional>

#include "server/api.h"

namespace dl::server {

// Session and accounts (routes_session.cc).
Result<Reply> Login(Call& call);
Result<Reply> CurrentSession(Call& call);
Result<Reply> Logout(Call& call);
Result<Reply> ChangePassword(Call& call);
Result<Reply> ListAccounts(Call& call);
Result<Reply> CreateAccount(Call& call);
Result<Reply> UpdateAccount(Call& call);
Result<Reply> ListApiKeys(Call& call);
Result<Reply> CreateApiKey(Call& call);
Result<Reply> RevokeApiKey(Call& call);

// The four lists (routes_catalog.cc).
Result<Reply> ListUnits(Call& call);
Result<Reply> ListPersons(Call& call);
Result<Reply> ListPowers(Call& call);
Result<Reply> GetPower(Call& call);
Result<Reply> GetPowerVersion(Call& call);
Result<Reply> PowerFlowSvg(Call& call);
Result<Reply> ImportCatalog(Call& call);
Result<Reply> ExportCatalog(Call& call);

// Cases and online handling (routes_cases.cc).
Result<Reply> ListCases(Call& call);
Result<Reply> GetCase(Call& call);
Result<Reply> CaseFlowSvg(Call& call);
Result<Reply> CaseEvidence(Call& call);
Result<Reply> OpenCase(Call& call);
Result<Reply> StepCase(Call& call);
Result<Reply> DecideCase(Call& call);
Result<Reply> SuspendCase(Call& call);
Result<Reply> ResumeCase(Call& call);
Result<Reply> CloseCase(Call& call);
Result<Reply> ListTasks(Call& call);
Result<Reply> PostEvents(Call& call);

// Warnings and their life (routes_oversight.cc).
Result<Reply> ListWarnings(Call& call);
Result<Reply> GetWarning(Call& call);
Result<Reply> EnterWarning(Call& call);
Result<Reply> TakeWarningStep(Call& call);
Result<Reply> WarningAttachment(Call& call);
Result<Reply> ListDuties(Call& call);

// Exceptions, 考核 entries and 动态管理 (routes_review.cc).
Result<Reply> ListExceptions(Call& call);
Result<Reply> GrantException(Call& call);
Result<Reply> RevokeException(Call& call);
Result<Reply> ListChecks(Call& call);
Result<Reply> EnterCheck(Call& call);
Result<Reply> ReviewCampaign(Call& call);
Result<Reply> CatalogChanges(Call& call);

// 阳光公开 without login: the public catalogue, units' statistics, open data (routes_public.cc).
Result<Reply> PublicPowers(Call& call);
Result<Reply> PublicPower(Call& call);
Result<Reply> PublicFlowSvg(Call& call);
Result<Reply> PublicUnits(Call& call);
Result<Reply> OpenPowersJson(Call& call);
Result<Reply> OpenPowersCsv(Call& call);
Result<Reply> OpenUnitsJson(Call& call);
Result<Reply> OpenUnitsCsv(Call& call);
// What the public sends and follows (routes_public.cc): the challenge, case tracking and
// rating, complaints and their follow-up; the verification kit; and, for inspectors, a
// complaint's contact.
Result<Reply> PublicChallenge(Call& call);
Result<Reply> PublicTrack(Call& call);
Result<Reply> PublicRate(Call& call);
Result<Reply> PublicComplain(Call& call);
Result<Reply> PublicFollow(Call& call);
Result<Reply> PublicAddToComplaint(Call& call);
Result<Reply> VerifyKit(Call& call);
Result<Reply> ComplaintContact(Call& call);

// Statistics, the ledger and operations (routes_watch.cc).
Result<Reply> Dashboard(Call& call);
Result<Reply> Assessment(Call& call);
Result<Reply> AssessmentXlsx(Call& call);
Result<Reply> ListCheckpoints(Call& call);
Result<Reply> PublicKey(Call& call);
Result<Reply> InclusionProof(Call& call);
Result<Reply> ConsistencyProof(Call& call);
Result<Reply> VerifyLedger(Call& call);
Result<Reply> Health(Call& call);
Result<Reply> MetricsText(Call& call);
Result<Reply> OpenApi(Call& call);

// Helpers shared by the handler files (call.cc).
// A text field of a JSON body; invalid_argument naming the field when it is not text.
Result<std::string> TextField(const Json& body, const char* key, bool required = false);
// A whole-number query or path parameter; `fallback` when the text is empty (nullopt: required).
// invalid_argument naming the parameter otherwise.
Result<uint64_t> WholeNumber(const std::string& text, const char* field,
                             std::optional<uint64_t> fallback = std::nullopt);
// An optional number field.
Result<std::optional<double>> NumberField(const Json& body, const char* key);
// A list of unit codes.
Result<std::vector<std::string>> UnitsField(const Json& body, const char* key);
// A China-time date "YYYY-MM-DD" → the stored instant text of its start; `next_day` gives the
// start of the day after (for exclusive ends). Empty in, empty out.
Result<std::string> DayBound(const std::string& text, const char* field, bool next_day);
// Version `version` of a power, from the ledger entry that recorded it (routes_catalog.cc).
Result<catalog::Power> PowerAtVersion(Call& call, const std::string& code, int version);
// The bytes a writer of files (xlsx) produces: it writes to a fresh temporary file named
// `prefix`-<random>`suffix`, which is read back and removed whatever happens.
Result<std::string> BytesViaTempFile(const std::string& prefix, const std::string& suffix,
                                     const std::function<Status(const std::string&)>& write);
// {"items":[…],"total","page","size"}
Json PageJson(Json items, uint64_t total, uint64_t offset, uint64_t limit);

}  // namespace dl::server
