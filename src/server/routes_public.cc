// 阳光公开 without login: the public catalogue (powers marked 公开 with their flowcharts and
// benchmarks), the units' statistics, the ledger's signed checkpoints, and the same as open data
// (JSON and CSV at stable URLs, docs/open-data.md). What is shown is decided in one place,
// portal/public_view.h; nothing here reads a risk, a control, a person or an unpublished version.
#include <map>
#include <set>

#include "portal/public_view.h"
#include "render/flow_svg.h"
#include "server/handlers.h"

namespace dl::server {
namespace {

// The default 监督电话: the national 纪检监察 reporting number, until the setting gives a local
// one.
constexpr const char* kDefaultSupervisionPhone = "12388";
constexpr const char* kPhoneSetting = "portal.supervision_phone";

struct Shown {
  const catalog::PowerRecord* record;
  catalog::Power version;  // the version in force today
};

Date Today(const Call& call) { return ChinaDate(call.svc.clock.Now()); }

// The version of `record` in force today: the latest, unless it takes effect later (then the
// one before, from the ledger); nullopt when none is in force yet.
Result<std::optional<catalog::Power>> InForce(Call& call, const catalog::PowerRecord& record) {
  if (record.power.effective_from <= Today(call)) return std::optional(record.power);
  auto earlier = call.svc.store.PowerInForce(record.power.code, Today(call));
  if (!earlier) {
    if (earlier.error().code == ErrorCode::kNotFound) return std::optional<catalog::Power>();
    return Err(earlier.error());
  }
  return std::optional(std::move(*earlier));
}

// Every power the public may see, in code order.
Result<std::vector<Shown>> ListedPowers(Call& call) {
  std::vector<Shown> out;
  for (const auto& [code, record] : call.state->powers) {
    DL_ASSIGN_OR_RETURN(auto version, InForce(call, record));
    if (version && portal::Listed(record, *version, Today(call))) {
      out.push_back({&record, std::move(*version)});
    }
  }
  return out;
}

// One listed power; not_found alike for an unknown and a non-public one.
Result<Shown> ListedPower(Call& call, const std::string& code) {
  auto it = call.state->powers.find(code);
  if (it != call.state->powers.end()) {
    DL_ASSIGN_OR_RETURN(auto version, InForce(call, it->second));
    if (version && portal::Listed(it->second, *version, Today(call))) {
      return Shown{&it->second, std::move(*version)};
    }
  }
  return Err(ErrorCode::kNotFound, "没有编码为“" + code + "”的公开权力");
}

Result<std::string> SupervisionPhone(Call& call) {
  DL_ASSIGN_OR_RETURN(std::string phone, call.svc.store.GetSetting(kPhoneSetting));
  return phone.empty() ? std::string(kDefaultSupervisionPhone) : phone;
}

bool Matches(const std::string& text, const std::string& q) {
  return q.empty() || text.find(q) != std::string::npos;
}

// Per unit with public powers: its name, how many, and how its cases went (all time).
Result<Json> UnitsJson(Call& call, const std::vector<Shown>& listed) {
  std::map<std::string, int64_t> powers;
  for (const auto& s : listed) ++powers[s.version.unit];
  store::StatsQuery q;  // every unit: the counts are public, the cases are not
  DL_ASSIGN_OR_RETURN(store::Dashboard d, call.svc.queries.Stats(q));
  std::map<std::string, std::pair<int64_t, int64_t>> closed;  // unit → closed, late
  for (const auto& o : d.on_time) closed[o.unit] = {o.closed, o.late};
  Json units = Json::array();
  for (const auto& [unit, n] : powers) {
    const auto [done, late] = closed[unit];
    units.push_back(
        {{"unit", unit},
         {"unit_name", call.UnitName(unit)},
         {"powers", n},
         {"cases_closed", done},
         {"on_time_rate", done > 0 ? Json(static_cast<double>(done - late) / done) : Json()},
         {"satisfaction", nullptr}});
  }
  return units;
}

Reply Csv(std::string body, const std::string& name) {
  Reply r = Reply::Text(std::move(body), "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + name + "\"");
  return r;
}

}  // namespace

Result<Reply> PublicPowers(Call& call) {
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  const std::string unit = call.Query("unit"), category = call.Query("category"),
                    q = call.Query("q");
  DL_ASSIGN_OR_RETURN(auto listed, ListedPowers(call));
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
  DL_ASSIGN_OR_RETURN(Shown s, ListedPower(call, call.params.at(0)));
  DL_ASSIGN_OR_RETURN(std::string phone, SupervisionPhone(call));
  return Reply::Of(portal::PublicPower(*s.record, s.version, *call.state, phone));
}

Result<Reply> PublicFlowSvg(Call& call) {
  DL_ASSIGN_OR_RETURN(Shown s, ListedPower(call, call.params.at(0)));
  DL_ASSIGN_OR_RETURN(std::string svg,
                      render::RenderFlowSvg(portal::Redacted(s.version), *call.state));
  return Reply::Text(std::move(svg), "image/svg+xml; charset=utf-8");
}

Result<Reply> PublicUnits(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, ListedPowers(call));
  DL_ASSIGN_OR_RETURN(Json units, UnitsJson(call, listed));
  return Reply::Of({{"items", std::move(units)}});
}

Result<Reply> OpenPowersJson(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, ListedPowers(call));
  DL_ASSIGN_OR_RETURN(std::string phone, SupervisionPhone(call));
  Json powers = Json::array();
  for (const auto& s : listed) {
    powers.push_back(portal::PublicPower(*s.record, s.version, *call.state, phone));
  }
  return Reply::Of({{"schema", "daylight-open-powers/1"},
                    {"generated", FormatInstant(call.svc.clock.Now())},
                    {"powers", std::move(powers)}});
}

Result<Reply> OpenPowersCsv(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, ListedPowers(call));
  std::vector<Json> rows;
  for (const auto& s : listed)
    rows.push_back(portal::PublicSummary(*s.record, s.version, *call.state));
  return Csv(portal::SummariesCsv(rows), "powers.csv");
}

Result<Reply> OpenUnitsJson(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, ListedPowers(call));
  DL_ASSIGN_OR_RETURN(Json units, UnitsJson(call, listed));
  return Reply::Of({{"schema", "daylight-open-units/1"},
                    {"generated", FormatInstant(call.svc.clock.Now())},
                    {"units", std::move(units)}});
}

Result<Reply> OpenUnitsCsv(Call& call) {
  DL_ASSIGN_OR_RETURN(auto listed, ListedPowers(call));
  DL_ASSIGN_OR_RETURN(Json units, UnitsJson(call, listed));
  std::string out = "\xEF\xBB\xBF单位编码,单位名称,公开权力数,办结件数,按时办结率\r\n";
  for (const Json& u : units) {
    std::string rate;
    if (u["on_time_rate"].is_number()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", u["on_time_rate"].get<double>());
      rate = buf;
    }
    out += portal::CsvField(u["unit"].get<std::string>()) + "," +
           portal::CsvField(u["unit_name"].get<std::string>()) + "," +
           std::to_string(u["powers"].get<int64_t>()) + "," +
           std::to_string(u["cases_closed"].get<int64_t>()) + "," + rate + "\r\n";
  }
  return Csv(std::move(out), "units.csv");
}

}  // namespace dl::server
