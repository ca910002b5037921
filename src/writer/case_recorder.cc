#include "writer/case_recorder.h"

namespace dl::writer {
namespace {

constexpr size_t kExamples = 20;

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

void RecordCaseEvents(engine::CaseEngine& engine, const std::vector<engine::Event>& events,
                      const std::string& actor, Instant now, uint64_t next_seq,
                      std::vector<store::Record>& records, std::vector<Issue>& issues,
                      CaseTally& tally) {
  for (const engine::Event& e : events) {
    auto applied = engine.Apply(e);
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
    ledger::Entry entry;
    entry.seq = next_seq + records.size();
    entry.kind = kCaseEventKind;
    entry.subject = "case:" + e.case_id;
    entry.actor = actor;
    entry.time = now;
    entry.payload = CaseEventPayload(e, c, applied->verdict);
    std::string text = CanonicalJson(entry.payload);
    entry.leaf_hash = entry.LeafHashWith(text);
    records.push_back({std::move(entry), std::nullopt, std::move(text)});
  }
}

Status RebuildCases(store::Store& store, engine::CaseEngine& engine) {
  constexpr size_t kChunk = 10000;
  DL_ASSIGN_OR_RETURN(uint64_t size, store.LedgerSize());
  for (uint64_t first = 1; first <= size; first += kChunk) {
    DL_ASSIGN_OR_RETURN(auto raw, store.ReadRawEntries(first, kChunk));
    for (size_t i = 0; i < raw.entries.size(); ++i) {
      if (raw.entries[i].kind != kCaseEventKind) continue;
      auto payload = ParseJson(raw.payload_texts[i], nullptr);
      if (!payload || !payload->contains("event")) {
        return Err(ErrorCode::kCorrupt, "账本第 " + std::to_string(raw.entries[i].seq) +
                                            " 条办件事件无法解析；请运行 daylight verify");
      }
      DL_ASSIGN_OR_RETURN(engine::Event e, engine::EventFromJson((*payload)["event"]));
      DL_RETURN_IF_ERROR(engine.Apply(e));
    }
  }
  engine.Commit();
  return Ok();
}

}  // namespace dl::writer
