// The four lists (四单) of one power: the power itself, its flow, its risks and their
// controls, and its discretion benchmarks. One Power value is one version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/labels.h"

namespace dl::catalog {

enum class Category {
  kLicensing,
  kPenalty,
  kCoercion,
  kLevy,
  kBenefit,
  kInspection,
  kConfirmation,
  kReward,
  kAdjudication,
  kOtherExternal,
  kPersonnel,
  kFinance,
  kProcurement,
  kProject,
  kMajorDecision,
};
inline constexpr LabelTable<Category, 15> kCategories{{{
    {Category::kLicensing, "行政许可"},
    {Category::kPenalty, "行政处罚"},
    {Category::kCoercion, "行政强制"},
    {Category::kLevy, "行政征收"},
    {Category::kBenefit, "行政给付"},
    {Category::kInspection, "行政检查"},
    {Category::kConfirmation, "行政确认"},
    {Category::kReward, "行政奖励"},
    {Category::kAdjudication, "行政裁决"},
    {Category::kOtherExternal, "其他"},
    {Category::kPersonnel, "人事"},
    {Category::kFinance, "财务"},
    {Category::kProcurement, "物资采购"},
    {Category::kProject, "工程项目"},
    {Category::kMajorDecision, "三重一大"},
}}};

enum class Scope { kExternal, kInternal };  // 外部权力 / 内部权力
inline Scope ScopeOf(Category c) {
  return c >= Category::kPersonnel ? Scope::kInternal : Scope::kExternal;
}

enum class HolderLevel { kUnit, kLeadership, kPost };
inline constexpr LabelTable<HolderLevel, 3> kHolderLevels{{{
    {HolderLevel::kUnit, "单位"},
    {HolderLevel::kLeadership, "班子成员"},
    {HolderLevel::kPost, "岗位"},
}}};

enum class Disclosure { kPublic, kInternal, kSecret };
inline constexpr LabelTable<Disclosure, 3> kDisclosures{{{
    {Disclosure::kPublic, "公开"},
    {Disclosure::kInternal, "内部"},
    {Disclosure::kSecret, "涉密"},
}}};

enum class PowerStatus { kActive, kCancelled, kDelegated, kMerged, kAdjusted };
inline constexpr LabelTable<PowerStatus, 5> kPowerStatuses{{{
    {PowerStatus::kActive, "在用"},
    {PowerStatus::kCancelled, "取消"},
    {PowerStatus::kDelegated, "下放"},
    {PowerStatus::kMerged, "合并"},
    {PowerStatus::kAdjusted, "调整"},
}}};
// A power may be exercised only while 在用 or 调整 ("法无授权即禁止").
inline bool InForce(PowerStatus s) {
  return s == PowerStatus::kActive || s == PowerStatus::kAdjusted;
}

struct TimeLimit {
  enum class Unit { kWorkday, kDay, kHour };
  int value = 0;  // 0 means "no limit declared"
  Unit unit = Unit::kWorkday;
  bool empty() const { return value == 0; }
  bool operator==(const TimeLimit&) const = default;
};
inline constexpr LabelTable<TimeLimit::Unit, 3> kTimeUnits{{{
    {TimeLimit::Unit::kWorkday, "工作日"},
    {TimeLimit::Unit::kDay, "自然日"},
    {TimeLimit::Unit::kHour, "小时"},
}}};
// "20个工作日", "15个自然日", "4小时"; empty for no limit.
std::string FormatTimeLimit(const TimeLimit& t);
// Accepts the forms above and "20", "20工作日", "20日", "20天", "4个小时"; empty text is no
// limit. Returns nullopt for anything else (e.g. "五", "2.5个工作日").
std::optional<TimeLimit> ParseTimeLimit(std::string_view text);

enum class NodeKind { kStart, kTask, kExclusive, kParallelSplit, kParallelJoin, kEnd };
inline constexpr LabelTable<NodeKind, 6> kNodeKinds{{{
    {NodeKind::kStart, "开始"},
    {NodeKind::kTask, "办理"},
    {NodeKind::kExclusive, "条件分支"},
    {NodeKind::kParallelSplit, "并行分支"},
    {NodeKind::kParallelJoin, "并行汇合"},
    {NodeKind::kEnd, "结束"},
}}};

enum class Stage { kNone, kProposal, kDecision, kExecution, kResult };
inline constexpr LabelTable<Stage, 5> kStages{{{
    {Stage::kNone, ""},
    {Stage::kProposal, "动议"},
    {Stage::kDecision, "决策"},
    {Stage::kExecution, "执行"},
    {Stage::kResult, "结果"},
}}};

struct Node {
  std::string code;
  std::string name;
  NodeKind kind = NodeKind::kTask;
  std::string post;  // code of the handling post; required for tasks
  TimeLimit time_limit;
  Stage stage = Stage::kNone;
  std::string supervision;  // 监督方式, e.g. "电子监察实时监控"
  bool collective = false;  // a collective decision (集体决策) is taken at this node
  bool operator==(const Node&) const = default;
};

struct Edge {
  std::string from;
  std::string to;
  std::string condition;  // empty, or an expression over case values (see condition.h)
  bool operator==(const Edge&) const = default;
};

struct Flow {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  bool empty() const { return nodes.empty(); }
  const Node* FindNode(std::string_view code) const;
  bool operator==(const Flow&) const = default;
};

enum class RiskLevel { kLow, kMedium, kHigh };
inline constexpr LabelTable<RiskLevel, 3> kRiskLevels{{{
    {RiskLevel::kLow, "低"},
    {RiskLevel::kMedium, "中"},
    {RiskLevel::kHigh, "高"},
}}};

enum class RiskCategory { kExercise, kSystem, kMorality };
inline constexpr LabelTable<RiskCategory, 3> kRiskCategories{{{
    {RiskCategory::kExercise, "权力行使"},
    {RiskCategory::kSystem, "制度机制"},
    {RiskCategory::kMorality, "思想道德"},
}}};

// Each factor is scored 1..5.
struct RiskFactors {
  int importance = 1;  // 权力重要程度
  int discretion = 1;  // 自由裁量程度
  int frequency = 1;   // 行使频率
  int likelihood = 1;  // 发生概率
  int harm = 1;        // 危害程度
  bool operator==(const RiskFactors&) const = default;
};

struct Risk {
  std::string code;
  std::string name;  // 风险点
  std::string description;
  std::string node;  // code of the flow node it sits on; empty for the power as a whole
  RiskCategory category = RiskCategory::kExercise;
  RiskFactors factors;
  RiskLevel level = RiskLevel::kLow;  // must equal the formula's result for the factors
  std::optional<Date> approved_on;    // 集体审定 date
  std::string approval_record;        // e.g. "局党组会议纪要〔2026〕3号"
  std::optional<Date> next_review;    // 下次评估日期 (at least yearly)
  bool operator==(const Risk&) const = default;
};

enum class ControlType {
  kSeparation,
  kRules,
  kPersonnel,
  kEducation,
  kOpenness,
  kProcedure,
  kInformatization,
  kWarning
};
inline constexpr LabelTable<ControlType, 8> kControlTypes{{{
    {ControlType::kSeparation, "分权"},
    {ControlType::kRules, "制度"},
    {ControlType::kPersonnel, "人事"},
    {ControlType::kEducation, "教育"},
    {ControlType::kOpenness, "公开"},
    {ControlType::kProcedure, "程序"},
    {ControlType::kInformatization, "信息化"},
    {ControlType::kWarning, "预警"},
}}};

struct Control {
  std::string code;
  std::string risk;  // code of the risk it controls
  std::string measure;
  std::vector<ControlType> types;  // one or more ("1 或 1+N")
  std::string post;                // 责任岗位 (post code)
  std::string supervision;         // 监督方式
  std::string rule;  // id of the monitor rule that enforces it; empty if only written down
  bool operator==(const Control&) const = default;
};

enum class Grade { kSlight, kGeneral, kSerious, kGrave };
inline constexpr LabelTable<Grade, 4> kGrades{{{
    {Grade::kSlight, "轻微"},
    {Grade::kGeneral, "一般"},
    {Grade::kSerious, "较重"},
    {Grade::kGrave, "严重"},
}}};

// One grade of circumstance with its allowed range. Amounts are whole numbers in `unit`
// (元, 万元, %, 日 …); where no grade applies the lower bound rules (一律按下限执行).
struct Benchmark {
  std::string item;  // 违法行为 / 裁量事项; may be empty when the power has only one
  Grade grade = Grade::kGeneral;
  std::string conditions;  // 适用情形
  long long lower = 0;
  long long upper = 0;
  std::string unit = "元";
  bool operator==(const Benchmark&) const = default;
};

// One version of a power with its four lists.
struct Power {
  std::string code;
  std::string name;
  Category category = Category::kLicensing;
  std::string unit;           // 实施主体 (unit code)
  std::string handling_unit;  // 承办机构 (section code); may be empty
  HolderLevel held_at = HolderLevel::kUnit;
  std::string held_by_post;              // when held by a leadership member or a post
  std::vector<std::string> legal_basis;  // 设定依据, one citation each
  std::string content;                   // 权力内容 / 运行条件
  std::string fees;                      // 收费标准; empty if free
  TimeLimit time_limit;                  // 办理时限 (法定 / 承诺)
  Disclosure disclosure = Disclosure::kPublic;
  Date effective_from;  // 生效日期 of this version
  Flow flow;
  std::vector<Risk> risks;
  std::vector<Control> controls;
  std::vector<Benchmark> benchmarks;
  bool operator==(const Power&) const = default;
};

struct StatusChange {
  Date date;
  PowerStatus status = PowerStatus::kActive;
  std::string reason;    // 变更理由
  std::string target;    // 下放 to whom, or the power code it was 合并 into
  std::string document;  // 文件依据, e.g. "×政发〔2026〕12号"
  bool operator==(const StatusChange&) const = default;
};

}  // namespace dl::catalog
