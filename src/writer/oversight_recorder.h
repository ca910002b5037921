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

#include "base/issue.h"
#include "oversight/book.h"
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

// At start: the warnings not closed, and the yellow cards within the repetition period.
Status LoadBook(store::Store& store, oversight::Book& book, Instant now);

}  // namespace dl::writer
