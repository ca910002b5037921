// A small reader for Excel workbooks (.xlsx, Office Open XML): the sheets by name, in
// workbook order, and each sheet's cell values as text. Formatting, formulas and styles are
// not read; a formula cell gives its cached value. Built on libzip and pugixml, which stay
// private to this file's implementation.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace dl::io {

// 1 -> "A", 26 -> "Z", 27 -> "AA", 28 -> "AB". Empty for a column below 1.
std::string ColumnLetters(int column);
// "A" -> 1, "AB" -> 28 (lower case accepted). nullopt unless 1–3 letters within Excel's
// limit XFD (16384).
std::optional<int> ColumnIndex(std::string_view letters);
// "B12" -> {12, 2} (row, column; both 1-based). "$B$12" is accepted. nullopt if malformed.
std::optional<std::pair<int, int>> ParseCellRef(std::string_view ref);

struct XlsxCell {
  enum class Type { kString, kNumber, kBoolean, kError };
  Type type = Type::kString;
  // The value as text: strings as stored; numbers as written in the file ("3", "45658",
  // "0.5"); booleans "TRUE" / "FALSE"; errors as Excel shows them ("#N/A").
  std::string text;
};

// One worksheet's cells. Empty cells (no value, or an empty string) are not stored.
class XlsxSheet {
 public:
  XlsxSheet() = default;
  explicit XlsxSheet(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  // The cell at (row, column), both 1-based; nullptr if empty.
  const XlsxCell* Find(int row, int column) const;
  // The cell's text; empty if the cell is empty.
  std::string_view Text(int row, int column) const;
  // Rows that hold at least one non-empty cell, ascending; empty rows are skipped.
  std::vector<int> Rows() const;
  // The non-empty cells of one row by column; empty if the row is empty.
  const std::map<int, XlsxCell>& Row(int row) const;
  // The highest row / column holding a value; 0 for an empty sheet.
  int LastRow() const;
  int LastColumn() const;
  bool empty() const { return cells_.empty(); }

  // Stores a value (used by the reader and by tests); an empty text is ignored.
  void Set(int row, int column, XlsxCell cell);

 private:
  std::string name_;
  std::map<int, std::map<int, XlsxCell>> cells_;  // row -> column -> cell
};

// An open workbook. Not thread-safe; move-only. The file stays open until destruction.
class XlsxReader {
 public:
  // Opens the file and reads its sheet list and shared strings. Errors (Chinese, naming the
  // file): kNotFound if it does not exist, kIo if it cannot be read, kInvalidArgument if it
  // is not a zip archive (e.g. an old .xls or a CSV) or holds no workbook.
  static Result<XlsxReader> Open(const std::string& path);

  XlsxReader(XlsxReader&&) noexcept;
  XlsxReader& operator=(XlsxReader&&) noexcept;
  ~XlsxReader();

  const std::string& path() const;
  // Worksheet names in workbook order (as the tabs appear), hidden sheets included.
  const std::vector<std::string>& SheetNames() const;
  bool HasSheet(std::string_view name) const;
  // Reads one sheet. kNotFound if no sheet has that name; kInvalidArgument if its part is
  // missing or is not well-formed XML.
  Result<XlsxSheet> ReadSheet(std::string_view name) const;

 private:
  struct Impl;
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dl::io
