// Warnings after they are raised, through the writer (预警处置, docs/disposal.md). A step in a
// warning's life becomes one ledger entry
//   kind "warning.step", subject "warning:<seq of the warning>",
//   payload {"warning", "action", "from", "to", "by": {"login", "name", "person", "role"},
//            "text", "attachments", "deadline"?, "measure"?, "duties"?,
//            "level", "supervisor", "due", "escalations"}
// ("level" … "escalations": where the warning stands after the step, so the projection needs
// nothing else). A hand-entered warning is a warning.raise entry (oversight/manual.h).
// Writer thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "assess/assess.h"
#include "base/issue.h"
#include "oversight/book.h"
#include "oversight/exception.h"
#include "oversight/lifecycle.h"
#include "oversight/manual.h"
#include "store/store.h"
#include "writer/case_recorder.h"

namespace dl::writer {

// One step in a warning's life, taken by a person (docs/disposal.md). `files` hold the bytes
// of the step's attachments (each attachment's sha256 must be among them).
struct TakeStep {
  uint64_t warning = 0;
  oversight::Step step;
  oversight::Actor actor;
  std::vector<store::Blob> files;
};

// A warning entered by hand by an inspector whose scope holds the unit.
struct RaiseWarning {
  oversight::ManualWarning warning;
  oversight::Actor actor;
  std::vector<store::Blob> files;
};

// 例外: an exception granted by an inspector supervising the unit (oversight/exception.h).
struct GrantException {
  oversight::Exception exception;  // id and from are set by the writer
  oversight::Actor actor;
};

// Revokes an exception in force before its end (撤销), with a reason.
struct RevokeException {
  uint64_t id = 0;
  std::string reason;
  oversight::Actor actor;
};

// A 自查 entry (by the unit's administrator or a leader of it) or a 检查 entry (by an
// inspector whose scope holds the unit) of the assessment. The service has checked it
// against the scheme (assess::ValidateCheckEntry) and names the indicator and its weight,
// which the entry records as they were.
struct EnterCheck {
  assess::CheckEntry entry;
  std::string indicator_name;
  double weight = 0;
  oversight::Actor actor;
};

// Where a stored warning stands.
oversight::Life LifeOf(const store::WarningRow& row);

// Validates the step against where the warning stands (oversight::CheckStep) and appends its
// entry; a refusal becomes an error issue with the reason.
void RecordStep(const CaseWork& work, store::Store& store, const TakeStep& take,
                const std::string& actor, Instant now, uint64_t base_seq,
                std::vector<store::Record>& records, std::vector<Issue>& issues);

// Validates the warning (references, the actor's scope, recorded cases) and appends it.
void RecordManualWarning(const CaseWork& work, store::Store& store, const RaiseWarning& raise,
                         const std::string& actor, Instant now, uint64_t base_seq,
                         std::vector<store::Record>& records, std::vector<Issue>& issues);

// Escalates every warning whose due time has come by `now`: its level rises one step, it goes
// to the next supervising unit (the supervisor's own supervisor, up the unit tree; it stays
// when there is none), and a new due time starts.
void RecordEscalations(const CaseWork& work, Instant now, uint64_t base_seq,
                       std::vector<store::Record>& records, size_t& escalated);

// Validates the exception (the declared state, the actor's side) and appends its
// exception.grant entry; it is in force from then on (the book).
void RecordGrant(const CaseWork& work, const GrantException& grant, const std::string& actor,
                 Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                 std::vector<Issue>& issues);
// Ends an exception in force (exception.end, 已撤销); refused when it is not in force or the
// actor does not supervise its unit.
void RecordRevoke(const CaseWork& work, const RevokeException& revoke, const std::string& actor,
                  Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                  std::vector<Issue>& issues);
// Every exception whose end has passed by `now` lapses: a warning (exception-lapsed, 提醒)
// takes it back to review, then an exception.end entry (已到期) names that warning.
void RecordLapses(const CaseWork& work, Instant now, uint64_t base_seq,
                  std::vector<store::Record>& records);
// Appends a check.enter entry {"kind", "unit", "period", "indicator", "indicator_name",
// "weight", "deduction", "reason", "date", "by"} after checking the unit and the actor's side.
void RecordCheck(const CaseWork& work, const EnterCheck& enter, const std::string& actor,
                 Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                 std::vector<Issue>& issues);

// At start: the warnings not closed, the yellow cards within the repetition period and the
// exceptions in force.
Status LoadBook(store::Store& store, oversight::Book& book, Instant now);

}  // namespace dl::writer
