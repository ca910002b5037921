// What the public sends, through the writer (阳光公开, docs/portal.md): a rating of a closed
// case, a complaint or report (which raises a hand-entered warning, source 信访举报, for the
// unit's supervising body in the same transaction), and information added to a complaint.
// The service has checked the challenge, the rate limits and the tracking check; the writer
// checks what depends on the recorded state. Writer thread only.
#pragma once

#include <string>
#include <vector>

#include "base/issue.h"
#include "portal/complaint.h"
#include "store/store.h"
#include "writer/case_recorder.h"

namespace dl::writer {

// 满意度评价: once per case, only when it is closed. Entry rating.put, subject
// "rating:<case>", payload {"case","unit","power","score","comment"}.
struct RateCase {
  std::string case_id;
  portal::Rating rating;
};

// A complaint: entry complaint.file (portal::ComplaintPayload, with "warning": the seq of the
// warning.raise entry that follows it), then that warning (提醒, source 信访举报, entered by
// "public", with "complaint": the filing's seq). The contact, if any, is stored apart under
// contact.sha256.
struct FileComplaint {
  portal::Complaint complaint;
  std::string code_hash;  // portal::CodeHash of the tracking code given to the submitter
  std::optional<store::Blob> contact;
};

// Information the submitter adds: entry complaint.add, subject "complaint:<id>", payload
// {"complaint","text"}.
struct AddToComplaint {
  std::string code_hash;
  std::string text;
};

// The ledger actor of what the public sends.
inline constexpr const char* kPublicActor = "public";

void RecordRating(store::Store& store, const RateCase& rate, Instant now, uint64_t base_seq,
                  std::vector<store::Record>& records, std::vector<Issue>& issues);
void RecordComplaint(const CaseWork& work, store::Store& store, const FileComplaint& file,
                     Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                     std::vector<Issue>& issues);
void RecordComplaintAddition(store::Store& store, const AddToComplaint& add, Instant now,
                             uint64_t base_seq, std::vector<store::Record>& records,
                             std::vector<Issue>& issues);

}  // namespace dl::writer
