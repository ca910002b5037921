#include "service/assessment_service.h"

#include <map>
#include <set>

#include "assess/catalog_facts.h"

namespace dl::service {
namespace {

std::string StartOf(Date day) {
  const Instant midnight{std::chrono::sys_days(std::chrono::days(day.days()))};
  return FormatInstant(midnight - kChinaOffset);
}

// Per unit: what the store's facts add up to.
struct Tally {
  int64_t opened = 0;
  int64_t closed = 0, late = 0;
  std::vector<assess::FactRef> late_cases;
  int64_t warnings = 0, red = 0;
  std::vector<assess::FactRef> reds;
  int64_t due = 0, in_time = 0;  // warnings to dispose of, and those disposed without escalation
  std::vector<assess::FactRef> escalated;
  store::RatingTally ratings;  // 满意度评价 given in the period
};

// "power/risk" of every accepted-risk exception in force on `day`.
Result<std::set<std::string>> AcceptedRisks(store::Queries& queries, Date day) {
  store::ExceptionQuery q;
  q.limit = 100000;
  DL_ASSIGN_OR_RETURN(auto page, queries.Exceptions(q));
  std::set<std::string> out;
  for (const auto& row : page.items) {
    if (row.body.value("kind", "") != "risk") continue;
    auto from = Date::Parse(row.body.value("from", ""));
    auto until = Date::Parse(row.body.value("until", ""));
    if (!from || !until || day < *from || day > *until) continue;
    if (auto ended = ParseInstant(row.ended); ended && ChinaDate(*ended) <= day) continue;
    out.insert(row.body.value("power", "") + "/" + row.body.value("risk", ""));
  }
  return out;
}

}  // namespace

Result<std::vector<assess::UnitFacts>> GatherFacts(store::Queries& queries,
                                                   const catalog::Catalog& catalog,
                                                   const assess::Period& period,
                                                   const access::Scope& scope) {
  DL_ASSIGN_OR_RETURN(const std::set<std::string> accepted, AcceptedRisks(queries, period.last));
  std::set<std::string> units;  // the assessed units: those that own powers, in scope
  for (const auto& [code, rec] : catalog.powers) {
    const std::string unit = assess::AssessedUnitOf(catalog, rec.power.unit);
    if (scope.Contains(unit)) units.insert(unit);
  }
  DL_ASSIGN_OR_RETURN(
      store::PeriodFacts facts,
      queries.FactsOfPeriod(StartOf(period.first), StartOf(period.last.AddDays(1))));
  std::map<std::string, Tally> tally;
  auto of = [&](const std::string& unit) -> Tally* {
    const std::string assessed = assess::AssessedUnitOf(catalog, unit);
    return units.contains(assessed) ? &tally[assessed] : nullptr;
  };
  for (const auto& [unit, n] : facts.opened) {
    if (Tally* t = of(unit)) t->opened += n;
  }
  for (const auto& c : facts.closed) {
    Tally* t = of(c.unit);
    if (!t) continue;
    ++t->closed;
    if (c.late) {
      ++t->late;
      t->late_cases.push_back({"case", c.case_id, "超期办结（有超期黄牌或红牌）"});
    }
  }
  for (const auto& w : facts.warnings) {
    Tally* t = of(w.unit);
    if (!t) continue;
    ++t->warnings;
    if (w.level == "红牌") {
      ++t->red;
      t->reds.push_back({"warning", std::to_string(w.seq), w.rule_name});
    }
    // To dispose of: those the supervisor has decided (处置 or 不予处置), and those that
    // missed a due time. In time: decided without ever being escalated.
    const bool decided = w.status == "已处置" || w.status == "办结";
    if (decided || w.escalations > 0) {
      ++t->due;
      if (w.escalations == 0) {
        ++t->in_time;
      } else {
        t->escalated.push_back(
            {"warning", std::to_string(w.seq),
             w.rule_name + "：逾期未处置，升级 " + std::to_string(w.escalations) + " 次"});
      }
    }
  }
  for (const auto& [unit, r] : facts.ratings) {
    if (Tally* t = of(unit)) {
      t->ratings.sum += r.sum;
      t->ratings.count += r.count;
    }
  }
  std::vector<assess::UnitFacts> out;
  for (const std::string& unit : units) {
    assess::UnitFacts f;
    f.unit = unit;
    auto u = catalog.units.find(unit);
    f.name = u == catalog.units.end() ? unit : u->second.name;
    f.measures = assess::CatalogMeasures(catalog, unit, period, accepted);
    Tally& t = tally[unit];
    f.measures["on_time"] = assess::RatioMeasure(static_cast<double>(t.closed - t.late),
                                                 static_cast<double>(t.closed), t.late_cases);
    assess::Measure per100;
    per100.available = t.opened > 0;
    per100.numerator = static_cast<double>(t.warnings);
    per100.denominator = static_cast<double>(t.opened);
    per100.value =
        t.opened > 0 ? 100.0 * static_cast<double>(t.warnings) / static_cast<double>(t.opened) : 0;
    f.measures["warnings_per_100"] = per100;
    assess::Measure red;  // none is a fact too: available with zero
    red.available = true;
    red.value = red.numerator = static_cast<double>(t.red);
    red.facts = t.reds;
    f.measures["red_cards"] = red;
    f.measures["disposal_in_time"] = assess::RatioMeasure(static_cast<double>(t.in_time),
                                                          static_cast<double>(t.due), t.escalated);
    if (t.ratings.count > 0) {  // without ratings the source has no data (scheme: Missing)
      assess::Measure rating;
      rating.available = true;
      rating.numerator = static_cast<double>(t.ratings.sum);
      rating.denominator = static_cast<double>(t.ratings.count);
      rating.value = rating.numerator / rating.denominator;
      f.measures["public_rating"] = rating;
    }
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<assess::CheckEntry>> StoredChecks(store::Queries& queries,
                                                     const assess::Scheme& scheme,
                                                     const assess::Period& period,
                                                     const access::Scope& scope) {
  store::CheckQuery q;
  q.period_prefix = period.code.substr(0, 4);
  q.limit = 100000;
  DL_ASSIGN_OR_RETURN(auto page, queries.Checks(q));
  std::vector<assess::CheckEntry> out;
  for (const auto& row : page.items) {
    const Json& b = row.body;
    assess::CheckEntry e{std::to_string(row.seq),  b.value("kind", ""),
                         b.value("unit", ""),      b.value("period", ""),
                         b.value("indicator", ""), b.value("deduction", 0.0),
                         b.value("reason", ""),    b.value("by", Json::object()).value("name", ""),
                         b.value("date", "")};
    if (!scope.Contains(e.unit) || !assess::ValidateCheckEntry(scheme, e)) continue;
    out.push_back(std::move(e));
  }
  return out;
}

Result<assess::Assessment> Assess(store::Queries& queries, const catalog::Catalog& catalog,
                                  const assess::Scheme& scheme, const assess::Period& period,
                                  const access::Scope& scope) {
  DL_ASSIGN_OR_RETURN(auto facts, GatherFacts(queries, catalog, period, scope));
  DL_ASSIGN_OR_RETURN(auto checks, StoredChecks(queries, scheme, period, scope));
  return assess::Compute(scheme, period, facts, checks);
}

Result<uint64_t> EnterCheck(writer::Writer& writer, const std::string& ledger_actor,
                            const assess::Scheme& scheme, const Json& body,
                            const oversight::Actor& by) {
  if (!body.is_object()) return Err(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  auto text = [&](const char* key) {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto deduction = body.find("deduction");
  if (deduction == body.end() || !deduction->is_number()) {
    return Err(ErrorCode::kInvalidArgument, "扣分（deduction）应为数字");
  }
  assess::CheckEntry e;
  e.kind = text("kind");
  e.unit = text("unit");
  e.period = text("period");
  e.indicator = text("indicator");
  e.deduction = deduction->get<double>();
  e.reason = text("reason");
  e.date = text("date");
  e.by = by.name;
  DL_RETURN_IF_ERROR(assess::ValidateCheckEntry(scheme, e));
  if (!oversight::EntersCheck(by, e.kind, e.unit)) {
    return Err(ErrorCode::kPermissionDenied, e.kind == "自查"
                                                 ? "自查只能由本单位的单位管理员或领导录入"
                                                 : "检查只能由监督该单位的纪检监察人员录入");
  }
  const assess::Indicator* ind = scheme.Find(e.indicator);
  writer::Submission sub{ledger_actor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::EnterCheck>, e, ind->name, ind->weight, by);
  DL_ASSIGN_OR_RETURN(writer::Receipt receipt, writer.Submit(std::move(sub)));
  return receipt.first_seq;
}

}  // namespace dl::service
