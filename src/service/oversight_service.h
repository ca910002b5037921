// 预警处置 for the API and the CLI: hand-entered warnings, steps in a warning's life with their
// files, where a warning stands for a given account, and whom to hold to account (两责).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "oversight/lifecycle.h"
#include "oversight/manual.h"
#include "store/queries.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::service {

// A file as uploaded: its name, media type and bytes.
struct UploadedFile {
  std::string name;
  std::string type;
  std::string data;
};
inline constexpr size_t kMaxAttachmentBytes = 10 * 1024 * 1024;  // per file

// The descriptions (with SHA-256) the ledger keeps, and the bytes the store keeps;
// invalid_argument for an empty or too large file or a bad name.
struct PreparedFiles {
  std::vector<oversight::Attachment> attachments;
  std::vector<store::Blob> blobs;
};
Result<PreparedFiles> PrepareFiles(std::vector<UploadedFile> files);

// A person the disposal may hold to account, as the organisation stands on `day`.
struct DutyCandidate {
  oversight::DutyKind kind = oversight::DutyKind::kPrincipal;
  std::string person, name, unit, role;
};
// 主体责任: the head of the warning's unit (a section's: its unit's) and its other leadership
// members (分管领导); 监督责任: the head of the supervising unit now in charge.
std::vector<DutyCandidate> DutyCandidates(const catalog::Catalog& c, const store::WarningRow& w,
                                          Date day);

class OversightService {
 public:
  OversightService(writer::Writer& writer, store::Store& store, const Clock& clock)
      : writer_(writer), store_(store), clock_(clock) {}

  // Raises a hand-entered warning; returns its sequence number. `ledger_actor` names the
  // account in the ledger ("account:<login>").
  Result<uint64_t> Raise(const std::string& ledger_actor, oversight::ManualWarning warning,
                         const oversight::Actor& by, std::vector<UploadedFile> files);
  // Takes a step; returns the warning as it then stands. The refusals of the lifecycle come
  // back with their code (permission_denied, conflict, invalid_argument) and reason.
  Result<store::WarningRow> Step(const std::string& ledger_actor, uint64_t warning,
                                 oversight::Step step, const oversight::Actor& by,
                                 std::vector<UploadedFile> files);

 private:
  writer::Writer& writer_;
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace dl::service
