// 阳光公开 without login: the public catalogue (powers marked 公开 with their flowcharts and
// benchmarks), the units' statistics, the ledger's signed checkpoints, and the same as open data
// (JSON and CSV at stable URLs, docs/open-data.md). Which powers: service/public_service.h;
// what of them: portal/public_view.h. Nothing here reads a risk, a control, a person or an
// unpublished version.
#include "portal/public_view.h"
#include "render/flow_svg.h"
#include "server/handlers.h"
#include "service/public_service.h"

namespace dl::server {
namespace {

Date Today(const Call& call) { return ChinaDate(call.svc.clock.Now()); }

Result<std::vector<service::ShownPower>> Listed(Call& call) {
  return service::ListedPowers(call.svc.store, *call.state, Today(call));
}

Result<service::ShownPower> One(Call& call) {
  return service::ListedPower(call.svc.store, *call.state, call.params.at(0), Today(call));
}

bool Matches(const std::string& text, const std::string& q) {
  return q.empty() || text.find(q) != std::string::npos;
}

Reply Csv(std::string body, const std::string& name) {
  Reply r = Reply::Text(std::move(body), "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + name + "\"");
  return r;
}

Json Stamped(const char* schema, const char* key, Json items, const Call& call) {
  return {{"schema", schema},
          {"generated", FormatInstant(call.svc.clock.Now())},
          {key, std::move(items)}};
}

}  // namespace

Result<Reply> PublicPowers(Call& call) {
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  const std::string unit = call.Query("unit"), category = call.Query("category"),
                    q = call.Query("q");
  DL_ASSIGN_OR_RETURN(auto listed, Listed(call));
  Json items = Json::array();
  uint64_t total = 0;
  for (const auto& s : listed) {
    if (!unit.empty() && s.version.unit != unit) continue;
    if (!category.empty() && catalog::kCategories.Label(s.version.category) != category) continue;
    if (!Matches(s.version.name, q) && !Matches(s.version.code, q)) continue;
    if (total >= paging.first && total < paging.first + paging.second) {
      items.push_back(portal::PublicSummary(*s.record, s.version, *call.state));
    }
    ++total;
  }
  return Reply::Of(PageJson(std::move(items), total, paging.first, paging.second));
}

Result<Reply> PublicPower(Call& call) {
  DL_ASSIGN_OR_RETURN(service::ShownPower s, One(call));
  DL_ASSIGN_OR_RETURN(std::string phone, service::SupervisionPhone(call.svc.store));
  return Reply::Of(portal::PublicPower(*s.record, s.version, *call.state, phone));
}

Result<Reply> PublicFlowSvg(Call& call) {
  DL_ASSIGN_OR_RETURN(service::ShownPower s, One(call));
  DL_ASSIGN_OR_RETURN(std::string svg,
                      render::RenderFlowSvg(portal::Redacted(s.version), *call.state));
  return Reply::Text(std::move(svg), "image/svg+xml; charset=utf-8");
}

Result<Reply> PublicUnits(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, Listed(call));
  DL_ASSIGN_OR_RETURN(Json units, service::PublicUnitStats(call.svc.queries, *call.state, listed));
  return Reply::Of({{"items", std::move(units)}});
}

Result<Reply> OpenPowersJson(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, Listed(call));
  DL_ASSIGN_OR_RETURN(std::string phone, service::SupervisionPhone(call.svc.store));
  Json powers = Json::array();
  for (const auto& s : listed) {
    powers.push_back(portal::PublicPower(*s.record, s.version, *call.state, phone));
  }
  return Reply::Of(Stamped("daylight-open-powers/1", "powers", std::move(powers), call));
}

Result<Reply> OpenPowersCsv(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, Listed(call));
  std::vector<Json> rows;
  for (const auto& s : listed) {
    rows.push_back(portal::PublicSummary(*s.record, s.version, *call.state));
  }
  return Csv(portal::SummariesCsv(rows), "powers.csv");
}

Result<Reply> OpenUnitsJson(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, Listed(call));
  DL_ASSIGN_OR_RETURN(Json units, service::PublicUnitStats(call.svc.queries, *call.state, listed));
  return Reply::Of(Stamped("daylight-open-units/1", "units", std::move(units), call));
}

Result<Reply> OpenUnitsCsv(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, Listed(call));
  DL_ASSIGN_OR_RETURN(Json units, service::PublicUnitStats(call.svc.queries, *call.state, listed));
  return Csv(portal::UnitsCsv(units), "units.csv");
}

}  // namespace dl::server
