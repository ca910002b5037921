#include "assess/assess.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace dl::assess {
namespace {

std::string Quoted(const std::string& s) { return "“" + s + "”"; }

// Points of an indicator with weight `w` for a measured value `v` (0 ≤ result ≤ w).
double ScoreOf(const Indicator& ind, double w, double v) {
  double points = 0;
  switch (ind.scoring) {
    case Scoring::kRatio:
      points = w * v;
      break;
    case Scoring::kLinear:
      if (ind.best == ind.worst) {  // ParseScheme refuses this; a scheme built in code may not
        points = v == ind.best ? w : 0;
      } else {
        points = w * (v - ind.worst) / (ind.best - ind.worst);
      }
      break;
    case Scoring::kDeduct:
      points = w - ind.per * v;
      break;
    case Scoring::kChecks:
      points = w;
      break;
  }
  return std::clamp(points, 0.0, w);
}

FactRef CheckFact(const CheckEntry& e) {
  std::string who;
  if (!e.by.empty()) who = e.by;
  if (!e.date.empty()) who += (who.empty() ? "" : "，") + e.date;
  return {"check", e.id.empty() ? e.kind + (e.date.empty() ? "" : " " + e.date) : e.id,
          e.kind + "：" + e.reason + "，扣 " + FormatPoints(e.deduction) + " 分" +
              (who.empty() ? "" : "（" + who + "）")};
}

// The entries that count for this assessment, validated, by unit and indicator.
using EntryIndex = std::map<std::pair<std::string, std::string>, std::vector<const CheckEntry*>>;

Result<EntryIndex> IndexEntries(const Scheme& scheme, const Period& period,
                                const std::set<std::string>& units,
                                const std::vector<CheckEntry>& entries) {
  EntryIndex index;
  for (const CheckEntry& e : entries) {
    if (!units.contains(e.unit)) continue;
    DL_RETURN_IF_ERROR(ValidateCheckEntry(scheme, e));
    if (!period.Covers(*ParsePeriod(e.period))) continue;
    index[{e.unit, e.indicator}].push_back(&e);
  }
  return index;
}

class UnitScorer {
 public:
  UnitScorer(const Scheme& scheme, const UnitFacts& facts, const EntryIndex& entries)
      : scheme_(scheme), facts_(facts), entries_(entries) {}

  Result<UnitScore> Score() {
    UnitScore out{facts_.unit, facts_.name, {}, 0, Grade::kFail, 0};
    const auto& inds = scheme_.indicators;
    double redistributed = 0;
    for (const Indicator& ind : inds) {
      if (Redistributed(ind)) redistributed += ind.weight;
    }
    // Weight left to receive the redistributed weight; none when every indicator lacks data.
    const double receiving = 100 - redistributed;
    const bool none_left = receiving < 1e-9;
    const double factor = none_left ? 1 : 100 / receiving;
    // The weights used, in whole hundredths. Scaled up by the factor they are split by the
    // largest remainder, so that they add up to exactly 100.00 and full marks are 100.00.
    std::vector<long long> used(inds.size(), 0);
    std::vector<std::pair<double, size_t>> remainders;
    long long sum = 0;
    for (size_t i = 0; i < inds.size(); ++i) {
      if (Redistributed(inds[i])) continue;
      const double exact = inds[i].weight * factor * 100;
      used[i] = static_cast<long long>(std::floor(exact + 1e-7));
      sum += used[i];
      remainders.emplace_back(exact - static_cast<double>(used[i]), i);
    }
    if (!none_left && redistributed > 0) {
      std::stable_sort(remainders.begin(), remainders.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (size_t k = 0; k < remainders.size() && sum < 10000; ++k, ++sum) {
        ++used[remainders[k].second];
      }
    }
    long long total = 0;
    for (size_t i = 0; i < inds.size(); ++i) {
      DL_ASSIGN_OR_RETURN(IndicatorScore s, One(inds[i], used[i], none_left));
      total += Hundredths(s.score);
      out.indicators.push_back(std::move(s));
    }
    out.total = static_cast<double>(total) / 100;
    out.grade = scheme_.grades.Of(total);
    return out;
  }

 private:
  const Measure* Find(const Indicator& ind) const {
    auto it = facts_.measures.find(ind.source);
    return it == facts_.measures.end() || !it->second.available ? nullptr : &it->second;
  }

  // Without data, and its weight goes to the others.
  bool Redistributed(const Indicator& ind) const {
    return ind.scoring != Scoring::kChecks && !Find(ind) && ind.missing == Missing::kRedistribute;
  }

  // `used`: the indicator's weight after redistribution, in hundredths.
  Result<IndicatorScore> One(const Indicator& ind, long long used, bool none_left) const {
    IndicatorScore s;
    s.id = ind.id;
    s.name = ind.name;
    s.source = ind.source;
    s.weight = ind.weight;
    std::vector<FactRef> check_facts;
    if (auto it = entries_.find({facts_.unit, ind.id}); it != entries_.end()) {
      for (const CheckEntry* e : it->second) {
        s.deducted += e->deduction;
        check_facts.push_back(CheckFact(*e));
      }
    }
    double base = 0;  // points before redistribution and deductions, 0..weight
    const Measure* m = Find(ind);
    if (ind.scoring == Scoring::kChecks) {
      s.available = true;
      s.value = s.deducted;
      base = ind.weight;
    } else if (m) {
      if (!std::isfinite(m->value)) {
        return Err(ErrorCode::kInvalidArgument,
                   "单位" + Quoted(facts_.unit) + "的" + ind.source + " 数值无效");
      }
      s.available = true;
      s.value = m->value;
      s.numerator = m->numerator;
      s.denominator = m->denominator;
      s.facts = m->facts;
      base = ScoreOf(ind, ind.weight, m->value);
    } else if (ind.missing == Missing::kRedistribute) {
      s.note = none_left ? "无数据；各指标均无数据，无从分配，按零分计"
                         : "无数据，权重 " + FormatPoints(ind.weight) + " 分按比例分给其他指标";
      if (s.deducted > 0) s.note += "；自查、检查扣分无分可扣";
      s.facts = std::move(check_facts);
      return s;
    } else {
      base = ind.missing == Missing::kFull ? ind.weight : 0;
      s.note = ind.missing == Missing::kFull ? "无数据，按满分计" : "无数据，按零分计";
    }
    s.used_weight = static_cast<double>(used) / 100;
    const double scaled = base / ind.weight * s.used_weight;
    s.score = static_cast<double>(std::min(Hundredths(std::max(0.0, scaled - s.deducted)),
                                           Hundredths(s.used_weight))) /
              100;
    if (s.deducted > scaled + 1e-9) {
      if (!s.note.empty()) s.note += "；";
      s.note += "扣分 " + FormatPoints(s.deducted) + " 超过所得 " + FormatPoints(scaled) +
                " 分，按 0 分计";
    }
    s.facts.insert(s.facts.end(), check_facts.begin(), check_facts.end());
    return s;
  }

  const Scheme& scheme_;
  const UnitFacts& facts_;
  const EntryIndex& entries_;
};

void Rank(std::vector<UnitScore>& units) {
  std::stable_sort(units.begin(), units.end(), [](const UnitScore& a, const UnitScore& b) {
    const long long ta = Hundredths(a.total), tb = Hundredths(b.total);
    return ta != tb ? ta > tb : a.unit < b.unit;
  });
  for (size_t i = 0; i < units.size(); ++i) {
    const bool tie = i > 0 && Hundredths(units[i].total) == Hundredths(units[i - 1].total);
    units[i].rank = tie ? units[i - 1].rank : static_cast<int>(i + 1);
  }
}

}  // namespace

long long Hundredths(double points) {
  // A nudge away from zero so that a value computed as 12.344999… shows as 12.35, like 12.345.
  return std::llround(points * 100 + (points >= 0 ? 1e-7 : -1e-7));
}

Status ValidateCheckEntry(const Scheme& scheme, const CheckEntry& e) {
  const std::string what = "考核扣分记录" + (e.id.empty() ? "" : Quoted(e.id)) + "：";
  auto fail = [&](const std::string& message) {
    return Err(ErrorCode::kInvalidArgument, what + message);
  };
  if (e.kind != "自查" && e.kind != "检查") {
    return fail("类别应为“自查”或“检查”，现为" + Quoted(e.kind));
  }
  if (e.unit.empty()) return fail("缺少单位");
  if (auto p = ParsePeriod(e.period); !p) return fail(p.error().message);
  if (!e.date.empty() && !Date::Parse(e.date)) return fail("日期" + Quoted(e.date) + "无效");
  if (e.reason.empty()) return fail("应写明扣分理由");
  const Indicator* ind = scheme.Find(e.indicator);
  if (!ind) {
    std::string ids;
    for (const auto& i : scheme.indicators) ids += (ids.empty() ? "" : "、") + i.id;
    return fail("考核方案中没有指标" + Quoted(e.indicator) + "（可用：" + ids + "）");
  }
  if (!std::isfinite(e.deduction) || e.deduction < 0) {
    return fail("扣分应为不小于 0 的数，现为 " + FormatPoints(e.deduction));
  }
  if (e.deduction > ind->weight) {
    return fail("扣分 " + FormatPoints(e.deduction) + " 超过指标" + Quoted(ind->name) + "的权重 " +
                FormatPoints(ind->weight) + " 分");
  }
  return Ok();
}

Result<Assessment> Compute(const Scheme& scheme, const Period& period,
                           const std::vector<UnitFacts>& units,
                           const std::vector<CheckEntry>& entries) {
  std::set<std::string> codes;
  for (const UnitFacts& u : units) {
    if (u.unit.empty()) return Err(ErrorCode::kInvalidArgument, "考核单位缺少编码");
    if (!codes.insert(u.unit).second) {
      return Err(ErrorCode::kInvalidArgument, "考核单位" + Quoted(u.unit) + "重复");
    }
  }
  DL_ASSIGN_OR_RETURN(EntryIndex index, IndexEntries(scheme, period, codes, entries));
  Assessment out{scheme.name, period, scheme.grades, {}};
  for (const UnitFacts& u : units) {
    DL_ASSIGN_OR_RETURN(UnitScore score, UnitScorer(scheme, u, index).Score());
    out.units.push_back(std::move(score));
  }
  Rank(out.units);
  return out;
}

}  // namespace dl::assess
