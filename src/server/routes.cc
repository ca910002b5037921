// The route table: every route of the API, its access and its handler. The OpenAPI document
// (openapi.json) describes exactly these; a test holds the two together.
#include "server/handlers.h"

namespace dl::server {

const std::vector<Route>& Routes() {
  using A = access::Action;
  constexpr Access kPublic = Access::kPublic, kSignedIn = Access::kAuthenticated,
                   kAllowed = Access::kAction;
  static const std::vector<Route> routes = {
      {"GET", "/healthz", kPublic, A::kReadCatalog, Health},
      {"GET", "/metrics", kPublic, A::kReadCatalog, MetricsText},
      {"GET", "/api/v1/openapi.json", kPublic, A::kReadCatalog, OpenApi},

      {"POST", "/api/v1/session", kPublic, A::kReadCatalog, Login},
      // 阳光公开: no login; only what portal/public_view.h lets through.
      {"GET", "/api/public/v1/powers", kPublic, A::kReadCatalog, PublicPowers},
      {"GET", "/api/public/v1/powers/{code}", kPublic, A::kReadCatalog, PublicPower},
      {"GET", "/api/public/v1/powers/{code}/flow.svg", kPublic, A::kReadCatalog, PublicFlowSvg},
      {"GET", "/api/public/v1/units", kPublic, A::kReadCatalog, PublicUnits},
      {"GET", "/api/public/v1/checkpoints", kPublic, A::kReadCatalog, ListCheckpoints},
      {"GET", "/api/public/v1/public-key", kPublic, A::kReadCatalog, PublicKey},
      {"GET", "/api/public/v1/verify-kit", kPublic, A::kReadCatalog, VerifyKit},
      {"GET", "/api/public/v1/challenge", kPublic, A::kReadCatalog, PublicChallenge},
      {"POST", "/api/public/v1/track", kPublic, A::kReadCatalog, PublicTrack},
      {"POST", "/api/public/v1/ratings", kPublic, A::kReadCatalog, PublicRate},
      {"POST", "/api/public/v1/complaints", kPublic, A::kReadCatalog, PublicComplain},
      {"POST", "/api/public/v1/complaints/follow", kPublic, A::kReadCatalog, PublicFollow},
      {"POST", "/api/public/v1/complaints/add", kPublic, A::kReadCatalog, PublicAddToComplaint},
      {"GET", "/open/v1/powers.json", kPublic, A::kReadCatalog, OpenPowersJson},
      {"GET", "/open/v1/powers.csv", kPublic, A::kReadCatalog, OpenPowersCsv},
      {"GET", "/open/v1/units.json", kPublic, A::kReadCatalog, OpenUnitsJson},
      {"GET", "/open/v1/units.csv", kPublic, A::kReadCatalog, OpenUnitsCsv},
      {"GET", "/api/v1/session", kSignedIn, A::kReadCatalog, CurrentSession},
      {"DELETE", "/api/v1/session", kSignedIn, A::kReadCatalog, Logout},
      {"POST", "/api/v1/session/password", kSignedIn, A::kReadCatalog, ChangePassword},
      {"GET", "/api/v1/accounts", kAllowed, A::kManageAccounts, ListAccounts},
      {"POST", "/api/v1/accounts", kAllowed, A::kManageAccounts, CreateAccount},
      {"PUT", "/api/v1/accounts/{login}", kAllowed, A::kManageAccounts, UpdateAccount},
      {"GET", "/api/v1/api-keys", kAllowed, A::kManageAccounts, ListApiKeys},
      {"POST", "/api/v1/api-keys", kAllowed, A::kManageAccounts, CreateApiKey},
      {"DELETE", "/api/v1/api-keys/{id}", kAllowed, A::kManageAccounts, RevokeApiKey},

      {"GET", "/api/v1/units", kAllowed, A::kReadCatalog, ListUnits},
      {"GET", "/api/v1/persons", kAllowed, A::kReadCatalog, ListPersons},
      {"GET", "/api/v1/powers", kAllowed, A::kReadCatalog, ListPowers},
      {"GET", "/api/v1/powers/{code}", kAllowed, A::kReadCatalog, GetPower},
      {"GET", "/api/v1/powers/{code}/versions/{version}", kAllowed, A::kReadCatalog,
       GetPowerVersion},
      {"GET", "/api/v1/powers/{code}/flow.svg", kAllowed, A::kReadCatalog, PowerFlowSvg},
      {"POST", "/api/v1/imports/catalog", kAllowed, A::kImportCatalog, ImportCatalog},
      {"GET", "/api/v1/exports/catalog.xlsx", kAllowed, A::kImportCatalog, ExportCatalog},

      {"GET", "/api/v1/cases", kAllowed, A::kReadCases, ListCases},
      {"POST", "/api/v1/cases", kAllowed, A::kHandleCases, OpenCase},
      {"GET", "/api/v1/cases/{case}", kAllowed, A::kReadCases, GetCase},
      {"GET", "/api/v1/cases/{case}/flow.svg", kAllowed, A::kReadCases, CaseFlowSvg},
      {"GET", "/api/v1/cases/{case}/evidence", kAllowed, A::kAuditLedger, CaseEvidence},
      {"POST", "/api/v1/cases/{case}/steps", kAllowed, A::kHandleCases, StepCase},
      {"POST", "/api/v1/cases/{case}/decisions", kAllowed, A::kHandleCases, DecideCase},
      {"POST", "/api/v1/cases/{case}/suspend", kAllowed, A::kHandleCases, SuspendCase},
      {"POST", "/api/v1/cases/{case}/resume", kAllowed, A::kHandleCases, ResumeCase},
      {"POST", "/api/v1/cases/{case}/close", kAllowed, A::kHandleCases, CloseCase},
      {"GET", "/api/v1/tasks", kAllowed, A::kHandleCases, ListTasks},
      {"POST", "/api/v1/events", kAllowed, A::kRecordEvents, PostEvents},

      {"GET", "/api/v1/warnings", kAllowed, A::kReadWarnings, ListWarnings},
      {"POST", "/api/v1/warnings", kAllowed, A::kEnterWarnings, EnterWarning},
      {"GET", "/api/v1/warnings/{seq}", kAllowed, A::kReadWarnings, GetWarning},
      {"GET", "/api/v1/complaints/{id}/contact", kAllowed, A::kEnterWarnings, ComplaintContact},
      {"POST", "/api/v1/warnings/{seq}/steps", kAllowed, A::kWorkWarnings, TakeWarningStep},
      {"GET", "/api/v1/warnings/{seq}/attachments/{hash}", kAllowed, A::kReadWarnings,
       WarningAttachment},
      {"GET", "/api/v1/duties", kAllowed, A::kReadWarnings, ListDuties},
      {"GET", "/api/v1/stats/dashboard", kAllowed, A::kReadWarnings, Dashboard},
      {"GET", "/api/v1/exceptions", kAllowed, A::kReadWarnings, ListExceptions},
      {"POST", "/api/v1/exceptions", kAllowed, A::kEnterWarnings, GrantException},
      {"POST", "/api/v1/exceptions/{id}/revoke", kAllowed, A::kEnterWarnings, RevokeException},
      {"GET", "/api/v1/checks", kAllowed, A::kReadWarnings, ListChecks},
      {"POST", "/api/v1/checks", kAllowed, A::kWorkWarnings, EnterCheck},
      {"GET", "/api/v1/reviews/campaign", kAllowed, A::kReadCatalog, ReviewCampaign},
      {"GET", "/api/v1/catalog/changes", kAllowed, A::kReadCatalog, CatalogChanges},
      {"GET", "/api/v1/assessment", kAllowed, A::kReadWarnings, Assessment},
      {"GET", "/api/v1/assessment.xlsx", kAllowed, A::kReadWarnings, AssessmentXlsx},

      {"GET", "/api/v1/ledger/checkpoints", kAllowed, A::kReadLedger, ListCheckpoints},
      {"GET", "/api/v1/ledger/public-key", kAllowed, A::kReadLedger, PublicKey},
      {"GET", "/api/v1/ledger/proofs/inclusion", kAllowed, A::kReadLedger, InclusionProof},
      {"GET", "/api/v1/ledger/proofs/consistency", kAllowed, A::kReadLedger, ConsistencyProof},
      {"POST", "/api/v1/ledger/verify", kAllowed, A::kAuditLedger, VerifyLedger},
  };
  return routes;
}

}  // namespace dl::server
