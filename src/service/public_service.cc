#include "service/public_service.h"

#include <algorithm>
#include <map>

#include "base/sha256.h"
#include "base/text.h"
#include "engine/event.h"
#include "portal/public_view.h"
#include "service/handling_service.h"

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
  DL_ASSIGN_OR_RETURN(auto ratings, queries.RatingsByUnit("", ""));
  Json units = Json::array();
  for (const auto& [unit, n] : powers) {
    const auto [done, late] = closed[unit];
    auto u = catalog.units.find(unit);
    units.push_back(
        {{"unit", unit},
         {"unit_name", u == catalog.units.end() ? unit : u->second.name},
         {"powers", n},
         {"cases_closed", done},
         {"on_time_rate",
          done > 0 ? Json(static_cast<double>(done - late) / static_cast<double>(done)) : Json()},
         {"satisfaction", ratings[unit].count > 0 ? Json(static_cast<double>(ratings[unit].sum) /
                                                         static_cast<double>(ratings[unit].count))
                                                  : Json()},
         {"ratings", ratings[unit].count}});
  }
  return units;
}

Result<std::string> SupervisionPhone(store::Store& store) {
  DL_ASSIGN_OR_RETURN(std::string phone, store.GetSetting("portal.supervision_phone"));
  return phone.empty() ? std::string("12388") : phone;
}

Result<int> ChallengeBits(store::Store& store) {
  DL_ASSIGN_OR_RETURN(std::string text, store.GetSetting("portal.challenge_bits"));
  if (text.empty()) return 16;
  try {
    const int bits = std::stoi(text);
    if (bits >= 8 && bits <= 24) return bits;
  } catch (const std::exception&) {
  }
  return Err(ErrorCode::kInvalidArgument,
             "设置 portal.challenge_bits 应为 8 到 24 的整数，现为“" + text + "”");
}

namespace {

tl::unexpected<Error> NotTracked() {
  return Err(ErrorCode::kNotFound, "没有找到该办件：请核对受理编号和申请人手机号后四位");
}

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// The case behind a code and check, or NotTracked.
Result<store::TrackedCase> Tracked(store::Store& store, const std::string& code,
                                   const std::string& check) {
  const std::string id(Trim(code));
  const std::string digits = Digits(check);
  if (id.empty() || digits.size() != 4) {
    return Err(ErrorCode::kInvalidArgument, "请填写受理编号和申请人手机号后四位（4 位数字）");
  }
  DL_ASSIGN_OR_RETURN(auto tracked, store.CaseForTracking(id));
  if (!tracked || tracked->tracking.empty()) return NotTracked();
  DL_ASSIGN_OR_RETURN(std::string expected, engine::TrackingCheck(id, digits));
  // Both are hashes of the same length: compare without an early exit.
  unsigned diff = expected.size() == tracked->tracking.size() ? 0U : 1U;
  for (size_t i = 0; i < expected.size() && i < tracked->tracking.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ tracked->tracking[i]);
  }
  if (diff != 0) return NotTracked();
  return std::move(*tracked);
}

Json RatingJson(const store::RatingRow& r) {
  return {{"score", r.score}, {"comment", r.comment}, {"at", r.time}};
}

std::optional<Instant> DueOf(const calendar::WorkCalendar& calendar, Instant start,
                             const catalog::TimeLimit& limit,
                             const std::vector<calendar::Interval>& suspended) {
  if (limit.empty()) return std::nullopt;
  auto due = calendar.Deadline(start, limit, suspended);
  if (!due) return std::nullopt;  // a year without calendar data: no due time shown
  return *due;
}

Json TimeOrNull(const std::optional<Instant>& t) { return t ? Json(FormatInstant(*t)) : Json(); }

}  // namespace

Result<Json> TrackCase(store::Store& store, const calendar::WorkCalendar& calendar,
                       const std::string& code, const std::string& check, Instant now) {
  DL_ASSIGN_OR_RETURN(store::TrackedCase tracked, Tracked(store, code, check));
  DL_ASSIGN_OR_RETURN(CaseView view, ViewCase(store, tracked.case_id));
  const catalog::Power* power = view.definition.get();
  if (power && power->disclosure == catalog::Disclosure::kSecret) return NotTracked();

  std::vector<calendar::Interval> suspended;
  std::optional<Instant> opened, closed;
  std::string decision;
  for (const auto& r : view.events) {
    const engine::Event& e = r.event;
    if (e.type == engine::EventType::kOpened && !opened) opened = e.occurred;
    if (e.type == engine::EventType::kSuspended) suspended.push_back({e.occurred, now});
    if (e.type == engine::EventType::kResumed && !suspended.empty()) {
      suspended.back().end = e.occurred;
    }
    if (e.type == engine::EventType::kClosed) closed = e.occurred;
    if (!e.decision.empty()) decision = e.decision;
  }
  const Instant until = closed.value_or(now);
  for (auto& s : suspended) {  // a suspension never resumed ends with the case
    if (s.end == now) s.end = std::max(s.begin, until);
  }
  auto node_of = [&](const std::string& node) -> const catalog::Node* {
    if (!power) return nullptr;
    for (const auto& n : power->flow.nodes) {
      if (n.code == node) return &n;
    }
    return nullptr;
  };
  struct Step {
    std::string node;
    std::optional<Instant> started, completed, due;
  };
  std::vector<Step> steps;
  for (const auto& r : view.events) {
    const engine::Event& e = r.event;
    if (e.type == engine::EventType::kStarted) {
      steps.push_back({e.node, e.occurred, std::nullopt, std::nullopt});
    } else if (e.type == engine::EventType::kCompleted) {
      auto open = std::find_if(steps.rbegin(), steps.rend(),
                               [&](const Step& s) { return s.node == e.node && !s.completed; });
      if (open != steps.rend()) {
        open->completed = e.occurred;
      } else {
        steps.push_back({e.node, std::nullopt, e.occurred, std::nullopt});
      }
    }
  }
  Json step_list = Json::array();
  for (Step& s : steps) {
    const catalog::Node* node = node_of(s.node);
    if (node && s.started) s.due = DueOf(calendar, *s.started, node->time_limit, suspended);
    const bool late = s.due && s.completed.value_or(until) > *s.due;
    auto name = view.node_names.find(s.node);
    step_list.push_back({{"name", name == view.node_names.end() ? s.node : name->second},
                         {"started", TimeOrNull(s.started)},
                         {"completed", TimeOrNull(s.completed)},
                         {"due", TimeOrNull(s.due)},
                         {"late", late}});
  }
  std::optional<Instant> due;
  if (power && opened) due = DueOf(calendar, *opened, power->time_limit, suspended);
  DL_ASSIGN_OR_RETURN(auto rating, store.RatingOf(tracked.case_id));
  const char* status = closed ? "closed" : view.suspended ? "suspended" : "open";
  const char* status_name = closed ? "已办结" : view.suspended ? "暂停计时" : "办理中";
  return Json{{"case", tracked.case_id},
              {"power", view.power},
              {"power_name", view.power_name},
              {"unit", view.unit},
              {"status", status},
              {"status_name", status_name},
              {"opened", TimeOrNull(opened)},
              {"closed", TimeOrNull(closed)},
              {"decision", closed && !decision.empty() ? Json(decision) : Json()},
              {"time_limit", power && !power->time_limit.empty()
                                 ? Json(catalog::FormatTimeLimit(power->time_limit))
                                 : Json()},
              {"due", TimeOrNull(due)},
              {"late", due && until > *due},
              {"steps", std::move(step_list)},
              {"rating", rating ? RatingJson(*rating) : Json()},
              {"can_rate", closed.has_value() && !rating}};
}

Result<Json> RateCase(writer::Writer& writer, store::Store& store, const std::string& code,
                      const std::string& check, const Json& body) {
  DL_ASSIGN_OR_RETURN(portal::Rating rating, portal::RatingFromJson(body));
  DL_ASSIGN_OR_RETURN(store::TrackedCase tracked, Tracked(store, code, check));
  if (tracked.closed.empty()) {
    return Err(ErrorCode::kConflict, "办件尚未办结，办结后才能评价");
  }
  DL_ASSIGN_OR_RETURN(auto earlier, store.RatingOf(tracked.case_id));
  if (earlier) return Err(ErrorCode::kConflict, "这件办件已经评价过了，每件只能评价一次");
  writer::Submission sub{writer::kPublicActor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::RateCase>,
                            writer::RateCase{tracked.case_id, rating});
  DL_RETURN_IF_ERROR(writer.Submit(std::move(sub)).map([](const writer::Receipt&) {}));
  DL_ASSIGN_OR_RETURN(auto stored, store.RatingOf(tracked.case_id));
  if (!stored) return Err(ErrorCode::kInternal, "评价已提交，但未能读回");
  return Json{{"rating", RatingJson(*stored)}};
}

namespace {

std::string BytesOfHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

Json ComplaintCommon(const store::ComplaintRow& c, const catalog::Catalog* catalog) {
  const Json& b = c.body;
  const std::string kind = b.value("kind", "");
  const auto parsed = portal::kComplaintKinds.Parse(kind);
  auto null_if_empty = [&](const char* key) {
    const std::string v = b.value(key, "");
    return v.empty() ? Json() : Json(v);
  };
  Json additions = Json::array();
  for (const auto& a : c.additions) additions.push_back({{"text", a.text}, {"at", a.time}});
  Json j = {{"kind", kind},
            {"kind_name", parsed ? std::string(portal::kComplaintKindNames.Label(*parsed)) : kind},
            {"unit", b.value("unit", "")},
            {"power", null_if_empty("power")},
            {"case", null_if_empty("case")},
            {"person_name", null_if_empty("person_name")},
            {"text", b.value("text", "")},
            {"filed", c.time},
            {"additions", std::move(additions)}};
  if (catalog) {
    auto u = catalog->units.find(b.value("unit", ""));
    j["unit_name"] = u == catalog->units.end() ? b.value("unit", "") : u->second.name;
  }
  return j;
}

}  // namespace

Result<Json> FileComplaint(writer::Writer& writer, store::Store& store, const Json& body,
                           const std::function<std::string(size_t)>& random_hex) {
  DL_ASSIGN_OR_RETURN(portal::Complaint complaint, portal::ComplaintFromJson(body));
  const std::string code = portal::TrackingCode(BytesOfHex(random_hex(10)));
  const std::string hash = portal::CodeHash(code);
  writer::FileComplaint file{std::move(complaint), hash, std::nullopt};
  if (file.complaint.contact) {
    store::Blob blob;
    blob.data = portal::ContactText(*file.complaint.contact, random_hex(16));
    blob.sha256 = ToHex(Sha256(blob.data));
    file.contact = std::move(blob);
  }
  writer::Submission sub{writer::kPublicActor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::FileComplaint>, std::move(file));
  DL_RETURN_IF_ERROR(writer.Submit(std::move(sub)).map([](const writer::Receipt&) {}));
  DL_ASSIGN_OR_RETURN(auto filed, store.ComplaintByCode(hash));
  if (!filed) return Err(ErrorCode::kInternal, "投诉举报已提交，但未能读回");
  return Json{{"code", code}, {"filed", filed->time}};
}

Result<Json> FollowComplaint(store::Store& store, const catalog::Catalog& catalog,
                             const std::string& code) {
  if (Trim(code).empty()) return Err(ErrorCode::kInvalidArgument, "请填写查询码");
  DL_ASSIGN_OR_RETURN(auto found, store.ComplaintByCode(portal::CodeHash(Trim(code))));
  if (!found) return Err(ErrorCode::kNotFound, "查询码不正确，没有找到对应的投诉举报");
  Json j = ComplaintCommon(*found, &catalog);
  // The public sees three stages, not the inspectors' inner workflow.
  const bool closed = found->status == "办结";
  const bool received = found->status == "待处置" && found->updated.empty();
  j["status"] = closed ? "closed" : received ? "received" : "handling";
  j["status_name"] = closed ? "已办结" : received ? "已受理" : "核查处理中";
  j["closed"] = closed ? Json(found->updated) : Json();
  return j;
}

Result<Json> AddToComplaint(writer::Writer& writer, store::Store& store, const std::string& code,
                            const Json& body) {
  if (Trim(code).empty()) return Err(ErrorCode::kInvalidArgument, "请填写查询码");
  DL_ASSIGN_OR_RETURN(std::string text,
                      portal::PublicText(body, "text", portal::kMaxComplaintText, false));
  writer::Submission sub{writer::kPublicActor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::AddToComplaint>,
                            writer::AddToComplaint{portal::CodeHash(Trim(code)), std::move(text)});
  auto receipt = writer.Submit(std::move(sub));
  if (!receipt) {
    // The writer's refusal of an unknown code is the public's not_found.
    auto issues = IssuesFromJson(receipt.error().details);
    if (!issues.empty() && issues.front().ref.entity == "complaint") {
      return Err(ErrorCode::kNotFound, issues.front().message);
    }
    return tl::unexpected(receipt.error());
  }
  DL_ASSIGN_OR_RETURN(auto entries, store.ReadEntries(receipt->first_seq, 1));
  return Json{{"at", entries.empty() ? Json() : Json(FormatInstant(entries[0].time))}};
}

Result<Json> ComplaintOfWarning(store::Store& store, uint64_t warning) {
  DL_ASSIGN_OR_RETURN(auto found, store.ComplaintOfWarning(warning));
  if (!found) return Json();
  Json j = ComplaintCommon(*found, nullptr);
  j["id"] = found->seq;
  j["anonymous"] = found->body.value("anonymous", true);
  return j;
}

Result<portal::Contact> ComplaintContact(store::Store& store, uint64_t id) {
  DL_ASSIGN_OR_RETURN(auto found, store.ComplaintById(id));
  const std::string sha = found ? found->body.value("contact_sha256", "") : "";
  if (sha.empty()) return Err(ErrorCode::kNotFound, "该投诉举报为匿名提交，没有联系方式");
  DL_ASSIGN_OR_RETURN(auto data, store.AttachmentData(sha));
  if (!data || ToHex(Sha256(*data)) != sha) {
    return Err(ErrorCode::kCorrupt, "投诉 " + std::to_string(id) + " 的联系方式与留痕不符");
  }
  return portal::ContactFromText(*data);
}

}  // namespace dl::service
