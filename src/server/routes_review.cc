// 例外, 考核 entries and 动态管理: exceptions granted and revoked, 自查 / 检查 entries, the
// yearly review campaign and the statistics of power status changes.
#include <set>

#include "assess/scheme.h"
#include "catalog/report.h"
#include "server/handlers.h"
#include "service/assessment_service.h"
#include "service/exception_service.h"

namespace dl::server {
namespace {

std::string RiskName(const catalog::Catalog& c, const std::string& power, const std::string& risk) {
  auto p = c.powers.find(power);
  if (p == c.powers.end()) return risk;
  for (const auto& r : p->second.power.risks) {
    if (r.code == risk) return r.name;
  }
  return risk;
}

std::string PowerName(const catalog::Catalog& c, const std::string& power) {
  auto p = c.powers.find(power);
  return p == c.powers.end() ? power : p->second.power.name;
}

Json ExceptionJson(const Call& call, const store::ExceptionRow& row) {
  const Json& b = row.body;
  const std::string unit = b.value("unit", ""), power = b.value("power", ""),
                    risk = b.value("risk", ""), owner = b.value("owner", "");
  const Json by = b.value("by", Json::object());
  return {{"id", row.seq},
          {"kind", b.value("kind", "")},
          {"unit", unit},
          {"unit_name", call.UnitName(unit)},
          {"rule", b.value("rule", "")},
          {"rule_name", b.value("rule_name", "")},
          {"power", power},
          {"power_name", power.empty() ? "" : PowerName(*call.state, power)},
          {"risk", risk},
          {"risk_name", risk.empty() ? "" : RiskName(*call.state, power, risk)},
          {"owner", owner},
          {"owner_name", call.PersonName(owner)},
          {"reason", b.value("reason", "")},
          {"from", b.value("from", "")},
          {"until", b.value("until", "")},
          {"status", row.status},
          {"time", row.time},
          {"by", by.value("login", "")},
          {"by_name", by.value("name", "")},
          {"covered", row.covered},
          {"ended", row.ended},
          {"end_reason", row.end_reason},
          {"lapse_warning", row.lapse_warning ? Json(*row.lapse_warning) : Json()}};
}

// Whether the caller's scope holds the power's unit.
catalog::PowerFilter InScope(const store::UnitFilter& units) {
  auto allowed = std::make_shared<std::set<std::string>>(units.units.begin(), units.units.end());
  const bool all = units.all;
  return [allowed, all](const catalog::PowerRecord& rec) {
    return all || allowed->contains(rec.power.unit);
  };
}

}  // namespace

Result<Reply> ListExceptions(Call& call) {
  store::ExceptionQuery q;
  DL_ASSIGN_OR_RETURN(q.units, call.Units(call.Query("unit")));
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  q.offset = paging.first;
  q.limit = paging.second;
  q.status = call.Query("status");
  if (!q.status.empty() && q.status != oversight::kExceptionActive &&
      q.status != oversight::kExceptionRevoked && q.status != oversight::kExceptionLapsed) {
    return Err(ErrorCode::kInvalidArgument, "参数 status 应为 有效、已撤销 或 已到期");
  }
  DL_ASSIGN_OR_RETURN(auto page, call.svc.queries.Exceptions(q));
  Json items = Json::array();
  for (const auto& row : page.items) items.push_back(ExceptionJson(call, row));
  return Reply::Of(PageJson(std::move(items), page.total, q.offset, q.limit));
}

Result<Reply> GrantException(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_RETURN_IF_ERROR(call.RequireUnit(body.value("unit", "")));
  DL_ASSIGN_OR_RETURN(
      uint64_t id, service::GrantException(call.svc.writer, call.caller.Actor(), *call.state, body,
                                           call.AsActor(), ChinaDate(call.svc.clock.Now())));
  DL_ASSIGN_OR_RETURN(auto row, call.svc.queries.ExceptionAt(id));
  if (!row) return Err(ErrorCode::kInternal, "例外 " + std::to_string(id) + " 读取失败");
  return Reply::Of(ExceptionJson(call, *row), 201);
}

Result<Reply> RevokeException(Call& call) {
  DL_ASSIGN_OR_RETURN(uint64_t id, WholeNumber(call.params.at(0), "id"));
  DL_ASSIGN_OR_RETURN(auto row, call.svc.queries.ExceptionAt(id));
  if (!row) return Err(ErrorCode::kNotFound, "例外 " + std::to_string(id) + " 不存在");
  DL_RETURN_IF_ERROR(call.RequireUnit(row->body.value("unit", "")));
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_ASSIGN_OR_RETURN(std::string reason, TextField(body, "reason"));
  DL_RETURN_IF_ERROR(service::RevokeException(call.svc.writer, call.svc.queries,
                                              call.caller.Actor(), *call.state, id, reason,
                                              call.AsActor()));
  DL_ASSIGN_OR_RETURN(auto after, call.svc.queries.ExceptionAt(id));
  return Reply::Of(ExceptionJson(call, *after));
}

Result<Reply> ListChecks(Call& call) {
  store::CheckQuery q;
  DL_ASSIGN_OR_RETURN(q.units, call.Units(call.Query("unit")));
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  q.offset = paging.first;
  q.limit = paging.second;
  q.period_prefix = call.Query("period");
  DL_ASSIGN_OR_RETURN(auto page, call.svc.queries.Checks(q));
  Json items = Json::array();
  for (const auto& row : page.items) {
    const Json& b = row.body;
    const Json by = b.value("by", Json::object());
    const std::string unit = b.value("unit", "");
    items.push_back({{"seq", row.seq},
                     {"kind", b.value("kind", "")},
                     {"unit", unit},
                     {"unit_name", call.UnitName(unit)},
                     {"period", b.value("period", "")},
                     {"indicator", b.value("indicator", "")},
                     {"indicator_name", b.value("indicator_name", "")},
                     {"deduction", b.value("deduction", 0.0)},
                     {"reason", b.value("reason", "")},
                     {"date", b.value("date", "")},
                     {"by", by.value("login", "")},
                     {"by_name", by.value("name", "")},
                     {"time", row.time}});
  }
  return Reply::Of(PageJson(std::move(items), page.total, q.offset, q.limit));
}

Result<Reply> EnterCheck(Call& call) {
  DL_ASSIGN_OR_RETURN(Json body, call.Body());
  DL_RETURN_IF_ERROR(call.RequireUnit(body.value("unit", "")));
  DL_ASSIGN_OR_RETURN(assess::Scheme scheme, assess::DefaultScheme());
  DL_ASSIGN_OR_RETURN(uint64_t seq, service::EnterCheck(call.svc.writer, call.caller.Actor(),
                                                        scheme, body, call.AsActor()));
  return Reply::Of({{"seq", seq}}, 201);
}

Result<Reply> ReviewCampaign(Call& call) {
  const Date today = ChinaDate(call.svc.clock.Now());
  const int this_year = static_cast<int>(today.Ymd().year());
  DL_ASSIGN_OR_RETURN(uint64_t year,
                      WholeNumber(call.Query("year"), "year", static_cast<uint64_t>(this_year)));
  if (year < 2000 || year > 2100) {
    return Err(ErrorCode::kInvalidArgument, "参数 year 应为 2000–2100 之间的年份");
  }
  DL_ASSIGN_OR_RETURN(store::UnitFilter units, call.Units(call.Query("unit")));
  auto items = catalog::ReviewCampaign(*call.state, static_cast<int>(year), today, InScope(units));
  Json groups = Json::array();
  for (const auto& item : items) {
    if (groups.empty() || groups.back()["unit"] != item.unit) {
      groups.push_back(
          {{"unit", item.unit}, {"unit_name", call.UnitName(item.unit)}, {"items", Json::array()}});
    }
    groups.back()["items"].push_back(
        {{"power", item.power},
         {"power_name", item.power_name},
         {"risk", item.risk},
         {"risk_name", item.risk_name},
         {"level", catalog::kRiskLevels.Label(item.level)},
         {"next_review", item.next_review ? Json(item.next_review->ToString()) : Json()},
         {"overdue", item.overdue},
         {"controls", item.controls}});
  }
  return Reply::Of({{"year", year},
                    {"due_by", Date::FromYmd(static_cast<int>(year), 12, 31).ToString()},
                    {"units", std::move(groups)},
                    {"total", items.size()}});
}

Result<Reply> CatalogChanges(Call& call) {
  const std::string by = call.Query("by").empty() ? "quarter" : call.Query("by");
  catalog::Period period;
  if (by == "year") {
    period = catalog::Period::kYear;
  } else if (by == "quarter") {
    period = catalog::Period::kQuarter;
  } else if (by == "month") {
    period = catalog::Period::kMonth;
  } else {
    return Err(ErrorCode::kInvalidArgument, "参数 by 应为 year、quarter 或 month");
  }
  DL_ASSIGN_OR_RETURN(store::UnitFilter units, call.Units(call.Query("unit")));
  const catalog::PowerFilter keep = InScope(units);
  Json rows = Json::array();
  for (const auto& row : catalog::CountStatusChanges(*call.state, period, keep)) {
    Json counts = Json::object();
    for (const auto& [status, label] : catalog::kPowerStatuses.items) {
      auto it = row.counts.find(status);
      counts[std::string(label)] = it == row.counts.end() ? 0 : it->second;
    }
    rows.push_back({{"period", row.period}, {"counts", std::move(counts)}, {"total", row.total}});
  }
  Json items = Json::array();
  for (const auto& item : catalog::ListStatusChanges(*call.state, keep)) {
    items.push_back({{"power", item.power},
                     {"power_name", item.name},
                     {"unit", item.unit},
                     {"unit_name", call.UnitName(item.unit)},
                     {"date", item.change.date.ToString()},
                     {"period", catalog::PeriodOf(item.change.date, period)},
                     {"status", catalog::kPowerStatuses.Label(item.change.status)},
                     {"reason", item.change.reason},
                     {"target", item.change.target},
                     {"document", item.change.document}});
  }
  return Reply::Of({{"by", by}, {"rows", std::move(rows)}, {"items", std::move(items)}});
}

}  // namespace dl::server
