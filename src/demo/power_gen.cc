#include "demo/power_gen.h"

#include <cstdio>
#include <map>

#include "demo/flow_gen.h"
#include "demo/power_rows.h"
#include "demo/risk_gen.h"

namespace dl::demo {
namespace {

using catalog::Category;
using catalog::Disclosure;
using catalog::HolderLevel;
using catalog::Power;
using catalog::TimeLimit;

// Code prefix of each category: "XK-FGJ-001".
const char* PrefixOf(Category c) {
  switch (c) {
    case Category::kLicensing:
      return "XK";
    case Category::kPenalty:
      return "CF";
    case Category::kCoercion:
      return "QZ";
    case Category::kLevy:
      return "ZS";
    case Category::kBenefit:
      return "JF";
    case Category::kInspection:
      return "JC";
    case Category::kConfirmation:
      return "QR";
    case Category::kReward:
      return "JL";
    case Category::kAdjudication:
      return "CJ";
    case Category::kOtherExternal:
      return "QT";
    case Category::kPersonnel:
      return "RS";
    case Category::kFinance:
      return "CW";
    case Category::kProcurement:
      return "CG";
    case Category::kProject:
      return "GC";
    case Category::kMajorDecision:
      return "SZ";
  }
  return "QT";
}

std::string ContentOf(Category c) {
  switch (c) {
    case Category::kLicensing:
      return "申请人提交的材料齐全、符合法定形式的，予以受理；经审查符合法定条件、标准的，依法作出"
             "准予许可的书面决定并颁发证件；不符合的，作出不予许可的书面决定并说明理由，告知申请人"
             "依法享有申请行政复议或者提起行政诉讼的权利。";
    case Category::kPenalty:
      return "对违法行为依法立案调查，经法制审核后在法定权限内作出行政处罚决定；处罚种类和幅度依照"
             "本单位公布的行政处罚裁量权基准确定，情节轻微并及时改正、没有造成危害后果的，依法不予"
             "处罚。";
    case Category::kCoercion:
      return "在执法过程中，为制止违法行为、防止证据损毁、避免危害发生，依法对有关场所、设施或者财"
             "物采取查封、扣押等行政强制措施；查封、扣押期限不得超过三十日，情况复杂的经负责人批准"
             "可以延长，延长期限不得超过三十日。";
    case Category::kLevy:
      return "依照法定项目和标准核定应缴数额，开具缴款通知书，款项全额缴入国库或者财政专户，实行“收"
             "支两条线”管理，不得擅自减免、缓征。";
    case Category::kBenefit:
      return "对符合条件的申请对象，经入户调查、审核、公示和审批后按规定标准给付，资金通过社会保障"
             "卡或“一卡通”直接发放到户、到人。";
    case Category::kInspection:
      return "按照“双随机、一公开”要求，对监管对象遵守法律法规情况依法实施监督检查，检查结果在规定"
             "时限内向社会公开；发现违法行为的，责令改正或者依法移送立案查处。";
    case Category::kConfirmation:
      return "对申请人提出的事项依法调查核实，符合法定条件的予以确认并出具证明文书；不予确认的书面"
             "告知理由。";
    case Category::kReward:
      return "对符合条件的单位和个人，按照申报、初审、评审、集体研究和公示的程序给予表彰奖励，奖励"
             "结果向社会公开。";
    case Category::kAdjudication:
      return "对当事人之间发生的、与行政管理活动密切相关的民事纠纷，依申请先行调解；调解不成的，经"
             "集体研究依法作出裁决。";
    case Category::kOtherExternal:
      return "依申请对相关事项进行审查，符合规定条件的予以批准或者备案，办理结果向社会公开。";
    case Category::kPersonnel:
      return "坚持党管干部原则，干部选拔任用、人员招聘、考核评优等人事事项严格按照动议、民主推荐、"
             "组织考察、征求意见、集体讨论决定、任前公示等程序办理。";
    case Category::kFinance:
      return "单位资金使用实行预算管理和分级审批，达到限额标准的资金使用须经集体研究决定；会计、出"
             "纳岗位分设，“一把手”不直接分管财务。";
    case Category::kProcurement:
      return "集中采购目录以内或者采购限额标准以上的项目，依法确定采购方式，通过公共资源交易平台组"
             "织实施；采购需求、采购结果依法公开。";
    case Category::kProject:
      return "工程建设项目经可行性论证、征求意见和集体决策后，依法组织招标、施工、竣工验收和结算审"
             "计，全过程接受派驻纪检监察组监督。";
    case Category::kMajorDecision:
      return "重大事项决策、重要干部任免、重要项目安排和大额度资金使用，必须经集体讨论决定，会前充"
             "分酝酿，主要负责人末位表态，会议全程纪实。";
  }
  return "";
}

// The procedural law added to a row's own basis, if the category has one.
std::string ProceduralBasis(Category c, Rng& rng) {
  switch (c) {
    case Category::kLicensing:
      return rng.Chance(50) ? "《中华人民共和国行政许可法》第四十二条"
                            : "《中华人民共和国行政许可法》第三十四条";
    case Category::kPenalty:
      return rng.Chance(50) ? "《中华人民共和国行政处罚法》第三十四条"
                            : "《中华人民共和国行政处罚法》第五十八条";
    case Category::kCoercion:
      return "《中华人民共和国行政强制法》第十八条";
    case Category::kInspection:
      return "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》";
    default:
      return "";
  }
}

TimeLimit TimeLimitOf(const PowerRow& row, Rng& rng) {
  using U = TimeLimit::Unit;
  if (row.days > 0) {
    bool natural = row.category == Category::kAdjudication || row.days >= 60;
    return {row.days, natural ? U::kDay : U::kWorkday};
  }
  switch (row.category) {
    case Category::kLicensing:  // 法定 20 个工作日; about half promise less (承诺时限)
      return {rng.Chance(50) ? 20 : rng.Between(5, 15), U::kWorkday};
    case Category::kPenalty:
      return {90, U::kDay};
    case Category::kCoercion:
      return {30, U::kDay};
    case Category::kLevy:
      return {15, U::kWorkday};
    case Category::kBenefit:
      return {30, U::kWorkday};
    case Category::kInspection:
      return {20, U::kWorkday};
    case Category::kConfirmation:
      return {20, U::kWorkday};
    case Category::kReward:
      return {30, U::kWorkday};
    case Category::kAdjudication:
      return {60, U::kDay};
    case Category::kOtherExternal:
      return {rng.Between(5, 20), U::kWorkday};
    case Category::kPersonnel:
      return {30, U::kWorkday};
    case Category::kFinance:
      return {5, U::kWorkday};
    case Category::kProcurement:
      return {30, U::kWorkday};
    case Category::kProject:
      return {90, U::kDay};
    case Category::kMajorDecision:
      return {15, U::kWorkday};
  }
  return {20, U::kWorkday};
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// Townships and the 纪委监委 itself have no resident group: their own discipline body
// (镇纪委, 乡纪委, 机关纪委) takes its place in names, measures and supervision texts.
void LocalizeOverseer(Power& p, const UnitSpec& spec) {
  std::string overseer;
  if (spec.kind == org::UnitKind::kDiscipline) {
    overseer = "机关纪委";
  } else if (spec.kind == org::UnitKind::kTownship) {
    overseer = spec.name.find("镇") != std::string::npos ? "镇纪委" : "乡纪委";
  } else {
    return;
  }
  auto fix = [&](std::string& text) {
    ReplaceAll(text, "派驻纪检监察组", overseer);
    ReplaceAll(text, "派驻纪检组", overseer);
  };
  for (auto& n : p.flow.nodes) {
    fix(n.name);
    fix(n.supervision);
  }
  for (auto& r : p.risks) fix(r.description);
  for (auto& c : p.controls) {
    fix(c.measure);
    fix(c.supervision);
  }
}

class PowerMaker {
 public:
  PowerMaker(const UnitInfo& unit, Date today, Rng& rng, catalog::Catalog& c)
      : unit_(unit), today_(today), rng_(rng), c_(c) {
    // Each unit approves its risk list in one collective meeting in the first half of 2026.
    int month = rng_.Between(1, 6);
    int day = rng_.Between(1, 28);
    approved_on_ = Date::FromYmd(2026, static_cast<unsigned>(month), static_cast<unsigned>(day));
    record_ = unit_.spec->minutes + "〔2026〕" + std::to_string(rng_.Between(2, 15)) + "号";
    // The amount from which the unit's internal matters go to a collective decision.
    static const long long kThresholds[] = {100000, 200000, 300000, 500000};
    threshold_ = kThresholds[rng_.Below(4)];
  }

  void Make(const PowerRow& row) {
    Power p;
    char number[16];
    std::snprintf(number, sizeof number, "%03d", ++numbers_[row.category]);
    p.code = std::string(PrefixOf(row.category)) + "-" + unit_.spec->abbr + "-" + number;
    p.name = row.name;
    p.category = row.category;
    p.unit = unit_.code;
    size_t section = row.section >= 0 && static_cast<size_t>(row.section) < unit_.sections.size()
                         ? static_cast<size_t>(row.section)
                         : 1;
    p.handling_unit = unit_.sections[section].code;
    SetHolder(p, section);
    p.legal_basis = row.basis;
    std::string procedural = ProceduralBasis(row.category, rng_);
    if (!procedural.empty() && p.legal_basis.size() < 3 && rng_.Chance(60)) {
      p.legal_basis.push_back(procedural);
    }
    p.content = ContentOf(row.category);
    if (row.category == Category::kLevy) p.fees = "按照国家和省核定的项目和标准征收";
    p.time_limit = TimeLimitOf(row, rng_);
    p.disclosure = DisclosureOf(row.category);
    p.effective_from = Date::FromYmd(2023, 1, 1).AddDays(rng_.Between(0, 729));
    p.benchmarks = PenaltyBenchmarks(row);

    FlowContext flow_ctx{&unit_, section, threshold_,
                         catalog::ScopeOf(row.category) == catalog::Scope::kInternal};
    if (row.category == Category::kPenalty) {
      // 重大执法决定 (较重 and above) go to a collective discussion; small fines never do.
      bool in_yuan = row.fine_unit == "元";
      flow_ctx.collective_threshold = !in_yuan              ? 50000
                                      : row.fine_hi < 10000 ? 0
                                                            : p.benchmarks[1].upper;
    }
    FlowPlan plan = BuildFlow(row.category, flow_ctx, rng_);
    p.flow = plan.flow;
    RiskContext risk_ctx{&unit_, section, approved_on_, record_, today_};
    AddRisksAndControls(p, plan, risk_ctx, rng_);
    LocalizeOverseer(p, *unit_.spec);
    std::string code = p.code;
    c_.powers.emplace(std::move(code), catalog::PowerRecord{std::move(p), 0, {}});
  }

 private:
  void SetHolder(Power& p, size_t section) {
    if (p.category == Category::kFinance && rng_.Chance(60)) {
      p.held_at = HolderLevel::kLeadership;  // 分管财务的班子成员, never the head
      p.held_by_post = unit_.deputies[0];
      return;
    }
    if (catalog::ScopeOf(p.category) == catalog::Scope::kInternal) return;
    int r = rng_.Between(0, 99);
    if (r < 10) {
      p.held_at = HolderLevel::kLeadership;
      p.held_by_post = unit_.DeputyFor(section);
    } else if (r < 15) {
      p.held_at = HolderLevel::kPost;
      p.held_by_post = unit_.sections[section].chief;
    }
  }

  Disclosure DisclosureOf(Category c) {
    if (catalog::ScopeOf(c) == catalog::Scope::kExternal) {
      return rng_.Chance(95) ? Disclosure::kPublic : Disclosure::kInternal;
    }
    bool sensitive = c == Category::kPersonnel || c == Category::kMajorDecision;
    if (unit_.spec->kind == org::UnitKind::kDiscipline && sensitive) return Disclosure::kSecret;
    return rng_.Chance(4) ? Disclosure::kSecret : Disclosure::kInternal;
  }

  const UnitInfo& unit_;
  Date today_;
  Rng& rng_;
  catalog::Catalog& c_;
  Date approved_on_;
  std::string record_;
  long long threshold_ = 500000;
  std::map<Category, int> numbers_;
};

const std::vector<PowerRow>* ExternalRowsOf(const UnitSpec& spec) {
  std::string key = spec.kind == org::UnitKind::kTownship ? "TOWN" : spec.abbr;
  for (const UnitPowers& u : ExternalPowerRows()) {
    if (u.abbr == key) return &u.rows;
  }
  return nullptr;
}

// Internal powers of the unit with index `i`: one or two of each category, rotating through
// the pools so that neighbouring units hold different ones.
std::vector<PowerRow> InternalRowsOf(size_t i) {
  static const std::pair<Category, size_t> kPlan[] = {
      {Category::kPersonnel, 1}, {Category::kFinance, 2},       {Category::kProcurement, 1},
      {Category::kProject, 1},   {Category::kMajorDecision, 2},
  };
  std::vector<PowerRow> rows;
  for (const auto& [category, count] : kPlan) {
    const auto& pool = InternalPowerPool(category);
    size_t n = count + (category == Category::kPersonnel && i % 3 == 0 ? 1 : 0);
    for (size_t k = 0; k < n && k < pool.size(); ++k) {
      PowerRow row = pool[(i + k * 2) % pool.size()];
      // 采购 and 工程 are handled by a business section; the rest by the office.
      bool business = category == Category::kProcurement || category == Category::kProject;
      row.section = business ? 1 : 0;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace

void GeneratePowers(const OrgIndex& org, Date today, Rng& rng, catalog::Catalog& catalog) {
  for (size_t i = 0; i < org.units.size(); ++i) {
    const UnitInfo& unit = org.units[i];
    Rng unit_rng = rng.Fork(unit.code);
    PowerMaker maker(unit, today, unit_rng, catalog);
    if (const auto* rows = ExternalRowsOf(*unit.spec)) {
      for (const PowerRow& row : *rows) maker.Make(row);
    }
    for (const PowerRow& row : InternalRowsOf(i)) maker.Make(row);
  }
}

}  // namespace dl::demo
