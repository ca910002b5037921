// The four lists: the unit tree, powers, their versions and flowcharts, Excel in and out.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "access/password.h"
#include "catalog/catalog_json.h"
#include "io/catalog_file.h"
#include "render/flow_svg.h"
#include "server/handlers.h"
#include "service/catalog_service.h"

namespace dl::server {
namespace {

namespace fs = std::filesystem;

Json UnitNode(const org::Unit& u) {
  return {{"code", u.code},
          {"name", u.name},
          {"parent", u.parent},
          {"level", org::kUnitLevels.Label(u.level)},
          {"kind", org::kUnitKinds.Label(u.kind)},
          {"supervisor", u.supervisor},
          {"children", Json::array()}};
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return needle.empty() || haystack.find(needle) != std::string::npos;
}

Json PowerSummary(const Call& call, const catalog::PowerRecord& rec) {
  const catalog::Power& p = rec.power;
  int high = 0;
  for (const auto& r : p.risks) high += r.level == catalog::RiskLevel::kHigh;
  std::string limit;
  if (!p.time_limit.empty()) {
    limit = std::to_string(p.time_limit.value) +
            std::string(catalog::kTimeUnits.Label(p.time_limit.unit));
  }
  return {{"code", p.code},
          {"name", p.name},
          {"category", catalog::kCategories.Label(p.category)},
          {"scope", catalog::ScopeOf(p.category) == catalog::Scope::kExternal ? "外部" : "内部"},
          {"unit", p.unit},
          {"unit_name", call.UnitName(p.unit)},
          {"status", catalog::kPowerStatuses.Label(rec.Status())},
          {"disclosure", catalog::kDisclosures.Label(p.disclosure)},
          {"version", rec.version},
          {"effective_from", p.effective_from.ToString()},
          {"time_limit", limit},
          {"risks", p.risks.size()},
          {"high_risks", high}};
}

// The power of `code` if it exists and its unit is in the caller's scope.
Result<const catalog::PowerRecord*> ScopedPower(const Call& call, const std::string& code) {
  auto it = call.state->powers.find(code);
  if (it == call.state->powers.end()) {
    return Err(ErrorCode::kNotFound, "权力“" + code + "”不存在");
  }
  DL_RETURN_IF_ERROR(call.RequireUnit(it->second.power.unit));
  return &it->second;
}

}  // namespace

Result<catalog::Power> PowerAtVersion(Call& call, const std::string& code, int version) {
  DL_ASSIGN_OR_RETURN(auto versions, call.svc.store.PowerVersions(code));
  for (const auto& v : versions) {
    if (v.version != version) continue;
    DL_ASSIGN_OR_RETURN(auto entries, call.svc.store.ReadEntries(v.seq, 1));
    if (entries.empty() || !entries[0].payload.contains("power")) break;
    catalog::Power p;
    std::vector<catalog::JsonProblem> problems;
    if (!catalog::FromJson(entries[0].payload["power"], "$", &p, &problems)) break;
    return p;
  }
  return Err(ErrorCode::kNotFound, "权力“" + code + "”没有第 " + std::to_string(version) + " 版");
}

namespace {

Result<int> VersionParam(const std::string& text) {
  DL_ASSIGN_OR_RETURN(uint64_t v, WholeNumber(text, "version"));
  if (v == 0 || v > 1000000) {
    return Err(ErrorCode::kInvalidArgument, "版本号必须是正整数，收到“" + text + "”");
  }
  return static_cast<int>(v);
}

// The part of the catalogue in the caller's scope (everything for an admin).
catalog::Catalog ScopedCatalog(const Call& call) {
  if (call.caller.scope->all()) return *call.state;
  catalog::Catalog c;
  const auto& s = *call.state;
  for (const auto& [code, u] : s.units) {
    if (call.caller.scope->Contains(code)) c.units.emplace(code, u);
  }
  for (const auto& [code, p] : s.posts) {
    if (c.units.contains(p.unit)) c.posts.emplace(code, p);
  }
  for (const auto& [key, a] : s.assignments) {
    if (!c.posts.contains(a.post)) continue;
    c.assignments.emplace(key, a);
    if (auto it = s.persons.find(a.person); it != s.persons.end()) c.persons.emplace(*it);
  }
  for (const auto& [key, r] : s.relations) {
    if (c.persons.contains(r.person)) c.relations.emplace(key, r);
  }
  for (const auto& [code, rec] : s.powers) {
    if (c.units.contains(rec.power.unit)) c.powers.emplace(code, rec);
  }
  return c;
}

// A unit administrator may declare only units under its scope (a new unit: its parent must be
// in scope), and posts and powers of those units.
Status AdmitScoped(const Call& call, const catalog::Catalog& incoming) {
  if (call.caller.scope->all()) return Ok();
  auto in_scope = [&](const std::string& unit) {
    if (call.caller.scope->Contains(unit)) return true;
    auto it = incoming.units.find(unit);
    return it != incoming.units.end() && !call.state->units.contains(unit) &&
           call.caller.scope->Contains(it->second.parent);
  };
  for (const auto& [code, u] : incoming.units) {
    if (!in_scope(code)) return call.RequireUnit(code);
  }
  for (const auto& [code, p] : incoming.posts) {
    if (!in_scope(p.unit)) return call.RequireUnit(p.unit);
  }
  for (const auto& [code, rec] : incoming.powers) {
    if (!in_scope(rec.power.unit)) return call.RequireUnit(rec.power.unit);
  }
  return Ok();
}

}  // namespace

Result<Reply> ListUnits(Call& call) {
  // The units in scope as trees: a unit whose parent is out of scope is a root.
  std::map<std::string, std::vector<const org::Unit*>> children;
  std::vector<const org::Unit*> roots;
  for (const org::Unit* u : call.state->UnitsInTreeOrder()) {
    if (!call.caller.scope->Contains(u->code)) continue;
    if (!u->parent.empty() && call.caller.scope->Contains(u->parent)) {
      children[u->parent].push_back(u);
    } else {
      roots.push_back(u);
    }
  }
  std::function<Json(const org::Unit&)> build = [&](const org::Unit& u) {
    Json node = UnitNode(u);
    for (const org::Unit* c : children[u.code]) node["children"].push_back(build(*c));
    return node;
  };
  Json out = Json::array();
  for (const org::Unit* r : roots) out.push_back(build(*r));
  return Reply::Of(out);
}

Result<Reply> ListPersons(Call& call) {
  // The persons holding a post today in a unit the listing may show, with those posts.
  DL_ASSIGN_OR_RETURN(store::UnitFilter units, call.Units(call.Query("unit")));
  const std::set<std::string> allowed(units.units.begin(), units.units.end());
  const Date today = ChinaDate(call.svc.clock.Now());
  std::map<std::string, Json> by_person;
  for (const auto& [_, a] : call.state->assignments) {
    if (!a.CoversDay(today)) continue;
    auto post = call.state->posts.find(a.post);
    if (post == call.state->posts.end()) continue;
    const std::string& unit = post->second.unit;
    if (!units.all && !allowed.contains(unit)) continue;
    Json& p = by_person[a.person];
    if (p.is_null()) {
      p = {{"code", a.person}, {"name", call.PersonName(a.person)}, {"posts", Json::array()}};
    }
    p["posts"].push_back({{"post", a.post},
                          {"post_name", post->second.name},
                          {"unit", unit},
                          {"unit_name", call.UnitName(unit)},
                          {"leadership", post->second.leadership},
                          {"head", post->second.head}});
  }
  Json items = Json::array();
  for (auto& [_, p] : by_person) items.push_back(std::move(p));
  const uint64_t total = items.size();
  return Reply::Of({{"items", std::move(items)}, {"total", total}});
}

Result<Reply> ListPowers(Call& call) {
  DL_ASSIGN_OR_RETURN(store::UnitFilter units, call.Units(call.Query("unit")));
  DL_ASSIGN_OR_RETURN(auto paging, call.Paging());
  const std::set<std::string> allowed(units.units.begin(), units.units.end());
  const std::string category = call.Query("category"), status = call.Query("status"),
                    disclosure = call.Query("disclosure"), q = call.Query("q");
  Json items = Json::array();
  uint64_t total = 0;
  for (const auto& [code, rec] : call.state->powers) {
    const catalog::Power& p = rec.power;
    if (!units.all && !allowed.contains(p.unit)) continue;
    if (!category.empty() && catalog::kCategories.Label(p.category) != category) continue;
    if (!status.empty() && catalog::kPowerStatuses.Label(rec.Status()) != status) continue;
    if (!disclosure.empty() && catalog::kDisclosures.Label(p.disclosure) != disclosure) continue;
    if (!Contains(p.code, q) && !Contains(p.name, q)) continue;
    if (total >= paging.first && total < paging.first + paging.second) {
      items.push_back(PowerSummary(call, rec));
    }
    ++total;
  }
  return Reply::Of(PageJson(std::move(items), total, paging.first, paging.second));
}

Result<Reply> GetPower(Call& call) {
  DL_ASSIGN_OR_RETURN(const catalog::PowerRecord* rec, ScopedPower(call, call.params.at(0)));
  Json j = catalog::ToJson(rec->power);
  j["version"] = rec->version;
  j["status"] = catalog::kPowerStatuses.Label(rec->Status());
  j["unit_name"] = call.UnitName(rec->power.unit);
  Json history = Json::array();
  for (const auto& h : rec->history) history.push_back(catalog::ToJson(h));
  j["status_history"] = history;
  DL_ASSIGN_OR_RETURN(auto versions, call.svc.store.PowerVersions(rec->power.code));
  Json list = Json::array();
  for (const auto& v : versions) {
    list.push_back(
        {{"version", v.version}, {"effective_from", v.effective_from.ToString()}, {"seq", v.seq}});
  }
  j["versions"] = list;
  Json posts = Json::object();
  for (const auto& n : rec->power.flow.nodes) {
    if (auto it = call.state->posts.find(n.post); it != call.state->posts.end()) {
      posts[n.post] = it->second.name;
    }
  }
  j["post_names"] = posts;
  return Reply::Of(j);
}

Result<Reply> GetPowerVersion(Call& call) {
  DL_ASSIGN_OR_RETURN(const catalog::PowerRecord* rec, ScopedPower(call, call.params.at(0)));
  DL_ASSIGN_OR_RETURN(int version, VersionParam(call.params.at(1)));
  DL_ASSIGN_OR_RETURN(catalog::Power p, PowerAtVersion(call, rec->power.code, version));
  Json j = catalog::ToJson(p);
  j["version"] = version;
  return Reply::Of(j);
}

Result<Reply> PowerFlowSvg(Call& call) {
  DL_ASSIGN_OR_RETURN(const catalog::PowerRecord* rec, ScopedPower(call, call.params.at(0)));
  catalog::Power power = rec->power;
  if (const std::string v = call.Query("version"); !v.empty()) {
    DL_ASSIGN_OR_RETURN(int version, VersionParam(v));
    DL_ASSIGN_OR_RETURN(power, PowerAtVersion(call, rec->power.code, version));
  }
  DL_ASSIGN_OR_RETURN(std::string svg, render::RenderFlowSvg(power, *call.state));
  return Reply::Text(std::move(svg), "image/svg+xml; charset=utf-8");
}

Result<Reply> ImportCatalog(Call& call) {
  const std::string dry = call.Query("dry_run");
  const bool dry_run = dry == "true" || dry == "1";
  std::string format = call.Query("format");
  const std::string name = call.Query("filename");
  if (format.empty()) {
    const std::string type = call.req.get_header_value("Content-Type");
    if (name.ends_with(".xlsx") || type.find("spreadsheetml") != std::string::npos) {
      format = "xlsx";
    } else if (name.ends_with(".json") || type.find("json") != std::string::npos) {
      format = "json";
    }
  }
  if (format != "xlsx" && format != "json") {
    return Err(ErrorCode::kInvalidArgument,
               "无法判断文件格式：请上传 .xlsx 或 .json 文件（或给出 format=xlsx/json）");
  }
  if (call.req.body.empty()) return Err(ErrorCode::kInvalidArgument, "上传的文件是空的");
  const fs::path path =
      fs::temp_directory_path() / ("daylight-import-" + access::RandomToken(12) + "." + format);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(call.req.body.data(), static_cast<std::streamsize>(call.req.body.size()));
    if (!out) return Err(ErrorCode::kIo, "无法保存上传的文件（磁盘已满？）");
  }
  auto report = service::ImportCatalogFile(
      call.svc.writer, path.string(), call.caller.Actor(), dry_run, {},
      [&call](const catalog::Catalog& incoming) { return AdmitScoped(call, incoming); },
      name.empty() ? "上传的文件." + format : name);
  std::error_code ec;
  fs::remove(path, ec);
  if (!report) return Err(report.error());
  return Reply::Of(report->ToJson());
}

Result<Reply> ExportCatalog(Call& call) {
  catalog::Catalog c = ScopedCatalog(call);
  if (const std::string unit = call.Query("unit"); !unit.empty()) {
    DL_ASSIGN_OR_RETURN(store::UnitFilter f, call.Units(unit));
    const std::set<std::string> keep(f.units.begin(), f.units.end());
    std::erase_if(c.units, [&](const auto& kv) { return !keep.contains(kv.first); });
    std::erase_if(c.posts, [&](const auto& kv) { return !keep.contains(kv.second.unit); });
    std::erase_if(c.powers, [&](const auto& kv) { return !keep.contains(kv.second.power.unit); });
    std::erase_if(c.assignments, [&](const auto& kv) { return !c.posts.contains(kv.second.post); });
  }
  c.accounts.clear();
  c.api_keys.clear();
  DL_ASSIGN_OR_RETURN(std::string bytes,
                      BytesViaTempFile("export", ".xlsx", [&c](const std::string& path) {
                        return io::WriteCatalogFile(c, path, "xlsx");
                      }));
  Reply r = Reply::Text(std::move(bytes),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"catalog.xlsx\"; filename*=UTF-8''%E5%9B%9B%E5%8D%95.xlsx");
  return r;
}

}  // namespace dl::server
