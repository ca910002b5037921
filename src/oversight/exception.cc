#include "oversight/exception.h"

#include "monitor/rules.h"

namespace dl::oversight {
namespace {

constexpr size_t kMaxReason = 5000;

Issue Problem(const std::string& field, std::string message) {
  return Issue{Issue::Severity::kError, {"exception", "", "", ""}, field, std::move(message)};
}

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The unit a power's unit counts for when it is `unit` or one of `unit`'s descendants.
bool WithinUnit(const catalog::Catalog& c, std::string at, const std::string& unit) {
  for (size_t steps = 0; steps <= c.units.size() && !at.empty(); ++steps) {
    if (at == unit) return true;
    auto it = c.units.find(at);
    if (it == c.units.end()) return false;
    at = it->second.parent;
  }
  return false;
}

}  // namespace

Result<Exception> ExceptionFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  Exception e;
  const std::string kind = Text(j, "kind");
  auto parsed = kExceptionKinds.Parse(kind);
  if (!parsed) {
    return Err(ErrorCode::kInvalidArgument,
               "例外类型（kind）应为 rule（规则例外）或 risk（接受的风险），现为“" + kind + "”");
  }
  e.kind = *parsed;
  e.unit = Text(j, "unit");
  e.rule = Text(j, "rule");
  e.power = Text(j, "power");
  e.risk = Text(j, "risk");
  e.owner = Text(j, "owner");
  e.reason = Text(j, "reason");
  const std::string until = Text(j, "until");
  auto date = Date::Parse(until);
  if (!date) {
    return Err(ErrorCode::kInvalidArgument,
               "截止日期（until）应为 YYYY-MM-DD 格式的日期，现为“" + until + "”");
  }
  e.until = *date;
  if (e.reason.size() > kMaxReason) {
    return Err(ErrorCode::kInvalidArgument,
               "理由过长（最多 " + std::to_string(kMaxReason) + " 字节）");
  }
  return e;
}

Json ExceptionPayload(const Exception& e) {
  const auto* info = monitor::FindRule(e.rule);
  return {{"kind", std::string(kExceptionKinds.Label(e.kind))},
          {"unit", e.unit},
          {"rule", e.rule},
          {"rule_name", info ? std::string(info->name) : e.rule},
          {"power", e.power},
          {"risk", e.risk},
          {"owner", e.owner},
          {"reason", e.reason},
          {"from", e.from.ToString()},
          {"until", e.until.ToString()}};
}

Result<Exception> ExceptionFromPayload(uint64_t id, const Json& payload) {
  Exception e;
  e.id = id;
  auto kind = kExceptionKinds.Parse(Text(payload, "kind"));
  auto from = Date::Parse(Text(payload, "from"));
  auto until = Date::Parse(Text(payload, "until"));
  if (!kind || !from || !until) {
    return Err(ErrorCode::kCorrupt, "第 " + std::to_string(id) + " 条例外记录的类型或日期无法识别");
  }
  e.kind = *kind;
  e.from = *from;
  e.until = *until;
  e.unit = Text(payload, "unit");
  e.rule = Text(payload, "rule");
  e.power = Text(payload, "power");
  e.risk = Text(payload, "risk");
  e.owner = Text(payload, "owner");
  e.reason = Text(payload, "reason");
  return e;
}

std::vector<Issue> ValidateException(const Exception& e, const catalog::Catalog& c, Date today) {
  std::vector<Issue> issues;
  if (!c.units.contains(e.unit)) issues.push_back(Problem("单位", "单位“" + e.unit + "”不存在"));
  if (e.kind == ExceptionKind::kRule) {
    const auto* info = monitor::FindRule(e.rule);
    if (e.rule.empty()) {
      issues.push_back(Problem("规则", "规则例外须写明监察规则（rule）"));
    } else if (!info && e.rule.rfind("lua:", 0) != 0) {
      issues.push_back(Problem("规则", "监察规则“" + e.rule + "”不存在（见 docs/rules.md）"));
    } else if (info && info->kind == monitor::RuleKind::kCatalog) {
      issues.push_back(Problem("规则", "“" + std::string(info->name) +
                                           "”检查的是组织机构和四单，不能设例外：应调整任职或"
                                           "重新评估风险点（接受的风险用 risk 类型）"));
    }
    if (!e.risk.empty()) issues.push_back(Problem("风险点", "规则例外不指定风险点"));
  } else {
    if (e.power.empty()) issues.push_back(Problem("权力", "接受的风险须写明权力（power）"));
    if (e.risk.empty()) issues.push_back(Problem("风险点", "接受的风险须写明风险点（risk）"));
  }
  if (!e.power.empty()) {
    auto p = c.powers.find(e.power);
    if (p == c.powers.end()) {
      issues.push_back(Problem("权力", "权力“" + e.power + "”不存在"));
    } else {
      if (!WithinUnit(c, p->second.power.unit, e.unit)) {
        issues.push_back(Problem("权力", "权力“" + e.power + "”不属于单位“" + e.unit + "”"));
      }
      if (e.kind == ExceptionKind::kRisk) {
        bool found = false;
        for (const auto& r : p->second.power.risks) found = found || r.code == e.risk;
        if (!found && !e.risk.empty()) {
          issues.push_back(Problem("风险点", "权力“" + e.power + "”没有风险点“" + e.risk + "”"));
        }
      }
    }
  }
  if (e.owner.empty()) {
    issues.push_back(Problem("责任人", "须写明例外的责任人（owner，人员编码）"));
  } else if (!c.persons.contains(e.owner)) {
    issues.push_back(Problem("责任人", "人员“" + e.owner + "”不存在"));
  }
  if (e.reason.empty()) issues.push_back(Problem("理由", "须写明设立例外的理由（reason）"));
  if (e.until < today) {
    issues.push_back(Problem("截止日期", "截止日期 " + e.until.ToString() + " 已过"));
  } else if (e.until > today.AddDays(kMaxExceptionDays)) {
    issues.push_back(Problem(
        "截止日期", "例外最长 " + std::to_string(kMaxExceptionDays) + " 天（至 " +
                        today.AddDays(kMaxExceptionDays).ToString() + "），到期须重新审核"));
  }
  return issues;
}

bool GrantsFor(const Actor& a, const catalog::Catalog& c, const std::string& unit) {
  if (a.system || !a.scope || a.role != access::Role::kInspector) return false;
  auto u = c.units.find(unit);
  const std::string supervisor = u == c.units.end() ? std::string() : u->second.supervisor;
  return a.scope->Contains(supervisor.empty() ? unit : supervisor);
}

bool Covers(const Exception& e, const Json& payload, const catalog::Catalog& c) {
  if (payload.contains("source")) return false;  // entered by hand
  const std::string rule = Text(payload, "rule");
  if (e.kind == ExceptionKind::kRisk) {
    return rule == monitor::InfoOf(monitor::RuleId::kReviewOverdue).code &&
           Text(payload, "subject").rfind("risk:" + e.power + "/" + e.risk + "@", 0) == 0;
  }
  if (rule != e.rule) return false;
  if (!e.power.empty() && Text(payload, "power") != e.power) return false;
  return WithinUnit(c, Text(payload, "unit"), e.unit);
}

Json LapsePayload(const Exception& e, const catalog::Catalog& c, Instant raised) {
  std::string supervisor, owner = e.owner;
  if (auto u = c.units.find(e.unit); u != c.units.end()) supervisor = u->second.supervisor;
  if (auto p = c.persons.find(e.owner); p != c.persons.end()) owner = p->second.name;
  std::string what = e.kind == ExceptionKind::kRule
                         ? "对监察规则“" + ExceptionPayload(e).value("rule_name", e.rule) + "”" +
                               (e.power.empty() ? "" : "（权力 " + e.power + "）") + "的例外"
                         : "接受的风险（" + e.power + "/" + e.risk + "）";
  return {{"rule", kLapseRule},
          {"rule_name", "例外到期"},
          {"level", monitor::kLevels.Label(monitor::Level::kNotice)},
          {"message", what + "已于 " + e.until.ToString() + " 到期（责任人 " + owner + "，理由：" +
                          e.reason + "），回到审核：须重新评估并处置，或重新设立例外"},
          {"case", ""},
          {"power", e.power},
          {"unit", e.unit},
          {"supervisor", supervisor},
          {"person", e.owner},
          {"evidence", Json::array({e.id})},
          {"raised", FormatInstant(raised)},
          {"exception", e.id}};
}

}  // namespace dl::oversight
