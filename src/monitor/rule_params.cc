// ParseRuleParams (declared in rules.h): the TOML form of RuleParams. One table per rule id
// ([backdating] hours = 48) with `level` and `enabled` for every rule, plus [window].
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "monitor/rules.h"

namespace dl::monitor {
namespace {

std::vector<std::string_view> KeysOf(const RuleInfo* rule) {
  if (!rule) return {"max_keys", "max_entries_per_key"};  // [window]
  std::vector<std::string_view> keys = {"level", "enabled"};
  switch (rule->id) {
    case RuleId::kSodPair:
    case RuleId::kSodStatic:
      keys.push_back("pairs");
      break;
    case RuleId::kHeadDirect:
      keys.insert(keys.end(), {"categories", "stages"});
      break;
    case RuleId::kCollectiveMissing:
      keys.insert(keys.end(), {"always", "amounts"});
      break;
    case RuleId::kCollectiveQuorum:
      keys.push_back("quorum");
      break;
    case RuleId::kDiscretion:
      keys.push_back("with_reason");
      break;
    case RuleId::kBackdating:
      keys.push_back("hours");
      break;
    case RuleId::kSplitting:
      keys.insert(keys.end(), {"categories", "threshold", "window_days"});
      break;
    case RuleId::kConcentration:
      keys.insert(keys.end(), {"max_count", "period_days"});
      break;
    case RuleId::kOverdueStep:
    case RuleId::kOverdueCase:
      keys.insert(keys.end(), {"notice_at", "red_at"});
      break;
    case RuleId::kRotation:
      keys.push_back("years");
      break;
    default:
      break;
  }
  return keys;
}

int LineOf(const toml::source_region& r) { return static_cast<int>(r.begin.line); }

// Reads the tables into a RuleParams, collecting every problem.
class ParamReader {
 public:
  explicit ParamReader(RuleParams& params) : p_(params) {}

  Json problems = Json::array();

  void Fail(int line, const std::string& key, const std::string& message) {
    problems.push_back({{"line", line}, {"key", key}, {"message", message}});
  }

  void Root(const toml::table& root) {
    for (auto&& [section_key, section] : root) {
      const std::string name(section_key.str());
      const RuleInfo* rule = FindRule(name);
      if (name == "disposal") {
        Disposal(section, name);
        continue;
      }
      if (!rule && name != "window") {
        std::vector<std::string> ids;
        for (const auto& r : kBuiltinRules) ids.emplace_back(r.code);
        ids.emplace_back("window");
        ids.emplace_back("disposal");
        Fail(LineOf(section_key.source()), name, "未知的规则（可用：" + Join(ids, "、") + "）");
        continue;
      }
      const toml::table* t = section.as_table();
      if (!t) {
        Fail(LineOf(section.source()), name, "应为表 [" + name + "]");
        continue;
      }
      const auto allowed = KeysOf(rule);
      for (auto&& [key, value] : *t) {
        const std::string k(key.str()), full = name + "." + k;
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
          std::vector<std::string> words(allowed.begin(), allowed.end());
          Fail(LineOf(key.source()), full, "未知的键（可用：" + Join(words, "、") + "）");
        } else if (rule) {
          RuleKey(rule->id, k, value, full);
        } else if (k == "max_keys") {
          Size(value, full, p_.window_max_keys);
        } else {
          Size(value, full, p_.window_max_entries_per_key);
        }
      }
    }
  }

 private:
  void Disposal(const toml::node& section, const std::string& name) {
    const toml::table* t = section.as_table();
    if (!t) {
      Fail(LineOf(section.source()), name, "应为表 [disposal]");
      return;
    }
    DisposalParams& d = p_.disposal;
    for (auto&& [key, value] : *t) {
      const std::string k(key.str()), full = name + "." + k;
      if (k == "reply_days") {
        const toml::array* a = value.as_array();
        if (!a || a->size() != 3) {
          Fail(LineOf(value.source()), full,
               "应为三个整数 [提醒, 黄牌, 红牌] 的工作日数，如 [10, 5, 3]");
          continue;
        }
        for (size_t i = 0; i < 3; ++i) Int((*a)[i], full, d.reply_days[i], 1, 250);
      } else if (k == "review_days") {
        Int(value, full, d.review_days, 1, 250);
      } else if (k == "escalate") {
        if (auto b = value.value<bool>()) {
          d.escalate = *b;
        } else {
          Fail(LineOf(value.source()), full, "应为 true 或 false");
        }
      } else if (k == "repeat_yellow_count") {
        Int(value, full, d.repeat_yellow_count, 2, 1000);
      } else if (k == "repeat_yellow_days") {
        Int(value, full, d.repeat_yellow_days, 0, 3660);
      } else {
        Fail(LineOf(key.source()), full,
             "未知的键（可用：reply_days、review_days、escalate、repeat_yellow_count、"
             "repeat_yellow_days）");
      }
    }
  }

  void RuleKey(RuleId id, const std::string& key, const toml::node& v, const std::string& full) {
    const size_t i = static_cast<size_t>(id);
    if (key == "level") {
      LevelValue(v, full, p_.levels[i]);
    } else if (key == "enabled") {
      if (auto b = v.value<bool>()) {
        p_.enabled[i] = *b;
      } else {
        Fail(LineOf(v.source()), full, "应为 true 或 false");
      }
    } else if (key == "pairs") {
      Pairs(v, full, id == RuleId::kSodPair ? p_.sod_pairs : p_.static_sod_pairs);
    } else if (key == "categories") {
      Enums(v, full, catalog::kCategories,
            id == RuleId::kHeadDirect ? p_.head_direct_categories : p_.splitting_categories);
    } else if (key == "stages") {
      Enums(v, full, catalog::kStages, p_.head_direct_stages);
    } else if (key == "always") {
      Enums(v, full, catalog::kCategories, p_.collective_always);
    } else if (key == "amounts") {
      Amounts(v, full);
    } else if (key == "quorum") {
      Quorum(v, full);
    } else if (key == "with_reason") {
      LevelValue(v, full, p_.discretion_with_reason);
    } else if (key == "hours") {
      Int(v, full, p_.backdating_hours, 1, 24 * 366);
    } else if (key == "threshold") {
      Amount(v, full, p_.splitting_threshold);
    } else if (key == "window_days") {
      Int(v, full, p_.splitting_window_days, 1, 3660);
    } else if (key == "max_count") {
      Int(v, full, p_.concentration_max_count, 1, 1000000);
    } else if (key == "period_days") {
      Int(v, full, p_.concentration_period_days, 1, 3660);
    } else if (key == "years") {
      Int(v, full, p_.rotation_years, 1, 50);
    } else if (key == "notice_at" || key == "red_at") {
      auto& o = id == RuleId::kOverdueStep ? p_.overdue_step : p_.overdue_case;
      if (key == "notice_at") {
        Share(v, full, o.notice_at, 0, 1,
              "0（不提醒）到 1 之间的小数，如 0.8 表示用去八成时限时提醒");
      } else {
        Share(v, full, o.red_at, 1, 100, "1 到 100 之间的数，如 1.5 表示超过时限一半时报红牌");
      }
    }
  }

  void Share(const toml::node& v, const std::string& key, double& out, double lo, double hi,
             const std::string& expected) {
    const auto n = v.is_number() ? v.value<double>() : std::nullopt;
    if (!n || *n < lo || *n > hi || (lo == 0 && *n >= 1)) {
      Fail(LineOf(v.source()), key, "应为 " + expected);
      return;
    }
    out = *n;
  }

  void Int(const toml::node& v, const std::string& key, int& out, int lo, int hi) {
    const auto n = v.is_integer() ? v.value<int64_t>() : std::nullopt;
    if (!n || *n < lo || *n > hi) {
      Fail(LineOf(v.source()), key,
           "应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间的整数");
      return;
    }
    out = static_cast<int>(*n);
  }
  void Size(const toml::node& v, const std::string& key, size_t& out) {
    int n = 0;
    const size_t before = problems.size();
    Int(v, key, n, 1, 100000000);
    if (problems.size() == before) out = static_cast<size_t>(n);
  }
  // A non-negative number of yuan.
  bool Amount(const toml::node& v, const std::string& key, double& out) {
    const auto n = v.is_number() ? v.value<double>() : std::nullopt;
    if (!n || *n < 0) {
      Fail(LineOf(v.source()), key, "应为不小于 0 的金额（元）");
      return false;
    }
    out = *n;
    return true;
  }
  void LevelValue(const toml::node& v, const std::string& key, Level& out) {
    const auto text = v.value<std::string>();
    const auto level = text ? kLevels.Parse(*text) : std::nullopt;
    if (!level) {
      Fail(LineOf(v.source()), key, "应为 " + kLevels.Choices() + " 之一");
      return;
    }
    out = *level;
  }
  template <class E, size_t N>
  void Enums(const toml::node& v, const std::string& key, const LabelTable<E, N>& table,
             std::vector<E>& out) {
    const toml::array* a = v.as_array();
    std::vector<E> parsed;
    bool ok = a != nullptr;
    if (a) {
      for (const toml::node& item : *a) {
        const auto text = item.value<std::string>();
        const auto e = text ? table.Parse(*text) : std::nullopt;
        if (e) parsed.push_back(*e);
        ok = ok && e.has_value();
      }
    }
    if (!ok) {
      Fail(LineOf(v.source()), key, "应为文本数组，取值为 " + table.Choices());
      return;
    }
    out = std::move(parsed);
  }
  void Pairs(const toml::node& v, const std::string& key, std::vector<KeywordPair>& out) {
    const toml::array* a = v.as_array();
    std::vector<KeywordPair> parsed;
    bool ok = a != nullptr;
    if (a) {
      for (const toml::node& item : *a) {
        const toml::array* pair = item.as_array();
        std::optional<std::string> first, second;
        if (pair && pair->size() == 2) {
          first = (*pair)[0].value<std::string>();
          second = (*pair)[1].value<std::string>();
        }
        ok = ok && first && second && !first->empty() && !second->empty();
        if (ok) parsed.push_back({*first, *second});
      }
    }
    if (!ok) {
      Fail(LineOf(v.source()), key, "应为关键词对的数组，如 [[\"受理\", \"审批\"]]");
      return;
    }
    out = std::move(parsed);
  }
  void Amounts(const toml::node& v, const std::string& key) {
    const toml::table* t = v.as_table();
    if (!t) {
      Fail(LineOf(v.source()), key, "应为表，如 { \"财务\" = 500000 }");
      return;
    }
    std::vector<std::pair<catalog::Category, double>> parsed;
    for (auto&& [name, amount] : *t) {
      const std::string full = key + "." + std::string(name.str());
      const auto category = catalog::kCategories.Parse(name.str());
      double value = 0;
      if (!category) {
        Fail(LineOf(name.source()), full,
             "不是权力类别（可用：" + catalog::kCategories.Choices() + "）");
      } else if (Amount(amount, full, value)) {
        parsed.emplace_back(*category, value);
      }
    }
    p_.collective_amounts = std::move(parsed);
  }
  void Quorum(const toml::node& v, const std::string& key) {
    const auto text = v.value<std::string>();
    int num = 0, den = 0;
    char rest = 0;
    if (!text || std::sscanf(text->c_str(), "%d/%d%c", &num, &den, &rest) != 2 || num < 1 ||
        den < 1 || num > den) {
      Fail(LineOf(v.source()), key, "应为不大于 1 的分数，如 \"2/3\"");
      return;
    }
    p_.quorum_num = num;
    p_.quorum_den = den;
  }

  RuleParams& p_;
};

}  // namespace

Result<RuleParams> ParseRuleParams(const std::string& text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Err(ErrorCode::kInvalidArgument,
               source_name + " 第 " + std::to_string(LineOf(e.source())) + " 行: TOML 格式错误：" +
                   std::string(e.description()),
               Json::array({{{"line", LineOf(e.source())},
                             {"key", ""},
                             {"message", std::string(e.description())}}}));
  }
  RuleParams params;
  ParamReader reader(params);
  reader.Root(root);
  if (reader.problems.empty()) return params;
  Json& problems = reader.problems;  // toml++ iterates keys in order; report in line order
  std::stable_sort(problems.begin(), problems.end(), [](const Json& a, const Json& b) {
    return a["line"].get<int>() < b["line"].get<int>();
  });
  std::string message;
  for (const Json& p : problems) {
    if (!message.empty()) message += "\n";
    message += source_name + " 第 " + std::to_string(p["line"].get<int>()) + " 行 " +
               p["key"].get<std::string>() + ": " + p["message"].get<std::string>();
  }
  return Err(ErrorCode::kInvalidArgument, message, problems);
}

}  // namespace dl::monitor
