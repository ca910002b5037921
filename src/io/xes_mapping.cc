#include "io/xes_mapping.h"

#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace dl::io::internal {
namespace {

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string Joined(std::initializer_list<std::string_view> words) {
  std::string s;
  for (auto w : words) s += (s.empty() ? "" : "、") + std::string(w);
  return s;
}

std::string Dotted(std::string_view section, std::string_view key) {
  return section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
}

// Reads the mapping's tables, reporting every problem and carrying on.
class MappingReader {
 public:
  MappingReader(const std::string& path, ProblemList& problems)
      : path_(path), problems_(problems) {}

  bool ok() const { return ok_; }

  void Fail(int line, const std::string& field, const std::string& message) {
    problems_.Error(At(path_, line, "", field), message);
    ok_ = false;
  }

  void Keys(const toml::table& t, std::string_view section,
            std::initializer_list<std::string_view> allowed) {
    for (auto&& [key, node] : t) {
      bool known = false;
      for (auto a : allowed) known = known || key.str() == a;
      if (!known) {
        Fail(static_cast<int>(key.source().begin.line), Dotted(section, key.str()),
             "未知的键“" + std::string(key.str()) + "”（" +
                 (section.empty() ? std::string("顶层") : "[" + std::string(section) + "] ") +
                 "可用：" + Joined(allowed) + "）");
      }
    }
  }

  // A string value; `out` keeps its default when the key is absent.
  void Text(const toml::table& t, std::string_view section, std::string_view key, std::string& out,
            bool required = false) {
    const toml::node* node = t.get(key);
    if (!node) {
      if (required) Fail(LineOf(t), Dotted(section, key), "缺少必填项");
      return;
    }
    auto value = node->value<std::string>();
    if (!value || (required && value->empty())) {
      Fail(LineOf(*node), Dotted(section, key), required ? "应为非空文本" : "应为文本");
      return;
    }
    out = *value;
  }

  std::vector<std::string> TextList(const toml::table& t, std::string_view section,
                                    std::string_view key) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    bool ok = array != nullptr;
    if (array) {
      for (const auto& item : *array) {
        auto value = item.value<std::string>();
        ok = ok && value.has_value();
        if (value) out.push_back(*value);
      }
    }
    if (!ok) Fail(LineOf(*node), Dotted(section, key), "应为文本数组，如 [\"A\", \"B\"]");
    return out;
  }

  // A table of text values, in file order.
  std::vector<std::pair<std::string, std::string>> TextTable(const toml::table& t,
                                                             std::string_view section,
                                                             std::string_view key) {
    std::vector<std::pair<std::string, std::string>> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const toml::table* table = node->as_table();
    if (!table) {
      Fail(LineOf(*node), Dotted(section, key), "应为表，如 [" + Dotted(section, key) + "]");
      return out;
    }
    for (auto&& [name, value] : *table) {
      auto text = value.value<std::string>();
      if (!text) {
        Fail(LineOf(value), Dotted(Dotted(section, key), name.str()), "应为文本");
        continue;
      }
      out.emplace_back(std::string(name.str()), *text);
    }
    std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
      return LineOf(*table->get(a.first)) < LineOf(*table->get(b.first));
    });
    return out;
  }

  const toml::table* Table(const toml::table& t, std::string_view key) {
    const toml::node* node = t.get(key);
    if (!node) return nullptr;
    if (!node->is_table())
      Fail(LineOf(*node), std::string(key), "应为表 [" + std::string(key) + "]");
    return node->as_table();
  }

 private:
  const std::string& path_;
  ProblemList& problems_;
  bool ok_ = true;
};

std::optional<engine::EventType> StepType(std::string_view word) {
  auto type = engine::kEventTypes.Parse(word);
  if (!type) type = engine::kEventTypeNames.Parse(word);
  if (type == engine::EventType::kOpened || type == engine::EventType::kClosed) return std::nullopt;
  return type;
}

void ReadCase(MappingReader& r, const toml::table& t, XesMapping& m) {
  r.Keys(t, "case",
         {"id", "id_prefix", "amount", "applicant", "counterparty", "attributes", "flags"});
  r.Text(t, "case", "id", m.case_id_key);
  r.Text(t, "case", "id_prefix", m.case_id_prefix);
  r.Text(t, "case", "amount", m.case_amount_key);
  r.Text(t, "case", "applicant", m.case_applicant_key);
  r.Text(t, "case", "counterparty", m.case_counterparty_key);
  m.case_attributes = r.TextTable(t, "case", "attributes");
  const toml::node* flags = t.get("flags");
  if (!flags) return;
  const toml::array* array = flags->as_array();
  if (!array) return r.Fail(LineOf(*flags), "case.flags", "应为 [[case.flags]] 表数组");
  for (const auto& item : *array) {
    const toml::table* flag = item.as_table();
    if (!flag) {
      r.Fail(LineOf(item), "case.flags", "应为 [[case.flags]] 表数组");
      continue;
    }
    r.Keys(*flag, "case.flags", {"name", "when_any", "yes", "no"});
    CaseFlag f;
    r.Text(*flag, "case.flags", "name", f.name, /*required=*/true);
    f.activities = r.TextList(*flag, "case.flags", "when_any");
    if (f.activities.empty()) r.Fail(LineOf(*flag), "case.flags.when_any", "应列出至少一个活动");
    r.Text(*flag, "case.flags", "yes", f.yes);
    r.Text(*flag, "case.flags", "no", f.no);
    m.flags.push_back(std::move(f));
  }
}

void ReadEvent(MappingReader& r, const toml::table& t, XesMapping& m) {
  r.Keys(t, "event",
         {"id", "activity", "time", "lifecycle", "actor", "actor_post", "amount", "decision",
          "attributes"});
  r.Text(t, "event", "id", m.event_id_key);
  r.Text(t, "event", "activity", m.activity_key, /*required=*/t.contains("activity"));
  r.Text(t, "event", "time", m.time_key, /*required=*/t.contains("time"));
  r.Text(t, "event", "lifecycle", m.lifecycle_key);
  r.Text(t, "event", "actor", m.actor_key);
  r.Text(t, "event", "actor_post", m.post_key);
  r.Text(t, "event", "amount", m.amount_key);
  r.Text(t, "event", "decision", m.decision_key);
  m.event_attributes = r.TextTable(t, "event", "attributes");
}

void ReadLifecycle(MappingReader& r, const toml::table& t, XesMapping& m) {
  for (auto&& [key, node] : t) {
    auto word = node.value<std::string>();
    const std::string field = Dotted("lifecycle", key.str());
    if (word && (*word == "skip" || *word == "跳过")) {
      m.lifecycle[std::string(key.str())] = std::nullopt;
    } else if (auto type = word ? StepType(*word) : std::nullopt) {
      m.lifecycle[std::string(key.str())] = type;
    } else {
      r.Fail(LineOf(node), field, "应为 completed、started、suspended、resumed 或 skip");
    }
  }
}

void ReadActivities(MappingReader& r, const toml::table& t, XesMapping& m) {
  for (auto&& [key, node] : t) {
    const std::string field = "activities.\"" + std::string(key.str()) + "\"";
    ActivityRule rule;
    if (auto node_code = node.value<std::string>()) {
      rule.node = *node_code;
    } else if (const toml::table* table = node.as_table()) {
      r.Keys(*table, field, {"node", "decision", "type", "post"});
      r.Text(*table, field, "node", rule.node);
      r.Text(*table, field, "decision", rule.decision);
      r.Text(*table, field, "post", rule.post);
      std::string type;
      r.Text(*table, field, "type", type);
      if (!type.empty()) {
        rule.type = StepType(type);
        if (!rule.type)
          r.Fail(LineOf(node), field + ".type", "应为 completed、started、suspended 或 resumed");
      }
    } else {
      r.Fail(LineOf(node), field, "应为环节编码，或 { node = \"…\", decision = \"…\" }");
      continue;
    }
    bool step = !rule.type || rule.type == engine::EventType::kStarted ||
                rule.type == engine::EventType::kCompleted;
    if (step && rule.node.empty()) r.Fail(LineOf(node), field + ".node", "缺少环节编码");
    m.activities[std::string(key.str())] = std::move(rule);
  }
}

void ReadClose(MappingReader& r, const toml::table& t, XesMapping& m) {
  r.Keys(t, "close", {"final", "outcome", "unfinished", "unfinished_outcome"});
  m.final_activities = r.TextList(t, "close", "final");
  r.Text(t, "close", "outcome", m.outcome);
  r.Text(t, "close", "unfinished_outcome", m.unfinished_outcome);
  std::string unfinished = "close";
  r.Text(t, "close", "unfinished", unfinished);
  if (unfinished != "close" && unfinished != "open") {
    r.Fail(LineOf(*t.get("unfinished")), "close.unfinished",
           "应为 close（在最后一个事件处办结）或 open（保持在办）");
  }
  m.close_unfinished = unfinished == "close";
}

}  // namespace

std::optional<XesMapping> ReadXesMapping(const std::string& path, const std::string& text,
                                         ProblemList& problems) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    problems.Error(At(path, static_cast<int>(e.source().begin.line)),
                   "TOML 格式错误：" + std::string(e.description()));
    return std::nullopt;
  }
  MappingReader r(path, problems);
  r.Keys(root, "",
         {"format", "format_version", "source", "power", "case", "event", "lifecycle", "posts",
          "actors", "activities", "close"});
  XesMapping m;
  std::string format;
  r.Text(root, "", "format", format);
  if (!format.empty() && format != "daylight.xes-mapping") {
    r.Fail(LineOf(*root.get("format")), "format", "应为 \"daylight.xes-mapping\"");
  }
  if (const toml::node* v = root.get("format_version"); v && v->value<int64_t>() != 1) {
    r.Fail(LineOf(*v), "format_version", "本版本只读 1");
  }
  r.Text(root, "", "source", m.source, /*required=*/true);
  r.Text(root, "", "power", m.power, /*required=*/true);
  if (const toml::table* t = r.Table(root, "case")) ReadCase(r, *t, m);
  if (const toml::table* t = r.Table(root, "event")) ReadEvent(r, *t, m);
  if (const toml::table* t = r.Table(root, "lifecycle")) ReadLifecycle(r, *t, m);
  if (root.get("posts")) {
    for (auto& [k, v] : r.TextTable(root, "", "posts")) m.posts[k] = v;
  }
  if (root.get("actors")) {
    for (auto& [k, v] : r.TextTable(root, "", "actors")) m.actors[k] = v;
  }
  if (const toml::table* t = r.Table(root, "activities")) ReadActivities(r, *t, m);
  if (const toml::table* t = r.Table(root, "close")) ReadClose(r, *t, m);
  if (!r.ok()) return std::nullopt;
  return m;
}

}  // namespace dl::io::internal
