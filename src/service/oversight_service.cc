#include "service/oversight_service.h"

#include <algorithm>

#include "base/sha256.h"

namespace dl::service {
namespace {

// The unit whose leadership answers for `unit`: itself or its nearest ancestor with a head
// post (a section's leaders are its bureau's).
std::string AnsweringUnit(const catalog::Catalog& c, std::string unit) {
  for (int guard = 0; guard < 64 && !unit.empty(); ++guard) {
    const bool has_head = std::any_of(c.posts.begin(), c.posts.end(), [&](const auto& p) {
      return p.second.unit == unit && p.second.head;
    });
    if (has_head) return unit;
    auto it = c.units.find(unit);
    if (it == c.units.end()) break;
    unit = it->second.parent;
  }
  return unit;
}

}  // namespace

Result<PreparedFiles> PrepareFiles(std::vector<UploadedFile> files) {
  PreparedFiles out;
  for (auto& f : files) {
    if (f.data.empty()) return Err(ErrorCode::kInvalidArgument, "附件“" + f.name + "”是空文件");
    if (f.data.size() > kMaxAttachmentBytes) {
      return Err(
          ErrorCode::kInvalidArgument,
          "附件“" + f.name + "”超过 " + std::to_string(kMaxAttachmentBytes / 1024 / 1024) + " MB");
    }
    oversight::Attachment a;
    a.name = f.name;
    a.type = f.type.empty() ? "application/octet-stream" : f.type;
    a.size = f.data.size();
    a.sha256 = ToHex(Sha256(f.data));
    // The same checks as a description read back from JSON (name shape).
    DL_ASSIGN_OR_RETURN(a, oversight::AttachmentFromJson(oversight::AttachmentToJson(a)));
    out.blobs.push_back({a.sha256, std::move(f.data)});
    out.attachments.push_back(std::move(a));
  }
  return out;
}

std::vector<DutyCandidate> DutyCandidates(const catalog::Catalog& c, const store::WarningRow& w,
                                          Date day) {
  std::map<std::string, std::string> holder;  // post → person on `day`
  for (const auto& [key, a] : c.assignments) {
    if (a.CoversDay(day) && !holder.contains(a.post)) holder[a.post] = a.person;
  }
  auto name = [&c](const std::string& person) {
    auto it = c.persons.find(person);
    return it == c.persons.end() ? person : it->second.name;
  };
  std::vector<DutyCandidate> out;
  auto leaders = [&](const std::string& unit, oversight::DutyKind kind, bool heads_only) {
    // Heads first, then the other leadership members.
    for (bool head : {true, false}) {
      if (!head && heads_only) break;
      for (const auto& [code, post] : c.posts) {
        if (post.unit != unit || !post.leadership || post.head != head) continue;
        auto h = holder.find(code);
        if (h == holder.end()) continue;
        const char* role = kind == oversight::DutyKind::kSupervisory ? "监督责任人"
                           : head                                    ? "主要负责人"
                                                                     : "分管领导";
        out.push_back(
            {kind, h->second, name(h->second), unit, role + std::string("（") + post.name + "）"});
      }
    }
  };
  leaders(AnsweringUnit(c, w.unit), oversight::DutyKind::kPrincipal, false);
  if (!w.supervisor.empty()) leaders(w.supervisor, oversight::DutyKind::kSupervisory, true);
  return out;
}

Result<uint64_t> OversightService::Raise(const std::string& ledger_actor,
                                         oversight::ManualWarning warning,
                                         const oversight::Actor& by,
                                         std::vector<UploadedFile> files) {
  DL_ASSIGN_OR_RETURN(PreparedFiles prepared, PrepareFiles(std::move(files)));
  warning.attachments = std::move(prepared.attachments);
  writer::Submission sub{ledger_actor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::RaiseWarning>, std::move(warning), by,
                            std::move(prepared.blobs));
  DL_ASSIGN_OR_RETURN(writer::Receipt receipt, writer_.Submit(std::move(sub)));
  return receipt.first_seq;
}

Result<store::WarningRow> OversightService::Step(const std::string& ledger_actor, uint64_t warning,
                                                 oversight::Step step, const oversight::Actor& by,
                                                 std::vector<UploadedFile> files) {
  DL_ASSIGN_OR_RETURN(auto row, store_.WarningBySeq(warning));
  if (!row) return Err(ErrorCode::kNotFound, "预警 " + std::to_string(warning) + " 不存在");
  // Checked here first for the refusal's own code; the writer checks again against the state
  // it holds, in order with every other change.
  DL_ASSIGN_OR_RETURN(PreparedFiles prepared, PrepareFiles(std::move(files)));
  step.attachments.insert(step.attachments.end(), prepared.attachments.begin(),
                          prepared.attachments.end());
  DL_RETURN_IF_ERROR(oversight::CheckStep(writer::LifeOf(*row), step, by, ChinaDate(clock_.Now())));
  writer::Submission sub{ledger_actor, {}, false};
  sub.commands.emplace_back(std::in_place_type<writer::TakeStep>, warning, std::move(step), by,
                            std::move(prepared.blobs));
  DL_RETURN_IF_ERROR(writer_.Submit(std::move(sub)));
  DL_ASSIGN_OR_RETURN(auto after, store_.WarningBySeq(warning));
  if (!after) return Err(ErrorCode::kInternal, "预警 " + std::to_string(warning) + " 读取失败");
  return *after;
}

}  // namespace dl::service
