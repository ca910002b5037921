#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "access/password.h"
#include "server/handlers.h"

namespace dl::server {

std::string Call::Query(const std::string& key) const {
  return req.has_param(key) ? req.get_param_value(key) : std::string();
}

Result<std::pair<uint64_t, uint64_t>> Call::Paging() const {
  DL_ASSIGN_OR_RETURN(uint64_t page, WholeNumber(Query("page"), "page", 1));
  DL_ASSIGN_OR_RETURN(uint64_t size, WholeNumber(Query("size"), "size", 20));
  if (page == 0) page = 1;
  size = std::clamp<uint64_t>(size, 1, 200);
  return std::pair{(page - 1) * size, size};
}

Result<Json> Call::Body() const {
  if (req.body.empty()) return Json::object();
  std::string error;
  auto j = ParseJson(req.body, &error);
  if (!j) return Err(ErrorCode::kInvalidArgument, "请求体不是有效的 JSON：" + error);
  if (!j->is_object()) return Err(ErrorCode::kInvalidArgument, "请求体必须是 JSON 对象");
  return *j;
}

Status Call::RequireUnit(const std::string& unit) const {
  if (caller.scope->Contains(unit)) return Ok();
  return Err(ErrorCode::kPermissionDenied, "单位“" + UnitName(unit) + "”不在您的账号范围内");
}

Result<store::UnitFilter> Call::Units(const std::string& unit) const {
  store::UnitFilter f;
  if (unit.empty()) {
    f.all = caller.scope->all();
    if (!f.all) f.units = caller.scope->Units();
    return f;
  }
  if (!state->units.contains(unit)) {
    return Err(ErrorCode::kInvalidArgument, "单位“" + unit + "”不存在");
  }
  DL_RETURN_IF_ERROR(RequireUnit(unit));
  // The subtree of `unit`; every unit below a unit in scope is in scope.
  access::Scope sub = access::Scope::Of(access::Role::kUnitAdmin, {unit}, state->units);
  f.all = false;
  f.units = sub.Units();
  return f;
}

Status Call::AuditRead(const std::string& subject, const std::string& what) {
  writer::Submission sub;
  sub.actor = caller.Actor();
  sub.commands.emplace_back(std::in_place_type<writer::Audit>, "audit.read", subject,
                            Json{{"what", what}, {"path", req.path}});
  return svc.writer.Submit(std::move(sub)).map([](const writer::Receipt&) {});
}

std::string Call::UnitName(const std::string& unit) const {
  auto it = state->units.find(unit);
  return it == state->units.end() ? unit : it->second.name;
}

std::string Call::PersonName(const std::string& person) const {
  auto it = state->persons.find(person);
  return it == state->persons.end() ? person : it->second.name;
}

oversight::Actor Call::AsActor() const {
  oversight::Actor a;
  a.login = caller.id;
  a.name = caller.name;
  a.person = caller.person;
  a.role = caller.role;
  a.scope = caller.scope;
  return a;
}

Result<uint64_t> WholeNumber(const std::string& text, const char* field,
                             std::optional<uint64_t> fallback) {
  if (text.empty() && fallback) return *fallback;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Err(ErrorCode::kInvalidArgument,
               std::string("参数 ") + field + " 必须是正整数，收到“" + text + "”");
  }
  return v;
}

Result<std::string> TextField(const Json& body, const char* key, bool required) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required) return Err(ErrorCode::kInvalidArgument, std::string("缺少字段 ") + key);
    return std::string();
  }
  if (!it->is_string()) {
    return Err(ErrorCode::kInvalidArgument, std::string("字段 ") + key + " 必须是文本");
  }
  if (required && it->get<std::string>().empty()) {
    return Err(ErrorCode::kInvalidArgument, std::string("字段 ") + key + " 不能为空");
  }
  return it->get<std::string>();
}

Result<std::optional<double>> NumberField(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) {
    return Err(ErrorCode::kInvalidArgument, std::string("字段 ") + key + " 必须是数字");
  }
  return std::optional<double>(it->get<double>());
}

Result<std::vector<std::string>> UnitsField(const Json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) {
    return Err(ErrorCode::kInvalidArgument, std::string("字段 ") + key + " 必须是单位编码的数组");
  }
  for (const auto& v : *it) {
    if (!v.is_string()) {
      return Err(ErrorCode::kInvalidArgument, std::string("字段 ") + key + " 必须是单位编码的数组");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<std::string> DayBound(const std::string& text, const char* field, bool next_day) {
  if (text.empty()) return std::string();
  auto day = Date::Parse(text);
  if (!day) {
    return Err(ErrorCode::kInvalidArgument,
               std::string("参数 ") + field + " 须为日期 YYYY-MM-DD，收到“" + text + "”");
  }
  const Date d = next_day ? day->AddDays(1) : *day;
  const Instant midnight{std::chrono::sys_days(std::chrono::days(d.days()))};
  return FormatInstant(midnight - kChinaOffset);
}

Result<std::string> BytesViaTempFile(const std::string& prefix, const std::string& suffix,
                                     const std::function<Status(const std::string&)>& write) {
  namespace fs = std::filesystem;
  const fs::path path =
      fs::temp_directory_path() / ("daylight-" + prefix + "-" + access::RandomToken(12) + suffix);
  Status written = write(path.string());
  std::string bytes;
  if (written) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    bytes = s.str();
  }
  std::error_code ec;
  fs::remove(path, ec);
  if (!written) return Err(written.error());
  return bytes;
}

Json PageJson(Json items, uint64_t total, uint64_t offset, uint64_t limit) {
  return {
      {"items", std::move(items)}, {"total", total}, {"page", offset / limit + 1}, {"size", limit}};
}

}  // namespace dl::server
