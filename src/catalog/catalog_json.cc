#include "catalog/catalog_json.h"

#include <set>

namespace dl::catalog {
namespace {

Json OptDate(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }

template <class E, size_t N>
Json EnumList(const std::vector<E>& values, const LabelTable<E, N>& table) {
  Json a = Json::array();
  for (E v : values) a.push_back(table.Label(v));
  return a;
}

// Reads the fields of one JSON object, recording a problem for every wrong or unknown field.
class ObjectReader {
 public:
  ObjectReader(const Json& j, std::string path, std::vector<JsonProblem>* problems)
      : j_(j), path_(std::move(path)), problems_(problems) {
    if (!j_.is_object()) Problem(path_, "应为 JSON 对象");
  }

  void Str(const char* key, std::string* out, bool required = false) {
    const Json* v = Field(key, required);
    if (!v) return;
    if (!v->is_string()) return Problem(At(key), "应为字符串");
    *out = v->get<std::string>();
    if (required && out->empty()) Problem(At(key), "不能为空");
  }
  void Bool(const char* key, bool* out) {
    const Json* v = Field(key, false);
    if (!v) return;
    if (!v->is_boolean()) return Problem(At(key), "应为 true 或 false");
    *out = v->get<bool>();
  }
  template <class I>
  void Int(const char* key, I* out, bool required, long long lo, long long hi) {
    const Json* v = Field(key, required);
    if (!v) return;
    if (!v->is_number_integer()) return Problem(At(key), "应为整数");
    long long x = v->get<long long>();
    if (x < lo || x > hi) {
      return Problem(At(key), "应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                                  " 之间，实际为 " + std::to_string(x));
    }
    *out = static_cast<I>(x);
  }
  template <class E, size_t N>
  void Enum(const char* key, const LabelTable<E, N>& table, E* out, bool required = true) {
    const Json* v = Field(key, required);
    if (!v) return;
    if (!v->is_string()) return Problem(At(key), "应为字符串：" + table.Choices());
    if (auto e = table.Parse(v->get<std::string>())) {
      *out = *e;
    } else {
      Problem(At(key), "“" + v->get<std::string>() + "”不是可用的值，应为：" + table.Choices());
    }
  }
  template <class E, size_t N>
  void EnumArray(const char* key, const LabelTable<E, N>& table, std::vector<E>* out) {
    const Json* v = Field(key, false);
    if (!v) return;
    if (!v->is_array()) return Problem(At(key), "应为数组");
    out->clear();
    for (size_t i = 0; i < v->size(); ++i) {
      const Json& item = (*v)[i];
      auto e = item.is_string() ? table.Parse(item.get<std::string>()) : std::nullopt;
      if (!e) {
        Problem(At(key) + "[" + std::to_string(i) + "]", "应为：" + table.Choices());
        continue;
      }
      out->push_back(*e);
    }
  }
  void DateField(const char* key, Date* out, bool required) {
    const Json* v = Field(key, required);
    if (!v) return;
    auto d = v->is_string() ? Date::Parse(v->get<std::string>()) : std::nullopt;
    if (!d) return Problem(At(key), "应为日期 YYYY-MM-DD");
    *out = *d;
  }
  void OptionalDate(const char* key, std::optional<Date>* out) {
    const Json* v = Field(key, false);
    if (!v || v->is_null()) return;
    auto d = v->is_string() ? Date::Parse(v->get<std::string>()) : std::nullopt;
    if (!d) return Problem(At(key), "应为日期 YYYY-MM-DD 或 null");
    *out = *d;
  }
  void StrArray(const char* key, std::vector<std::string>* out) {
    const Json* v = Field(key, false);
    if (!v) return;
    if (!v->is_array()) return Problem(At(key), "应为字符串数组");
    out->clear();
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) {
        Problem(At(key) + "[" + std::to_string(i) + "]", "应为字符串");
        continue;
      }
      out->push_back((*v)[i].get<std::string>());
    }
  }
  template <class T>
  void Array(const char* key, std::vector<T>* out) {
    const Json* v = Field(key, false);
    if (!v) return;
    if (!v->is_array()) return Problem(At(key), "应为数组");
    out->clear();
    for (size_t i = 0; i < v->size(); ++i) {
      T item;
      if (FromJson((*v)[i], At(key) + "[" + std::to_string(i) + "]", &item, problems_)) {
        out->push_back(std::move(item));
      }
    }
  }
  // Marks a key as known without reading it (read elsewhere).
  const Json* Raw(const char* key) { return Field(key, false); }

  // Reports unknown keys; returns true if this object had no problem.
  bool Finish() {
    if (j_.is_object()) {
      for (const auto& [k, _] : j_.items()) {
        if (!used_.contains(k)) Problem(path_ + "." + k, "未知字段（拼写错误？）");
      }
    }
    return problems_->size() == start_count_;
  }

 private:
  std::string At(const char* key) const { return path_ + "." + key; }
  const Json* Field(const char* key, bool required) {
    used_.insert(key);
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end() || (it->is_null() && required)) {
      if (required) Problem(At(key), "缺少必填字段");
      return nullptr;
    }
    return &*it;
  }
  void Problem(std::string path, std::string message) {
    problems_->push_back({std::move(path), std::move(message)});
  }

  const Json& j_;
  std::string path_;
  std::vector<JsonProblem>* problems_;
  size_t start_count_ = problems_->size();
  std::set<std::string> used_;
};

Json ToJson(const TimeLimit& t) {
  if (t.empty()) return nullptr;
  return {{"value", t.value}, {"unit", kTimeUnits.Label(t.unit)}};
}

void ReadTimeLimit(ObjectReader& r, const char* key, const std::string& path, TimeLimit* out,
                   std::vector<JsonProblem>* problems) {
  const Json* v = r.Raw(key);
  if (!v || v->is_null()) return;
  ObjectReader tr(*v, path + "." + key, problems);
  tr.Int("value", &out->value, true, 1, 100000);
  tr.Enum("unit", kTimeUnits, &out->unit);
  tr.Finish();
}

Json ToJson(const Node& n) {
  return {{"code", n.code},
          {"name", n.name},
          {"kind", kNodeKinds.Label(n.kind)},
          {"post", n.post},
          {"time_limit", ToJson(n.time_limit)},
          {"stage", kStages.Label(n.stage)},
          {"supervision", n.supervision},
          {"collective", n.collective}};
}
Json ToJson(const Edge& e) { return {{"from", e.from}, {"to", e.to}, {"condition", e.condition}}; }
Json ToJson(const Risk& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"description", r.description},
          {"node", r.node},
          {"category", kRiskCategories.Label(r.category)},
          {"factors",
           {{"importance", r.factors.importance},
            {"discretion", r.factors.discretion},
            {"frequency", r.factors.frequency},
            {"likelihood", r.factors.likelihood},
            {"harm", r.factors.harm}}},
          {"level", kRiskLevels.Label(r.level)},
          {"approved_on", OptDate(r.approved_on)},
          {"approval_record", r.approval_record},
          {"next_review", OptDate(r.next_review)}};
}
Json ToJson(const Control& c) {
  return {{"code", c.code},       {"risk", c.risk},
          {"measure", c.measure}, {"types", EnumList(c.types, kControlTypes)},
          {"post", c.post},       {"supervision", c.supervision},
          {"rule", c.rule}};
}
Json ToJson(const Benchmark& b) {
  return {{"item", b.item},
          {"grade", kGrades.Label(b.grade)},
          {"conditions", b.conditions},
          {"lower", b.lower},
          {"upper", b.upper},
          {"unit", b.unit}};
}

template <class T>
Json ArrayOf(const std::vector<T>& items) {
  Json a = Json::array();
  for (const auto& i : items) a.push_back(ToJson(i));
  return a;
}

}  // namespace

bool FromJson(const Json& j, const std::string& path, Node* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, Edge* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, Risk* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, Control* out,
              std::vector<JsonProblem>* problems);
bool FromJson(const Json& j, const std::string& path, Benchmark* out,
              std::vector<JsonProblem>* problems);

Json ToJson(const org::Unit& v) {
  return {{"code", v.code},
          {"name", v.name},
          {"parent", v.parent},
          {"level", org::kUnitLevels.Label(v.level)},
          {"kind", org::kUnitKinds.Label(v.kind)},
          {"supervisor", v.supervisor}};
}
Json ToJson(const org::Post& v) {
  return {{"code", v.code},
          {"unit", v.unit},
          {"name", v.name},
          {"leadership", v.leadership},
          {"head", v.head}};
}
Json ToJson(const org::Person& v) { return {{"code", v.code}, {"name", v.name}}; }
Json ToJson(const org::Assignment& v) {
  return {
      {"person", v.person}, {"post", v.post}, {"from", v.from.ToString()}, {"to", OptDate(v.to)}};
}
Json ToJson(const org::Relation& v) {
  return {{"person", v.person},
          {"counterparty", v.counterparty},
          {"kind", org::kRelationKinds.Label(v.kind)},
          {"note", v.note}};
}
Json ToJson(const Power& p) {
  return {{"code", p.code},
          {"name", p.name},
          {"category", kCategories.Label(p.category)},
          {"unit", p.unit},
          {"handling_unit", p.handling_unit},
          {"held_at", kHolderLevels.Label(p.held_at)},
          {"held_by_post", p.held_by_post},
          {"legal_basis", p.legal_basis},
          {"content", p.content},
          {"fees", p.fees},
          {"time_limit", ToJson(p.time_limit)},
          {"disclosure", kDisclosures.Label(p.disclosure)},
          {"effective_from", p.effective_from.ToString()},
          {"flow", {{"nodes", ArrayOf(p.flow.nodes)}, {"edges", ArrayOf(p.flow.edges)}}},
          {"risks", ArrayOf(p.risks)},
          {"controls", ArrayOf(p.controls)},
          {"benchmarks", ArrayOf(p.benchmarks)}};
}
Json ToJson(const StatusChange& v) {
  return {{"date", v.date.ToString()},
          {"status", kPowerStatuses.Label(v.status)},
          {"reason", v.reason},
          {"target", v.target},
          {"document", v.document}};
}

bool FromJson(const Json& j, const std::string& path, org::Unit* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("name", &out->name, true);
  r.Str("parent", &out->parent);
  r.Enum("level", org::kUnitLevels, &out->level);
  r.Enum("kind", org::kUnitKinds, &out->kind);
  r.Str("supervisor", &out->supervisor);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, org::Post* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("unit", &out->unit, true);
  r.Str("name", &out->name, true);
  r.Bool("leadership", &out->leadership);
  r.Bool("head", &out->head);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, org::Person* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("name", &out->name, true);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, org::Assignment* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("person", &out->person, true);
  r.Str("post", &out->post, true);
  r.DateField("from", &out->from, true);
  r.OptionalDate("to", &out->to);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, org::Relation* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("person", &out->person, true);
  r.Str("counterparty", &out->counterparty, true);
  r.Enum("kind", org::kRelationKinds, &out->kind);
  r.Str("note", &out->note);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, Node* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("name", &out->name, true);
  r.Enum("kind", kNodeKinds, &out->kind);
  r.Str("post", &out->post);
  ReadTimeLimit(r, "time_limit", path, &out->time_limit, problems);
  r.Enum("stage", kStages, &out->stage, false);
  r.Str("supervision", &out->supervision);
  r.Bool("collective", &out->collective);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, Edge* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("from", &out->from, true);
  r.Str("to", &out->to, true);
  r.Str("condition", &out->condition);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, Risk* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("name", &out->name, true);
  r.Str("description", &out->description);
  r.Str("node", &out->node);
  r.Enum("category", kRiskCategories, &out->category);
  if (const Json* f = r.Raw("factors")) {
    ObjectReader fr(*f, path + ".factors", problems);
    fr.Int("importance", &out->factors.importance, true, 1, 5);
    fr.Int("discretion", &out->factors.discretion, true, 1, 5);
    fr.Int("frequency", &out->factors.frequency, true, 1, 5);
    fr.Int("likelihood", &out->factors.likelihood, true, 1, 5);
    fr.Int("harm", &out->factors.harm, true, 1, 5);
    fr.Finish();
  } else {
    problems->push_back({path + ".factors", "缺少必填字段"});
  }
  r.Enum("level", kRiskLevels, &out->level);
  r.OptionalDate("approved_on", &out->approved_on);
  r.Str("approval_record", &out->approval_record);
  r.OptionalDate("next_review", &out->next_review);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, Control* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("risk", &out->risk, true);
  r.Str("measure", &out->measure, true);
  r.EnumArray("types", kControlTypes, &out->types);
  r.Str("post", &out->post);
  r.Str("supervision", &out->supervision);
  r.Str("rule", &out->rule);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, Benchmark* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("item", &out->item);
  r.Enum("grade", kGrades, &out->grade);
  r.Str("conditions", &out->conditions);
  r.Int("lower", &out->lower, true, 0, 1LL << 50);
  r.Int("upper", &out->upper, true, 0, 1LL << 50);
  r.Str("unit", &out->unit);
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, Power* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.Str("code", &out->code, true);
  r.Str("name", &out->name, true);
  r.Enum("category", kCategories, &out->category);
  r.Str("unit", &out->unit, true);
  r.Str("handling_unit", &out->handling_unit);
  r.Enum("held_at", kHolderLevels, &out->held_at, false);
  r.Str("held_by_post", &out->held_by_post);
  r.StrArray("legal_basis", &out->legal_basis);
  r.Str("content", &out->content);
  r.Str("fees", &out->fees);
  ReadTimeLimit(r, "time_limit", path, &out->time_limit, problems);
  r.Enum("disclosure", kDisclosures, &out->disclosure);
  r.DateField("effective_from", &out->effective_from, true);
  if (const Json* f = r.Raw("flow")) {
    ObjectReader fr(*f, path + ".flow", problems);
    fr.Array("nodes", &out->flow.nodes);
    fr.Array("edges", &out->flow.edges);
    fr.Finish();
  }
  r.Array("risks", &out->risks);
  r.Array("controls", &out->controls);
  r.Array("benchmarks", &out->benchmarks);
  r.Raw("status_history");  // read by the catalogue decoder
  return r.Finish();
}
bool FromJson(const Json& j, const std::string& path, StatusChange* out,
              std::vector<JsonProblem>* problems) {
  ObjectReader r(j, path, problems);
  r.DateField("date", &out->date, true);
  r.Enum("status", kPowerStatuses, &out->status);
  r.Str("reason", &out->reason);
  r.Str("target", &out->target);
  r.Str("document", &out->document);
  return r.Finish();
}

Json CatalogToJson(const Catalog& c) {
  Json units = Json::array();
  for (const org::Unit* u : c.UnitsInTreeOrder()) units.push_back(ToJson(*u));
  auto values = [](const auto& map) {
    Json a = Json::array();
    for (const auto& [_, v] : map) a.push_back(ToJson(v));
    return a;
  };
  Json powers = Json::array();
  for (const auto& [_, rec] : c.powers) {
    Json p = ToJson(rec.power);
    p["status_history"] = ArrayOf(rec.history);
    powers.push_back(std::move(p));
  }
  return {{"format", kCatalogFormat},
          {"format_version", kCatalogFormatVersion},
          {"units", units},
          {"posts", values(c.posts)},
          {"persons", values(c.persons)},
          {"assignments", values(c.assignments)},
          {"relations", values(c.relations)},
          {"powers", powers}};
}

Catalog CatalogFromJson(const Json& j, std::vector<JsonProblem>* problems) {
  Catalog c;
  ObjectReader r(j, "$", problems);
  std::string format;
  int version = 0;
  r.Str("format", &format, true);
  r.Int("format_version", &version, true, 1, 1000);
  if (!format.empty() && format != kCatalogFormat) {
    problems->push_back(
        {"$.format", "应为“" + std::string(kCatalogFormat) + "”，实际为“" + format + "”"});
  }
  if (version > kCatalogFormatVersion) {
    problems->push_back({"$.format_version", "不支持的格式版本 " + std::to_string(version) +
                                                 "（本程序支持 " +
                                                 std::to_string(kCatalogFormatVersion) + "）"});
  }
  // Decodes an array into a map keyed by `key`, reporting duplicates.
  auto into_map = [&](const char* field, auto& map, auto key_of) {
    using T = typename std::decay_t<decltype(map)>::mapped_type;
    std::vector<T> items;
    r.Array(field, &items);
    for (size_t i = 0; i < items.size(); ++i) {
      std::string key = key_of(items[i]);
      if (!map.emplace(key, std::move(items[i])).second) {
        problems->push_back({std::string("$.") + field, "重复的记录“" + key + "”"});
      }
    }
  };
  into_map("units", c.units, [](const org::Unit& u) { return u.code; });
  into_map("posts", c.posts, [](const org::Post& p) { return p.code; });
  into_map("persons", c.persons, [](const org::Person& p) { return p.code; });
  into_map("assignments", c.assignments, [](const org::Assignment& a) { return a.Key(); });
  into_map("relations", c.relations, [](const org::Relation& x) { return x.Key(); });
  if (const Json* powers = r.Raw("powers")) {
    if (!powers->is_array()) {
      problems->push_back({"$.powers", "应为数组"});
    } else {
      for (size_t i = 0; i < powers->size(); ++i) {
        std::string path = "$.powers[" + std::to_string(i) + "]";
        PowerRecord rec;
        if (!FromJson((*powers)[i], path, &rec.power, problems)) continue;
        ObjectReader hr((*powers)[i], path, problems);
        hr.Array("status_history", &rec.history);
        std::string code = rec.power.code;
        if (!c.powers.emplace(code, std::move(rec)).second) {
          problems->push_back({path + ".code", "权力编码“" + code + "”重复"});
        }
      }
    }
  }
  r.Finish();
  return c;
}

}  // namespace dl::catalog
