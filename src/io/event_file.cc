#include "io/event_file.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "base/text.h"
#include "io/event_readers.h"

namespace dl::io {
namespace internal {

void ProblemList::Add(Issue::Severity severity, Location where, std::string message) {
  if (severity == Issue::Severity::kError) ++errors_;
  if (out_.size() >= max_) {
    ++omitted_;
    return;
  }
  out_.push_back(Problem{severity, std::move(where), std::move(message)});
}

void ProblemList::Error(Location where, std::string message) {
  Add(Issue::Severity::kError, std::move(where), std::move(message));
}

void ProblemList::Warning(Location where, std::string message) {
  Add(Issue::Severity::kWarning, std::move(where), std::move(message));
}

void ProblemList::Finish(const std::string& file) {
  // File order: by file (in the order first met), then by line.
  std::vector<std::string> files;
  auto file_index = [&files](const std::string& f) {
    auto it = std::find(files.begin(), files.end(), f);
    if (it == files.end()) it = files.insert(files.end(), f);
    return it - files.begin();
  };
  for (const auto& p : out_) file_index(p.where.file);
  std::stable_sort(out_.begin(), out_.end(), [&](const Problem& a, const Problem& b) {
    auto fa = file_index(a.where.file), fb = file_index(b.where.file);
    return fa != fb ? fa < fb : a.where.row < b.where.row;
  });
  if (omitted_ == 0) return;
  Location where;
  where.file = file;
  out_.push_back(Problem{errors_ > 0 ? Issue::Severity::kError : Issue::Severity::kWarning, where,
                         "另有 " + std::to_string(omitted_) + " 处问题未列出"});
  omitted_ = 0;
}

Location At(const std::string& file, int line, std::string column, std::string field) {
  Location where;
  where.file = file;
  where.row = line;
  where.column = std::move(column);
  where.field = std::move(field);
  return where;
}

std::pair<std::string, std::string> SplitFieldError(const Error& error) {
  std::string field;
  if (error.details.is_object() && error.details.contains("field") &&
      error.details["field"].is_string()) {
    field = error.details["field"].get<std::string>();
  }
  std::string message = error.message;
  const std::string prefix = "字段 " + field + ": ";
  if (!field.empty() && message.starts_with(prefix)) message = message.substr(prefix.size());
  return {field, message};
}

std::string ColumnLetters(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

namespace {

// Reads an unsigned number of 1–`max_digits` digits at `pos`, advancing it.
std::optional<int> Digits(std::string_view s, size_t& pos, size_t max_digits) {
  size_t start = pos;
  int value = 0;
  while (pos < s.size() && pos - start < max_digits && s[pos] >= '0' && s[pos] <= '9') {
    value = value * 10 + (s[pos++] - '0');
  }
  if (pos == start) return std::nullopt;
  return value;
}

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string NormalizeTime(std::string_view text, std::string_view utc_offset) {
  if (ParseInstant(text)) return std::string(text);
  // A date Date::Parse accepts, then a space or 'T', then H:MM or H:MM:SS(.fff).
  size_t split = text.find_first_of(" T");
  if (split == std::string_view::npos) return "";
  auto date = Date::Parse(text.substr(0, split));
  std::string_view clock = Trim(text.substr(split + 1));
  size_t pos = 0;
  auto hour = Digits(clock, pos, 2);
  if (!date || !hour || pos >= clock.size() || clock[pos++] != ':') return "";
  auto minute = Digits(clock, pos, 2);
  int second = 0;
  std::string fraction;
  if (minute && pos < clock.size() && clock[pos] == ':') {
    ++pos;
    auto s = Digits(clock, pos, 2);
    if (!s) return "";
    second = *s;
    if (pos < clock.size() && clock[pos] == '.') {
      fraction = std::string(clock.substr(pos));
      pos = clock.size();
    }
  }
  if (!minute || pos != clock.size()) return "";
  std::string rfc = date->ToString() + "T" + TwoDigits(*hour) + ":" + TwoDigits(*minute) + ":" +
                    TwoDigits(second) + fraction + std::string(utc_offset);
  return ParseInstant(rfc) ? rfc : "";
}

void CheckDuplicateIds(const std::string& file, const std::string& id_field,
                       const std::string& hint, const EventSink& sink, ProblemList& problems) {
  const auto& events = *sink.events;
  std::unordered_map<std::string, size_t> first;
  first.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    std::string key = events[i].source + '\n' + events[i].external_id;
    auto [it, inserted] = first.emplace(std::move(key), i);
    if (inserted) continue;
    const auto& earlier = events[it->second];
    const std::string where = "第 " + std::to_string(sink.lines[it->second]) + " 行";
    Location loc = At(file, sink.lines[i], "", id_field);
    if (earlier == events[i]) {
      problems.Warning(loc, "与" + where + "的事件完全相同，导入时只记录一次");
    } else {
      problems.Error(loc, "事件编号“" + events[i].external_id + "”（来源 " + events[i].source +
                              "）重复：" + where + "已有内容不同的同号事件" + hint);
    }
  }
}

void ReadJsonLines(const std::string& file, std::string_view text, ProblemList& problems,
                   EventSink& sink, EventReadCounts& counts) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int line_no = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    ++counts.records;
    // Most lines are read straight from their text; the rest (and every error) go through
    // the library's tree, which words the errors.
    if (auto direct = engine::ReadEventText(line); direct && direct->has_value()) {
      sink.events->push_back(std::move(**direct));
      sink.lines.push_back(line_no);
      continue;
    }
    if (!IsValidUtf8(line)) {
      problems.Error(At(file, line_no), "不是有效的 UTF-8 文本");
      continue;
    }
    Json json;
    try {
      json = Json::parse(line);
    } catch (const Json::parse_error& e) {
      std::string what = e.what();
      size_t colon = what.find(": ");
      if (colon != std::string::npos) what = what.substr(colon + 2);
      size_t column = 0;  // in characters
      for (size_t i = 0; i < line.size() && i < e.byte; ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
      }
      problems.Error(At(file, line_no, "", ""), "第 " +
                                                    std::to_string(std::max<size_t>(column, 1)) +
                                                    " 列: JSON 格式错误 (" + what + ")");
      continue;
    }
    auto event = engine::EventFromJson(json);
    if (!event) {
      auto [field, message] = SplitFieldError(event.error());
      problems.Error(At(file, line_no, "", field), message);
      continue;
    }
    sink.events->push_back(std::move(*event));
    sink.lines.push_back(line_no);
  }
}

}  // namespace internal

namespace {

std::string Lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

enum class Format { kJsonLines, kCsv, kXes, kUnknown };

Format FormatOf(const std::string& path) {
  std::string name = Lower(std::filesystem::path(path).filename().string());
  if (name.ends_with(".jsonl") || name.ends_with(".ndjson")) return Format::kJsonLines;
  if (name.ends_with(".csv")) return Format::kCsv;
  if (name.ends_with(".xes") || name.ends_with(".xes.gz")) return Format::kXes;
  return Format::kUnknown;
}

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(ErrorCode::kIo, "无法读取文件 " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Err(ErrorCode::kIo, "读取文件失败 " + path);
  return buf.str();
}

}  // namespace

Result<EventRead> ReadEventFile(const std::string& path, const EventReadOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Err(ErrorCode::kNotFound, "文件不存在: " + path);
  }
  Format format = FormatOf(path);
  if (format == Format::kUnknown) {
    return Err(ErrorCode::kInvalidArgument, "无法识别的事件文件类型: " + path +
                                                "（应为 .jsonl、.ndjson、.csv、.xes 或 .xes.gz）");
  }
  EventRead read;
  internal::ProblemList problems(read.problems, std::max<size_t>(options.max_problems, 1));
  internal::EventSink sink{&read.events, {}};
  std::string id_field = "id";
  std::string hint;
  if (format == Format::kXes) {
    hint = "（XES 日志的 id 属性不唯一时，映射中不写 [event] id，事件编号即为“办件编号#序号”）";
    DL_RETURN_IF_ERROR(internal::ReadXes(path, options, problems, sink, read.counts));
  } else {
    DL_ASSIGN_OR_RETURN(std::string text, ReadText(path));
    if (format == Format::kJsonLines) {
      internal::ReadJsonLines(path, text, problems, sink, read.counts);
    } else {
      internal::ReadCsv(path, text, options, problems, sink, read.counts);
      id_field = "事件编号";
    }
  }
  internal::CheckDuplicateIds(path, id_field, hint, sink, problems);
  problems.Finish(path);
  if (problems.has_errors()) {
    read.events.clear();
    read.events.shrink_to_fit();
  }
  std::unordered_set<std::string_view> cases;
  for (const auto& e : read.events) cases.insert(e.case_id);
  read.counts.events = read.events.size();
  read.counts.cases = cases.size();
  return read;
}

}  // namespace dl::io
