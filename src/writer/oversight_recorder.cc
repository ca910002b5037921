#include "writer/oversight_recorder.h"

#include <algorithm>

#include "base/sha256.h"
#include "writer/writer.h"

namespace dl::writer {
namespace {

Issue Refused(uint64_t warning, std::string message) {
  return Issue{Issue::Severity::kError,
               {"warning", warning ? std::to_string(warning) : "", "", ""},
               "预警",
               std::move(message)};
}

// Checks that every attachment comes with its bytes, and hands back the blobs to store.
bool BlobsFor(const std::vector<oversight::Attachment>& attachments,
              const std::vector<store::Blob>& files, uint64_t warning, std::vector<Issue>& issues,
              std::vector<store::Blob>& out) {
  for (const auto& a : attachments) {
    auto it = std::find_if(files.begin(), files.end(),
                           [&](const store::Blob& b) { return b.sha256 == a.sha256; });
    if (it == files.end() || ToHex(Sha256(it->data)) != a.sha256 || it->data.size() != a.size) {
      issues.push_back(Refused(warning, "附件“" + a.name + "”的内容与其 sha256 或大小不符"));
      return false;
    }
    out.push_back(*it);
  }
  return true;
}

// The supervising unit above `current`: its own supervisor, else the nearest ancestor's; the
// same unit when there is none.
std::string NextSupervisor(const catalog::Catalog& c, const std::string& current) {
  std::string unit = current;
  for (int guard = 0; guard < 64 && !unit.empty(); ++guard) {
    auto it = c.units.find(unit);
    if (it == c.units.end()) break;
    if (!it->second.supervisor.empty() && it->second.supervisor != current) {
      return it->second.supervisor;
    }
    unit = it->second.parent;
  }
  return current;
}

void AppendStep(const CaseWork& work, const oversight::Life& before, const oversight::Life& after,
                Json step_json, const oversight::Actor& by, const std::string& actor, Instant now,
                uint64_t base_seq, std::vector<store::Record>& records,
                std::vector<store::Blob> blobs) {
  Json payload = std::move(step_json);
  payload["warning"] = before.seq;
  payload["from"] = oversight::kStatuses.Label(before.status);
  payload["to"] = oversight::kStatuses.Label(after.status);
  payload["by"] = oversight::ActorToJson(by);
  payload["level"] = monitor::kLevels.Label(after.level);
  payload["supervisor"] = after.supervisor;
  payload["due"] = after.due ? FormatInstant(*after.due) : std::string();
  payload["escalations"] = after.escalations;
  std::string text;
  const uint64_t seq = base_seq + records.size();
  ledger::Entry e =
      Stamp(std::string(store::kWarningStepKind), "warning:" + std::to_string(before.seq), actor,
            now, seq, std::move(payload), text);
  records.push_back({std::move(e), std::nullopt, std::move(text), std::move(blobs)});
  work.book.Put(after);
}

}  // namespace

oversight::Life LifeOf(const store::WarningRow& row) {
  oversight::Life life;
  life.seq = row.seq;
  life.rule = row.rule;
  life.level = monitor::kLevels.Parse(row.level).value_or(monitor::Level::kNotice);
  life.unit = row.unit;
  life.supervisor = row.supervisor;
  life.status = oversight::kStatuses.Parse(row.status).value_or(oversight::WarningStatus::kOpen);
  if (!row.due.empty()) life.due = ParseInstant(row.due);
  life.escalations = static_cast<int>(row.escalations);
  return life;
}

void RecordStep(const CaseWork& work, store::Store& store, const TakeStep& take,
                const std::string& actor, Instant now, uint64_t base_seq,
                std::vector<store::Record>& records, std::vector<Issue>& issues) {
  oversight::Life before;
  if (const oversight::Life* held = work.book.Find(take.warning)) {
    before = *held;
  } else {
    auto row = store.WarningBySeq(take.warning);
    if (!row) {
      issues.push_back(Refused(take.warning, "读取预警失败：" + row.error().message));
      return;
    }
    if (!*row) {
      issues.push_back(Refused(take.warning, "预警 " + std::to_string(take.warning) + " 不存在"));
      return;
    }
    before = LifeOf(**row);
  }
  const Date today = work.calendar.LocalDate(now);
  if (auto ok = oversight::CheckStep(before, take.step, take.actor, today); !ok) {
    issues.push_back(Refused(take.warning, ok.error().message));
    return;
  }
  std::vector<store::Blob> blobs;
  if (!BlobsFor(take.step.attachments, take.files, take.warning, issues, blobs)) return;
  oversight::Life after = before;
  after.status = oversight::StatusAfter(before, take.step);
  if (take.step.action == oversight::StepAction::kDispose && take.step.deadline) {
    after.due = work.calendar.StartOfDay(take.step.deadline->AddDays(1));  // the end of that day
  } else {
    after.due = work.book.DueFor(after.status, after.level, now);
  }
  AppendStep(work, before, after, oversight::StepToJson(take.step), take.actor, actor, now,
             base_seq, records, std::move(blobs));
}

void RecordManualWarning(const CaseWork& work, store::Store& store, const RaiseWarning& raise,
                         const std::string& actor, Instant now, uint64_t base_seq,
                         std::vector<store::Record>& records, std::vector<Issue>& issues) {
  const oversight::ManualWarning& w = raise.warning;
  const oversight::Actor& by = raise.actor;
  if (by.role != access::Role::kInspector || !by.scope || !by.scope->Contains(w.unit)) {
    issues.push_back(
        Refused(0, "只有监督该单位的纪检监察人员可以录入预警；" + by.name + "无权录入"));
    return;
  }
  std::vector<Issue> problems = oversight::ValidateManualWarning(w, work.declared);
  for (const auto& id : w.cases) {
    auto known = store.CaseRecorded(id);
    if (!known || !*known) {
      problems.push_back(Refused(0, "办件“" + id + "”没有记录"));
    }
  }
  if (!problems.empty()) {
    issues.insert(issues.end(), problems.begin(), problems.end());
    return;
  }
  std::vector<store::Blob> blobs;
  if (!BlobsFor(w.attachments, raise.files, 0, issues, blobs)) return;
  std::string supervisor;
  if (auto u = work.declared.units.find(w.unit); u != work.declared.units.end()) {
    supervisor = u->second.supervisor;
  }
  AppendWarning(work, oversight::ManualWarningPayload(w, supervisor, by, now), actor, now, base_seq,
                records, std::move(blobs));
}

void RecordEscalations(const CaseWork& work, Instant now, uint64_t base_seq,
                       std::vector<store::Record>& records, size_t& escalated) {
  oversight::Actor system;
  system.login = kMonitorActor;
  system.name = "系统";
  system.system = true;
  oversight::Step step;
  step.action = oversight::StepAction::kEscalate;
  for (uint64_t seq : work.book.DueBy(now)) {
    const oversight::Life* held = work.book.Find(seq);
    if (!held) continue;
    const oversight::Life before = *held;
    oversight::Life after = before;
    after.level = oversight::Raised(before.level);
    after.supervisor = NextSupervisor(work.declared, before.supervisor);
    after.escalations = before.escalations + 1;
    after.due = work.book.DueFor(after.status, after.level, now);
    Json j = oversight::StepToJson(step);
    j["text"] = "逾期未" +
                std::string(before.status == oversight::WarningStatus::kReview     ? "审核"
                            : before.status == oversight::WarningStatus::kDisposed ? "落实处置"
                                                                                   : "说明或整改") +
                "（期限 " + (before.due ? FormatInstant(*before.due) : std::string()) +
                "），升级为" + std::string(monitor::kLevels.Label(after.level)) +
                (after.supervisor != before.supervisor ? "，转上一级监督单位" : "");
    AppendStep(work, before, after, std::move(j), system, kMonitorActor, now, base_seq, records,
               {});
    ++escalated;
  }
}

namespace {

Issue ExceptionRefused(uint64_t id, std::string message) {
  return Issue{Issue::Severity::kError,
               {"exception", id ? std::to_string(id) : "", "", ""},
               "例外",
               std::move(message)};
}

uint64_t AppendEntry(std::string_view kind, std::string subject, Json payload,
                     const std::string& actor, Instant now, uint64_t base_seq,
                     std::vector<store::Record>& records) {
  std::string text;
  const uint64_t seq = base_seq + records.size();
  ledger::Entry e =
      Stamp(std::string(kind), std::move(subject), actor, now, seq, std::move(payload), text);
  records.push_back({std::move(e), std::nullopt, std::move(text), {}});
  return seq;
}

}  // namespace

void RecordGrant(const CaseWork& work, const GrantException& grant, const std::string& actor,
                 Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                 std::vector<Issue>& issues) {
  oversight::Exception e = grant.exception;
  if (!oversight::GrantsFor(grant.actor, work.declared, e.unit)) {
    issues.push_back(ExceptionRefused(
        0, "只有监督该单位的纪检监察人员可以设立例外；" + grant.actor.name + "无权设立"));
    return;
  }
  e.from = work.calendar.LocalDate(now);
  std::vector<Issue> problems = oversight::ValidateException(e, work.declared, e.from);
  if (!problems.empty()) {
    issues.insert(issues.end(), problems.begin(), problems.end());
    return;
  }
  e.id = base_seq + records.size();
  Json payload = oversight::ExceptionPayload(e);
  payload["by"] = oversight::ActorToJson(grant.actor);
  AppendEntry(store::kExceptionGrantKind, "exception:" + std::to_string(e.id), std::move(payload),
              actor, now, base_seq, records);
  work.book.PutException(e);
}

void RecordRevoke(const CaseWork& work, const RevokeException& revoke, const std::string& actor,
                  Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                  std::vector<Issue>& issues) {
  const oversight::Exception* e = work.book.FindException(revoke.id);
  if (!e) {
    issues.push_back(ExceptionRefused(
        revoke.id, "例外 " + std::to_string(revoke.id) + " 不存在或已结束（已撤销或已到期）"));
    return;
  }
  if (!oversight::GrantsFor(revoke.actor, work.declared, e->unit)) {
    issues.push_back(ExceptionRefused(
        revoke.id, "只有监督该单位的纪检监察人员可以撤销例外；" + revoke.actor.name + "无权撤销"));
    return;
  }
  if (revoke.reason.empty()) {
    issues.push_back(ExceptionRefused(revoke.id, "撤销例外须写明理由"));
    return;
  }
  AppendEntry(store::kExceptionEndKind, "exception:" + std::to_string(revoke.id),
              {{"exception", revoke.id},
               {"status", oversight::kExceptionRevoked},
               {"reason", revoke.reason},
               {"by", oversight::ActorToJson(revoke.actor)}},
              actor, now, base_seq, records);
  work.book.EndException(revoke.id);
}

void RecordLapses(const CaseWork& work, Instant now, uint64_t base_seq,
                  std::vector<store::Record>& records) {
  for (uint64_t id : work.book.LapsedBy(now)) {
    const oversight::Exception e = *work.book.FindException(id);
    const Instant at = work.book.LapseAt(e);
    const uint64_t warning = AppendWarning(work, oversight::LapsePayload(e, work.declared, at),
                                           kMonitorActor, now, base_seq, records);
    AppendEntry(store::kExceptionEndKind, "exception:" + std::to_string(id),
                {{"exception", id},
                 {"status", oversight::kExceptionLapsed},
                 {"reason", "期满自动到期，回到审核"},
                 {"warning", warning}},
                kMonitorActor, now, base_seq, records);
    work.book.EndException(id);
  }
}

void RecordCheck(const CaseWork& work, const EnterCheck& enter, const std::string& actor,
                 Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                 std::vector<Issue>& issues) {
  const assess::CheckEntry& c = enter.entry;
  const oversight::Actor& by = enter.actor;
  auto refuse = [&](std::string message) {
    issues.push_back(
        Issue{Issue::Severity::kError, {"check", c.unit, "", ""}, "考核", std::move(message)});
  };
  if (!work.declared.units.contains(c.unit)) return refuse("单位“" + c.unit + "”不存在");
  if (c.kind != "自查" && c.kind != "检查") {
    return refuse("类型应为 自查 或 检查，现为“" + c.kind + "”");
  }
  if (!oversight::EntersCheck(by, c.kind, c.unit)) {
    return refuse(c.kind == "自查"
                      ? "自查只能由本单位的单位管理员或领导录入；" + by.name + "无权录入"
                      : "检查只能由监督该单位的纪检监察人员录入；" + by.name + "无权录入");
  }
  AppendEntry(store::kCheckKind, "check:" + c.unit,
              {{"kind", c.kind},
               {"unit", c.unit},
               {"period", c.period},
               {"indicator", c.indicator},
               {"indicator_name", enter.indicator_name},
               {"weight", enter.weight},
               {"deduction", c.deduction},
               {"reason", c.reason},
               {"date", c.date},
               {"by", oversight::ActorToJson(by)}},
              actor, now, base_seq, records);
}

Status LoadBook(store::Store& store, oversight::Book& book, Instant now) {
  DL_ASSIGN_OR_RETURN(auto exceptions, store.ActiveExceptions());
  for (const auto& row : exceptions) {
    DL_ASSIGN_OR_RETURN(oversight::Exception e, oversight::ExceptionFromPayload(row.seq, row.body));
    book.PutException(e);
  }
  DL_ASSIGN_OR_RETURN(auto active, store.ActiveWarnings());
  for (const auto& row : active) book.Put(LifeOf(row));
  const auto window = std::chrono::days(book.params().repeat_yellow_days);
  DL_ASSIGN_OR_RETURN(auto yellows, store.YellowsSince(FormatInstant(now - window)));
  for (const auto& row : yellows) {
    if (auto raised = ParseInstant(row.raised)) book.NoteYellow(row.unit, row.rule, *raised);
  }
  book.Commit();
  return Ok();
}

}  // namespace dl::writer
