// CSV events (docs/events.md): RFC 4180 records, a header row with the JSON field names or
// their Chinese names, extra columns as attributes.
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "io/event_readers.h"

namespace dl::io::internal {
namespace {

struct FieldName {
  std::string_view field;    // the event's JSON field
  std::string_view chinese;  // the header users write
  bool required;
};
constexpr std::array<FieldName, 19> kFields{{
    {"source", "来源系统", true},
    {"id", "事件编号", true},
    {"type", "事件类型", true},
    {"case", "办件编号", true},
    {"power", "权力编码", false},
    {"node", "环节编码", false},
    {"actor", "办理人", false},
    {"actor_post", "办理岗位", false},
    {"occurred", "发生时间", true},
    {"recorded", "记录时间", false},
    {"amount", "金额", false},
    {"applicant", "申请人", false},
    {"applicant_phone", "申请人手机", false},
    {"counterparty", "相对人", false},
    {"decision", "办理结果", false},
    {"decided_value", "决定值", false},
    {"grade", "裁量情节", false},
    {"reason", "理由", false},
    {"meeting", "会议记录", false},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

struct Record {
  int line = 0;  // the physical line the record starts on
  std::vector<std::string> cells;
};

// Splits RFC 4180 text into records. Lines may end in LF or CRLF; a quoted cell may hold
// commas, line breaks and doubled quotes.
class CsvParser {
 public:
  explicit CsvParser(std::string_view text) : text_(text) {}

  enum class Next { kRecord, kEnd, kBad };
  // kBad: `error` says what is wrong in cell `bad_cell` (0-based) of the record starting on
  // `record.line`; the parser has moved on to the next line.
  Next Read(Record& record, size_t& bad_cell, std::string& error) {
    if (pos_ >= text_.size()) return Next::kEnd;
    record.line = line_;
    record.cells.clear();
    for (;;) {
      std::string cell;
      bad_cell = record.cells.size();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (!Quoted(cell, error)) return Next::kBad;
      } else if (!Plain(cell, error)) {
        return Next::kBad;
      }
      record.cells.push_back(std::move(cell));
      if (pos_ >= text_.size()) return Next::kRecord;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') {
        ++pos_;
        ++line_;
      }
      return Next::kRecord;
    }
  }

 private:
  bool Quoted(std::string& cell, std::string& error) {
    const int opened_on = line_;
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size()) {
        error = "引号没有闭合（该字段从第 " + std::to_string(opened_on) + " 行开始，直到文件末尾）";
        return false;
      }
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          cell += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      cell += c;
    }
    if (pos_ < text_.size()) {
      char c = text_[pos_];
      bool line_end =
          c == '\n' || (c == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] == '\n'));
      if (c != ',' && !line_end) {
        error = "右引号后面应为逗号或换行（字段内的引号须写成两个：\"\"）";
        SkipLine();
        return false;
      }
    }
    return true;
  }

  bool Plain(std::string& cell, std::string& error) {
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') {
      if (text_[pos_] == '"') {
        error =
            "未加引号的字段中有引号（含引号的字段须整体用引号括起，字段内的引号写成两个：\"\"）";
        SkipLine();
        return false;
      }
      cell += text_[pos_++];
    }
    if (!cell.empty() && cell.back() == '\r') cell.pop_back();
    return true;
  }

  void SkipLine() {
    size_t end = text_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++line_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

struct Column {
  std::string header;      // as written in the file
  std::string_view field;  // the event field, or empty for an attribute column
};

// An attribute cell: a plain decimal number of at most 15 digits becomes a number (so that
// flow conditions can compare it); anything else stays text — codes with leading zeros, and
// long digit strings such as an 18-digit ID card number, which a double would round.
Json AttributeValue(const std::string& text) {
  size_t i = text[0] == '-' ? 1 : 0;
  size_t digits = 0, point = std::string::npos;
  for (size_t k = i; k < text.size(); ++k) {
    if (std::isdigit(static_cast<unsigned char>(text[k]))) {
      ++digits;
    } else if (text[k] == '.' && point == std::string::npos && k > i && k + 1 < text.size()) {
      point = k;
    } else {
      return Json(text);
    }
  }
  size_t integer_digits = (point == std::string::npos ? text.size() : point) - i;
  bool leading_zero = text[i] == '0' && integer_digits > 1;
  if (digits == 0 || digits > 15 || leading_zero) return Json(text);
  if (point == std::string::npos) return Json(std::stoll(text));
  return Json(*ParseNumber(text));
}

class CsvReader {
 public:
  CsvReader(const std::string& file, const EventReadOptions& options, ProblemList& problems,
            EventSink& sink, EventReadCounts& counts)
      : file_(file), options_(options), problems_(problems), sink_(sink), counts_(counts) {}

  // The header: every column known, every required field present.
  bool Header(const Record& record) {
    bool ok = true;
    for (size_t i = 0; i < record.cells.size(); ++i) {
      std::string name(Trim(record.cells[i]));
      Column column{name, {}};
      for (const auto& f : kFields) {
        if (Lower(name) == f.field || name == f.chinese) column.field = f.field;
      }
      if (name.empty()) {
        problems_.Error(At(file_, record.line, ColumnLetters(i)), "列名为空：每一列都须有列名");
        ok = false;
      }
      for (size_t k = 0; k < columns_.size() && !name.empty(); ++k) {
        bool same = columns_[k].header == name ||
                    (!column.field.empty() && columns_[k].field == column.field);
        if (same) {
          problems_.Error(
              At(file_, record.line, ColumnLetters(i), name),
              "列重复（与 " + ColumnLetters(k) + " 列“" + columns_[k].header + "”相同）");
          ok = false;
        }
      }
      columns_.push_back(column);
    }
    for (const auto& f : kFields) {
      if (f.required && ColumnOf(f.field) < 0) {
        problems_.Error(At(file_, record.line, "", std::string(f.chinese)),
                        "缺少必填列“" + std::string(f.chinese) + "”（或 " + std::string(f.field) +
                            "）；第一行须为表头");
        ok = false;
      }
    }
    return ok;
  }

  // The header of a 0-based column, or empty (no header yet, or beyond the header).
  std::string HeaderOf(size_t column) const {
    return column < columns_.size() ? columns_[column].header : std::string();
  }

  void Row(const Record& record) {
    bool blank = true;
    for (const auto& cell : record.cells) blank = blank && Trim(cell).empty();
    if (blank) return;
    ++counts_.records;
    for (const auto& cell : record.cells) {
      if (!IsValidUtf8(cell)) {
        problems_.Error(At(file_, record.line),
                        "不是有效的 UTF-8 文本（Excel 另存时请选择“CSV UTF-8”）");
        return;
      }
    }
    if (record.cells.size() != columns_.size()) {
      problems_.Error(At(file_, record.line), "有 " + std::to_string(record.cells.size()) +
                                                  " 列，表头有 " + std::to_string(columns_.size()) +
                                                  " 列");
      return;
    }
    Json json = Json::object();
    Json attributes = Json::object();
    bool ok = true;
    for (size_t i = 0; i < columns_.size(); ++i) {
      std::string value(Trim(record.cells[i]));
      if (value.empty()) continue;
      const Column& column = columns_[i];
      auto fail = [&](const std::string& message) {
        problems_.Error(At(file_, record.line, ColumnLetters(i), column.header), message);
        ok = false;
      };
      if (column.field.empty()) {
        attributes[column.header] = AttributeValue(value);
      } else if (column.field == "amount" || column.field == "decided_value") {
        auto number = ParseNumber(value);
        if (!number) fail("应为数字，得到“" + value + "”");
        if (number) json[column.field] = *number;
      } else if (column.field == "occurred" || column.field == "recorded") {
        std::string time = NormalizeTime(value, options_.local_utc_offset);
        if (time.empty()) {
          fail("不是时间“" + value + "”（应为 2026-03-02 09:30[:00]，按 UTC" +
               options_.local_utc_offset + " 计；或 RFC 3339，如 2026-03-02T09:30:00+08:00）");
        }
        json[column.field] = time;
      } else if (column.field == "meeting") {
        Json meeting = Json::parse(value, nullptr, /*allow_exceptions=*/false);
        if (meeting.is_discarded()) fail("应为 JSON 对象（会议记录，见 docs/events.md）");
        json["meeting"] = meeting;
      } else {
        json[column.field] = value;
      }
    }
    if (!ok) return;
    if (!attributes.empty()) json["attributes"] = std::move(attributes);
    auto event = engine::EventFromJson(json);
    if (!event) {
      auto [field, message] = SplitFieldError(event.error());
      problems_.Error(LocateField(record.line, field), message);
      return;
    }
    sink_.events->push_back(std::move(*event));
    sink_.lines.push_back(record.line);
  }

 private:
  int ColumnOf(std::string_view field) const {
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].field == field) return static_cast<int>(i);
    }
    return -1;
  }

  // The cell an EventFromJson error names: "attributes.X" is column X, "meeting.…" the meeting
  // column; a field without a column is named by its Chinese header.
  Location LocateField(int line, const std::string& field) const {
    std::string_view base = field;
    if (base.starts_with("attributes.")) {
      std::string name = field.substr(11);
      for (size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].field.empty() && columns_[i].header == name) {
          return At(file_, line, ColumnLetters(i), name);
        }
      }
    }
    base = base.substr(0, base.find('.'));
    int column = ColumnOf(base);
    if (column >= 0) {
      return At(file_, line, ColumnLetters(static_cast<size_t>(column)), columns_[column].header);
    }
    for (const auto& f : kFields) {
      if (f.field == base) return At(file_, line, "", std::string(f.chinese));
    }
    return At(file_, line, "", field);
  }

  const std::string& file_;
  const EventReadOptions& options_;
  ProblemList& problems_;
  EventSink& sink_;
  EventReadCounts& counts_;
  std::vector<Column> columns_;
};

}  // namespace

void ReadCsv(const std::string& file, std::string_view text, const EventReadOptions& options,
             ProblemList& problems, EventSink& sink, EventReadCounts& counts) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvParser parser(text);
  CsvReader reader(file, options, problems, sink, counts);
  Record record;
  bool header = true;
  size_t bad_cell = 0;
  std::string error;
  for (;;) {
    auto next = parser.Read(record, bad_cell, error);
    if (next == CsvParser::Next::kEnd) break;
    if (next == CsvParser::Next::kBad) {
      problems.Error(At(file, record.line, ColumnLetters(bad_cell), reader.HeaderOf(bad_cell)),
                     error);
      if (header) return;  // without a header no row can be read
      ++counts.records;
      continue;
    }
    if (header) {
      header = false;
      if (!reader.Header(record)) return;
      continue;
    }
    reader.Row(record);
  }
  if (header) problems.Error(At(file, 1), "文件是空的：第一行须为表头");
}

}  // namespace dl::io::internal
