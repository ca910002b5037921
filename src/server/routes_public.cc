// 阳光公开 without login: the public catalogue (powers marked 公开 with their flowcharts and
// benchmarks), the units' statistics, the ledger's signed checkpoints, and the same as open data
// (JSON and CSV at stable URLs, docs/open-data.md). Which powers: service/public_service.h;
// what of them: portal/public_view.h. Nothing here reads a risk, a control, a person or an
// unpublished version.
#include "ledger/checkpoint.h"
#include "portal/public_view.h"
#include "portal/verify_kit.h"
#include "render/flow_svg.h"
#include "server/handlers.h"
#include "service/handling_service.h"
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

// 429 with Retry-After.
Reply TooMany(int64_t wait, const std::string& what) {
  Reply r = ErrorReply(
      Error{ErrorCode::kResourceExhausted,
            what + "过于频繁，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试", nullptr});
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

// A public form's body: at most options.public_max_body bytes, a JSON object.
Result<Json> FormBody(const Call& call) {
  if (call.req.body.size() > call.svc.options.public_max_body) {
    return Err(ErrorCode::kInvalidArgument,
               "提交的内容过长（上限 " + std::to_string(call.svc.options.public_max_body / 1024) +
                   " KiB）");
  }
  return call.Body();
}

// Counts one use of a limited public action by the caller's address; a reply when over.
std::optional<Reply> Limited(Call& call, LoginThrottle& throttle, const std::string& what) {
  const Instant now = call.svc.clock.Now();
  const std::string key = "address:" + call.req.remote_addr;
  if (const int64_t wait = throttle.RetryAfter(key, now); wait > 0) return TooMany(wait, what);
  throttle.Failure(key, now);
  return std::nullopt;
}

Status Proven(Call& call, const Json& body) {
  DL_ASSIGN_OR_RETURN(int bits, service::ChallengeBits(call.svc.store));
  return call.svc.challenges.Redeem(body.value("proof", Json()), bits, call.svc.clock.Now());
}

// 办件查询's lookups: per address, and wrong checks per case (so a case's four digits cannot be
// tried through from many addresses either).
Result<Reply> Tracked(
    Call& call, const Json& body,
    const std::function<Result<Reply>(const std::string&, const std::string&)>& then) {
  DL_ASSIGN_OR_RETURN(std::string code, TextField(body, "code", true));
  DL_ASSIGN_OR_RETURN(std::string check, TextField(body, "check", true));
  const Instant now = call.svc.clock.Now();
  const std::string by_case = "case:" + std::string(code);
  if (const int64_t wait = call.svc.track_misses.RetryAfter(by_case, now); wait > 0) {
    return TooMany(wait, "该办件的查询错误次数过多，查询");
  }
  auto reply = then(code, check);
  if (!reply && reply.error().code == ErrorCode::kNotFound) {
    call.svc.track_misses.Failure(by_case, now);
  }
  return reply;
}

}  // namespace

Result<Reply> PublicChallenge(Call& call) {
  DL_ASSIGN_OR_RETURN(int bits, service::ChallengeBits(call.svc.store));
  Reply r = Reply::Of({{"token", call.svc.challenges.Issue(call.svc.clock.Now())}, {"bits", bits}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<Reply> PublicTrack(Call& call) {
  if (auto over = Limited(call, call.svc.public_lookups, "查询")) return std::move(*over);
  DL_ASSIGN_OR_RETURN(Json body, FormBody(call));
  return Tracked(call, body, [&](const std::string& code, const std::string& check) {
    return service::TrackCase(call.svc.store, *call.svc.calendar, code, check, call.svc.clock.Now())
        .map([&](Json j) {
          j["unit_name"] = call.UnitName(j.value("unit", ""));
          return Reply::Of(j);
        });
  });
}

Result<Reply> PublicRate(Call& call) {
  if (auto over = Limited(call, call.svc.public_forms, "提交")) return std::move(*over);
  DL_ASSIGN_OR_RETURN(Json body, FormBody(call));
  DL_RETURN_IF_ERROR(Proven(call, body));
  return Tracked(call, body, [&](const std::string& code, const std::string& check) {
    return service::RateCase(call.svc.writer, call.svc.store, code, check, body).map([](Json j) {
      return Reply::Of(j, 201);
    });
  });
}

Result<Reply> PublicComplain(Call& call) {
  if (auto over = Limited(call, call.svc.public_forms, "提交")) return std::move(*over);
  DL_ASSIGN_OR_RETURN(Json body, FormBody(call));
  DL_RETURN_IF_ERROR(Proven(call, body));
  Json fields = body;
  fields.erase("proof");
  DL_ASSIGN_OR_RETURN(Json filed, service::FileComplaint(call.svc.writer, call.svc.store, fields,
                                                         service::SystemRandomHex));
  Reply r = Reply::Of(filed, 201);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<Reply> PublicFollow(Call& call) {
  if (auto over = Limited(call, call.svc.public_lookups, "查询")) return std::move(*over);
  DL_ASSIGN_OR_RETURN(Json body, FormBody(call));
  DL_ASSIGN_OR_RETURN(std::string code, TextField(body, "code", true));
  DL_ASSIGN_OR_RETURN(Json j, service::FollowComplaint(call.svc.store, *call.state, code));
  return Reply::Of(j);
}

Result<Reply> PublicAddToComplaint(Call& call) {
  if (auto over = Limited(call, call.svc.public_forms, "提交")) return std::move(*over);
  DL_ASSIGN_OR_RETURN(Json body, FormBody(call));
  DL_RETURN_IF_ERROR(Proven(call, body));
  DL_ASSIGN_OR_RETURN(std::string code, TextField(body, "code", true));
  DL_ASSIGN_OR_RETURN(Json j, service::AddToComplaint(call.svc.writer, call.svc.store, code, body));
  return Reply::Of(j, 201);
}

Result<Reply> ComplaintContact(Call& call) {
  DL_ASSIGN_OR_RETURN(uint64_t id, WholeNumber(call.params.at(0), "id"));
  DL_ASSIGN_OR_RETURN(auto found, call.svc.store.ComplaintById(id));
  if (!found) return Err(ErrorCode::kNotFound, "投诉举报 " + std::to_string(id) + " 不存在");
  // The route is the inspectors' (kEnterWarnings); only one supervising the unit concerned,
  // i.e. one who handles its warning.
  DL_RETURN_IF_ERROR(call.RequireUnit(found->body.value("unit", "")));
  DL_ASSIGN_OR_RETURN(portal::Contact contact, service::ComplaintContact(call.svc.store, id));
  DL_RETURN_IF_ERROR(call.AuditRead("complaint:" + std::to_string(id), "投诉举报人联系方式"));
  Reply r = Reply::Of({{"name", contact.name}, {"phone", contact.phone}, {"email", contact.email}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<Reply> VerifyKit(Call& call) {
  const std::string& verifier = call.svc.options.verifier_key;
  // "name+id+key": the name and the hex id hold no '+', the base64 key may.
  const size_t first = verifier.find('+');
  const size_t second = first == std::string::npos ? first : verifier.find('+', first + 1);
  auto key =
      second == std::string::npos ? std::nullopt : ledger::FromBase64(verifier.substr(second + 1));
  if (!key || key->size() != 33) {
    return Err(ErrorCode::kNotFound, "此数据库没有签名密钥，检查点未签名");
  }
  // The public key as an X.509 SubjectPublicKeyInfo (RFC 8410) for openssl.
  std::vector<uint8_t> spki = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                               0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  spki.insert(spki.end(), key->begin() + 1, key->end());
  Reply r = Reply::Text(portal::VerifyScript(verifier, ledger::Base64(spki.data(), spki.size())),
                        "text/x-shellscript; charset=utf-8");
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"daylight-verify-checkpoint.sh\"");
  return r;
}

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
