// Writing the catalogue workbook (export and the blank template); reading is in
// xlsx_catalog.cc. The layout both follow is the table in xlsx_catalog.h.
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <variant>

#include "base/text.h"
#include "base/xlsx_text.h"
#include "io/xlsx_catalog.h"
#include "io/xlsx_reader.h"

namespace dl::io {
namespace {

using catalog::PowerRecord;

std::string Q(std::string_view s) { return "“" + std::string(s) + "”"; }

// The creation time stored in every workbook, so that output is deterministic.
constexpr time_t kFixedCreationTime = 946684800;  // 2000-01-01T00:00:00Z
constexpr lxw_row_t kLastRow = LXW_ROW_MAX - 1;

// One cell to write: empty, text, or a whole number.
using CellValue = std::variant<std::monostate, std::string, long long>;
// The cells of one row, one per layout column after 序号.
using RowValues = std::vector<CellValue>;

std::string YesNo(bool b) { return b ? "是" : "否"; }
CellValue DateCell(const std::optional<Date>& d) {
  return d ? CellValue(d->ToString()) : CellValue();
}
template <class E, size_t N>
std::string Word(const LabelTable<E, N>& table, E e) {
  return std::string(table.Label(e));
}

class WorkbookWriter {
 public:
  explicit WorkbookWriter(const std::string& path) : path_(path) {
    workbook_ = workbook_new(path.c_str());
    if (!workbook_) return;
    lxw_doc_properties properties{};
    properties.created = kFixedCreationTime;
    workbook_set_properties(workbook_, &properties);
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    text_ = workbook_add_format(workbook_);
    format_set_num_format(text_, "@");  // typed dates and codes stay text
    format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
    wrap_ = workbook_add_format(workbook_);
    format_set_num_format(wrap_, "@");
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    number_ = workbook_add_format(workbook_);
    format_set_align(number_, LXW_ALIGN_VERTICAL_TOP);
  }
  ~WorkbookWriter() {
    if (workbook_) workbook_close(workbook_);
  }
  WorkbookWriter(const WorkbookWriter&) = delete;
  WorkbookWriter& operator=(const WorkbookWriter&) = delete;

  // Adds a data sheet: header row, column formats and widths, drop-downs, then the rows.
  void WriteSheet(const SheetLayout& layout, const std::vector<RowValues>& rows);
  // Adds the 填写说明 sheet explaining every column of every data sheet.
  void WriteInstructions();
  Status Close();

 private:
  lxw_worksheet* AddSheet(std::string_view name);
  void Header(lxw_worksheet* ws, const std::vector<std::pair<std::string, double>>& columns);
  lxw_format* FormatOf(const ColumnLayout& c) const {
    if (c.kind == ColumnKind::kSerial || c.kind == ColumnKind::kFactor ||
        c.kind == ColumnKind::kInteger) {
      return number_;
    }
    return c.width >= 24 ? wrap_ : text_;
  }
  void Validate(lxw_worksheet* ws, lxw_col_t col, const ColumnLayout& c);
  void Put(lxw_worksheet* ws, std::string_view sheet, lxw_row_t row, lxw_col_t col,
           const ColumnLayout& c, const CellValue& v);
  void Check(lxw_error e, const std::string& where) {
    if (e != LXW_NO_ERROR && !error_) {
      error_ = Error{e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? ErrorCode::kInvalidArgument
                                                               : ErrorCode::kInternal,
                     where + "：" +
                         (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
                              ? std::string("内容超过 Excel 单元格上限（32767 个字符）")
                              : std::string(lxw_strerror(e))),
                     nullptr};
    }
  }

  std::string path_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* text_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* number_ = nullptr;
  std::optional<Error> error_;
};

lxw_worksheet* WorkbookWriter::AddSheet(std::string_view name) {
  lxw_worksheet* ws = workbook_add_worksheet(workbook_, std::string(name).c_str());
  if (!ws) Check(LXW_ERROR_MEMORY_MALLOC_FAILED, "工作表" + Q(name));
  return ws;
}

void WorkbookWriter::Header(lxw_worksheet* ws,
                            const std::vector<std::pair<std::string, double>>& columns) {
  worksheet_set_row(ws, 0, 20, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  for (size_t i = 0; i < columns.size(); ++i) {
    auto col = static_cast<lxw_col_t>(i);
    Check(worksheet_write_string(ws, 0, col, columns[i].first.c_str(), header_), "表头");
  }
}

void WorkbookWriter::Validate(lxw_worksheet* ws, lxw_col_t col, const ColumnLayout& c) {
  lxw_data_validation v{};
  std::vector<std::string> words;
  std::vector<char*> list;
  std::string message;
  if (c.kind == ColumnKind::kEnum || c.kind == ColumnKind::kYesNo) {
    words = c.kind == ColumnKind::kYesNo ? std::vector<std::string>{"是", "否"} : c.choices();
    for (auto& w : words) list.push_back(w.data());
    list.push_back(nullptr);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = list.data();
    message = "应为以下之一：" + Join(words, "、");
  } else if (c.kind == ColumnKind::kFactor) {
    v.validate = LXW_VALIDATION_TYPE_INTEGER;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = 1;
    v.maximum_number = 5;
    message = "应为 1 到 5 的整数";
  } else if (c.kind == ColumnKind::kInteger) {
    v.validate = LXW_VALIDATION_TYPE_INTEGER;
    v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = 0;
    message = "应为不小于 0 的整数";
  } else {
    return;
  }
  std::string title = std::string(c.header) + "填写有误";
  v.error_title = title.data();
  v.error_message = message.data();
  Check(worksheet_data_validation_range(ws, 1, col, kLastRow, col, &v), "数据验证");
}

void WorkbookWriter::Put(lxw_worksheet* ws, std::string_view sheet, lxw_row_t row, lxw_col_t col,
                         const ColumnLayout& c, const CellValue& v) {
  std::string where = "工作表" + Q(sheet) + "第 " + std::to_string(row + 1) + " 行" + Q(c.header);
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (s->empty()) return;
    Check(worksheet_write_string(ws, row, col, EscapeXlsxLiteral(*s).c_str(), FormatOf(c)), where);
  } else if (const auto* n = std::get_if<long long>(&v)) {
    Check(worksheet_write_number(ws, row, col, static_cast<double>(*n), FormatOf(c)), where);
  }
}

void WorkbookWriter::WriteSheet(const SheetLayout& layout, const std::vector<RowValues>& rows) {
  if (!workbook_) return;
  lxw_worksheet* ws = AddSheet(layout.name);
  if (!ws) return;
  std::vector<std::pair<std::string, double>> headers;
  for (size_t i = 0; i < layout.columns.size(); ++i) {
    const ColumnLayout& c = layout.columns[i];
    auto col = static_cast<lxw_col_t>(i);
    headers.emplace_back(c.header, c.width);
    Check(worksheet_set_column(ws, col, col, c.width, FormatOf(c)), "列宽");
    Validate(ws, col, c);
  }
  Header(ws, headers);
  for (size_t r = 0; r < rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    Put(ws, layout.name, row, 0, layout.columns[0], static_cast<long long>(r + 1));
    for (size_t i = 0; i < rows[r].size() && i + 1 < layout.columns.size(); ++i) {
      Put(ws, layout.name, row, static_cast<lxw_col_t>(i + 1), layout.columns[i + 1], rows[r][i]);
    }
  }
}

void WorkbookWriter::WriteInstructions() {
  if (!workbook_) return;
  lxw_worksheet* ws = AddSheet(kSheetInstructions);
  if (!ws) return;
  const std::vector<std::pair<std::string, double>> headers = {
      {"工作表", 12}, {"列名", 14}, {"必填", 6}, {"填写说明", 50}, {"可选值", 40}, {"示例", 24}};
  for (size_t i = 0; i < headers.size(); ++i) {
    auto col = static_cast<lxw_col_t>(i);
    Check(worksheet_set_column(ws, col, col, headers[i].second, i >= 3 ? wrap_ : text_), "列宽");
  }
  Header(ws, headers);
  lxw_row_t row = 1;
  auto line = [&](std::vector<std::string> cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].empty()) continue;
      Check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), cells[i].c_str(),
                                   i >= 3 ? wrap_ : text_),
            "填写说明");
    }
    ++row;
  };
  line({"通用", "", "",
        "第一行为列名，列的顺序可以调整；列名后的“*”可有可无。带“是”的列必填。"
        "各表通过编码相互关联：流程、风险、防控、裁量基准和状态变更各行用“权力编码”"
        "归属到“权力清单”中的权力。日期可写 2026-01-31、2026/1/31 或 2026年1月31日。"
        "导入前可先预检（试导入），所有问题按工作表、行、列列出，改正后再正式导入。"});
  for (const SheetLayout& sheet : kCatalogSheets) {
    line({std::string(sheet.name), "（整表）", "", std::string(sheet.help)});
    for (const ColumnLayout& c : sheet.columns) {
      std::string choices = c.choices ? Join(c.choices(), "、") : "";
      if (c.kind == ColumnKind::kYesNo) choices = "是、否";
      line({std::string(sheet.name), std::string(c.header), c.required ? "是" : "否",
            std::string(c.help), choices, std::string(c.example)});
    }
  }
}

Status WorkbookWriter::Close() {
  if (!workbook_) return Err(ErrorCode::kIo, "无法创建 Excel 文件" + Q(path_));
  lxw_error e = workbook_close(workbook_);
  workbook_ = nullptr;
  if (error_) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    return Err(*error_);
  }
  if (e != LXW_NO_ERROR) {
    return Err(ErrorCode::kIo, "无法写入 Excel 文件" + Q(path_) + "：" + lxw_strerror(e));
  }
  return Ok();
}

// ---- rows of each sheet ----------------------------------------------------------------

std::vector<RowValues> UnitRows(const catalog::Catalog& c) {
  std::vector<RowValues> rows;
  for (const org::Unit* u : c.UnitsInTreeOrder()) {
    rows.push_back({u->code, u->name, u->parent, Word(org::kUnitLevels, u->level),
                    Word(org::kUnitKinds, u->kind), u->supervisor});
  }
  return rows;
}

std::vector<RowValues> OrgRows(const catalog::Catalog& c, std::string_view sheet) {
  std::vector<RowValues> rows;
  if (sheet == kSheetPosts) {
    for (const auto& [_, p] : c.posts) {
      rows.push_back({p.code, p.unit, p.name, YesNo(p.leadership), YesNo(p.head)});
    }
  } else if (sheet == kSheetPersons) {
    for (const auto& [_, p] : c.persons) rows.push_back({p.code, p.name});
  } else if (sheet == kSheetAssignments) {
    for (const auto& [_, a] : c.assignments) {
      rows.push_back({a.person, a.post, a.from.ToString(), DateCell(a.to)});
    }
  } else if (sheet == kSheetRelations) {
    for (const auto& [_, r] : c.relations) {
      rows.push_back({r.person, r.counterparty, Word(org::kRelationKinds, r.kind), r.note});
    }
  }
  return rows;
}

RowValues PowerRow(const catalog::Power& p) {
  return {p.code,
          p.name,
          Word(catalog::kCategories, p.category),
          p.unit,
          p.handling_unit,
          Word(catalog::kHolderLevels, p.held_at),
          p.held_by_post,
          Join(p.legal_basis, "\n"),
          p.content,
          p.fees,
          catalog::FormatTimeLimit(p.time_limit),
          Word(catalog::kDisclosures, p.disclosure),
          p.effective_from.ToString()};
}

// The rows of one child sheet contributed by one power.
void AddPowerRows(const PowerRecord& rec, std::string_view sheet, std::vector<RowValues>* rows) {
  const catalog::Power& p = rec.power;
  auto add = [&](RowValues r) {
    r.insert(r.begin(), p.code);
    rows->push_back(std::move(r));
  };
  if (sheet == kSheetNodes) {
    for (const auto& n : p.flow.nodes) {
      add({n.code, n.name, Word(catalog::kNodeKinds, n.kind), n.post,
           catalog::FormatTimeLimit(n.time_limit), Word(catalog::kStages, n.stage), n.supervision,
           YesNo(n.collective)});
    }
  } else if (sheet == kSheetEdges) {
    for (const auto& e : p.flow.edges) add({e.from, e.to, e.condition});
  } else if (sheet == kSheetRisks) {
    for (const auto& k : p.risks) {
      const auto& f = k.factors;
      add({k.code, k.name, k.description, k.node, Word(catalog::kRiskCategories, k.category),
           f.importance, f.discretion, f.frequency, f.likelihood, f.harm,
           Word(catalog::kRiskLevels, k.level), DateCell(k.approved_on), k.approval_record,
           DateCell(k.next_review)});
    }
  } else if (sheet == kSheetControls) {
    for (const auto& c : p.controls) {
      std::vector<std::string> types;
      for (auto t : c.types) types.push_back(Word(catalog::kControlTypes, t));
      add({c.risk, c.code, c.measure, Join(types, "、"), c.post, c.supervision, c.rule});
    }
  } else if (sheet == kSheetBenchmarks) {
    for (const auto& b : p.benchmarks) {
      add({b.item, Word(catalog::kGrades, b.grade), b.conditions, b.lower, b.upper, b.unit});
    }
  } else if (sheet == kSheetStatus) {
    for (const auto& s : rec.history) {
      add({s.date.ToString(), Word(catalog::kPowerStatuses, s.status), s.reason, s.target,
           s.document});
    }
  }
}

std::vector<RowValues> RowsOf(const catalog::Catalog& c, std::string_view sheet) {
  if (sheet == kSheetUnits) return UnitRows(c);
  std::vector<RowValues> rows = OrgRows(c, sheet);
  for (const auto& [_, rec] : c.powers) {
    if (sheet == kSheetPowers) {
      rows.push_back(PowerRow(rec.power));
    } else {
      AddPowerRows(rec, sheet, &rows);
    }
  }
  return rows;
}

}  // namespace

Status WriteCatalogXlsx(const catalog::Catalog& catalog, const std::string& path) {
  try {
    WorkbookWriter writer(path);
    for (const SheetLayout& sheet : kCatalogSheets)
      writer.WriteSheet(sheet, RowsOf(catalog, sheet.name));
    return writer.Close();
  } catch (const std::exception& e) {
    return Err(ErrorCode::kInternal, "写入 Excel 文件" + Q(path) + "时出错：" + e.what());
  }
}

Status WriteCatalogTemplate(const std::string& path) {
  try {
    WorkbookWriter writer(path);
    writer.WriteInstructions();
    for (const SheetLayout& sheet : kCatalogSheets) writer.WriteSheet(sheet, {});
    return writer.Close();
  } catch (const std::exception& e) {
    return Err(ErrorCode::kInternal, "写入 Excel 模板" + Q(path) + "时出错：" + e.what());
  }
}

}  // namespace dl::io
