#include "oversight/lifecycle.h"

#include <algorithm>

namespace dl::oversight {
namespace {

constexpr size_t kMaxText = 20000;      // characters of text a step may carry (bytes, UTF-8)
constexpr size_t kMaxAttachments = 20;  // files per step
constexpr size_t kMaxDuties = 20;       // persons held to account in one disposal

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string StringField(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<Duty> DutyFromJson(const Json& j, size_t index) {
  const std::string where = "第 " + std::to_string(index + 1) + " 项责任";
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, where + "应为对象");
  Duty d;
  auto kind = kDutyKinds.Parse(StringField(j, "kind"));
  if (!kind) {
    return Err(ErrorCode::kInvalidArgument, where + "的类别应为 " + kDutyKinds.Choices() +
                                                "，现为“" + StringField(j, "kind") + "”");
  }
  d.kind = *kind;
  d.person = StringField(j, "person");
  d.unit = StringField(j, "unit");
  d.role = StringField(j, "role");
  d.measure = StringField(j, "measure");
  if (d.person.empty()) return Err(ErrorCode::kInvalidArgument, where + "须写明责任人");
  if (d.measure.empty()) {
    return Err(ErrorCode::kInvalidArgument, where + "须写明对责任人采取的措施（如“不予追究”）");
  }
  return d;
}

std::string StatusName(WarningStatus s) { return std::string(kStatuses.Label(s)); }

tl::unexpected<Error> Refuse(ErrorCode code, std::string message) {
  return Err(code, std::move(message));
}

}  // namespace

Json ActorToJson(const Actor& a) {
  return {{"login", a.login},
          {"name", a.name},
          {"person", a.person},
          {"role", a.system ? "system" : std::string(access::kRoleCodes.Label(a.role))}};
}

Json AttachmentToJson(const Attachment& a) {
  return {{"name", a.name}, {"type", a.type}, {"size", a.size}, {"sha256", a.sha256}};
}

Result<Attachment> AttachmentFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "附件应为对象");
  Attachment a;
  a.name = StringField(j, "name");
  a.type = StringField(j, "type");
  a.sha256 = StringField(j, "sha256");
  if (auto s = j.find("size"); s != j.end() && s->is_number_unsigned()) a.size = s->get<uint64_t>();
  if (a.name.empty() || a.name.size() > 255 || a.name.find('/') != std::string::npos) {
    return Err(ErrorCode::kInvalidArgument, "附件须有文件名（不超过 255 字节，不含“/”）");
  }
  if (!IsHex64(a.sha256)) {
    return Err(ErrorCode::kInvalidArgument, "附件“" + a.name + "”的 sha256 应为 64 位小写十六进制");
  }
  return a;
}

Json DutyToJson(const Duty& d) {
  return {{"kind", kDutyKinds.Label(d.kind)},
          {"person", d.person},
          {"unit", d.unit},
          {"role", d.role},
          {"measure", d.measure}};
}

Json StepToJson(const Step& s) {
  Json j = {{"action", kStepCodes.Label(s.action)}, {"text", s.text}};
  Json files = Json::array();
  for (const auto& a : s.attachments) files.push_back(AttachmentToJson(a));
  j["attachments"] = std::move(files);
  if (s.deadline) j["deadline"] = s.deadline->ToString();
  if (s.measure) j["measure"] = kMeasures.Label(*s.measure);
  if (!s.duties.empty()) {
    Json duties = Json::array();
    for (const auto& d : s.duties) duties.push_back(DutyToJson(d));
    j["duties"] = std::move(duties);
  }
  return j;
}

Result<Step> StepFromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  Step s;
  const std::string action = StringField(j, "action");
  auto parsed = kStepCodes.Parse(action);
  if (!parsed || *parsed == StepAction::kEscalate) {
    return Err(ErrorCode::kInvalidArgument,
               "action 应为 explain、rectify、return、dispose、dismiss、close 或 reopen，现为“" +
                   action + "”");
  }
  s.action = *parsed;
  s.text = StringField(j, "text");
  if (s.text.size() > kMaxText) {
    return Err(ErrorCode::kInvalidArgument,
               "文字过长（最多 " + std::to_string(kMaxText) + " 字节）");
  }
  if (auto it = j.find("attachments"); it != j.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > kMaxAttachments) {
      return Err(ErrorCode::kInvalidArgument,
                 "attachments 应为数组，最多 " + std::to_string(kMaxAttachments) + " 个附件");
    }
    for (const auto& a : *it) {
      DL_ASSIGN_OR_RETURN(Attachment file, AttachmentFromJson(a));
      s.attachments.push_back(std::move(file));
    }
  }
  if (const std::string d = StringField(j, "deadline"); !d.empty()) {
    auto date = Date::Parse(d);
    if (!date) return Err(ErrorCode::kInvalidArgument, "期限“" + d + "”不是 YYYY-MM-DD 形式的日期");
    s.deadline = *date;
  }
  if (const std::string m = StringField(j, "measure"); !m.empty()) {
    auto measure = kMeasures.Parse(m);
    if (!measure) {
      return Err(ErrorCode::kInvalidArgument,
                 "处置方式应为 " + kMeasures.Choices() + " 之一，现为“" + m + "”");
    }
    s.measure = *measure;
  }
  if (auto it = j.find("duties"); it != j.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > kMaxDuties) {
      return Err(ErrorCode::kInvalidArgument,
                 "duties 应为数组，最多 " + std::to_string(kMaxDuties) + " 项");
    }
    for (size_t i = 0; i < it->size(); ++i) {
      DL_ASSIGN_OR_RETURN(Duty d, DutyFromJson((*it)[i], i));
      s.duties.push_back(std::move(d));
    }
  }
  return s;
}

bool AnswersFor(const Actor& a, const Life& life) {
  if (a.system || !a.scope) return false;
  return (a.role == access::Role::kUnitAdmin || a.role == access::Role::kLeader) &&
         a.scope->Contains(life.unit);
}

bool SupervisesFor(const Actor& a, const Life& life) {
  if (a.system || !a.scope || a.role != access::Role::kInspector) return false;
  // A unit without a supervising unit is supervised by any inspector whose scope has it.
  return a.scope->Contains(life.supervisor.empty() ? life.unit : life.supervisor);
}

bool EntersCheck(const Actor& a, const std::string& kind, const std::string& unit) {
  if (a.system || !a.scope || !a.scope->Contains(unit)) return false;
  if (kind == "自查") return a.role == access::Role::kUnitAdmin || a.role == access::Role::kLeader;
  return kind == "检查" && a.role == access::Role::kInspector;
}

Status CheckStep(const Life& life, const Step& step, const Actor& actor, Date today) {
  const WarningStatus s = life.status;
  const std::string name(kStepNames.Label(step.action));
  auto wrong_status = [&] {
    return Refuse(ErrorCode::kConflict, "预警当前状态为“" + StatusName(s) + "”，不能" + name);
  };
  auto unit_side = [&]() -> Status {
    if (!AnswersFor(actor, life)) {
      return Refuse(ErrorCode::kPermissionDenied,
                    name + "应由被预警单位的单位管理员或领导提交；" + actor.name + "无权提交");
    }
    return Ok();
  };
  auto supervisor_side = [&]() -> Status {
    if (!SupervisesFor(actor, life)) {
      return Refuse(ErrorCode::kPermissionDenied, name + "应由负责监督的纪检监察人员作出；" +
                                                      actor.name + "不是该预警当前的监督责任方");
    }
    return Ok();
  };
  auto need_text = [&](const char* what) -> Status {
    if (step.text.empty()) return Refuse(ErrorCode::kInvalidArgument, std::string("须填写") + what);
    return Ok();
  };
  switch (step.action) {
    case StepAction::kExplain:
    case StepAction::kRectify:
      DL_RETURN_IF_ERROR(unit_side());
      if (s != WarningStatus::kOpen && s != WarningStatus::kDisposed) return wrong_status();
      if (s == WarningStatus::kDisposed && step.action != StepAction::kRectify) {
        return Refuse(ErrorCode::kConflict, "预警已处置，单位只能提交整改报告");
      }
      return need_text(step.action == StepAction::kExplain ? "情况说明" : "整改情况");
    case StepAction::kReturn:
      DL_RETURN_IF_ERROR(supervisor_side());
      if (s != WarningStatus::kReview) return wrong_status();
      return need_text("退回理由");
    case StepAction::kDispose: {
      DL_RETURN_IF_ERROR(supervisor_side());
      if (s != WarningStatus::kOpen && s != WarningStatus::kReview) return wrong_status();
      if (!step.measure) {
        return Refuse(ErrorCode::kInvalidArgument, "须选择处置方式：" + kMeasures.Choices());
      }
      DL_RETURN_IF_ERROR(need_text("处置意见"));
      if (NeedsDeadline(*step.measure)) {
        if (!step.deadline) {
          return Refuse(ErrorCode::kInvalidArgument,
                        std::string(kMeasures.Label(*step.measure)) + "须规定完成期限");
        }
        if (*step.deadline < today) {
          return Refuse(ErrorCode::kInvalidArgument,
                        "完成期限 " + step.deadline->ToString() + " 已经过去");
        }
      }
      const bool principal = std::any_of(step.duties.begin(), step.duties.end(), [](const Duty& d) {
        return d.kind == DutyKind::kPrincipal;
      });
      const bool supervisory =
          std::any_of(step.duties.begin(), step.duties.end(),
                      [](const Duty& d) { return d.kind == DutyKind::kSupervisory; });
      if (!principal || !supervisory) {
        return Refuse(
            ErrorCode::kInvalidArgument,
            "一案双查：处置须同时写明主体责任（单位主要负责人、分管领导）和监督责任的责任人及措施");
      }
      return Ok();
    }
    case StepAction::kDismiss:
      DL_RETURN_IF_ERROR(supervisor_side());
      if (s != WarningStatus::kOpen && s != WarningStatus::kReview) return wrong_status();
      return need_text("不予处置的理由（如误报的原因）");
    case StepAction::kClose:
      DL_RETURN_IF_ERROR(supervisor_side());
      if (s != WarningStatus::kDisposed) return wrong_status();
      return need_text("办结意见（处置落实情况）");
    case StepAction::kReopen:
      DL_RETURN_IF_ERROR(supervisor_side());
      if (s != WarningStatus::kClosed) return wrong_status();
      return need_text("重新打开的理由");
    case StepAction::kEscalate:
      if (!actor.system) return Refuse(ErrorCode::kPermissionDenied, "逾期升级只由系统执行");
      if (s == WarningStatus::kClosed) return wrong_status();
      return Ok();
  }
  return Refuse(ErrorCode::kInternal, "unknown step");
}

WarningStatus StatusAfter(const Life& life, const Step& step) {
  switch (step.action) {
    case StepAction::kExplain:
    case StepAction::kRectify:
      // A rectification report after a disposal waits for the supervisor to close.
      return life.status == WarningStatus::kDisposed ? WarningStatus::kDisposed
                                                     : WarningStatus::kReview;
    case StepAction::kReturn:
    case StepAction::kReopen:
      return WarningStatus::kOpen;
    case StepAction::kDispose:
      return WarningStatus::kDisposed;
    case StepAction::kDismiss:
    case StepAction::kClose:
      return WarningStatus::kClosed;
    case StepAction::kEscalate:
      return life.status;
  }
  return life.status;
}

std::vector<StepAction> AllowedSteps(const Life& life, const Actor& actor) {
  std::vector<StepAction> out;
  const bool unit = AnswersFor(actor, life), sup = SupervisesFor(actor, life);
  switch (life.status) {
    case WarningStatus::kOpen:
      if (unit) out = {StepAction::kExplain, StepAction::kRectify};
      if (sup) out.insert(out.end(), {StepAction::kDispose, StepAction::kDismiss});
      break;
    case WarningStatus::kReview:
      if (sup) out = {StepAction::kDispose, StepAction::kReturn, StepAction::kDismiss};
      break;
    case WarningStatus::kDisposed:
      if (unit) out = {StepAction::kRectify};
      if (sup) out.push_back(StepAction::kClose);
      break;
    case WarningStatus::kClosed:
      if (sup) out = {StepAction::kReopen};
      break;
  }
  return out;
}

monitor::Level Raised(monitor::Level level) {
  return level == monitor::Level::kNotice ? monitor::Level::kYellow : monitor::Level::kRed;
}

}  // namespace dl::oversight
