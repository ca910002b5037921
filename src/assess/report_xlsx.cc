#include "assess/report_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <vector>

#include "base/xlsx_text.h"

namespace dl::assess {
namespace {

// The creation time stored in every workbook, so that output is deterministic.
constexpr time_t kFixedCreationTime = 946684800;  // 2000-01-01T00:00:00Z
constexpr uint8_t kPaperA4 = 9;

// Display width of UTF-8 text in Excel's character units: a CJK character is about two.
double DisplayWidth(const std::string& s) {
  double w = 0;
  for (unsigned char c : s) {
    if (c < 0x80) {
      w += 1;
    } else if (c >= 0xE0) {
      w += 2;
    } else if (c >= 0xC0) {
      w += 1;
    }
  }
  return w;
}

std::string UnitLabel(const UnitScore& u) { return u.name.empty() ? u.unit : u.name; }

class ReportWriter {
 public:
  explicit ReportWriter(const std::string& path) : path_(path) {
    workbook_ = workbook_new(path.c_str());
    if (!workbook_) return;
    lxw_doc_properties properties{};
    properties.created = kFixedCreationTime;
    workbook_set_properties(workbook_, &properties);
    title_ = Format(true, 0, 0);
    format_set_font_size(title_, 16);
    format_set_align(title_, LXW_ALIGN_CENTER);
    format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
    header_ = Format(true, 0xDDEBF7, 0);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    text_ = Format(false, 0, 0);
    wrap_ = Format(false, 0, 0);
    format_set_text_wrap(wrap_);
    center_ = Format(false, 0, 0);
    format_set_align(center_, LXW_ALIGN_CENTER);
    points_ = Format(false, 0, 0);
    format_set_num_format(points_, "0.00");
    total_ = Format(true, 0, 0);
    format_set_num_format(total_, "0.00");
    missing_ = Format(false, 0, 0x808080);
    format_set_align(missing_, LXW_ALIGN_CENTER);
    excellent_ = Format(true, 0xC6EFCE, 0x006100);
    fail_ = Format(true, 0xFFC7CE, 0x9C0006);
    grade_ = Format(false, 0, 0);
    for (lxw_format* f : {excellent_, fail_, grade_}) format_set_align(f, LXW_ALIGN_CENTER);
    note_ = workbook_add_format(workbook_);
    format_set_text_wrap(note_);
    format_set_align(note_, LXW_ALIGN_VERTICAL_TOP);
  }
  ~ReportWriter() {
    if (workbook_) workbook_close(workbook_);
  }
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;

  void Results(const Assessment& a, const Scheme& scheme, const Period& period);
  void Facts(const Assessment& a);
  void SchemeSheet(const Scheme& scheme);
  Status Close();

 private:
  lxw_format* Format(bool bold, lxw_color_t bg, lxw_color_t color) {
    lxw_format* f = workbook_add_format(workbook_);
    if (bold) format_set_bold(f);
    if (bg) format_set_bg_color(f, bg);
    if (color) format_set_font_color(f, color);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  }
  lxw_worksheet* Sheet(const char* name) {
    lxw_worksheet* ws = workbook_add_worksheet(workbook_, name);
    if (!ws) Check(LXW_ERROR_MEMORY_MALLOC_FAILED, name);
    return ws;
  }
  void Text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    Check(worksheet_write_string(ws, r, c, EscapeXlsxLiteral(s).c_str(), f),
          "第 " + std::to_string(r + 1) + " 行");
  }
  void Number(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
    Check(worksheet_write_number(ws, r, c, v, f), "第 " + std::to_string(r + 1) + " 行");
  }
  void Header(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::string>& headers,
              const std::vector<double>& widths) {
    for (size_t i = 0; i < headers.size(); ++i) {
      auto col = static_cast<lxw_col_t>(i);
      Check(worksheet_set_column(ws, col, col, widths[i], nullptr), "列宽");
      Text(ws, row, col, headers[i], header_);
    }
  }
  void Check(lxw_error e, const std::string& where) {
    if (e != LXW_NO_ERROR && !error_) {
      const bool too_long = e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED;
      error_ = Error{too_long ? ErrorCode::kInvalidArgument : ErrorCode::kInternal,
                     where + "：" +
                         (too_long ? std::string("内容超过 Excel 单元格上限（32767 个字符）")
                                   : std::string(lxw_strerror(e))),
                     nullptr};
    }
  }

  std::string path_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format *title_ = nullptr, *header_ = nullptr, *text_ = nullptr, *wrap_ = nullptr,
             *center_ = nullptr, *points_ = nullptr, *total_ = nullptr, *missing_ = nullptr,
             *excellent_ = nullptr, *fail_ = nullptr, *grade_ = nullptr, *note_ = nullptr;
  std::optional<Error> error_;
};

void ReportWriter::Results(const Assessment& a, const Scheme& scheme, const Period& period) {
  if (!workbook_) return;
  lxw_worksheet* ws = Sheet("考核结果");
  if (!ws) return;
  std::vector<std::string> headers = {"排名", "单位"};
  std::vector<double> widths = {6, 8};
  for (const Indicator& ind : scheme.indicators) {
    headers.push_back(ind.name + "（" + FormatPoints(ind.weight) + "分）");
    widths.push_back(std::clamp(DisplayWidth(headers.back()) / 2 + 2, 10.0, 16.0));
  }
  headers.insert(headers.end(), {"总分", "等级"});
  widths.insert(widths.end(), {9, 8});
  for (const UnitScore& u : a.units)
    widths[1] = std::max(widths[1], DisplayWidth(UnitLabel(u)) + 2);
  widths[1] = std::min(widths[1], 40.0);
  const auto last_col = static_cast<lxw_col_t>(headers.size() - 1);

  Check(worksheet_set_row(ws, 0, 30, nullptr), "标题");
  Check(
      worksheet_merge_range(ws, 0, 0, 0, last_col,
                            EscapeXlsxLiteral(scheme.name + " " + period.Label()).c_str(), title_),
      "标题");
  Check(worksheet_set_row(ws, 1, 36, nullptr), "表头");
  Header(ws, 1, headers, widths);
  worksheet_freeze_panes(ws, 2, 2);

  lxw_row_t row = 2;
  for (const UnitScore& u : a.units) {
    Number(ws, row, 0, u.rank, center_);
    Text(ws, row, 1, UnitLabel(u), text_);
    lxw_col_t col = 2;
    for (const Indicator& ind : scheme.indicators) {
      auto it = std::find_if(u.indicators.begin(), u.indicators.end(),
                             [&](const IndicatorScore& s) { return s.id == ind.id; });
      if (it != u.indicators.end() && (it->available || it->used_weight > 0)) {
        Number(ws, row, col, it->score, points_);
      } else {
        Text(ws, row, col, "无数据", missing_);
      }
      ++col;
    }
    Number(ws, row, col, u.total, total_);
    lxw_format* grade = u.grade == Grade::kExcellent ? excellent_
                        : u.grade == Grade::kFail    ? fail_
                                                     : grade_;
    Text(ws, row, col + 1, std::string(kGrades.Label(u.grade)), grade);
    ++row;
  }
  const GradeBounds& g = a.grades;
  auto bound = [](long long h) { return FormatPoints(static_cast<double>(h) / 100); };
  const std::string note = "注：等级 优秀 ≥ " + bound(g.excellent) + " 分，良好 ≥ " +
                           bound(g.good) + " 分，合格 ≥ " + bound(g.pass) +
                           " 分，其余不合格；总分相同的单位名次相同。“无数据”的指标，其权重按"
                           "比例分给该单位的其他指标。扣分依据见“扣分明细”，计分方法见“考核方案”。";
  Check(worksheet_set_row(ws, row + 1, 45, nullptr), "注");
  Check(worksheet_merge_range(ws, row + 1, 0, row + 1, last_col, note.c_str(), note_), "注");

  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, kPaperA4);
  worksheet_fit_to_pages(ws, 1, 0);
  Check(worksheet_repeat_rows(ws, 0, 1), "打印标题");
  Check(worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "页脚");
}

void ReportWriter::Facts(const Assessment& a) {
  if (!workbook_) return;
  lxw_worksheet* ws = Sheet("扣分明细");
  if (!ws) return;
  Header(ws, 0, {"单位", "指标", "类别", "对象", "说明"}, {24, 16, 10, 20, 70});
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  for (const UnitScore& u : a.units) {
    for (const IndicatorScore& s : u.indicators) {
      for (const FactRef& f : s.facts) {
        Text(ws, row, 0, UnitLabel(u), text_);
        Text(ws, row, 1, s.name, text_);
        Text(ws, row, 2, FactKindLabel(f.kind), text_);
        Text(ws, row, 3, f.id, text_);
        Text(ws, row, 4, f.note, wrap_);
        ++row;
      }
    }
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, kPaperA4);
  worksheet_fit_to_pages(ws, 1, 0);
  Check(worksheet_repeat_rows(ws, 0, 0), "打印标题");
}

void ReportWriter::SchemeSheet(const Scheme& scheme) {
  if (!workbook_) return;
  lxw_worksheet* ws = Sheet("考核方案");
  if (!ws) return;
  Header(ws, 0, {"指标", "数据来源", "权重", "计分方法", "无数据时", "说明"},
         {16, 16, 8, 44, 24, 40});
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  for (const Indicator& ind : scheme.indicators) {
    const SourceInfo* source = FindSource(ind.source);
    std::string missing = ind.scoring == Scoring::kChecks         ? "总有数据"
                          : ind.missing == Missing::kRedistribute ? "权重按比例分给其他指标"
                          : ind.missing == Missing::kFull         ? "按满分计"
                                                                  : "按零分计";
    Text(ws, row, 0, ind.name, text_);
    Text(ws, row, 1, source ? std::string(source->name) : ind.source, text_);
    Number(ws, row, 2, ind.weight, center_);
    Text(ws, row, 3, DescribeScoring(ind), wrap_);
    Text(ws, row, 4, missing, text_);
    Text(ws, row, 5,
         ind.description.empty() && source ? std::string(source->definition) : ind.description,
         wrap_);
    ++row;
  }
}

Status ReportWriter::Close() {
  if (!workbook_) return Err(ErrorCode::kIo, "无法创建 Excel 文件“" + path_ + "”");
  lxw_error e = workbook_close(workbook_);
  workbook_ = nullptr;
  if (error_) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    return Err(*error_);
  }
  if (e != LXW_NO_ERROR) {
    return Err(ErrorCode::kIo, "无法写入 Excel 文件“" + path_ + "”：" + lxw_strerror(e));
  }
  return Ok();
}

}  // namespace

std::string FactKindLabel(const std::string& kind) {
  static const std::pair<std::string_view, std::string_view> kLabels[] = {
      {"power", "权力"},   {"risk", "风险点"}, {"case", "办件"},
      {"warning", "预警"}, {"rating", "评价"}, {"check", "自查检查"}};
  for (const auto& [k, label] : kLabels) {
    if (k == kind) return std::string(label);
  }
  return kind;
}

Status WriteAssessmentXlsx(const Assessment& assessment, const Scheme& scheme, const Period& period,
                           const std::string& path) {
  ReportWriter writer(path);
  writer.Results(assessment, scheme, period);
  writer.Facts(assessment);
  writer.SchemeSheet(scheme);
  return writer.Close();
}

}  // namespace dl::assess
