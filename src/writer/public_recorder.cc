#include "writer/public_recorder.h"

#include "oversight/manual.h"

namespace dl::writer {
namespace {

Issue Refused(const char* what, std::string message) {
  return Issue{Issue::Severity::kError, {what, "", "", ""}, "", std::move(message)};
}

uint64_t Append(std::string_view kind, std::string subject, Json payload, Instant now,
                uint64_t base_seq, std::vector<store::Record>& records,
                std::vector<store::Blob> blobs = {}) {
  std::string text;
  const uint64_t seq = base_seq + records.size();
  ledger::Entry e = Stamp(std::string(kind), std::move(subject), kPublicActor, now, seq,
                          std::move(payload), text);
  records.push_back({std::move(e), std::nullopt, std::move(text), std::move(blobs)});
  return seq;
}

// Whether the batch so far already holds an entry of `kind` about `subject`.
bool InBatch(const std::vector<store::Record>& records, std::string_view kind,
             const std::string& subject) {
  for (const auto& r : records) {
    if (r.entry.kind == kind && r.entry.subject == subject) return true;
  }
  return false;
}

}  // namespace

void RecordRating(store::Store& store, const RateCase& rate, Instant now, uint64_t base_seq,
                  std::vector<store::Record>& records, std::vector<Issue>& issues) {
  auto tracked = store.CaseForTracking(rate.case_id);
  if (!tracked) {
    issues.push_back(Refused("case", "读取办件失败：" + tracked.error().message));
    return;
  }
  if (!*tracked) {
    issues.push_back(Refused("case", "办件“" + rate.case_id + "”不存在"));
    return;
  }
  if ((*tracked)->closed.empty()) {
    issues.push_back(Refused("case", "办件尚未办结，办结后才能评价"));
    return;
  }
  const std::string subject = "rating:" + rate.case_id;
  auto rated = store.RatingOf(rate.case_id);
  if (!rated) {
    issues.push_back(Refused("case", "读取评价失败：" + rated.error().message));
    return;
  }
  if (*rated || InBatch(records, store::kRatingKind, subject)) {
    issues.push_back(Refused("case", "这件办件已经评价过了，每件只能评价一次"));
    return;
  }
  Append(store::kRatingKind, subject,
         {{"case", rate.case_id},
          {"unit", (*tracked)->unit},
          {"power", (*tracked)->power},
          {"score", rate.rating.score},
          {"comment", rate.rating.comment}},
         now, base_seq, records);
}

void RecordComplaint(const CaseWork& work, store::Store& store, const FileComplaint& file,
                     Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                     std::vector<Issue>& issues) {
  const portal::Complaint& c = file.complaint;
  std::vector<Issue> problems = portal::ValidateComplaint(c, work.declared);
  if (!problems.empty()) {
    issues.insert(issues.end(), problems.begin(), problems.end());
    return;
  }
  std::string supervisor;
  if (auto u = work.declared.units.find(c.unit); u != work.declared.units.end()) {
    supervisor = u->second.supervisor;
  }
  const uint64_t seq = base_seq + records.size();
  Json payload = portal::ComplaintPayload(c, supervisor, file.code_hash,
                                          file.contact ? file.contact->sha256 : std::string());
  payload["warning"] = seq + 1;
  std::vector<store::Blob> blobs;
  if (file.contact) blobs.push_back(*file.contact);
  Append(store::kComplaintKind, "complaint:" + std::to_string(seq), std::move(payload), now,
         base_seq, records, std::move(blobs));

  // The warning for the supervising body: a hand-entered one (never covered by an exception),
  // linked to the case when the case is recorded.
  oversight::ManualWarning w;
  w.source = oversight::Source::kPetition;
  w.level = monitor::Level::kNotice;
  w.unit = c.unit;
  w.message = portal::ComplaintWarningMessage(c);
  if (!c.case_id.empty()) {
    if (auto known = store.CaseRecorded(c.case_id); known && *known) w.cases.push_back(c.case_id);
  }
  if (!c.power.empty()) w.powers.push_back(c.power);
  oversight::Actor by;
  by.login = kPublicActor;
  by.name = "群众（阳光公开）";
  Json warning = oversight::ManualWarningPayload(w, supervisor, by, now);
  warning["entered_by"] = {{"login", kPublicActor}, {"name", by.name}, {"role", "public"}};
  warning["complaint"] = seq;
  AppendWarning(work, std::move(warning), kPublicActor, now, base_seq, records);
}

void RecordComplaintAddition(store::Store& store, const AddToComplaint& add, Instant now,
                             uint64_t base_seq, std::vector<store::Record>& records,
                             std::vector<Issue>& issues) {
  auto found = store.ComplaintByCode(add.code_hash);
  if (!found) {
    issues.push_back(Refused("complaint", "读取投诉失败：" + found.error().message));
    return;
  }
  if (!*found) {
    issues.push_back(Refused("complaint", "查询码不正确，没有找到对应的投诉举报"));
    return;
  }
  const uint64_t id = (*found)->seq;
  Append(store::kComplaintAddKind, "complaint:" + std::to_string(id),
         {{"complaint", id}, {"text", add.text}}, now, base_seq, records);
}

}  // namespace dl::writer
