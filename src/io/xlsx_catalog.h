// The catalogue as an Excel workbook (.xlsx): one sheet per list, Chinese column headers,
// enum cells holding the words of the label tables. docs/excel.md describes the layout for
// users; kCatalogSheets below is the single source of sheet and column names.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/catalog.h"
#include "io/problem.h"

namespace dl::io {

struct CatalogRead {
  catalog::Catalog catalog;
  std::vector<Problem> problems;  // errors and warnings, in sheet and row order
  SourceMap sources;
};

// Reads a workbook in the layout below. Returns an error only when the file cannot be read
// at all (missing, not an .xlsx, corrupt); every problem in its content is in `problems`,
// each with file, sheet, row, column letter and the field's Chinese header. Every thing read
// is recorded in `sources` (entity "unit"/"post"/"person"/"assignment"/"relation"/"power";
// parts "node"/"edge"/"risk"/"control"/"benchmark"/"status") and every column via
// SourceMap::AddColumn, so that later validation findings can be reported at a cell.
// Nothing is checked against a database: codes that refer to things outside the workbook are
// kept as written. PowerRecord::version is left 0. Thread-safe (no shared state).
Result<CatalogRead> ReadCatalogXlsx(const std::string& path);

// Writes the catalogue: the organisation, the current version of every power and its status
// history. The same catalogue always gives the same bytes. Errors: kIo if the file cannot be
// written, kInvalidArgument if a value does not fit in a cell (over 32 767 characters); no
// file is left behind on error. Thread-safe for different paths.
Status WriteCatalogXlsx(const catalog::Catalog& catalog, const std::string& path);

// Writes the blank template: every sheet with its headers only, plus the sheet 填写说明 that
// explains every column (required or not, allowed words, formats, examples).
Status WriteCatalogTemplate(const std::string& path);

// ---- the layout ------------------------------------------------------------------------

// How a column's cells are written and checked.
enum class ColumnKind {
  kText,      // free text or a code
  kSerial,    // 序号: numbered on export, ignored on import
  kDate,      // a date, written as text "2026-01-31"
  kEnum,      // one word of a label table (drop-down list on export)
  kEnumList,  // one or more words separated by 、 or ；
  kYesNo,     // 是 / 否; empty is 否
  kFactor,    // an integer 1–5
  kInteger,   // a whole number ≥ 0
};

struct ColumnLayout {
  std::string_view header;
  bool required;
  ColumnKind kind;
  double width;              // in Excel character units
  std::string_view help;     // what to enter (Chinese), shown in 填写说明
  std::string_view example;  // a typical value
  std::vector<std::string> (*choices)() = nullptr;  // the allowed words, for enum columns
};

struct SheetLayout {
  std::string_view name;
  std::string_view help;  // what one row of the sheet is
  std::span<const ColumnLayout> columns;
};

// The words of a label table, empty labels left out.
template <const auto& kTable>
std::vector<std::string> WordsOf() {
  std::vector<std::string> out;
  for (const auto& [value, label] : kTable.items) {
    if (!label.empty()) out.emplace_back(label);
  }
  return out;
}

inline constexpr std::string_view kSheetUnits = "单位";
inline constexpr std::string_view kSheetPosts = "岗位";
inline constexpr std::string_view kSheetPersons = "人员";
inline constexpr std::string_view kSheetAssignments = "任职";
inline constexpr std::string_view kSheetRelations = "利害关系";
inline constexpr std::string_view kSheetPowers = "权力清单";
inline constexpr std::string_view kSheetNodes = "流程清单";
inline constexpr std::string_view kSheetEdges = "流程连线";
inline constexpr std::string_view kSheetRisks = "风险清单";
inline constexpr std::string_view kSheetControls = "防控清单";
inline constexpr std::string_view kSheetBenchmarks = "裁量基准";
inline constexpr std::string_view kSheetStatus = "状态变更";
inline constexpr std::string_view kSheetInstructions = "填写说明";  // template only

// ---- the sheets and their columns, in workbook order ---------------------------------

inline constexpr ColumnLayout kSerialColumn{
    "序号", false, ColumnKind::kSerial, 6, "行号，导出时自动填写，导入时忽略", "1"};
inline constexpr ColumnLayout kPowerRefColumn{
    "权力编码", true, ColumnKind::kText, 14, "“权力清单”工作表中的权力编码，本行属于该权力",
    "XK-001"};

inline constexpr ColumnLayout kUnitColumns[] = {
    kSerialColumn,
    {"单位编码", true, ColumnKind::kText, 14, "单位的唯一编码，其他工作表以此编码引用单位", "U-JT"},
    {"单位名称", true, ColumnKind::kText, 28, "单位全称", "某县交通运输局"},
    {"上级单位编码", false, ColumnKind::kText, 14, "上级单位的编码；最上级单位留空", "U-XZF"},
    {"层级", true, ColumnKind::kEnum, 8, "单位在组织树中的层级", "单位",
     &WordsOf<org::kUnitLevels>},
    {"单位类型", true, ColumnKind::kEnum, 12, "单位的性质", "政府部门", &WordsOf<org::kUnitKinds>},
    {"监督单位编码", false, ColumnKind::kText, 14, "监督本单位的纪委监委或派驻纪检组的单位编码",
     "U-JZZ"},
};
inline constexpr ColumnLayout kPostColumns[] = {
    kSerialColumn,
    {"岗位编码", true, ColumnKind::kText, 14, "岗位的唯一编码", "P-JZ"},
    {"所属单位", true, ColumnKind::kText, 14, "岗位所属单位或股室的单位编码", "U-JT"},
    {"岗位名称", true, ColumnKind::kText, 20, "岗位名称", "局长"},
    {"班子成员", false, ColumnKind::kYesNo, 10, "是否为领导班子成员；留空视为“否”", "是"},
    {"一把手", false, ColumnKind::kYesNo, 10,
     "是否为单位主要负责人（须同时是班子成员）；留空视为“否”", "是"},
};
inline constexpr ColumnLayout kPersonColumns[] = {
    kSerialColumn,
    {"人员编码", true, ColumnKind::kText, 14, "人员的唯一编码（如工号）", "E001"},
    {"姓名", true, ColumnKind::kText, 12, "姓名", "张三"},
};
inline constexpr ColumnLayout kAssignmentColumns[] = {
    kSerialColumn,
    {"人员编码", true, ColumnKind::kText, 14, "“人员”工作表中的人员编码", "E001"},
    {"岗位编码", true, ColumnKind::kText, 14, "“岗位”工作表中的岗位编码", "P-JZ"},
    {"任职开始日期", true, ColumnKind::kDate, 14, "日期，如 2026-01-31、2026/1/31 或 2026年1月31日",
     "2024-03-01"},
    {"任职结束日期", false, ColumnKind::kDate, 14, "最后一个任职日（含当日）；仍在任留空",
     "2026-02-28"},
};
inline constexpr ColumnLayout kRelationColumns[] = {
    kSerialColumn,
    {"人员编码", true, ColumnKind::kText, 14, "“人员”工作表中的人员编码", "E001"},
    {"相对人", true, ColumnKind::kText, 28, "相对人名称或统一社会信用代码", "某某建筑有限公司"},
    {"关系类型", true, ColumnKind::kEnum, 14, "人员与相对人的关系", "亲属",
     &WordsOf<org::kRelationKinds>},
    {"说明", false, ColumnKind::kText, 28, "补充说明", "配偶任该公司股东"},
};
inline constexpr ColumnLayout kPowerColumns[] = {
    kSerialColumn,
    {"权力编码", true, ColumnKind::kText, 14, "权力事项的唯一编码；其他工作表以此编码关联到权力",
     "XK-001"},
    {"权力名称", true, ColumnKind::kText, 28, "权力事项名称", "公路超限运输许可"},
    {"权力类别", true, ColumnKind::kEnum, 12, "权力的类别", "行政许可",
     &WordsOf<catalog::kCategories>},
    {"实施主体", true, ColumnKind::kText, 14,
     "实施该权力的单位编码；也可填“单位”工作表中唯一的单位名称", "U-JT"},
    {"承办机构", false, ColumnKind::kText, 14, "具体承办的股室的单位编码（或唯一的单位名称）",
     "U-JT-XK"},
    {"行使层级", false, ColumnKind::kEnum, 10, "由单位、班子成员还是岗位行使；留空视为“单位”",
     "单位", &WordsOf<catalog::kHolderLevels>},
    {"行使岗位", false, ColumnKind::kText, 14, "行使层级为班子成员或岗位时，填写岗位编码", "P-JZ"},
    {"设定依据", true, ColumnKind::kText, 40, "法律法规依据，至少一条；多条用换行或“；”分隔",
     "《中华人民共和国公路法》第五十条"},
    {"权力内容", false, ColumnKind::kText, 40, "权力内容及运行条件",
     "对超限运输车辆行驶公路的许可"},
    {"收费标准", false, ColumnKind::kText, 16, "收费依据及标准；不收费留空", ""},
    {"办理时限", false, ColumnKind::kText, 14,
     "如“20个工作日”“15个自然日”“4小时”；只填数字视为工作日；无时限留空", "20个工作日"},
    {"公开属性", true, ColumnKind::kEnum, 10, "公开范围；涉密和内部事项不会出现在公众门户", "公开",
     &WordsOf<catalog::kDisclosures>},
    {"生效日期", true, ColumnKind::kDate, 14, "本版本清单的生效日期", "2026-01-01"},
};
inline constexpr ColumnLayout kNodeColumns[] = {
    kSerialColumn,
    kPowerRefColumn,
    {"节点编码", true, ColumnKind::kText, 10, "节点编码，同一权力内唯一", "N2"},
    {"节点名称", true, ColumnKind::kText, 16, "节点名称", "审查"},
    {"节点类型", true, ColumnKind::kEnum, 12,
     "并行分支、并行汇合用于会签；条件分支后的连线写流转条件", "办理",
     &WordsOf<catalog::kNodeKinds>},
    {"办理岗位", false, ColumnKind::kText, 14, "办理该节点的岗位编码；办理节点必填", "P-KY"},
    {"办理时限", false, ColumnKind::kText, 14, "如“5个工作日”；只填数字视为工作日", "5个工作日"},
    {"运行阶段", false, ColumnKind::kEnum, 10, "动议、决策、执行或结果；可留空", "执行",
     &WordsOf<catalog::kStages>},
    {"监督方式", false, ColumnKind::kText, 20, "对该节点的监督方式", "电子监察实时监控"},
    {"集体决策", false, ColumnKind::kYesNo, 10, "该节点是否须集体讨论决定；留空视为“否”", "否"},
};
inline constexpr ColumnLayout kEdgeColumns[] = {
    kSerialColumn,
    kPowerRefColumn,
    {"起始节点", true, ColumnKind::kText, 10, "连线起点的节点编码", "N2"},
    {"目标节点", true, ColumnKind::kText, 10, "连线终点的节点编码", "N3"},
    {"流转条件", false, ColumnKind::kText, 30, "条件表达式，如 amount >= 500000；无条件留空",
     "amount >= 500000"},
};
inline constexpr ColumnLayout kRiskColumns[] = {
    kSerialColumn,
    kPowerRefColumn,
    {"风险编码", true, ColumnKind::kText, 10, "风险编码，同一权力内唯一", "R1"},
    {"风险点", true, ColumnKind::kText, 20, "风险点名称", "违规审批"},
    {"风险描述", false, ColumnKind::kText, 36, "风险的具体表现", "对不符合条件的申请予以许可"},
    {"所在节点", false, ColumnKind::kText, 10, "风险所在流程节点的编码；针对整个权力留空", "N2"},
    {"风险类别", true, ColumnKind::kEnum, 12, "风险的类别", "权力行使",
     &WordsOf<catalog::kRiskCategories>},
    {"权力重要程度", true, ColumnKind::kFactor, 8, "1–5 的整数", "4"},
    {"自由裁量程度", true, ColumnKind::kFactor, 8, "1–5 的整数", "3"},
    {"行使频率", true, ColumnKind::kFactor, 8, "1–5 的整数", "3"},
    {"发生概率", true, ColumnKind::kFactor, 8, "1–5 的整数", "2"},
    {"危害程度", true, ColumnKind::kFactor, 8, "1–5 的整数", "4"},
    {"风险等级", true, ColumnKind::kEnum, 8, "须与五项因素按系统公式算出的等级一致（导入时校验）",
     "中", &WordsOf<catalog::kRiskLevels>},
    {"集体审定日期", false, ColumnKind::kDate, 14, "风险等级经集体审定的日期", "2026-01-10"},
    {"审定记录", false, ColumnKind::kText, 24, "审定会议记录", "局党组会议纪要〔2026〕3号"},
    {"下次评估日期", false, ColumnKind::kDate, 14, "下次评估的日期（至少每年一次）", "2027-01-10"},
};
inline constexpr ColumnLayout kControlColumns[] = {
    kSerialColumn,
    kPowerRefColumn,
    {"风险编码", true, ColumnKind::kText, 10, "本措施防控的风险，填“风险清单”中同一权力的风险编码",
     "R1"},
    {"措施编码", true, ColumnKind::kText, 10, "措施编码，同一权力内唯一", "C1"},
    {"防控措施", true, ColumnKind::kText, 36, "措施内容", "审查与决定岗位分设，重大事项集体研究"},
    {"措施类型", true, ColumnKind::kEnumList, 14, "一种或多种（“1 或 1+N”），用“、”或“；”分隔",
     "分权、程序", &WordsOf<catalog::kControlTypes>},
    {"责任岗位", false, ColumnKind::kText, 14, "负责落实的岗位编码", "P-KZ"},
    {"监督方式", false, ColumnKind::kText, 20, "对措施落实的监督方式", "电子监察"},
    {"监察规则", false, ColumnKind::kText, 16, "由电子监察规则自动检查时填规则编号；仅书面措施留空",
     "separation_of_duties"},
};
inline constexpr ColumnLayout kBenchmarkColumns[] = {
    kSerialColumn,
    kPowerRefColumn,
    {"裁量事项", false, ColumnKind::kText, 24, "违法行为或裁量事项；权力只有一项时可留空",
     "超限运输"},
    {"情形等级", true, ColumnKind::kEnum, 10, "情形的轻重", "一般", &WordsOf<catalog::kGrades>},
    {"适用情形", false, ColumnKind::kText, 36, "适用本等级的情形", "超限 10% 以下且主动改正"},
    {"下限", true, ColumnKind::kInteger, 10, "不小于 0 的整数", "500"},
    {"上限", true, ColumnKind::kInteger, 10, "不小于下限的整数", "5000"},
    {"计量单位", false, ColumnKind::kText, 10, "如 元、万元、%、日；留空视为“元”", "元"},
};
inline constexpr ColumnLayout kStatusColumns[] = {
    kSerialColumn,
    kPowerRefColumn,
    {"变更日期", true, ColumnKind::kDate, 14, "状态变更生效的日期", "2026-03-01"},
    {"变更类型", true, ColumnKind::kEnum, 10, "变更后的状态", "下放",
     &WordsOf<catalog::kPowerStatuses>},
    {"变更理由", true, ColumnKind::kText, 30, "为什么变更", "按省政府决定下放至乡镇"},
    {"变更去向", false, ColumnKind::kText, 16, "下放时填承接单位或层级；合并时填并入的权力编码",
     "乡镇人民政府"},
    {"文件依据", false, ColumnKind::kText, 24, "变更所依据的文件", "×政发〔2026〕12号"},
};

inline constexpr SheetLayout kCatalogSheets[] = {
    {kSheetUnits, "每行一个单位（省、市、县、单位、股室构成一棵树）", kUnitColumns},
    {kSheetPosts, "每行一个岗位", kPostColumns},
    {kSheetPersons, "每行一名人员", kPersonColumns},
    {kSheetAssignments, "每行一段任职：某人在某时段担任某岗位", kAssignmentColumns},
    {kSheetRelations, "每行一项利害关系，用于回避检查", kRelationColumns},
    {kSheetPowers, "每行一项权力（权力清单）", kPowerColumns},
    {kSheetNodes, "每行一个流程节点（流程清单），按权力编码归属到权力", kNodeColumns},
    {kSheetEdges, "每行一条流程连线", kEdgeColumns},
    {kSheetRisks, "每行一个风险点（风险清单）", kRiskColumns},
    {kSheetControls, "每行一项防控措施（防控清单）", kControlColumns},
    {kSheetBenchmarks, "每行一个裁量等级及其范围（裁量基准）", kBenchmarkColumns},
    {kSheetStatus, "每行一次状态变更（取消、下放、合并、调整、恢复在用）", kStatusColumns},
};

// The layout of one data sheet; nullptr if `name` is not one.
const SheetLayout* FindSheetLayout(std::string_view name);

}  // namespace dl::io
