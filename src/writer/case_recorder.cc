#include "writer/case_recorder.h"

#include <algorithm>
#include <chrono>
#include <iterator>

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

monitor::CaseView ViewOf(const engine::OpenCase& c) {
  monitor::CaseView v;
  v.id = c.id;
  v.power = c.power;
  v.unit = c.unit;
  v.opened = FormatInstant(c.opened);
  v.applicant = c.applicant;
  v.counterparty = c.counterparty;
  v.values = c.values;
  v.steps.reserve(c.steps.size());
  for (const auto& s : c.steps) {
    v.steps.push_back({std::string(engine::kEventTypes.Label(s.type)), s.node, s.actor,
                       FormatInstant(s.occurred)});
  }
  return v;
}

// The findings of the rules on one recorded event. With `failed`, the custom rules run too,
// and each that fails now (and is thereby disabled) adds "<rule id> <reason>" to it.
std::vector<monitor::Finding> Judge(const CaseWork& work, const engine::Event& e,
                                    const engine::OpenCase& c, const engine::Verdict& verdict,
                                    std::vector<std::string>* failed = nullptr) {
  const monitor::CaseView view = ViewOf(c);
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

Json WarningPayload(const monitor::Finding& f, const engine::Event& e, const engine::OpenCase& c,
                    const catalog::Catalog& declared, uint64_t evidence_seq) {
  const auto* info = monitor::FindRule(f.rule);
  std::string supervisor;
  if (auto u = declared.units.find(c.unit); u != declared.units.end()) {
    supervisor = u->second.supervisor;
  }
  return {{"rule", f.rule},
          {"rule_name", info ? std::string(info->name) : f.rule},
          {"level", monitor::kLevels.Label(f.level)},
          {"message", f.message},
          {"case", c.id},
          {"power", c.power},
          {"unit", c.unit},
          {"supervisor", supervisor},
          {"person", f.person.empty() ? e.actor : f.person},
          {"evidence", Json::array({evidence_seq})},
          {"raised", FormatInstant(e.occurred)}};
}

}  // namespace

Json CaseEventPayload(const engine::Event& event, const engine::OpenCase& c,
                      const engine::Verdict& verdict) {
  Json deviations = Json::array();
  for (const auto& d : verdict.deviations) {
    deviations.push_back({{"kind", engine::kDeviationKinds.Label(d.kind)},
                          {"nodes", d.nodes},
                          {"message", d.message}});
  }
  return {{"event", engine::EventToJson(event)},
          {"case", {{"power", c.power}, {"version", c.version}, {"unit", c.unit}}},
          {"deviations", std::move(deviations)}};
}

void RecordCaseEvents(const CaseWork& work, const std::vector<engine::Event>& events,
                      const std::string& actor, Instant now, uint64_t next_seq,
                      std::vector<store::Record>& records, std::vector<Issue>& issues,
                      CaseTally& tally) {
  for (const engine::Event& e : events) {
    auto applied = work.engine.Apply(e);
    if (!applied) {
      issues.push_back(Issue{Issue::Severity::kError,
                             {"event", e.source + "/" + e.external_id, "", ""},
                             "事件",
                             applied.error().message});
      continue;
    }
    if (applied->duplicate) {
      ++tally.duplicates;
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
    std::string text;
    const uint64_t event_seq = next_seq + records.size();
    ledger::Entry entry = Stamp(kCaseEventKind, "case:" + e.case_id, actor, now, event_seq,
                                CaseEventPayload(e, c, applied->verdict), text);
    records.push_back({std::move(entry), std::nullopt, std::move(text)});
    std::vector<std::string> failed_rules;
    for (const monitor::Finding& f : Judge(work, e, c, applied->verdict, &failed_rules)) {
      ++tally.warnings[f.rule];
      const uint64_t seq = next_seq + records.size();
      ledger::Entry w = Stamp(kWarningKind, "warning:" + std::to_string(seq), actor, now, seq,
                              WarningPayload(f, e, c, work.declared, event_seq), text);
      records.push_back({std::move(w), std::nullopt, std::move(text)});
    }
    for (const std::string& reason : failed_rules) {
      const uint64_t seq = next_seq + records.size();
      ledger::Entry a = Stamp("audit.rule-disabled", "rule:" + reason.substr(0, reason.find(' ')),
                              actor, now, seq, {{"reason", reason}, {"case", e.case_id}}, text);
      records.push_back({std::move(a), std::nullopt, std::move(text)});
    }
  }
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
    DL_ASSIGN_OR_RETURN(engine::Applied applied, work.engine.Apply(e));
    if (!applied.duplicate) (void)Judge(work, e, *applied.case_, applied.verdict);
  }
  work.engine.Commit();
  work.windows.Commit();
  return Ok();
}

}  // namespace dl::writer
