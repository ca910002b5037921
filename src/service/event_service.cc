#include "service/event_service.h"

#include <cstdio>

namespace dl::service {

bool EventImportReport::ok() const { return !io::HasErrors(problems); }

Json EventImportReport::ToJson() const {
  Json problem_list = Json::array();
  for (const auto& p : problems) problem_list.push_back(io::ToJson(p));
  return {{"ok", ok()},
          {"dry_run", dry_run},
          {"records", read.records},
          {"cases_opened", cases.cases_opened},
          {"events", cases.events},
          {"duplicates", cases.duplicates},
          {"unknown_power", cases.unknown_power},
          {"deviations", cases.deviations},
          {"examples", cases.examples},
          {"warnings", cases.warnings},
          {"deadline_unknown", cases.deadline_unknown},
          {"entries", entries},
          {"first_seq", first_seq},
          {"last_seq", last_seq},
          {"problems", std::move(problem_list)}};
}

std::string EventImportReport::ToText() const {
  std::string t;
  for (const auto& p : problems) t += io::Describe(p) + "\n";
  t += "读取 " + std::to_string(read.records) + " 条记录，" + std::to_string(read.cases) +
       " 个办件：新受理 " + std::to_string(cases.cases_opened) + " 个，事件 " +
       std::to_string(cases.events) + " 个";
  if (cases.duplicates) t += "（重复事件 " + std::to_string(cases.duplicates) + " 个，已跳过）";
  t += "。\n";
  if (cases.unknown_power) {
    t += std::to_string(cases.unknown_power) + " 个办件的权力不在清单中（法无授权即禁止）。\n";
  }
  size_t deviating = 0;
  for (const auto& [kind, n] : cases.deviations) {
    t += "  " + kind + "：" + std::to_string(n) + " 次\n";
    deviating += n;
  }
  if (deviating == 0 && cases.events > 0) t += "所有事件均符合流程。\n";
  size_t warned = 0;
  for (const auto& [rule, n] : cases.warnings) warned += n;
  if (warned) {
    t += "监察规则发出预警 " + std::to_string(warned) + " 条：";
    bool first = true;
    for (const auto& [rule, n] : cases.warnings) {
      t += (first ? "" : "，") + rule + " " + std::to_string(n);
      first = false;
    }
    t += "（daylight warnings 查看）\n";
  }
  for (const auto& e : cases.examples) t += "  例：" + e + "\n";
  if (cases.deadline_unknown) {
    t += std::to_string(cases.deadline_unknown) +
         " 个办理时限无法按工作日历计算（日历缺少相应年份的数据），这些环节和办件不检查超期；"
         "请在 <数据库>.calendar.toml 中补上（见 docs/calendar.md）。\n";
  }
  if (!ok()) return t + "有错误，未写入任何内容。\n";
  if (dry_run) return t + "试运行：未写入任何内容。\n";
  if (entries == 0) return t + "没有新事件，未写入。\n";
  return t + "已写入 " + std::to_string(entries) + " 条留痕记录（第 " + std::to_string(first_seq) +
         "–" + std::to_string(last_seq) + " 条）。\n";
}

Result<EventImportReport> ImportEventFile(writer::Writer& writer, const std::string& actor,
                                          const std::string& path,
                                          const io::EventReadOptions& options, bool dry_run) {
  DL_ASSIGN_OR_RETURN(io::EventRead read, io::ReadEventFile(path, options));
  EventImportReport report;
  report.read = read.counts;
  report.problems = std::move(read.problems);
  report.dry_run = dry_run;
  if (!report.ok()) return report;
  writer::Submission sub{actor, {}, dry_run};
  sub.commands.emplace_back(std::in_place_type<writer::RecordEvents>, std::move(read.events));
  auto receipt = writer.Submit(std::move(sub));
  if (!receipt) {
    if (receipt.error().code != ErrorCode::kInvalidArgument) return Err(receipt.error());
    for (const auto& issue : IssuesFromJson(receipt.error().details)) {
      report.problems.push_back(
          {Issue::Severity::kError, {path, "", 0, "", issue.field}, issue.message});
    }
    return report;
  }
  report.cases = std::move(receipt->cases);
  if (!dry_run) {
    report.entries = receipt->entries;
    report.first_seq = receipt->first_seq;
    report.last_seq = receipt->last_seq;
  }
  return report;
}

}  // namespace dl::service
