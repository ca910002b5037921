// Where in an input file a problem is, and what it is. Importers report every problem they
// find; nothing is imported while any error remains.
#pragma once

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "base/issue.h"
#include "base/json.h"

namespace dl::io {

struct Location {
  std::string file;    // path as given by the user
  std::string sheet;   // xlsx sheet name; empty for JSON
  int row = 0;         // 1-based row in the sheet (as Excel shows it); 0 if not applicable
  std::string column;  // column letter ("C") in xlsx; JSON path in JSON files
  std::string field;   // the field's name as the user knows it ("办理时限")
};

struct Problem {
  Issue::Severity severity = Issue::Severity::kError;
  Location where;
  std::string message;  // Chinese; what is wrong and what is expected
};

// "catalog.xlsx 权力清单 第 12 行 H 列 [办理时限]: 应为整数个工作日…"
std::string Describe(const Problem& p);
Json ToJson(const Problem& p);
bool HasErrors(const std::vector<Problem>& problems);

}  // namespace dl::io

namespace dl::io {

// Where each declared thing came from in an input file, so that findings about domain
// things (Issues) can be reported at a sheet, row and column.
class SourceMap {
 public:
  // Records where the thing named by `ref` was read (file, sheet, row; column empty).
  void Add(const Ref& ref, Location where);
  // Records the column letter (or JSON path suffix) of a field in a sheet.
  void AddColumn(const std::string& sheet, const std::string& field, const std::string& column);
  // The location of the issue's thing (falling back to its entity, then to the file alone),
  // with the column of the issue's field when known.
  Location Locate(const Issue& issue) const;
  Problem ToProblem(const Issue& issue) const;
  void set_file(std::string file) { file_ = std::move(file); }

 private:
  std::string file_;
  std::vector<std::pair<Ref, Location>> entries_;
  std::vector<std::tuple<std::string, std::string, std::string>> columns_;
};

}  // namespace dl::io
