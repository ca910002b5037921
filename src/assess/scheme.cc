// ParseScheme: the TOML form of a Scheme (format: docs/assessment.md). Problems are collected
// (not stopped at the first) and reported with file, line and key, like monitor/rule_params.cc.
#include "assess/scheme.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "assess/facts.h"
#include "base/json.h"
#include "base/text.h"

namespace dl::assess {
namespace {

int LineOf(const toml::source_region& r) { return static_cast<int>(r.begin.line); }
int LineOf(const toml::node& n) { return LineOf(n.source()); }

std::string Quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

bool IsIdentifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

class SchemeReader {
 public:
  Json problems = Json::array();
  Scheme scheme;

  void Root(const toml::table& root) {
    int indicators_line = 1;
    for (auto&& [key, value] : root) {
      const std::string k(key.str());
      if (k == "name") {
        scheme.name = Text(value, k, true);
      } else if (k == "description") {
        scheme.description = Text(value, k, false);
      } else if (k == "grades") {
        Grades(value);
      } else if (k == "indicator") {
        indicators_line = LineOf(value);
        Indicators(value);
      } else {
        Unknown(key, k, {"name", "description", "grades", "indicator"});
      }
    }
    if (!root.contains("name")) Fail(1, "name", "缺少方案名称");
    if (!root.contains("indicator")) {
      Fail(indicators_line, "indicator", "至少应有一个 [[indicator]] 指标");
    }
  }

 private:
  void Fail(int line, const std::string& key, const std::string& message) {
    problems.push_back({{"line", line}, {"key", key}, {"message", message}});
  }
  void Unknown(const toml::key& key, const std::string& full,
               std::initializer_list<std::string_view> allowed) {
    Fail(LineOf(key.source()), full,
         "未知的键（可用：" + Join(std::vector<std::string>(allowed.begin(), allowed.end()), "、") +
             "）");
  }

  std::string Text(const toml::node& v, const std::string& key, bool required) {
    auto s = v.value<std::string>();
    if (!s || (required && Trim(*s).empty())) {
      Fail(LineOf(v), key, required ? "应为非空文本" : "应为文本");
      return "";
    }
    return std::string(Trim(*s));
  }
  std::optional<double> Number(const toml::node& v, const std::string& key) {
    auto n = v.is_number() ? v.value<double>() : std::nullopt;
    if (!n || !std::isfinite(*n)) {
      Fail(LineOf(v), key, "应为数字");
      return std::nullopt;
    }
    return n;
  }

  void Grades(const toml::node& v) {
    const toml::table* t = v.as_table();
    if (!t) {
      Fail(LineOf(v), "grades", "应为表 [grades]");
      return;
    }
    int last_line = LineOf(v);
    for (auto&& [key, value] : *t) {
      const std::string k(key.str()), full = "grades." + k;
      long long* bound = k == "优秀"   ? &scheme.grades.excellent
                         : k == "良好" ? &scheme.grades.good
                         : k == "合格" ? &scheme.grades.pass
                                       : nullptr;
      if (!bound) {
        Unknown(key, full, {"优秀", "良好", "合格"});
        continue;
      }
      last_line = std::max(last_line, LineOf(value));
      if (auto n = Number(value, full)) {
        if (*n <= 0 || *n > 100) {
          Fail(LineOf(value), full, "应为 0（不含）到 100 之间的分数");
        } else {
          *bound = std::llround(*n * 100);
        }
      }
    }
    const GradeBounds& g = scheme.grades;
    if (!(g.pass < g.good && g.good < g.excellent)) {
      Fail(last_line, "grades", "等级分数线应为 优秀 > 良好 > 合格");
    }
  }

  void Indicators(const toml::node& v) {
    const toml::array* a = v.as_array();
    if (!a || a->empty()) {
      Fail(LineOf(v), "indicator", "应写作 [[indicator]] 表数组，至少一个指标");
      return;
    }
    double total = 0;
    bool weights_ok = true;
    int last_weight_line = LineOf(v);
    std::string last_weight_key = "indicator";
    std::set<std::string> ids;
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string prefix = "indicator[" + std::to_string(i + 1) + "]";
      const toml::table* t = (*a)[i].as_table();
      if (!t) {
        Fail(LineOf((*a)[i]), prefix, "应为表 [[indicator]]");
        weights_ok = false;
        continue;
      }
      Indicator ind = One(*t, prefix);
      if (!ind.id.empty() && !ids.insert(ind.id).second) {
        Fail(LineOf(*t->get("id")), prefix + ".id", "指标编号" + Quoted(ind.id) + "重复");
      }
      if (ind.weight > 0) {
        total += ind.weight;
        last_weight_line = ind.line;
        last_weight_key = prefix + ".weight";
      } else {
        weights_ok = false;
      }
      scheme.indicators.push_back(std::move(ind));
    }
    if (weights_ok && std::abs(total - 100) > 1e-6) {
      Fail(last_weight_line, last_weight_key,
           "权重合计应为 100，现为 " + FormatPoints(std::round(total * 1e6) / 1e6));
    }
  }

  Indicator One(const toml::table& t, const std::string& prefix) {
    Indicator ind;
    const int table_line = LineOf(t);
    ind.line = table_line;
    const toml::node* scoring = nullptr;
    const toml::node* missing = nullptr;
    for (auto&& [key, value] : t) {
      const std::string k(key.str()), full = prefix + "." + k;
      if (k == "id") {
        ind.id = Text(value, full, true);
        if (!ind.id.empty() && !IsIdentifier(ind.id)) {
          Fail(LineOf(value), full, "指标编号只能由英文字母、数字、_ 和 - 组成");
        }
      } else if (k == "name") {
        ind.name = Text(value, full, true);
      } else if (k == "description") {
        ind.description = Text(value, full, false);
      } else if (k == "source") {
        ind.source = Text(value, full, true);
        if (!ind.source.empty() && !FindSource(ind.source)) {
          Fail(LineOf(value), full,
               "未知的数据来源" + Quoted(ind.source) + "（可用：" + SourceChoices() + "）");
        }
      } else if (k == "weight") {
        ind.line = LineOf(value);
        if (auto n = Number(value, full)) {
          if (*n <= 0 || *n > 100) {
            Fail(LineOf(value), full, "权重应为大于 0、不超过 100 的数，现为 " + FormatPoints(*n));
          } else {
            ind.weight = *n;
          }
        }
      } else if (k == "scoring") {
        scoring = &value;
      } else if (k == "missing") {
        missing = &value;
      } else if (k == "best" || k == "worst" || k == "per") {
        // checked below, once the scoring is known
      } else {
        Unknown(key, full,
                {"id", "name", "source", "weight", "scoring", "best", "worst", "per", "missing",
                 "description"});
      }
    }
    for (const char* required : {"id", "name", "source", "weight"}) {
      if (!t.contains(required)) Fail(table_line, prefix + "." + required, "缺少必填项");
    }
    ReadScoring(t, prefix, table_line, scoring, missing, ind);
    return ind;
  }

  // scoring, missing and the scoring's own keys (best / worst / per).
  void ReadScoring(const toml::table& t, const std::string& prefix, int table_line,
                   const toml::node* scoring, const toml::node* missing, Indicator& ind) {
    const SourceInfo* source = FindSource(ind.source);
    const bool checks = source && source->kind == ValueKind::kPoints;
    bool known = true;  // whether the scoring is known, so its own keys can be checked
    if (checks) {
      ind.scoring = Scoring::kChecks;
      if (scoring) {
        Fail(LineOf(*scoring), prefix + ".scoring",
             "自查、检查扣分类指标（source = " + ind.source +
                 "）按自查、检查记录扣分，不写 scoring");
      }
      if (missing) {
        Fail(LineOf(*missing), prefix + ".missing", "自查、检查扣分类指标总有数据，不写 missing");
      }
    } else if (!scoring) {
      Fail(table_line, prefix + ".scoring", "缺少必填项（可用：" + kScorings.Choices() + "）");
      known = false;
    } else {
      auto text = scoring->value<std::string>();
      auto parsed = text ? kScorings.Parse(*text) : std::nullopt;
      if (!parsed) {
        Fail(
            LineOf(*scoring), prefix + ".scoring",
            "未知的计分方法" + Quoted(text.value_or("")) + "（可用：" + kScorings.Choices() + "）");
        known = false;
      } else if (*parsed == Scoring::kRatio && source && source->kind != ValueKind::kRatio) {
        Fail(LineOf(*scoring), prefix + ".scoring",
             "ratio 只适用于比率类数据来源，" + ind.source + " 不是比率（可用 linear 或 deduct）");
        known = false;
      } else {
        ind.scoring = *parsed;
      }
    }
    if (missing) {
      auto text = missing->value<std::string>();
      auto parsed = text ? kMissings.Parse(*text) : std::nullopt;
      if (!parsed) {
        Fail(LineOf(*missing), prefix + ".missing", "应为 " + kMissings.Choices() + " 之一");
      } else {
        ind.missing = *parsed;
      }
    }
    if (!known) return;
    const bool linear = ind.scoring == Scoring::kLinear;
    const bool deduct = ind.scoring == Scoring::kDeduct;
    auto param = [&](const char* key, bool wanted, const char* scoring_name, double& out) {
      const toml::node* v = t.get(key);
      const std::string full = prefix + "." + key;
      if (!v) {
        if (wanted)
          Fail(table_line, full, std::string("scoring = \"") + scoring_name + "\" 时必填");
        return;
      }
      if (!wanted) {
        Fail(LineOf(*v), full, std::string("只用于 scoring = \"") + scoring_name + "\"");
        return;
      }
      if (auto n = Number(*v, full)) out = *n;
    };
    param("best", linear, "linear", ind.best);
    param("worst", linear, "linear", ind.worst);
    param("per", deduct, "deduct", ind.per);
    if (linear && t.contains("best") && t.contains("worst") && ind.best == ind.worst) {
      Fail(LineOf(*t.get("worst")), prefix + ".worst", "best 与 worst 不能相等");
    }
    if (deduct && t.contains("per") && ind.per <= 0) {
      Fail(LineOf(*t.get("per")), prefix + ".per", "每单位扣分应大于 0");
    }
  }
};

Error FormatProblems(Json problems, const std::string& source_name) {
  std::stable_sort(problems.begin(), problems.end(), [](const Json& a, const Json& b) {
    return a["line"].get<int>() < b["line"].get<int>();
  });
  std::string message;
  for (const Json& p : problems) {
    if (!message.empty()) message += "\n";
    const std::string key = p["key"].get<std::string>();
    message += source_name + " 第 " + std::to_string(p["line"].get<int>()) + " 行" +
               (key.empty() ? "" : " " + key) + ": " + p["message"].get<std::string>();
  }
  return Error{ErrorCode::kInvalidArgument, message, problems};
}

}  // namespace

Grade GradeBounds::Of(long long total) const {
  if (total >= excellent) return Grade::kExcellent;
  if (total >= good) return Grade::kGood;
  if (total >= pass) return Grade::kPass;
  return Grade::kFail;
}

const Indicator* Scheme::Find(std::string_view id) const {
  for (const auto& i : indicators) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

Result<Scheme> ParseScheme(std::string_view text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    Json problem = {{"line", LineOf(e.source())},
                    {"key", ""},
                    {"message", "TOML 格式错误：" + std::string(e.description())}};
    return Err(FormatProblems(Json::array({problem}), source_name));
  }
  SchemeReader reader;
  reader.Root(root);
  if (!reader.problems.empty()) return Err(FormatProblems(reader.problems, source_name));
  return std::move(reader.scheme);
}

Result<Scheme> LoadScheme(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(ErrorCode::kNotFound, "考核方案文件“" + path + "”不存在或无法打开");
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return Err(ErrorCode::kIo, "无法读取考核方案文件“" + path + "”");
  const auto slash = path.find_last_of('/');
  return ParseScheme(text.str(), slash == std::string::npos ? path : path.substr(slash + 1));
}

Result<Scheme> DefaultScheme() { return ParseScheme(DefaultSchemeText(), "assessment.toml"); }

std::string FormatPoints(double points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", points);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string DescribeScoring(const Indicator& i) {
  const std::string w = FormatPoints(i.weight);
  switch (i.scoring) {
    case Scoring::kRatio:
      return "得分 = " + w + " × 比率";
    case Scoring::kLinear:
      return "不劣于 " + FormatPoints(i.best) + " 得 " + w + " 分，不优于 " +
             FormatPoints(i.worst) + " 得 0 分，其间按线性计";
    case Scoring::kDeduct:
      return "数值每 1 扣 " + FormatPoints(i.per) + " 分，扣完 " + w + " 分为止";
    case Scoring::kChecks:
      return "满分 " + w + " 分，按自查、检查记录扣分，扣完为止";
  }
  return "";
}

}  // namespace dl::assess
