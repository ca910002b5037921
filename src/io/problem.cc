#include "io/problem.h"

namespace dl::io {

std::string Describe(const Problem& p) {
  std::string s = p.severity == Issue::Severity::kError ? "错误 " : "警告 ";
  s += p.where.file;
  if (!p.where.sheet.empty()) s += " 工作表“" + p.where.sheet + "”";
  if (p.where.row > 0) s += " 第 " + std::to_string(p.where.row) + " 行";
  if (!p.where.column.empty()) {
    s += p.where.sheet.empty() ? " " + p.where.column : " " + p.where.column + " 列";
  }
  if (!p.where.field.empty()) s += " [" + p.where.field + "]";
  s += ": " + p.message;
  return s;
}

Json ToJson(const Problem& p) {
  Json j = {{"severity", p.severity == Issue::Severity::kError ? "error" : "warning"},
            {"file", p.where.file},
            {"message", p.message}};
  if (!p.where.sheet.empty()) j["sheet"] = p.where.sheet;
  if (p.where.row > 0) j["row"] = p.where.row;
  if (!p.where.column.empty()) j["column"] = p.where.column;
  if (!p.where.field.empty()) j["field"] = p.where.field;
  return j;
}

bool HasErrors(const std::vector<Problem>& problems) {
  for (const auto& p : problems) {
    if (p.severity == Issue::Severity::kError) return true;
  }
  return false;
}

}  // namespace dl::io

namespace dl::io {

void SourceMap::Add(const Ref& ref, Location where) {
  entries_.emplace_back(ref, std::move(where));
}

void SourceMap::AddColumn(const std::string& sheet, const std::string& field,
                          const std::string& column) {
  columns_.emplace_back(sheet, field, column);
}

Location SourceMap::Locate(const Issue& issue) const {
  Location loc;
  loc.file = file_;
  const Location* found = nullptr;
  Ref entity_only{issue.ref.entity, issue.ref.code, "", ""};
  for (const auto& [ref, where] : entries_) {
    if (ref == issue.ref) {
      found = &where;
      break;
    }
  }
  if (!found) {
    for (const auto& [ref, where] : entries_) {
      if (ref == entity_only) {
        found = &where;
        break;
      }
    }
  }
  if (found) loc = *found;
  if (loc.file.empty()) loc.file = file_;
  loc.field = issue.field;
  for (const auto& [sheet, field, column] : columns_) {
    if (sheet == loc.sheet && field == issue.field) {
      loc.column = loc.sheet.empty() ? loc.column + column : column;
      break;
    }
  }
  return loc;
}

Problem SourceMap::ToProblem(const Issue& issue) const {
  return Problem{issue.severity, Locate(issue), issue.message};
}

}  // namespace dl::io
