#include "service/event_service.h"

#include <chrono>
#include <cstdio>
#include <set>

#include "engine/case_engine.h"

namespace dl::service {
namespace {

constexpr size_t kExamples = 20;

// The day a case opened, in China Standard Time (UTC+8), for "the version in force".
Date LocalDay(Instant t) { return DateOf(t + std::chrono::hours(8)); }

engine::PowerLookup LookupIn(store::Store& store) {
  return [&store](const std::string& code, Instant opened) -> Result<engine::PinnedPower> {
    const Date day = LocalDay(opened);
    DL_ASSIGN_OR_RETURN(auto versions, store.PowerVersions(code));
    int version = 0;
    for (const auto& v : versions) {
      if (v.effective_from <= day) version = v.version;
    }
    DL_ASSIGN_OR_RETURN(catalog::Power power, store.PowerInForce(code, day));
    return engine::PinnedPower{version, std::make_shared<const catalog::Power>(std::move(power))};
  };
}

}  // namespace

bool EventPreview::ok() const { return !io::HasErrors(problems); }

Json EventPreview::ToJson() const {
  Json problem_list = Json::array();
  for (const auto& p : problems) problem_list.push_back(io::ToJson(p));
  return {{"ok", ok()},
          {"records", read.records},
          {"cases", cases},
          {"events", events},
          {"duplicates", duplicates},
          {"refused", refused},
          {"cases_without_power", cases_without_power},
          {"conforming_cases", conforming_cases},
          {"deviations", deviations},
          {"examples", examples},
          {"problems", std::move(problem_list)}};
}

std::string EventPreview::ToText() const {
  std::string t;
  for (const auto& p : problems) t += io::Describe(p) + "\n";
  t += "读取 " + std::to_string(read.records) + " 条记录：" + std::to_string(cases) + " 个办件、" +
       std::to_string(events) + " 个事件";
  if (duplicates) t += "（另有重复事件 " + std::to_string(duplicates) + " 个，只记一次）";
  if (refused) t += "，拒收 " + std::to_string(refused) + " 个";
  t += "。\n";
  if (cases_without_power) {
    t += std::to_string(cases_without_power) + " 个办件的权力不在清单中（法无授权即禁止）。\n";
  }
  if (cases) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f",
                  100.0 * static_cast<double>(conforming_cases) / static_cast<double>(cases));
    t += "符合流程的办件 " + std::to_string(conforming_cases) + " 个（" + pct + "%）。\n";
  }
  for (const auto& [kind, n] : deviations) t += "  " + kind + "：" + std::to_string(n) + " 次\n";
  for (const auto& e : examples) t += "  例：" + e + "\n";
  t += ok() ? "试运行：未写入任何内容。\n" : "有错误，未写入任何内容。\n";
  return t;
}

Result<EventPreview> PreviewEventFile(store::Store& store, const std::string& path,
                                      const io::EventReadOptions& options) {
  DL_ASSIGN_OR_RETURN(io::EventRead read, io::ReadEventFile(path, options));
  EventPreview out;
  out.read = read.counts;
  out.problems = std::move(read.problems);
  engine::CaseEngine engine(LookupIn(store));
  std::set<std::string> deviating;
  for (const engine::Event& e : read.events) {
    auto applied = engine.Apply(e);
    if (!applied) {
      ++out.refused;
      out.problems.push_back(
          {Issue::Severity::kError, {path, "", 0, "", "事件"}, applied.error().message});
      continue;
    }
    if (applied->duplicate) {
      ++out.duplicates;
      continue;
    }
    ++out.events;
    if (applied->opened_now && applied->case_->version == 0) ++out.cases_without_power;
    for (const auto& d : applied->verdict.deviations) {
      ++out.deviations[std::string(engine::kDeviationKinds.Label(d.kind))];
      deviating.insert(e.case_id);
      if (out.examples.size() < kExamples) {
        out.examples.push_back("办件 " + e.case_id + "：" + d.message);
      }
    }
  }
  out.cases = engine.open_cases();
  out.conforming_cases = out.cases - deviating.size();
  return out;
}

}  // namespace dl::service
