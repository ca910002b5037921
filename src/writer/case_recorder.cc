#include "writer/case_recorder.h"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "monitor/overdue.h"

namespace dl::writer {
namespace {

constexpr size_t kExamples = 20;

// The power's status on `day`: the last dated change on or before it, else in use.
std::optional<catalog::PowerStatus> StatusOn(const catalog::Catalog& declared,
                                             const std::string& code, Date day) {
  auto it = declared.powers.find(code);
  if (it == declared.powers.end()) return std::nullopt;
  catalog::PowerStatus status = catalog::PowerStatus::kActive;
  for (const auto& change : it->second.history) {
    if (change.date <= day) status = change.status;
  }
  return status;
}

monitor::CaseView ViewOf(const engine::NamePool& names, const engine::OpenCase& c) {
  monitor::CaseView v;
  v.id = c.id;
  v.power = c.power;
  v.unit = c.unit();
  v.opened = c.opened;
  v.applicant = c.applicant;
  v.counterparty = c.values.counterparty;
  v.values = &c.values;
  v.steps.reserve(c.steps.size());
  for (const auto& s : c.steps) {
    v.steps.push_back({std::string(engine::kEventTypes.Label(s.type)), names[s.node],
                       names[s.actor], s.occurred});
  }
  return v;
}

// The findings of the rules on one recorded event. With `failed`, the custom rules run too,
// and each that fails now (and is thereby disabled) adds "<rule id> <reason>" to it.
std::vector<monitor::Finding> Judge(const CaseWork& work, const engine::Event& e,
                                    const engine::OpenCase& c, const engine::Verdict& verdict,
                                    std::vector<std::string>* failed = nullptr) {
  const monitor::CaseView view = ViewOf(work.engine.names(), c);
  const Date day = ChinaDate(e.occurred);
  monitor::EventContext ctx{e,
                            view,
                            work.declared,
                            c.definition.get(),
                            c.definition ? StatusOn(work.declared, c.power, day) : std::nullopt,
                            c.flow ? &verdict : nullptr,
                            day};
  std::vector<monitor::Finding> out = monitor::CheckEvent(ctx, work.params);
  auto more = work.windows.Observe(ctx);
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  if (!failed) return out;
  for (const auto& rule : work.custom) {
    if (rule->disabled()) continue;
    auto found = rule->Check(e, view);
    if (!found) {
      failed->push_back(rule->id() + " " + found.error().message);
      continue;
    }
    out.insert(out.end(), std::make_move_iterator(found->begin()),
               std::make_move_iterator(found->end()));
  }
  return out;
}

// The case.event record of an applied event: its payload written as canonical text, hashed,
// and the cases row the store projects from it.
store::Record CaseEventRecord(const engine::Event& e, const engine::OpenCase& c,
                              const engine::Verdict& verdict, const std::string& actor, Instant now,
                              uint64_t seq) {
  store::Record r;
  r.entry.seq = seq;
  r.entry.kind = kCaseEventKind;
  r.entry.subject = "case:" + e.case_id;
  r.entry.actor = actor;
  r.entry.time = now;
  r.payload_text = CaseEventPayloadText(e, c, verdict);
  r.entry.leaf_hash = r.entry.LeafHashWith(r.payload_text);
  r.case_row = store::CaseEventRow{.case_id = e.case_id,
                                   .power = c.power,
                                   .unit = c.unit(),
                                   .version = c.version,
                                   .occurred = FormatInstant(e.occurred),
                                   .closes = e.type == engine::EventType::kClosed,
                                   .deviations = static_cast<int64_t>(verdict.deviations.size()),
                                   .tracking = e.tracking_check};
  return r;
}

}  // namespace

ledger::Entry Stamp(std::string kind, std::string subject, const std::string& actor, Instant now,
                    uint64_t seq, Json payload, std::string& text) {
  ledger::Entry entry;
  entry.seq = seq;
  entry.kind = std::move(kind);
  entry.subject = std::move(subject);
  entry.actor = actor;
  entry.time = now;
  entry.payload = std::move(payload);
  text = CanonicalJson(entry.payload);
  entry.leaf_hash = entry.LeafHashWith(text);
  return entry;
}

uint64_t AppendWarning(const CaseWork& work, Json payload, const std::string& actor,
                       Instant entry_time, uint64_t base_seq, std::vector<store::Record>& records,
                       std::vector<store::Blob> blobs) {
  const uint64_t seq = base_seq + records.size();
  if (const oversight::Exception* e = work.book.Covering(payload, work.declared, entry_time)) {
    // An exception in force stands in for the warning: the finding is kept with it.
    std::string text;
    ledger::Entry c =
        Stamp(std::string(store::kExceptionCoverKind), "exception:" + std::to_string(e->id), actor,
              entry_time, seq, {{"exception", e->id}, {"warning", std::move(payload)}}, text);
    records.push_back({std::move(c), std::nullopt, std::move(text), {}});
    return 0;
  }
  work.book.Raise(payload, seq, entry_time);
  std::string text;
  ledger::Entry w = Stamp(kWarningKind, "warning:" + std::to_string(seq), actor, entry_time, seq,
                          std::move(payload), text);
  records.push_back({std::move(w), std::nullopt, std::move(text), std::move(blobs)});
  return seq;
}

namespace {

// A warning's payload; `person` is the finding's, else the given one.
Json WarningPayload(const monitor::Finding& f, const std::string& person, const engine::OpenCase& c,
                    const catalog::Catalog& declared, Json evidence, Instant raised) {
  const auto* info = monitor::FindRule(f.rule);
  std::string supervisor;
  if (auto u = declared.units.find(c.unit()); u != declared.units.end()) {
    supervisor = u->second.supervisor;
  }
  return {{"rule", f.rule},
          {"rule_name", info ? std::string(info->name) : f.rule},
          {"level", monitor::kLevels.Label(f.level)},
          {"message", f.message},
          {"case", c.id},
          {"power", c.power},
          {"unit", c.unit()},
          {"supervisor", supervisor},
          {"person", f.person.empty() ? person : f.person},
          {"evidence", std::move(evidence)},
          {"raised", FormatInstant(raised)}};
}

// Appends the warning entry of one deadline stage of `clock`.
void RecordOverdue(const CaseWork& work, const engine::OpenCase& c, const engine::CaseClock& clock,
                   monitor::DeadlineStage stage, Instant now, std::optional<uint64_t> shown_by,
                   const std::string& actor, Instant entry_time, uint64_t base_seq,
                   std::vector<store::Record>& records, CaseTally& tally) {
  monitor::Finding f = monitor::OverdueFinding(c, work.engine.names(), clock, stage, now,
                                               work.calendar, work.params);
  ++tally.warnings[f.rule];
  Json evidence = Json::array();
  if (clock.since_seq != 0) evidence.push_back(clock.since_seq);
  if (shown_by) evidence.push_back(*shown_by);
  Json payload = WarningPayload(f, "", c, work.declared, std::move(evidence),
                                clock.at[static_cast<size_t>(stage)]);
  payload["deadline"] = monitor::DeadlinePayload(c, clock, stage);
  AppendWarning(work, std::move(payload), actor, entry_time, base_seq, records);
}

// Schedules the case's unscheduled clocks; a deadline the calendar cannot compute is counted
// and, the first time in a submission, reported as a warning issue.
void Schedule(const CaseWork& work, engine::OpenCase& c, std::vector<Issue>* issues,
              CaseTally& tally) {
  Status s = monitor::ScheduleClocks(c, work.calendar, work.params);
  if (s) return;
  if (++tally.deadline_unknown == 1 && issues) {
    issues->push_back(Issue{
        Issue::Severity::kWarning,
        {"case", c.id, "", ""},
        "时限",
        "无法计算办件 " + c.id + " 的办理期限，超期规则不检查这类办件：" + s.error().message});
  }
}

// True when `e` ends the work `clock` times: the step's completion, or the case's close.
bool Finishes(const engine::Event& e, const engine::OpenCase& c, const engine::CaseClock& clock) {
  if (e.type == engine::EventType::kClosed) return true;
  return clock.node != engine::kNoNode && e.type == engine::EventType::kCompleted && c.flow &&
         c.flow->Code(clock.node) == e.node;
}

}  // namespace

std::string CaseEventPayloadText(const engine::Event& event, const engine::OpenCase& c,
                                 const engine::Verdict& verdict) {
  std::string out;
  out.reserve(512);
  // Keys in byte order: case, deviations, event; within them as CanonicalJson sorts them.
  out += "{\"case\":{\"power\":";
  AppendJsonString(out, c.power);
  out += ",\"unit\":";
  AppendJsonString(out, c.unit());
  out += ",\"version\":";
  out += std::to_string(c.version);
  out += "},\"deviations\":[";
  for (size_t i = 0; i < verdict.deviations.size(); ++i) {
    const engine::Deviation& d = verdict.deviations[i];
    out += i == 0 ? "{\"kind\":" : ",{\"kind\":";
    AppendJsonString(out, engine::kDeviationKinds.Label(d.kind));
    out += ",\"message\":";
    AppendJsonString(out, d.message);
    out += ",\"nodes\":[";
    for (size_t k = 0; k < d.nodes.size(); ++k) {
      if (k > 0) out.push_back(',');
      AppendJsonString(out, d.nodes[k]);
    }
    out += "]}";
  }
  out += "],\"event\":";
  out += engine::EventJsonText(event);
  out.push_back('}');
  return out;
}

// The rules whose findings refuse a guided event.
bool RefusesGuided(const std::string& rule) {
  using monitor::RuleId;
  for (RuleId id : {RuleId::kFlowDeviation, RuleId::kActorPost, RuleId::kPowerNotInForce}) {
    if (rule == monitor::InfoOf(id).code) return true;
  }
  return false;
}

// "可以办理的环节：“受理”、“审核”" for a refused guided step; empty when none is known.
std::string NextStepsText(const engine::OpenCase* c) {
  if (!c || !c->flow || c->closed) return "";
  std::string out;
  for (const std::string& code : engine::Conformance::EnabledSteps(*c->flow, c->state)) {
    const engine::NodeIndex n = c->flow->Find(code);
    out += (out.empty() ? "" : "、") + ("“" + c->flow->Name(n) + "”（" + code + "）");
  }
  return out.empty() ? "" : "；当前可以办理的环节：" + out;
}

void RecordCaseEvents(const CaseWork& work, const std::vector<engine::Event>& events, bool guided,
                      const std::function<Status(const std::string&)>& scope,
                      const std::string& actor, Instant now, uint64_t base_seq,
                      std::vector<store::Record>& records, std::vector<Issue>& issues,
                      CaseTally& tally) {
  for (const engine::Event& e : events) {
    // The clocks as they ran before this event: its time may show that stages have passed.
    std::vector<engine::CaseClock> before;
    std::string next_steps;  // for a refused guided step
    if (const engine::OpenCase* pre = work.engine.Find(e.case_id)) {
      before = pre->clocks;
      if (guided) next_steps = NextStepsText(pre);
    }
    if (guided && e.actor.empty()) {
      issues.push_back(Issue{Issue::Severity::kError,
                             {"event", e.source + "/" + e.external_id, "", ""},
                             "actor",
                             "在线办理必须写明办理人（人员编码）"});
      continue;
    }
    const uint64_t event_seq = base_seq + records.size();
    auto applied = work.engine.Apply(e, event_seq);
    // The case's unit, as recorded or as this event opens it, must be in the submitter's
    // reach — before anything about the case is told: an event refused by the case (whose
    // message names the case's own power), a duplicate, or a recorded one.
    const engine::OpenCase* reached = applied ? applied->case_ : work.engine.Find(e.case_id);
    if (scope && reached && !reached->unit().empty()) {
      if (Status in_scope = scope(reached->unit()); !in_scope) {
        tally.denied = in_scope.error();
        tally.denied->message =
            "第 " + std::to_string(&e - events.data() + 1) + " 个事件：" + tally.denied->message;
        issues.push_back(Issue{Issue::Severity::kError,
                               {"event", e.source + "/" + e.external_id, "", ""},
                               "单位",
                               in_scope.error().message});
        return;
      }
    }
    if (!applied) {
      issues.push_back(Issue{Issue::Severity::kError,
                             {"event", e.source + "/" + e.external_id, "", ""},
                             "事件",
                             applied.error().message});
      continue;
    }
    if (applied->duplicate) {
      ++tally.duplicates;
      work.touched.push_back(applied->case_->serial);  // a closed case loaded back leaves again
      continue;
    }
    const engine::OpenCase& c = *applied->case_;
    ++tally.events;
    if (applied->opened_now) {
      ++tally.cases_opened;
      if (c.version == 0) ++tally.unknown_power;
    }
    for (const auto& d : applied->verdict.deviations) {
      ++tally.deviations[std::string(engine::kDeviationKinds.Label(d.kind))];
      if (tally.examples.size() < kExamples) {
        tally.examples.push_back("办件 " + e.case_id + "：" + d.message);
      }
    }
    records.push_back(CaseEventRecord(e, c, applied->verdict, actor, now, event_seq));
    std::vector<std::string> failed_rules;
    for (const monitor::Finding& f : Judge(work, e, c, applied->verdict, &failed_rules)) {
      if (guided && RefusesGuided(f.rule)) {
        issues.push_back(
            Issue{Issue::Severity::kError,
                  {"event", e.source + "/" + e.external_id, "", ""},
                  "事件",
                  f.message + (f.rule == monitor::InfoOf(monitor::RuleId::kFlowDeviation).code
                                   ? next_steps
                                   : "")});
        continue;
      }
      ++tally.warnings[f.rule];
      AppendWarning(
          work, WarningPayload(f, e.actor, c, work.declared, Json::array({event_seq}), e.occurred),
          actor, now, base_seq, records);
    }
    // Deadline stages this event shows to have passed, then the clocks as they now run.
    engine::OpenCase& edited = *work.engine.Edit(e.case_id);
    for (engine::CaseClock& k : before) {
      auto stage = monitor::TakeDue(k, e.occurred, Finishes(e, c, k));
      if (!stage) continue;
      for (auto& now_k : edited.clocks) {
        if (now_k.node == k.node && now_k.since == k.since) now_k.reported |= k.reported;
      }
      RecordOverdue(work, edited, k, *stage, e.occurred, event_seq, actor, now, base_seq, records,
                    tally);
    }
    Schedule(work, edited, &issues, tally);
    work.touched.push_back(edited.serial);
    for (const std::string& reason : failed_rules) {
      const uint64_t seq = base_seq + records.size();
      std::string text;
      ledger::Entry a = Stamp("audit.rule-disabled", "rule:" + reason.substr(0, reason.find(' ')),
                              actor, now, seq, {{"reason", reason}, {"case", e.case_id}}, text);
      records.push_back({std::move(a), std::nullopt, std::move(text)});
    }
  }
}

void RecordDueDeadlines(const CaseWork& work, engine::DeadlineIndex& index,
                        const std::string& actor, Instant now, uint64_t base_seq,
                        std::vector<store::Record>& records, CaseTally& tally) {
  for (const auto& due : index.PopDue(now)) {
    const engine::OpenCase* found = work.engine.FindSerial(due.owner);
    if (!found || found->closed) continue;  // a deadline of a case since closed
    engine::OpenCase& c = *work.engine.Edit(found->id);
    work.touched.push_back(c.serial);
    Schedule(work, c, nullptr, tally);
    for (engine::CaseClock& k : c.clocks) {
      if (auto stage = monitor::TakeDue(k, now, /*finishing=*/false)) {
        RecordOverdue(work, c, k, *stage, now, std::nullopt, actor, now, base_seq, records, tally);
      }
    }
  }
}

std::string OrganisationKey(const std::string& rule, const std::string& person,
                            const std::string& subject) {
  return rule + "|" + person + "|" + subject;
}

void RecordOrganisation(const CaseWork& work, Date day, Instant day_start,
                        const std::unordered_set<std::string>& seen, const std::string& actor,
                        Instant now, uint64_t base_seq, std::vector<store::Record>& records,
                        std::vector<std::string>& raised, CaseTally& tally) {
  std::vector<monitor::Finding> findings = monitor::CheckStaticSod(work.declared, day, work.params);
  for (auto& f : monitor::CheckRotation(work.declared, day, work.params)) {
    findings.push_back(std::move(f));
  }
  for (auto& f : monitor::CheckReviewOverdue(work.declared, day, work.params)) {
    findings.push_back(std::move(f));
  }
  for (const monitor::Finding& f : findings) {
    std::string key = OrganisationKey(f.rule, f.person, f.subject);
    if (seen.contains(key) || std::find(raised.begin(), raised.end(), key) != raised.end()) {
      continue;  // raised before: once per person and post (or pair of posts)
    }
    const auto* info = monitor::FindRule(f.rule);
    std::string supervisor;
    if (auto u = work.declared.units.find(f.unit); u != work.declared.units.end()) {
      supervisor = u->second.supervisor;
    }
    Json payload = {{"rule", f.rule},
                    {"rule_name", info ? std::string(info->name) : f.rule},
                    {"level", monitor::kLevels.Label(f.level)},
                    {"message", f.message},
                    {"case", ""},
                    {"power", f.power},
                    {"unit", f.unit},
                    {"supervisor", supervisor},
                    {"person", f.person},
                    {"evidence", Json::array()},
                    {"raised", FormatInstant(day_start)},
                    {"subject", f.subject}};
    ++tally.warnings[f.rule];
    AppendWarning(work, std::move(payload), actor, now, base_seq, records);
    raised.push_back(std::move(key));
  }
}

Result<std::unordered_set<std::string>> OrganisationRaised(store::Store& store) {
  DL_ASSIGN_OR_RETURN(
      auto entries,
      store.WarningEntries({std::string(monitor::InfoOf(monitor::RuleId::kSodStatic).code),
                            std::string(monitor::InfoOf(monitor::RuleId::kRotation).code),
                            std::string(monitor::InfoOf(monitor::RuleId::kReviewOverdue).code)},
                           /*open_cases_only=*/false));
  std::unordered_set<std::string> out;
  auto note = [&out](const Json& w) {
    out.insert(OrganisationKey(w.value("rule", std::string()), w.value("person", std::string()),
                               w.value("subject", std::string())));
  };
  for (const auto& e : entries) note(e.payload);
  // Findings an exception covered were judged too (once per rule, person and subject).
  DL_ASSIGN_OR_RETURN(auto covered, store.CoverEntries());
  for (const auto& e : covered) {
    if (auto w = e.payload.find("warning"); w != e.payload.end() && w->contains("subject"))
      note(*w);
  }
  return out;
}

void ScheduleDeadlines(const engine::CaseEngine& engine, const std::vector<uint64_t>& serials,
                       engine::DeadlineIndex& index) {
  for (uint64_t serial : serials) {
    const engine::OpenCase* c = engine.FindSerial(serial);
    if (!c || c->closed) continue;  // its entry, if any, is dropped when it comes due
    std::optional<Instant> next;
    for (const auto& k : c->clocks) {
      if (auto at = monitor::NextStage(k); at && (!next || *at < *next)) next = at;
    }
    if (next) {
      index.Set(serial, 0, *next);
    } else {
      index.Clear(serial, 0);
    }
  }
}

void ScheduleAllDeadlines(const engine::CaseEngine& engine, engine::DeadlineIndex& index) {
  std::vector<uint64_t> serials;
  engine.ForEach([&](const engine::OpenCase& c) {
    if (!c.closed) serials.push_back(c.serial);
  });
  ScheduleDeadlines(engine, serials, index);
}

namespace {

// The recorded events of one case with their ledger sequence numbers, oldest first.
Result<std::vector<std::pair<uint64_t, engine::Event>>> EventsOfCase(store::Store& store,
                                                                     const std::string& case_id) {
  DL_ASSIGN_OR_RETURN(auto entries, store.ReadEntriesBySubject("case:" + case_id));
  std::vector<std::pair<uint64_t, engine::Event>> out;
  for (const auto& entry : entries) {
    if (entry.kind != kCaseEventKind) continue;
    auto event = entry.payload.find("event");
    if (event == entry.payload.end()) {
      return Err(ErrorCode::kCorrupt, "账本第 " + std::to_string(entry.seq) +
                                          " 条办件事件无法解析；请运行 daylight verify");
    }
    DL_ASSIGN_OR_RETURN(engine::Event e, engine::EventFromJson(*event));
    out.emplace_back(entry.seq, std::move(e));
  }
  return out;
}

}  // namespace

Result<std::vector<engine::Event>> RecordedEvents(store::Store& store, const std::string& case_id) {
  DL_ASSIGN_OR_RETURN(auto events, EventsOfCase(store, case_id));
  std::vector<engine::Event> out;
  out.reserve(events.size());
  for (auto& [seq, e] : events) out.push_back(std::move(e));
  return out;
}

Status RebuildCases(store::Store& store, const CaseWork& work, Instant now) {
  const int days =
      std::max(work.params.splitting_window_days, work.params.concentration_period_days);
  const Instant since = now - std::chrono::hours(24) * days;
  DL_ASSIGN_OR_RETURN(auto ids, store.CasesToLoad(FormatInstant(since)));
  // Replay in ledger order across cases, so the windows see events as they were recorded.
  std::vector<std::pair<uint64_t, engine::Event>> events;
  for (const auto& id : ids) {
    DL_ASSIGN_OR_RETURN(auto of_case, EventsOfCase(store, id));
    std::move(of_case.begin(), of_case.end(), std::back_inserter(events));
  }
  std::sort(events.begin(), events.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [seq, e] : events) {
    DL_ASSIGN_OR_RETURN(engine::Applied applied, work.engine.Apply(e, seq));
    if (!applied.duplicate) (void)Judge(work, e, *applied.case_, applied.verdict);
  }
  // The deadline stages already reported, then the stages of every open clock.
  DL_ASSIGN_OR_RETURN(
      auto reported,
      store.WarningEntries({std::string(monitor::InfoOf(monitor::RuleId::kOverdueStep).code),
                            std::string(monitor::InfoOf(monitor::RuleId::kOverdueCase).code)},
                           /*open_cases_only=*/true));
  for (const auto& w : reported) {
    const std::string case_id = w.payload.value("case", std::string());
    if (engine::OpenCase* c = work.engine.Edit(case_id)) {
      monitor::ApplyReported(*c, w.payload.value("deadline", Json()));
    }
  }
  CaseTally tally;
  work.engine.EditEach([&](engine::OpenCase& c) {
    if (!c.closed) Schedule(work, c, nullptr, tally);
  });
  work.engine.Commit();
  work.windows.Commit();
  return Ok();
}

}  // namespace dl::writer
