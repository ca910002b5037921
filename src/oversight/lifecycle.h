// 预警处置: the life of a warning after it is raised, as a state machine with deadlines.
//
//   待处置 ──说明/整改 (the unit)──▶ 待审核 ──处置 (the supervisor)──▶ 已处置 ──办结──▶ 办结
//     ▲  │                              │ │                                              │
//     │  └──处置 / 不予处置 (supervisor)─┼─┼──────────── 不予处置 (误报) ──────────────────▶│
//     └──────────── 退回 ◀──────────────┘ │                                              │
//     └────────────────────────── 重新打开 (with a reason) ◀─────────────────────────────┘
//
// Each status but 办结 has a due time; when it passes the writer escalates the warning: its
// level rises one step and it goes to the next supervising level (docs/disposal.md). Every
// step is a ledger entry (warning.step) naming the person who took it. This header is pure:
// the writer holds the lives (oversight/book.h), the server decides nothing on its own.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/account.h"
#include "access/scope.h"
#include "base/date.h"
#include "base/json.h"
#include "base/labels.h"
#include "base/result.h"
#include "monitor/finding.h"
#include "monitor/rules.h"

namespace dl::oversight {

enum class WarningStatus { kOpen, kReview, kDisposed, kClosed };
inline constexpr LabelTable<WarningStatus, 4> kStatuses{{{
    {WarningStatus::kOpen, "待处置"},
    {WarningStatus::kReview, "待审核"},
    {WarningStatus::kDisposed, "已处置"},
    {WarningStatus::kClosed, "办结"},
}}};

enum class StepAction {
  kExplain,
  kRectify,
  kReturn,
  kDispose,
  kDismiss,
  kClose,
  kReopen,
  kEscalate
};
// The codes of the API and the ledger.
inline constexpr LabelTable<StepAction, 8> kStepCodes{{{
    {StepAction::kExplain, "explain"},
    {StepAction::kRectify, "rectify"},
    {StepAction::kReturn, "return"},
    {StepAction::kDispose, "dispose"},
    {StepAction::kDismiss, "dismiss"},
    {StepAction::kClose, "close"},
    {StepAction::kReopen, "reopen"},
    {StepAction::kEscalate, "escalate"},
}}};
inline constexpr LabelTable<StepAction, 8> kStepNames{{{
    {StepAction::kExplain, "情况说明"},
    {StepAction::kRectify, "整改报告"},
    {StepAction::kReturn, "退回重报"},
    {StepAction::kDispose, "作出处置"},
    {StepAction::kDismiss, "不予处置"},
    {StepAction::kClose, "办结"},
    {StepAction::kReopen, "重新打开"},
    {StepAction::kEscalate, "逾期升级"},
}}};

// 处置方式: what the supervisor decides (the 监督执纪“四种形态” as the seeds name them).
enum class Measure {
  kRiskNotice,
  kAdmonition,
  kCorrection,
  kRectification,
  kCirculation,
  kReferral
};
inline constexpr LabelTable<Measure, 6> kMeasures{{{
    {Measure::kRiskNotice, "风险提示"},
    {Measure::kAdmonition, "诫勉谈话"},
    {Measure::kCorrection, "责令纠错"},
    {Measure::kRectification, "督促整改"},
    {Measure::kCirculation, "通报"},
    {Measure::kReferral, "移送审查"},
}}};
// The measures that leave the unit work to do by a date (the step must give one).
inline bool NeedsDeadline(Measure m) {
  return m == Measure::kCorrection || m == Measure::kRectification;
}

// 两责: the unit's duty (主体责任: its head and the leadership member in charge) and the
// supervisor's duty (监督责任).
enum class DutyKind { kPrincipal, kSupervisory };
inline constexpr LabelTable<DutyKind, 2> kDutyKinds{{{
    {DutyKind::kPrincipal, "主体责任"},
    {DutyKind::kSupervisory, "监督责任"},
}}};

// A file attached to a step or a manual warning. The ledger holds this description (with
// the SHA-256 of the content, lower-case hex); the store keeps the bytes.
struct Attachment {
  std::string name;  // file name as uploaded
  std::string type;  // media type, e.g. "application/pdf"
  uint64_t size = 0;
  std::string sha256;
  bool operator==(const Attachment&) const = default;
};

struct Duty {
  DutyKind kind = DutyKind::kPrincipal;
  std::string person;  // org person code
  std::string unit;    // the unit whose duty it is (the warning's unit, or its supervisor)
  std::string role;    // 主要负责人 / 分管领导 / 监督责任人 …, free text
  std::string measure;  // what is done about this person (e.g. 约谈提醒, 诫勉谈话, 不予追究)
  bool operator==(const Duty&) const = default;
};

// Who takes a step: an account acting as a person, with the scope its role grants.
struct Actor {
  std::string login;
  std::string name;
  std::string person;  // may be empty (an account not linked to an org person)
  access::Role role = access::Role::kInspector;
  std::shared_ptr<const access::Scope> scope;  // null: sees nothing
  bool system = false;                         // the writer's own deadline check
};
Json ActorToJson(const Actor& a);

struct Step {
  StepAction action = StepAction::kExplain;
  std::string text;  // the explanation, the report, the reasons, the result
  std::vector<Attachment> attachments;
  std::optional<Date> deadline;    // 责令纠错 / 督促整改: the date the unit must finish by
  std::optional<Measure> measure;  // dispose
  std::vector<Duty> duties;        // dispose: both duties
};
// {"action", "text", "attachments", "deadline", "measure", "duties"} — the request body of
// the API (attachments there carry their data separately; see server/routes_oversight.cc).
Result<Step> StepFromJson(const Json& j);
Json StepToJson(const Step& s);
Json AttachmentToJson(const Attachment& a);
Result<Attachment> AttachmentFromJson(const Json& j);
Json DutyToJson(const Duty& d);

// Where one warning stands.
struct Life {
  uint64_t seq = 0;  // the warning.raise entry
  std::string rule;
  monitor::Level level = monitor::Level::kNotice;
  std::string unit;
  std::string supervisor;  // the supervising unit now in charge (rises on escalation)
  WarningStatus status = WarningStatus::kOpen;
  std::optional<Instant> due;  // none when closed
  int escalations = 0;
  bool operator==(const Life&) const = default;
};

// Deadlines and repetition: the [disposal] table of the rules file (docs/disposal.md).
using Params = monitor::DisposalParams;

// The sides a step may come from.
bool AnswersFor(const Actor& a, const Life& life);     // the unit: unit admin or leader
bool SupervisesFor(const Actor& a, const Life& life);  // the supervisor in charge: inspector
// 考核 entries (assess::CheckEntry): a 自查 comes from the unit (its administrator or a leader
// with it in scope), a 检查 from an inspector with it in scope.
bool EntersCheck(const Actor& a, const std::string& kind, const std::string& unit);

// Whether `actor` may take `step` on `life` now: permission_denied when the actor is not on
// the side the step belongs to, conflict when the status does not allow it, invalid_argument
// when the step lacks what it needs (text, measure, duties, deadline). Messages in Chinese.
Status CheckStep(const Life& life, const Step& step, const Actor& actor, Date today);
// The status after `step` (CheckStep passed).
WarningStatus StatusAfter(const Life& life, const Step& step);
// The steps `actor` may take on `life` now, for the UI.
std::vector<StepAction> AllowedSteps(const Life& life, const Actor& actor);

// One level up (提醒 → 黄牌 → 红牌 → 红牌).
monitor::Level Raised(monitor::Level level);

}  // namespace dl::oversight
