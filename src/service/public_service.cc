#include "service/public_service.h"

#include <map>

#include "portal/public_view.h"

namespace dl::service {
namespace {

Result<std::optional<catalog::Power>> InForce(store::Store& store,
                                              const catalog::PowerRecord& record, Date today) {
  if (record.power.effective_from <= today) return std::optional(record.power);
  auto earlier = store.PowerInForce(record.power.code, today);
  if (!earlier) {
    if (earlier.error().code == ErrorCode::kNotFound) return std::optional<catalog::Power>();
    return Err(earlier.error());
  }
  return std::optional(std::move(*earlier));
}

Result<std::optional<ShownPower>> Shown(store::Store& store, const catalog::PowerRecord& record,
                                        Date today) {
  DL_ASSIGN_OR_RETURN(auto version, InForce(store, record, today));
  if (!version || !portal::Listed(record, *version, today)) return std::optional<ShownPower>();
  return std::optional(ShownPower{&record, std::move(*version)});
}

}  // namespace

Result<std::vector<ShownPower>> ListedPowers(store::Store& store, const catalog::Catalog& catalog,
                                             Date today) {
  std::vector<ShownPower> out;
  for (const auto& [code, record] : catalog.powers) {
    DL_ASSIGN_OR_RETURN(auto shown, Shown(store, record, today));
    if (shown) out.push_back(std::move(*shown));
  }
  return out;
}

Result<ShownPower> ListedPower(store::Store& store, const catalog::Catalog& catalog,
                               const std::string& code, Date today) {
  if (auto it = catalog.powers.find(code); it != catalog.powers.end()) {
    DL_ASSIGN_OR_RETURN(auto shown, Shown(store, it->second, today));
    if (shown) return std::move(*shown);
  }
  return Err(ErrorCode::kNotFound, "没有编码为“" + code + "”的公开权力");
}

Result<Json> PublicUnitStats(store::Queries& queries, const catalog::Catalog& catalog,
                             const std::vector<ShownPower>& listed) {
  std::map<std::string, int64_t> powers;
  for (const auto& s : listed) ++powers[s.version.unit];
  DL_ASSIGN_OR_RETURN(store::Dashboard d, queries.Stats({}));  // every unit: counts only
  std::map<std::string, std::pair<int64_t, int64_t>> closed;   // unit → closed, late
  for (const auto& o : d.on_time) closed[o.unit] = {o.closed, o.late};
  Json units = Json::array();
  for (const auto& [unit, n] : powers) {
    const auto [done, late] = closed[unit];
    auto u = catalog.units.find(unit);
    units.push_back(
        {{"unit", unit},
         {"unit_name", u == catalog.units.end() ? unit : u->second.name},
         {"powers", n},
         {"cases_closed", done},
         {"on_time_rate", done > 0 ? Json(static_cast<double>(done - late) / done) : Json()},
         {"satisfaction", nullptr}});
  }
  return units;
}

Result<std::string> SupervisionPhone(store::Store& store) {
  DL_ASSIGN_OR_RETURN(std::string phone, store.GetSetting("portal.supervision_phone"));
  return phone.empty() ? std::string("12388") : phone;
}

}  // namespace dl::service
