// The dashboard; the ledger's checkpoints, proofs and verification; health,
// metrics and the OpenAPI document.
#include <algorithm>

#include "assess/assess_json.h"
#include "assess/report_xlsx.h"
#include "ledger/checkpoint.h"
#include "server/handlers.h"
#include "service/assessment_service.h"
#include "service/proof_service.h"
#include "service/verify_service.h"

namespace dl::server {
namespace {

struct Assessed {
  assess::Scheme scheme;
  assess::Period period;
  assess::Assessment result;
};

// 考核 of the units in the caller's scope, by the built-in scheme.
Result<Assessed> AssessFor(Call& call) {
  DL_ASSIGN_OR_RETURN(assess::Period period, assess::ParsePeriod(call.Query("period")));
  DL_ASSIGN_OR_RETURN(assess::Scheme scheme, assess::DefaultScheme());
  DL_ASSIGN_OR_RETURN(auto result, service::Assess(call.svc.queries, *call.state, scheme, period,
                                                   *call.caller.scope));
  return Assessed{std::move(scheme), std::move(period), std::move(result)};
}

}  // namespace

Result<Reply> Assessment(Call& call) {
  DL_ASSIGN_OR_RETURN(Assessed a, AssessFor(call));
  Json j = assess::AssessmentToJson(a.result);
  j["period_label"] = a.period.Label();
  return Reply::Of(j);
}

Result<Reply> AssessmentXlsx(Call& call) {
  DL_ASSIGN_OR_RETURN(Assessed a, AssessFor(call));
  DL_ASSIGN_OR_RETURN(std::string bytes,
                      BytesViaTempFile("assessment", ".xlsx", [&a](const std::string& path) {
                        return assess::WriteAssessmentXlsx(a.result, a.scheme, a.period, path);
                      }));
  Reply r = Reply::Text(std::move(bytes),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"assessment-" + a.period.code + ".xlsx\"");
  return r;
}

Result<Reply> Dashboard(Call& call) {
  store::StatsQuery q;
  DL_ASSIGN_OR_RETURN(q.units, call.Units(call.Query("unit")));
  DL_ASSIGN_OR_RETURN(q.from, DayBound(call.Query("from"), "from", false));
  DL_ASSIGN_OR_RETURN(q.to, DayBound(call.Query("to"), "to", true));
  DL_ASSIGN_OR_RETURN(store::Dashboard d, call.svc.queries.Stats(q));
  Json by_unit = Json::array();
  for (const auto& u : d.warnings_by_unit) {
    by_unit.push_back({{"unit", u.unit},
                       {"unit_name", call.UnitName(u.unit)},
                       {"notice", u.notice},
                       {"yellow", u.yellow},
                       {"red", u.red}});
  }
  auto top = d.warnings_by_unit;
  std::stable_sort(top.begin(), top.end(),
                   [](const auto& a, const auto& b) { return a.red > b.red; });
  Json top_red = Json::array();
  for (const auto& u : top) {
    if (u.red == 0 || top_red.size() == 10) break;
    top_red.push_back({{"unit", u.unit}, {"unit_name", call.UnitName(u.unit)}, {"red", u.red}});
  }
  Json trend = Json::array();
  for (const auto& m : d.trend) {
    trend.push_back(
        {{"month", m.month}, {"notice", m.notice}, {"yellow", m.yellow}, {"red", m.red}});
  }
  Json on_time = Json::array();
  for (const auto& o : d.on_time) {
    on_time.push_back({{"unit", o.unit},
                       {"unit_name", call.UnitName(o.unit)},
                       {"closed", o.closed},
                       {"on_time", o.closed - o.late},
                       {"rate", o.closed ? double(o.closed - o.late) / double(o.closed) : 1.0}});
  }
  return Reply::Of({{"warnings_by_level", d.warnings_by_level},
                    {"warnings_by_unit", by_unit},
                    {"trend", trend},
                    {"on_time", on_time},
                    {"top_red", top_red},
                    {"cases_open", d.cases_open},
                    {"cases_closed", d.cases_closed}});
}

Result<Reply> ListCheckpoints(Call& call) {
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  DL_ASSIGN_OR_RETURN(auto all, call.svc.store.Checkpoints());
  std::reverse(all.begin(), all.end());
  Json items = Json::array();
  for (size_t i = paging.first; i < all.size() && i < paging.first + paging.second; ++i) {
    const auto& c = all[i];
    items.push_back({{"size", c.size},
                     {"root", ledger::Base64(c.root.data(), c.root.size())},  // as in proofs
                     {"time", FormatInstant(c.time)},
                     {"note", c.note}});
  }
  return Reply::Of(PageJson(std::move(items), all.size(), paging.first, paging.second));
}

Result<Reply> PublicKey(Call& call) {
  if (call.svc.options.verifier_key.empty()) {
    return Err(ErrorCode::kNotFound, "此数据库没有签名密钥，检查点未签名");
  }
  return Reply::Text(call.svc.options.verifier_key + "\n", "text/plain; charset=utf-8");
}

Result<Reply> InclusionProof(Call& call) {
  DL_ASSIGN_OR_RETURN(uint64_t seq, WholeNumber(call.Query("seq"), "seq"));
  DL_ASSIGN_OR_RETURN(uint64_t size, WholeNumber(call.Query("size"), "size", 0));
  DL_ASSIGN_OR_RETURN(auto answer,
                      service::ProveInclusion(call.svc.store, seq,
                                              size ? std::optional<uint64_t>(size) : std::nullopt));
  return Reply::Of(answer.ToJson());
}

Result<Reply> ConsistencyProof(Call& call) {
  DL_ASSIGN_OR_RETURN(uint64_t old_size, WholeNumber(call.Query("old"), "old"));
  DL_ASSIGN_OR_RETURN(uint64_t new_size, WholeNumber(call.Query("new"), "new"));
  DL_ASSIGN_OR_RETURN(auto answer, service::ProveConsistency(call.svc.store, old_size, new_size));
  return Reply::Of(answer.ToJson());
}

Result<Reply> VerifyLedger(Call& call) {
  DL_ASSIGN_OR_RETURN(auto report, service::VerifyStore(call.svc.store, /*deep=*/false,
                                                        call.svc.options.scratch_dir,
                                                        call.svc.options.verifier_key));
  Json j = report.ToJson();
  j["ok"] = report.ok();
  return Reply::Of(j);
}

Result<Reply> Health(Call& call) {
  DL_RETURN_IF_ERROR(call.svc.store.LedgerSize().map([](uint64_t) {}));
  return Reply::Text("ok\n", "text/plain; charset=utf-8");
}

Result<Reply> MetricsText(Call& call) {
  // For the monitoring on this machine, or an administrator.
  const std::string& from = call.req.remote_addr;
  const bool local = from == "127.0.0.1" || from == "::1" || from == "::ffff:127.0.0.1";
  if (!local &&
      !(call.caller.kind == Caller::Kind::kAccount && call.caller.role == access::Role::kAdmin)) {
    return Err(ErrorCode::kPermissionDenied, "监控指标只对本机或系统管理员开放");
  }
  return Reply::Text(call.svc.metrics.Text(call.svc.writer.stats()),
                     "text/plain; version=0.0.4; charset=utf-8");
}

Result<Reply> OpenApi(Call&) {
  return Reply::Text(OpenApiText(), "application/json; charset=utf-8");
}

}  // namespace dl::server
