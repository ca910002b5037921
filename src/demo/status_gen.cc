// Status history of the demo powers: the county's 2025 and 2026 reform batches (取消, 下放,
// 合并) and scattered adjustments (调整), each dated, reasoned and backed by a document.
#include <map>
#include <set>

#include "demo/org_tables.h"
#include "demo/power_gen.h"
#include "demo/power_rows.h"

namespace dl::demo {
namespace {

using catalog::Category;
using catalog::PowerRecord;
using catalog::PowerStatus;

const std::vector<std::string> kCancelApprovalReasons{
    "根据上级关于取消一批行政许可事项的决定，该事项予以取消，改为加强事中事后监管",
    "该事项已全面实行告知承诺制，取消审批，由主管部门加强事中事后监管"};
const std::vector<std::string> kCancelReasons{
    "经合法性审查，该事项设定依据已废止，按照“法无授权即禁止”的原则予以取消",
    "机构改革后该职权已划转至其他部门实施，本单位不再行使"};
const std::vector<std::string> kDelegateReasons{
    "按照简政放权、便民利民的原则，下放至乡镇人民政府实施，县级主管部门加强业务指导和监督",
    "为推进审批服务便民化，将该事项下放至乡镇便民服务中心受理办结"};
const std::vector<std::string> kMergeReasons{"与同类事项办理条件和程序相近，合并实施，减少办事环节",
                                             "按照权责清单动态调整要求，与同类职权合并为一项实施"};
const std::vector<std::string> kAdjustExternalReasons{
    "依据新修订的法律法规，调整设定依据和办理条件", "压缩承诺办结时限，优化办理流程，减少申请材料",
    "调整承办股室和办理流程，实行一窗受理、集成服务"};
const std::vector<std::string> kAdjustInternalReasons{
    "根据新修订的“三重一大”事项清单，调整集体决策限额标准",
    "根据班子成员分工调整，变更分管领导和承办股室",
    "根据内部控制制度修订，优化审批环节，增设会签程序"};

// A reform batch: one document and one date for every change it makes.
struct Batch {
  Date date;
  std::string document;
};

Batch MakeBatch(Rng& rng, int year, int first_month, int last_month, const std::string& prefix) {
  int month = rng.Between(first_month, last_month);
  int day = rng.Between(1, 28);
  int number = rng.Between(5, 40);
  return {Date::FromYmd(year, static_cast<unsigned>(month), static_cast<unsigned>(day)),
          prefix + "〔" + std::to_string(year) + "〕" + std::to_string(number) + "号"};
}

const UnitSpec* SpecOf(const catalog::Power& p) {
  for (const UnitSpec& spec : PowerUnitSpecs()) {
    if (p.unit == std::string(kCountyCode) + "-" + spec.abbr) return &spec;
  }
  return nullptr;
}

bool IsCountyDepartment(const catalog::Power& p) {
  const UnitSpec* spec = SpecOf(p);
  return spec && spec->kind == org::UnitKind::kGovernment;
}

const PowerRow* RowOf(const catalog::Power& p) {
  const UnitSpec* spec = SpecOf(p);
  return spec ? FindExternalRow(spec->abbr, p.name) : nullptr;
}

// The code of the power named `name` in `unit`, or empty.
std::string CodeOf(const catalog::Catalog& c, const std::string& unit, const std::string& name) {
  for (const auto& [code, r] : c.powers) {
    if (r.power.unit == unit && r.power.name == name) return code;
  }
  return "";
}

}  // namespace

void GenerateStatusHistory(Rng& rng, catalog::Catalog& catalog) {
  const size_t total = catalog.powers.size();
  const size_t cancels = total * 5 / 100, delegations = total * 5 / 100;
  const size_t merges = total * 2 / 100, adjustments = total * 5 / 100;
  const Batch batch_2025 = MakeBatch(rng, 2025, 3, 9, "云政发");
  const Batch batch_2026 = MakeBatch(rng, 2026, 1, 9, "云政发");

  std::vector<std::string> external;  // external powers of county departments
  for (const auto& [code, r] : catalog.powers) {
    if (catalog::ScopeOf(r.power.category) == catalog::Scope::kExternal &&
        IsCountyDepartment(r.power)) {
      external.push_back(code);
    }
  }
  rng.Shuffle(external);
  std::set<std::string> touched;  // powers with a change, and merge targets (kept in force)

  // 合并: only the pairs the tables name, into a power that stays in force.
  size_t merged = 0;
  for (const std::string& code : external) {
    const PowerRow* row = RowOf(catalog.powers.at(code).power);
    if (merged >= merges || !row || row->merge_into.empty() || touched.contains(code)) continue;
    std::string target = CodeOf(catalog, catalog.powers.at(code).power.unit, row->merge_into);
    if (target.empty() || touched.contains(target)) continue;
    const Batch& b = rng.Chance(50) ? batch_2025 : batch_2026;
    catalog.powers.at(code).history.push_back(
        {b.date, PowerStatus::kMerged, rng.Pick(kMergeReasons), target, b.document});
    touched.insert(code);
    touched.insert(target);
    ++merged;
  }
  // 下放 (only powers fit for the townships) and 取消, in the two reform batches. Some
  // cancelled powers had been adjusted before.
  size_t cancelled = 0, delegated = 0;
  for (const std::string& code : external) {
    if (touched.contains(code)) continue;
    PowerRecord& r = catalog.powers.at(code);
    const PowerRow* row = RowOf(r.power);
    const Batch& b = rng.Chance(50) ? batch_2025 : batch_2026;
    if (delegated < delegations && row && row->delegable) {
      r.history.push_back({b.date, PowerStatus::kDelegated, rng.Pick(kDelegateReasons),
                           "乡镇人民政府", b.document});
      ++delegated;
    } else if (cancelled < cancels && (!row || !row->delegable)) {
      if (b.date == batch_2026.date && rng.Chance(40)) {
        Batch earlier = MakeBatch(rng, 2025, 1, 11, "云政办发");
        r.history.push_back({earlier.date, PowerStatus::kAdjusted, rng.Pick(kAdjustExternalReasons),
                             "", earlier.document});
        r.power.effective_from = earlier.date;  // the adjusted version
      }
      bool approval =
          r.power.category == Category::kLicensing || r.power.category == Category::kOtherExternal;
      r.history.push_back({b.date, PowerStatus::kCancelled,
                           rng.Pick(approval ? kCancelApprovalReasons : kCancelReasons), "",
                           b.document});
      ++cancelled;
    } else {
      continue;
    }
    touched.insert(code);
  }
  // 调整: any power; internal ones by the unit's own collective decision. The adjusted
  // version is the one in force from the adjustment's date.
  std::vector<std::string> all;
  for (const auto& [code, r] : catalog.powers) {
    if (r.history.empty()) all.push_back(code);
  }
  rng.Shuffle(all);
  for (size_t i = 0; i < adjustments && i < all.size(); ++i) {
    PowerRecord& r = catalog.powers.at(all[i]);
    bool internal = catalog::ScopeOf(r.power.category) == catalog::Scope::kInternal;
    const UnitSpec* spec = SpecOf(r.power);
    int year = rng.Chance(50) ? 2025 : 2026;
    Batch b =
        MakeBatch(rng, year, 1, 10, internal && spec ? spec->minutes : std::string("云政办发"));
    r.history.push_back({b.date, PowerStatus::kAdjusted,
                         rng.Pick(internal ? kAdjustInternalReasons : kAdjustExternalReasons), "",
                         b.document});
    r.power.effective_from = b.date;
  }
}

}  // namespace dl::demo
