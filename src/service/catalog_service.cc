#include "service/catalog_service.h"

#include "io/catalog_file.h"

namespace dl::service {

Json ImportReport::ToJson() const {
  Json problems_json = Json::array();
  size_t errors = 0, warnings = 0;
  for (const auto& p : problems) {
    problems_json.push_back(io::ToJson(p));
    (p.severity == Issue::Severity::kError ? errors : warnings)++;
  }
  return {{"dry_run", dry_run},     {"applied", applied},       {"entries", entries},
          {"first_seq", first_seq}, {"last_seq", last_seq},     {"errors", errors},
          {"warnings", warnings},   {"problems", problems_json}};
}

Result<ImportReport> ImportCatalogFile(writer::Writer& writer, const std::string& path,
                                       const std::string& actor, bool dry_run,
                                       const Progress& progress, const Admit& admit,
                                       const std::string& display_name) {
  auto step = [&](const char* stage) {
    if (progress) progress(stage);
  };
  auto finish = [&](ImportReport r) {
    if (!display_name.empty()) {
      for (auto& p : r.problems) {
        if (p.where.file == path) p.where.file = display_name;
      }
    }
    return r;
  };
  step("读取文件");
  DL_ASSIGN_OR_RETURN(io::CatalogRead read, io::ReadCatalogFile(path));
  if (admit) DL_RETURN_IF_ERROR(admit(read.catalog));
  ImportReport report;
  report.dry_run = dry_run;
  report.problems = read.problems;
  const bool unreadable_rows = io::HasErrors(read.problems);

  // Validate through the writer even when some rows failed to parse, so the person sees
  // every problem at once; such a run is always a dry run.
  step("校验");
  writer::Submission sub;
  sub.actor = actor;
  sub.dry_run = dry_run || unreadable_rows;
  sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, std::move(read.catalog));
  if (!sub.dry_run) step("写入");
  auto result = writer.Submit(std::move(sub));
  if (!result) {
    if (result.error().code != ErrorCode::kInvalidArgument) return Err(result.error());
    for (const auto& issue : IssuesFromJson(result.error().details)) {
      report.problems.push_back(read.sources.ToProblem(issue));
    }
    return finish(std::move(report));
  }
  for (const auto& w : result->warnings) report.problems.push_back(read.sources.ToProblem(w));
  report.entries = result->entries;
  report.first_seq = result->first_seq;
  report.last_seq = result->last_seq;
  report.applied = !result->dry_run;
  return finish(std::move(report));
}

}  // namespace dl::service
