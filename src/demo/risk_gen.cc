#include "demo/risk_gen.h"

#include <algorithm>
#include <array>

#include "catalog/risk_formula.h"
#include "demo/risk_texts.h"

namespace dl::demo {
namespace {

using catalog::Control;
using catalog::ControlType;
using catalog::Risk;
using catalog::RiskFactors;
using catalog::RiskLevel;

constexpr std::array<ControlType, 8> kAllTypes{
    ControlType::kSeparation,      ControlType::kRules,    ControlType::kPersonnel,
    ControlType::kEducation,       ControlType::kOpenness, ControlType::kProcedure,
    ControlType::kInformatization, ControlType::kWarning};

// Five factors 1–5 summing to `score` (5..25), spread at random.
RiskFactors FactorsWithScore(int score, Rng& rng) {
  std::array<int, 5> f{1, 1, 1, 1, 1};
  for (int rest = score - 5; rest > 0;) {
    size_t i = rng.Below(5);
    if (f[i] < 5) {
      ++f[i];
      --rest;
    }
  }
  return RiskFactors{f[0], f[1], f[2], f[3], f[4]};
}

// Draws a level (高 as often as the step's profile says, 中 about 45 %) and factors that
// the default formula (高 ≥ 18, 中 ≥ 12) rates at exactly that level.
RiskFactors DrawFactors(int high_percent, Rng& rng) {
  size_t level = rng.Weighted({high_percent, 45, 55 - high_percent > 5 ? 55 - high_percent : 5});
  int score = level == 0   ? rng.Between(18, 22)
              : level == 1 ? rng.Between(12, 17)
                           : rng.Between(6, 11);
  return FactorsWithScore(score, rng);
}

// The nodes risks sit on: distinct steps, steps prone to 高 risk more likely. May include
// one risk of the power as a whole (an empty node).
std::vector<TaggedNode> PickRiskNodes(const FlowPlan& plan, bool internal, Rng& rng) {
  size_t count = 1 + rng.Weighted({20, 40, 30, 10});
  std::vector<TaggedNode> pool = plan.tasks;
  std::vector<TaggedNode> picked;
  if (rng.Chance(15)) {
    picked.push_back({"", "", internal ? Tag::kWholeInternal : Tag::kWhole});
  }
  while (picked.size() < count && !pool.empty()) {
    std::vector<int> weights;
    for (const auto& t : pool) weights.push_back(ProfileOf(t.tag).high_percent + 10);
    size_t i = rng.Weighted(weights);
    TaggedNode node = pool[i];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
    bool same_tag = std::any_of(picked.begin(), picked.end(),
                                [&](const TaggedNode& p) { return p.tag == node.tag; });
    if (!same_tag) picked.push_back(node);
  }
  // Flow order, the power-wide risk first.
  auto order = [&](const TaggedNode& t) {
    for (size_t i = 0; i < plan.tasks.size(); ++i) {
      if (plan.tasks[i].code == t.code) return static_cast<int>(i);
    }
    return -1;
  };
  std::sort(picked.begin(), picked.end(),
            [&](const TaggedNode& a, const TaggedNode& b) { return order(a) < order(b); });
  return picked;
}

// The responsible post (责任岗位) for a control of the given type.
std::string ResponsiblePost(ControlType type, const RiskContext& ctx) {
  const UnitInfo& u = *ctx.unit;
  switch (type) {
    case ControlType::kSeparation:
    case ControlType::kProcedure:
    case ControlType::kRules:
      return u.DeputyFor(ctx.section);
    case ControlType::kPersonnel:
    case ControlType::kEducation:
      return u.Office().chief;
    default:
      break;
  }
  return u.sections[ctx.section].chief;
}

std::string JoinMeasures(const std::vector<ControlType>& types, bool internal, Rng& rng) {
  std::string text;
  for (ControlType t : types) {
    if (!text.empty()) text += "；";
    text += rng.Pick(MeasuresOf(t, internal));
  }
  return text;
}

Control MakeControl(const Risk& risk, const TaggedNode& node, const RiskContext& ctx, bool internal,
                    bool first, int number, Rng& rng) {
  const TagProfile& profile = ProfileOf(node.tag);
  Control c;
  c.code = "C" + std::to_string(number);
  c.risk = risk.code;
  if (first && !profile.rule.empty() && rng.Chance(55)) {
    c.rule = profile.rule;
    c.types = RuleTypes(profile.rule);
    c.measure = RuleMeasure(profile.rule);
  } else {
    ControlType primary =
        first ? rng.Pick(profile.controls) : kAllTypes[rng.Below(kAllTypes.size())];
    c.types.push_back(primary);
    if (rng.Chance(30)) {  // "1+N"
      size_t extra = rng.Chance(80) ? 1 : 2;
      for (size_t k = 0; k < extra; ++k) {
        ControlType t = kAllTypes[rng.Below(kAllTypes.size())];
        if (std::find(c.types.begin(), c.types.end(), t) == c.types.end()) c.types.push_back(t);
      }
    }
    c.measure = JoinMeasures(c.types, internal, rng);
  }
  c.post = ResponsiblePost(c.types.front(), ctx);
  c.supervision =
      c.rule == "collective_decision" ? "派驻纪检组全程监督" : rng.Pick(ControlSupervisions());
  return c;
}

size_t ControlCount(RiskLevel level, Rng& rng) {
  switch (level) {
    case RiskLevel::kHigh:
      return 1 + rng.Weighted({30, 50, 20});
    case RiskLevel::kMedium:
      return rng.Weighted({10, 60, 30});
    case RiskLevel::kLow:
      break;
  }
  return rng.Weighted({35, 65});
}

}  // namespace

void AddRisksAndControls(catalog::Power& power, const FlowPlan& plan, const RiskContext& ctx,
                         Rng& rng) {
  const catalog::RiskFormula formula;
  const bool internal = catalog::ScopeOf(power.category) == catalog::Scope::kInternal;
  int risk_number = 0, control_number = 0;
  for (const TaggedNode& node : PickRiskNodes(plan, internal, rng)) {
    const TagProfile& profile = ProfileOf(node.tag);
    const RiskText& text = rng.Pick(profile.risks);
    Risk r;
    r.code = "R" + std::to_string(++risk_number);
    r.name = text.name;
    r.description = text.description;
    r.node = node.code;
    r.category = text.category;
    r.factors = DrawFactors(profile.high_percent, rng);
    r.level = formula.LevelOf(r.factors);
    r.approved_on = ctx.approved_on;
    r.approval_record = ctx.approval_record;
    if (rng.Chance(2)) {
      r.next_review = ctx.today.AddDays(-rng.Between(3, 60));  // overdue on purpose
    } else {
      r.next_review = ctx.approved_on.AddDays(rng.Between(330, 365));
    }
    size_t controls = ControlCount(r.level, rng);
    for (size_t k = 0; k < controls; ++k) {
      power.controls.push_back(MakeControl(r, node, ctx, internal, k == 0, ++control_number, rng));
    }
    power.risks.push_back(std::move(r));
  }
}

std::vector<catalog::Benchmark> PenaltyBenchmarks(const PowerRow& row) {
  if (row.category != catalog::Category::kPenalty || row.fine_hi <= row.fine_lo) return {};
  static const catalog::Grade kGradeOrder[] = {catalog::Grade::kSlight, catalog::Grade::kGeneral,
                                               catalog::Grade::kSerious, catalog::Grade::kGrave};
  static const char* kConditions[] = {
      "初次违法且危害后果轻微，并在责令改正期限内主动改正的",
      "违法行为情节一般，未造成危害后果或者危害后果较小，积极配合调查的",
      "违法行为持续时间较长、涉及数量或者金额较大，造成一定社会影响，或者拒不配合调查取证的",
      "一年内因同类违法行为受过行政处罚又实施的，或者造成严重危害后果、恶劣社会影响的"};
  const long long width = row.fine_hi - row.fine_lo;
  long long step = 1;
  while (step * 100 <= width) step *= 10;  // two significant digits for the breakpoints
  auto at = [&](int percent) {
    long long raw = row.fine_lo + width * percent / 100;
    return (raw + step / 2) / step * step;
  };
  const long long breaks[] = {row.fine_lo - 1, at(20), at(50), at(80), row.fine_hi};
  std::string item = row.name;
  if (item.starts_with("对")) item = item.substr(std::string("对").size());
  if (item.ends_with("的处罚")) item.resize(item.size() - std::string("的处罚").size());
  std::vector<catalog::Benchmark> out;
  for (int g = 0; g < 4; ++g) {
    catalog::Benchmark b;
    b.item = item;
    b.grade = kGradeOrder[g];
    b.conditions = kConditions[g];
    b.lower = breaks[g] + 1;
    b.upper = breaks[g + 1];
    b.unit = row.fine_unit;
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace dl::demo
