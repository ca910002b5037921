// Online handling (在线办理): a person working in Daylight opens a case, takes its steps,
// decides, suspends and resumes its clock, and closes it. Each operation builds the same
// engine::Event an external system would send (source "daylight", a random event id, occurred
// = recorded = the clock's now) and submits it to the writer as one guided submission
// (writer::RecordEvents::guided): a step off the flow, by someone who does not hold the node's
// post that day, or opening a case of a power not in force is refused with the rule's message
// and nothing is written; every other rule judges the event as any event and its findings
// come back as warnings.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "base/result.h"
#include "engine/event.h"
#include "store/store.h"
#include "writer/writer.h"

namespace dl::service {

// The source system of the events online handling produces.
inline constexpr const char* kHandlingSource = "daylight";

// Opening a case.
struct OpenRequest {
  std::string power;   // power code (required)
  std::string person;  // who receives the case (required): the opening event's actor
  std::string applicant;
  // The applicant's phone for 办件查询 on the portal; only a hash of its last four digits with
  // the case id is kept (engine::TrackingCheck). May be empty.
  std::string applicant_phone;
  std::string counterparty;
  std::optional<double> amount;      // 金额, yuan; not negative
  Json attributes = Json::object();  // further case values (flat: text, number or boolean)
  std::string case_id;               // empty: a new readable id (see HandlingService::Open)
};

// Values a completed step may carry (a gateway after the step reads them).
struct StepValues {
  std::optional<double> amount;
  std::string decision;  // e.g. "同意", "退回"
  std::string reason;
  Json attributes = Json::object();
};

// A decision taken at a node: judged by the discretion and collective-decision rules.
struct Decision {
  std::string decision;                 // required, e.g. "准予许可", "罚款"
  std::optional<double> decided_value;  // e.g. the fine, against the discretion benchmark
  std::string grade;   // 裁量情节 轻微 / 一般 / 较重 / 严重; empty if none
  std::string reason;  // a written reason (lowers a discretion warning)
  std::optional<engine::MeetingRecord> meeting;  // a collective decision's record
};

// What an operation did.
struct Handled {
  std::string case_id;
  std::vector<engine::Event> events;  // the events recorded, in order
  uint64_t first_seq = 0;             // the ledger entries written (events and warnings)
  uint64_t last_seq = 0;
  std::map<std::string, size_t> warnings;  // rule id → warnings raised (Receipt.cases.warnings)
  std::vector<store::WarningRow> raised;   // those warnings as stored, oldest first
  Json ToJson() const;
};

// A case as recorded: its events, where it stands, and the warnings about it.
struct CaseView {
  std::string case_id;
  std::string power;
  int version = 0;  // the power version it runs against; 0 when the power is unknown
  std::string power_name;
  std::string unit;  // the unit the case belongs to (its power's unit when it opened)
  bool closed = false;
  bool suspended = false;
  bool can_close = false;  // every branch of the flow has reached its end
  struct RecordedEvent {
    uint64_t seq = 0;   // the case.event ledger entry
    std::string actor;  // who submitted it (the entry's actor)
    engine::Event event;
    Json deviations = Json::array();  // as recorded: [{"kind","nodes","message"}]
  };
  std::vector<RecordedEvent> events;  // oldest first
  struct NextStep {
    std::string node, name, post;  // post: the node's post code (may be empty)
  };
  std::vector<NextStep> next;                     // the steps that may come next without deviation
  std::map<std::string, std::string> node_names;  // the flow's nodes: code → name
  std::shared_ptr<const catalog::Power> definition;  // the version it runs against; may be null
  std::vector<store::WarningRow> warnings;           // oldest first
  Json ToJson() const;
  std::string ToText() const;
};

// Random bytes as lower-case hex (2 characters a byte). The default uses libsodium.
using RandomHex = std::function<std::string(size_t bytes)>;
std::string SystemRandomHex(size_t bytes);

struct HandlingOptions {
  std::string actor = "daylight:handling";  // who submits (the ledger entries' actor)
  RandomHex random;                         // null: SystemRandomHex
};

// Not thread-safe by itself (cheap to make one per request); the writer and store it uses are.
class HandlingService {
 public:
  // `writer`, `store` and `clock` must outlive the service.
  HandlingService(writer::Writer& writer, store::Store& store, const Clock& clock,
                  HandlingOptions options = {});

  // Opens a case (an `opened` event, actor = request.person). Without a case id, makes one
  // "<power>-<yyyymmdd>-<6 hex>" (the day in China Standard Time) not yet recorded.
  Result<Handled> Open(const OpenRequest& request);
  // Starts a step (a `started` event).
  Result<Handled> Start(const std::string& case_id, const std::string& node,
                        const std::string& person);
  // Completes a step (a `completed` event); with start_first, a `started` event before it in
  // the same submission.
  Result<Handled> Step(const std::string& case_id, const std::string& node,
                       const std::string& person, const StepValues& values = {},
                       bool start_first = false);
  // Completes a step with a decision.
  Result<Handled> Decide(const std::string& case_id, const std::string& node,
                         const std::string& person, const Decision& decision);
  // Stops the case's clock (补正材料, 听证 …); the reason is required.
  Result<Handled> Suspend(const std::string& case_id, const std::string& person,
                          const std::string& reason);
  Result<Handled> Resume(const std::string& case_id, const std::string& person);
  // Closes the case (办结), with its outcome when given.
  Result<Handled> Close(const std::string& case_id, const std::string& person,
                        const std::string& decision = "");

  // Every operation returns: invalid_argument with a Chinese message for bad input (checked
  // before submitting: empty case, node or person, a suspension without a reason, a step of a
  // case never opened or already closed …); the writer's invalid_argument (its message, and
  // details holding the issues, IssuesFromJson) when the event is refused; another error when
  // the store or the writer fails.

 private:
  engine::Event NewEvent(engine::EventType type, const std::string& case_id,
                         const std::string& person);
  Result<Handled> Submit(std::vector<engine::Event> events);
  // invalid_argument unless the case was opened and is not closed; `want` is the state a
  // suspension or resumption needs (nullopt: either).
  Status CheckOpen(const std::string& case_id, std::optional<bool> want_suspended = std::nullopt);
  Result<std::string> NewCaseId(const std::string& power);

  writer::Writer& writer_;
  store::Store& store_;
  const Clock& clock_;
  HandlingOptions options_;
};

// The case as recorded: its events replayed against its power version give where it stands
// and what may come next. not_found when no event of the case is recorded.
Result<CaseView> ViewCase(store::Store& store, const std::string& case_id);

}  // namespace dl::service
