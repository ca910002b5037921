#include "catalog/change.h"

#include <algorithm>

#include "base/overloaded.h"
#include "catalog/catalog_json.h"

namespace dl::catalog {

std::string KindOf(const Change& c) {
  return std::visit(Overloaded{[](const UnitPut&) { return "unit.put"; },
                               [](const PostPut&) { return "post.put"; },
                               [](const PersonPut&) { return "person.put"; },
                               [](const AssignmentPut&) { return "assignment.put"; },
                               [](const RelationPut&) { return "relation.put"; },
                               [](const PowerVersionPut&) { return "power.version"; },
                               [](const PowerStatusPut&) { return "power.status"; },
                               [](const SettingPut&) { return "setting.put"; },
                               [](const AccountPut&) { return "account.put"; },
                               [](const ApiKeyPut&) { return "api_key.put"; }},
                    c);
}

std::string SubjectOf(const Change& c) {
  return std::visit(
      Overloaded{[](const UnitPut& x) { return "unit:" + x.unit.code; },
                 [](const PostPut& x) { return "post:" + x.post.code; },
                 [](const PersonPut& x) { return "person:" + x.person.code; },
                 [](const AssignmentPut& x) { return "assignment:" + x.assignment.Key(); },
                 [](const RelationPut& x) { return "relation:" + x.relation.Key(); },
                 [](const PowerVersionPut& x) { return "power:" + x.power.code; },
                 [](const PowerStatusPut& x) { return "power:" + x.code; },
                 [](const SettingPut& x) { return "setting:" + x.key; },
                 [](const AccountPut& x) { return "account:" + x.account.login; },
                 [](const ApiKeyPut& x) { return "api_key:" + x.key.id; }},
      c);
}

Json ChangeToJson(const Change& c) {
  return std::visit(Overloaded{[](const UnitPut& x) { return ToJson(x.unit); },
                               [](const PostPut& x) { return ToJson(x.post); },
                               [](const PersonPut& x) { return ToJson(x.person); },
                               [](const AssignmentPut& x) { return ToJson(x.assignment); },
                               [](const RelationPut& x) { return ToJson(x.relation); },
                               [](const PowerVersionPut& x) {
                                 return Json{{"version", x.version}, {"power", ToJson(x.power)}};
                               },
                               [](const PowerStatusPut& x) {
                                 return Json{{"code", x.code}, {"change", ToJson(x.change)}};
                               },
                               [](const SettingPut& x) {
                                 return Json{{"key", x.key}, {"value", x.value}};
                               },
                               [](const AccountPut& x) { return access::ToJson(x.account); },
                               [](const ApiKeyPut& x) { return access::ToJson(x.key); }},
                    c);
}

Result<Change> ChangeFromJson(const std::string& kind, const Json& payload) {
  std::vector<JsonProblem> problems;
  if (kind == "unit.put") {
    org::Unit v;
    FromJson(payload, "$", &v, &problems);
    if (problems.empty()) return Change(UnitPut{v});
  } else if (kind == "post.put") {
    org::Post v;
    FromJson(payload, "$", &v, &problems);
    if (problems.empty()) return Change(PostPut{v});
  } else if (kind == "person.put") {
    org::Person v;
    FromJson(payload, "$", &v, &problems);
    if (problems.empty()) return Change(PersonPut{v});
  } else if (kind == "assignment.put") {
    org::Assignment v;
    FromJson(payload, "$", &v, &problems);
    if (problems.empty()) return Change(AssignmentPut{v});
  } else if (kind == "relation.put") {
    org::Relation v;
    FromJson(payload, "$", &v, &problems);
    if (problems.empty()) return Change(RelationPut{v});
  } else if (kind == "power.version") {
    PowerVersionPut v;
    if (!payload.is_object() || !payload.contains("power") || !payload.contains("version") ||
        !payload["version"].is_number_integer()) {
      return Err(ErrorCode::kCorrupt, "power.version 记录缺少 power 或 version");
    }
    v.version = payload["version"].get<int>();
    FromJson(payload["power"], "$.power", &v.power, &problems);
    if (problems.empty()) return Change(v);
  } else if (kind == "power.status") {
    PowerStatusPut v;
    if (!payload.is_object() || !payload.contains("code") || !payload["code"].is_string() ||
        !payload.contains("change")) {
      return Err(ErrorCode::kCorrupt, "power.status 记录缺少 code 或 change");
    }
    v.code = payload["code"].get<std::string>();
    FromJson(payload["change"], "$.change", &v.change, &problems);
    if (problems.empty()) return Change(v);
  } else if (kind == "setting.put") {
    if (!payload.is_object() || !payload.contains("key") || !payload["key"].is_string() ||
        !payload.contains("value") || !payload["value"].is_string()) {
      return Err(ErrorCode::kCorrupt, "setting.put 记录缺少 key 或 value");
    }
    return Change(
        SettingPut{payload["key"].get<std::string>(), payload["value"].get<std::string>()});
  } else if (kind == "account.put") {
    auto a = access::AccountFromJson(payload);
    if (!a) return Err(ErrorCode::kCorrupt, "account.put 记录无法解析: " + a.error().message);
    return Change(AccountPut{std::move(*a)});
  } else if (kind == "api_key.put") {
    auto k = access::ApiKeyFromJson(payload);
    if (!k) return Err(ErrorCode::kCorrupt, "api_key.put 记录无法解析: " + k.error().message);
    return Change(ApiKeyPut{std::move(*k)});
  } else {
    return Err(ErrorCode::kCorrupt, "未知的记录类型 " + kind);
  }
  return Err(ErrorCode::kCorrupt,
             "记录内容无法解析: " + problems[0].path + " " + problems[0].message);
}

std::vector<Change> PlanImport(const Catalog& current, const Catalog& incoming) {
  std::vector<Change> out;
  for (const org::Unit* u : incoming.UnitsInTreeOrder()) {
    auto it = current.units.find(u->code);
    if (it == current.units.end() || !(it->second == *u)) out.push_back(UnitPut{*u});
  }
  auto put_changed = [&out](const auto& cur, const auto& inc, auto wrap) {
    for (const auto& [key, v] : inc) {
      auto it = cur.find(key);
      if (it == cur.end() || !(it->second == v)) out.push_back(wrap(v));
    }
  };
  put_changed(current.posts, incoming.posts, [](const org::Post& v) { return Change(PostPut{v}); });
  put_changed(current.persons, incoming.persons,
              [](const org::Person& v) { return Change(PersonPut{v}); });
  put_changed(current.assignments, incoming.assignments,
              [](const org::Assignment& v) { return Change(AssignmentPut{v}); });
  put_changed(current.relations, incoming.relations,
              [](const org::Relation& v) { return Change(RelationPut{v}); });
  // Versions first (a merge may name a power declared in the same import), then statuses.
  for (const auto& [code, rec] : incoming.powers) {
    auto it = current.powers.find(code);
    if (it == current.powers.end() || !(it->second.power == rec.power)) {
      out.push_back(PowerVersionPut{rec.power, 0});
    }
  }
  for (const auto& [code, rec] : incoming.powers) {
    auto it = current.powers.find(code);
    const std::vector<StatusChange>* known =
        it == current.powers.end() ? nullptr : &it->second.history;
    for (const auto& change : rec.history) {
      if (known && std::find(known->begin(), known->end(), change) != known->end()) continue;
      out.push_back(PowerStatusPut{code, change});
    }
  }
  return out;
}

bool Apply(const Change& c, Catalog& catalog) {
  auto put = [](auto& map, const std::string& key, const auto& value) {
    auto [it, fresh] = map.try_emplace(key, value);
    if (fresh) return true;
    if (it->second == value) return false;
    it->second = value;
    return true;
  };
  return std::visit(
      Overloaded{
          [&](const UnitPut& x) { return put(catalog.units, x.unit.code, x.unit); },
          [&](const PostPut& x) { return put(catalog.posts, x.post.code, x.post); },
          [&](const PersonPut& x) { return put(catalog.persons, x.person.code, x.person); },
          [&](const AssignmentPut& x) {
            return put(catalog.assignments, x.assignment.Key(), x.assignment);
          },
          [&](const RelationPut& x) {
            return put(catalog.relations, x.relation.Key(), x.relation);
          },
          [&](const PowerVersionPut& x) {
            PowerRecord& rec = catalog.powers[x.power.code];
            if (rec.version > 0 && rec.power == x.power) return false;
            rec.power = x.power;
            rec.version = x.version > 0 ? x.version : rec.version + 1;
            return true;
          },
          [&](const PowerStatusPut& x) {
            auto it = catalog.powers.find(x.code);
            if (it == catalog.powers.end()) return false;
            it->second.history.push_back(x.change);
            return true;
          },
          // Settings are not part of the declared state; the store keeps them.
          [&](const SettingPut&) { return true; },
          [&](const AccountPut& x) { return put(catalog.accounts, x.account.login, x.account); },
          [&](const ApiKeyPut& x) { return put(catalog.api_keys, x.key.id, x.key); }},
      c);
}

}  // namespace dl::catalog
