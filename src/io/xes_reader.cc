// IEEE XES logs (plain or gzip) → case events through a mapping (docs/events.md). The log is
// decompressed and split into traces as it is read (XesScanner); each trace is parsed in place
// by pugixml and turned into events, so memory holds one trace of XML at a time.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "io/event_readers.h"
#include "io/xes_mapping.h"
#include "io/xes_scanner.h"

namespace dl::io::internal {
namespace {

// The mapping beside the log: DomesticDeclarations.xes.gz → DomesticDeclarations.mapping.toml.
std::string DefaultMappingPath(const std::string& log) {
  std::filesystem::path p(log);
  std::string name = p.filename().string();
  for (const char* ext : {".xes.gz", ".XES.GZ", ".xes", ".XES"}) {
    if (name.ends_with(ext)) {
      name.resize(name.size() - std::strlen(ext));
      break;
    }
  }
  return (p.parent_path() / (name + ".mapping.toml")).string();
}

struct Attr {
  const char* type;  // the XES element: string, date, int, float, boolean, id
  const char* key;
  const char* value;
};

// The attributes directly under a trace or event (nested lists and containers are skipped).
void Collect(pugi::xml_node parent, std::vector<Attr>& out) {
  out.clear();
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || std::strcmp(c.name(), "event") == 0) continue;
    pugi::xml_attribute key = c.attribute("key");
    pugi::xml_attribute value = c.attribute("value");
    if (key && value) out.push_back({c.name(), key.value(), value.value()});
  }
}

const Attr* Find(const std::vector<Attr>& attrs, const std::string& key) {
  if (key.empty()) return nullptr;
  for (const auto& a : attrs) {
    if (key == a.key) return &a;
  }
  return nullptr;
}

// An attribute as a JSON value of its XES type.
Json Typed(const Attr& a) {
  if (std::strcmp(a.type, "int") == 0) {
    int64_t v = 0;
    const char* end = a.value + std::strlen(a.value);
    auto [ptr, ec] = std::from_chars(a.value, end, v);
    if (ec == std::errc() && ptr == end) return v;
  } else if (std::strcmp(a.type, "float") == 0) {
    if (auto v = ParseNumber(a.value)) return *v;
  } else if (std::strcmp(a.type, "boolean") == 0) {
    if (std::strcmp(a.value, "true") == 0 || std::strcmp(a.value, "false") == 0) {
      return std::strcmp(a.value, "true") == 0;
    }
  }
  return std::string(a.value);
}

// Offsets of the line breaks in a piece of text, to turn byte offsets into lines.
std::vector<uint32_t> LineBreaks(std::string_view text) {
  std::vector<uint32_t> breaks;
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    breaks.push_back(static_cast<uint32_t>(i));
  }
  return breaks;
}

int LineIn(const std::vector<uint32_t>& breaks, int first_line, ptrdiff_t offset) {
  auto before = std::lower_bound(breaks.begin(), breaks.end(), static_cast<uint32_t>(offset));
  return first_line + static_cast<int>(before - breaks.begin());
}

class XesReader {
 public:
  XesReader(const std::string& file, const XesMapping& m, ProblemList& problems, EventSink& sink,
            EventReadCounts& counts)
      : file_(file), m_(m), problems_(problems), sink_(sink), counts_(counts) {
    for (const auto& a : m.final_activities) finals_.insert(a);
  }

  // One <trace> element, parsed in place (its text is modified).
  void Trace(XesScanner::Piece& piece) {
    breaks_ = LineBreaks(piece.text);
    first_line_ = piece.line;
    base_ = piece.text.data();
    pugi::xml_document doc;
    pugi::xml_parse_result parsed =
        doc.load_buffer_inplace(piece.text.data(), piece.text.size(),
                                pugi::parse_minimal | pugi::parse_escapes, pugi::encoding_utf8);
    if (!parsed) {
      problems_.Error(At(file_, LineIn(breaks_, first_line_, parsed.offset)),
                      std::string("不是有效的 XML（") + parsed.description() + "）");
      return;
    }
    ++traces_;
    Trace(doc.document_element());
  }

  // After the last trace: the activities the mapping did not name, one warning each.
  void Finish(int last_line) {
    if (traces_ == 0 && !problems_.has_errors()) {
      problems_.Warning(At(file_, last_line), "日志中没有轨迹（<trace>）");
    }
    std::vector<std::pair<int, std::string>> unmapped;
    for (const auto& [activity, line] : unmapped_lines_) unmapped.emplace_back(line, activity);
    std::sort(unmapped.begin(), unmapped.end());
    for (const auto& [line, activity] : unmapped) {
      problems_.Warning(At(file_, line, "", m_.activity_key),
                        "活动“" + activity + "”不在映射的 [activities] 中：按环节编码“" + activity +
                            "”导入（共 " + std::to_string(counts_.unmapped_activities[activity]) +
                            " 个事件），合规校验将报告为未知环节");
    }
  }

 private:
  int Line(pugi::xml_node n) const { return LineIn(breaks_, first_line_, n.name() - base_); }
  void Error(pugi::xml_node n, const std::string& field, const std::string& message) {
    problems_.Error(At(file_, Line(n), "", field), message);
  }

  void Trace(pugi::xml_node trace) {
    Collect(trace, trace_attrs_);
    std::vector<pugi::xml_node> nodes;
    for (pugi::xml_node e = trace.child("event"); e; e = e.next_sibling("event"))
      nodes.push_back(e);
    const Attr* raw_id = Find(trace_attrs_, m_.case_id_key);
    if (!raw_id || !*raw_id->value) {
      counts_.records += nodes.size();
      return Error(trace, m_.case_id_key, "轨迹缺少办件编号属性“" + m_.case_id_key + "”");
    }
    const std::string case_id = m_.case_id_prefix + raw_id->value;
    auto [seen, fresh] = case_lines_.emplace(case_id, Line(trace));
    if (!fresh) {
      Error(
          trace, m_.case_id_key,
          "办件编号“" + case_id + "”重复（第 " + std::to_string(seen->second) + " 行的轨迹已用）");
    }
    if (nodes.empty()) {
      problems_.Warning(At(file_, Line(trace)), "轨迹“" + case_id + "”没有事件，未导入");
      return;
    }
    std::vector<engine::Event> steps;
    std::vector<int> origins;
    std::unordered_set<std::string_view> activities;
    std::optional<Instant> first, last;
    for (size_t i = 0; i < nodes.size(); ++i) {
      ++counts_.records;
      Collect(nodes[i], attrs_);
      if (i == 0) first_event_attrs_ = attrs_;
      const Attr* activity = Find(attrs_, m_.activity_key);
      const Attr* time = Find(attrs_, m_.time_key);
      std::optional<Instant> at = time ? ParseInstant(time->value) : std::nullopt;
      if (!activity || !*activity->value) {
        Error(nodes[i], m_.activity_key, "事件缺少活动名称");
        continue;
      }
      activities.insert(activity->value);
      if (!at) {
        Error(nodes[i], m_.time_key,
              time ? "不是时间“" + std::string(time->value) + "”" : std::string("事件缺少时间"));
        continue;
      }
      if (!first) first = at;
      if (!last || *at > *last) last = at;
      auto step = Step(nodes[i], case_id, i, activity->value, *at);
      if (!step) continue;
      steps.push_back(std::move(*step));
      origins.push_back(Line(nodes[i]));
    }
    if (!first) return;  // every event was bad, and reported
    Emit(Opened(trace, case_id, *first, activities), Line(trace));
    for (size_t i = 0; i < steps.size(); ++i) Emit(std::move(steps[i]), origins[i]);
    bool complete = false;
    for (const auto& a : activities) complete = complete || finals_.contains(a);
    if (complete || m_.close_unfinished) {
      engine::Event closed = Base(case_id, case_id + "#closed", engine::EventType::kClosed, *last);
      closed.decision = complete ? m_.outcome : m_.unfinished_outcome;
      Emit(std::move(closed), Line(trace));
      ++counts_.closed;
    }
  }

  engine::Event Base(const std::string& case_id, std::string id, engine::EventType type,
                     Instant at) const {
    engine::Event e;
    e.source = m_.source;
    e.external_id = std::move(id);
    e.type = type;
    e.case_id = case_id;
    e.occurred = at;
    e.recorded = at;
    return e;
  }

  void Emit(engine::Event e, int line) {
    sink_.events->push_back(std::move(e));
    sink_.lines.push_back(line);
  }

  // The value of a case field: from the trace, else from its first event.
  const Attr* CaseAttr(const std::string& key) const {
    const Attr* a = Find(trace_attrs_, key);
    return a ? a : Find(first_event_attrs_, key);
  }

  engine::Event Opened(pugi::xml_node trace, const std::string& case_id, Instant at,
                       const std::unordered_set<std::string_view>& activities) {
    engine::Event e = Base(case_id, case_id + "#opened", engine::EventType::kOpened, at);
    e.power = m_.power;
    if (const Attr* a = CaseAttr(m_.case_amount_key)) {
      e.amount = ParseNumber(a->value);
      if (!e.amount) {
        Error(trace, m_.case_amount_key, "金额应为数字，得到“" + std::string(a->value) + "”");
      }
    }
    if (const Attr* a = CaseAttr(m_.case_applicant_key)) e.applicant = a->value;
    if (const Attr* a = CaseAttr(m_.case_counterparty_key)) e.counterparty = a->value;
    for (const auto& [name, key] : m_.case_attributes) {
      if (const Attr* a = CaseAttr(key)) e.attributes[name] = Typed(*a);
    }
    for (const auto& flag : m_.flags) {
      bool yes = false;
      for (const auto& a : flag.activities) yes = yes || activities.contains(a);
      e.attributes[flag.name] = yes ? flag.yes : flag.no;
    }
    ++counts_.opened;
    return e;
  }

  std::optional<engine::Event> Step(pugi::xml_node node, const std::string& case_id, size_t index,
                                    const char* activity, Instant at) {
    const Attr* transition = Find(attrs_, m_.lifecycle_key);
    std::string word = transition ? transition->value : "complete";
    auto lifecycle = m_.lifecycle.find(word);
    if (lifecycle == m_.lifecycle.end()) {
      Error(node, m_.lifecycle_key,
            "生命周期“" + word + "”不在映射的 [lifecycle] 中（可写 " + word +
                " = \"completed\"、\"started\" 或 \"skip\"）");
      return std::nullopt;
    }
    if (!lifecycle->second) {
      ++counts_.skipped;
      return std::nullopt;
    }
    const Attr* id = Find(attrs_, m_.event_id_key);
    engine::Event e = Base(case_id, id ? id->value : case_id + "#" + std::to_string(index),
                           *lifecycle->second, at);
    auto rule = m_.activities.find(activity);
    if (rule != m_.activities.end()) {
      e.node = rule->second.node;
      e.decision = rule->second.decision;
      e.actor_post = rule->second.post;
      if (rule->second.type) e.type = *rule->second.type;
    } else {
      e.node = activity;
      ++counts_.unmapped;
      ++counts_.unmapped_activities[activity];
      unmapped_lines_.emplace(activity, Line(node));
    }
    if (const Attr* a = Find(attrs_, m_.actor_key)) {
      auto mapped = m_.actors.find(a->value);
      e.actor = mapped != m_.actors.end() ? mapped->second : a->value;
    }
    const Attr* post = e.actor_post.empty() ? Find(attrs_, m_.post_key) : nullptr;
    if (post) {
      auto mapped = m_.posts.find(post->value);
      e.actor_post = mapped != m_.posts.end() ? mapped->second : post->value;
    }
    if (const Attr* a = e.decision.empty() ? Find(attrs_, m_.decision_key) : nullptr) {
      e.decision = a->value;
    }
    if (const Attr* a = Find(attrs_, m_.amount_key)) {
      e.amount = ParseNumber(a->value);
      if (!e.amount) {
        Error(node, m_.amount_key, "金额应为数字，得到“" + std::string(a->value) + "”");
        return std::nullopt;
      }
    }
    for (const auto& [name, key] : m_.event_attributes) {
      if (const Attr* a = Find(attrs_, key)) e.attributes[name] = Typed(*a);
    }
    bool step = e.type == engine::EventType::kStarted || e.type == engine::EventType::kCompleted;
    if (step && e.actor.empty() && e.actor_post.empty()) {
      Error(node, m_.post_key.empty() ? m_.actor_key : m_.post_key,
            "环节“" + e.node +
                "”缺少办理人和办理岗位（映射 [event] actor、actor_post，或活动的 post）");
      return std::nullopt;
    }
    return e;
  }

  const std::string& file_;
  const XesMapping& m_;
  ProblemList& problems_;
  EventSink& sink_;
  EventReadCounts& counts_;
  std::unordered_set<std::string_view> finals_;  // views of m_.final_activities
  std::unordered_map<std::string, int> case_lines_;
  std::unordered_map<std::string, int> unmapped_lines_;  // activity → line of its first event
  std::vector<Attr> trace_attrs_, attrs_, first_event_attrs_;
  std::vector<uint32_t> breaks_;  // of the current trace's text
  int first_line_ = 1;
  const char* base_ = nullptr;
  size_t traces_ = 0;
};

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(ErrorCode::kIo, "无法读取文件 " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

Status ReadXes(const std::string& file, const EventReadOptions& options, ProblemList& problems,
               EventSink& sink, EventReadCounts& counts) {
  const std::string mapping_path =
      options.mapping_path.empty() ? DefaultMappingPath(file) : options.mapping_path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(mapping_path, ec)) {
    return Err(ErrorCode::kNotFound, "找不到 XES 映射文件 " + mapping_path +
                                         "（用 --mapping 指定；格式见 docs/events.md）");
  }
  DL_ASSIGN_OR_RETURN(std::string mapping_text, ReadSmallFile(mapping_path));
  auto mapping = ReadXesMapping(mapping_path, mapping_text, problems);
  if (!mapping) return Ok();
  DL_ASSIGN_OR_RETURN(XesScanner scanner, XesScanner::Open(file));
  DL_ASSIGN_OR_RETURN(XesScanner::Piece head, scanner.Next());
  // The header (or the whole text when it holds no trace) must be XML with a <log> root.
  auto breaks = LineBreaks(head.text);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(head.text.data(), head.text.size(),
                                                          pugi::parse_minimal, pugi::encoding_utf8);
  if (!parsed) {
    problems.Error(At(file, LineIn(breaks, 1, parsed.offset)),
                   std::string("不是有效的 XML（") + parsed.description() + "）");
    return Ok();
  }
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(root.name(), "log") != 0) {
    problems.Error(At(file, LineIn(breaks, 1, root.name() - head.text.data())),
                   "不是 XES 日志：根元素应为 <log>，实际为 <" + std::string(root.name()) + ">");
    return Ok();
  }
  XesReader reader(file, *mapping, problems, sink, counts);
  int last_line = static_cast<int>(breaks.size()) + 1;
  if (head.kind == XesScanner::Kind::kHeader) {
    for (;;) {
      DL_ASSIGN_OR_RETURN(XesScanner::Piece piece, scanner.Next());
      if (piece.kind == XesScanner::Kind::kTrace) {
        reader.Trace(piece);
        last_line = piece.line;
        continue;
      }
      if (piece.kind == XesScanner::Kind::kBad) {
        problems.Error(At(file, piece.line), "XML 结构错误：" + piece.message);
      }
      break;
    }
  }
  reader.Finish(last_line);
  return Ok();
}

}  // namespace dl::io::internal
