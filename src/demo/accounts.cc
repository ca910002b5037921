#include "demo/accounts.h"

#include <map>

namespace dl::demo {
namespace {

// The unit a post belongs to, lifted to the nearest ancestor that owns powers (a section's
// post works for its unit).
std::string OwningUnit(const catalog::Catalog& c, std::string unit,
                       const std::map<std::string, int>& powers_of) {
  while (!unit.empty() && !powers_of.contains(unit)) {
    auto it = c.units.find(unit);
    unit = it == c.units.end() ? "" : it->second.parent;
  }
  return unit;
}

}  // namespace

std::vector<access::Account> DemoAccounts(const catalog::Catalog& c, Date today) {
  std::map<std::string, int> powers_of;
  for (const auto& [code, rec] : c.powers) ++powers_of[rec.power.unit];
  // Who holds each post today.
  std::map<std::string, std::string> holder;
  for (const auto& [key, a] : c.assignments) {
    if (a.CoversDay(today) && !holder.contains(a.post)) holder[a.post] = a.person;
  }
  // How often each staffed non-leadership post handles a flow node, per unit.
  std::map<std::string, std::map<std::string, int>> uses;  // unit → post → nodes
  for (const auto& [code, rec] : c.powers) {
    for (const auto& n : rec.power.flow.nodes) {
      auto post = c.posts.find(n.post);
      if (post == c.posts.end() || post->second.leadership || !holder.contains(n.post)) continue;
      ++uses[rec.power.unit][n.post];
    }
  }
  std::string best_unit, best_post;
  int best = 0;
  for (const auto& [unit, posts] : uses) {
    auto u = c.units.find(unit);
    if (u == c.units.end() || u->second.supervisor.empty()) continue;
    for (const auto& [post, n] : posts) {
      if (n > best) {
        best = n;
        best_unit = unit;
        best_post = post;
      }
    }
  }
  if (best_unit.empty()) return {};
  std::string leader;
  for (const auto& [code, post] : c.posts) {
    if (!post.leadership || !holder.contains(code)) continue;
    if (OwningUnit(c, post.unit, powers_of) == best_unit) {
      leader = holder[code];
      if (!post.head) break;  // a leadership member in charge, rather than the head
    }
  }
  if (leader.empty()) return {};
  const std::string handler = holder[best_post];
  auto name = [&c](const std::string& person, const char* fallback) {
    auto it = c.persons.find(person);
    return it == c.persons.end() ? std::string(fallback) : it->second.name;
  };
  const std::string supervisor = c.units.at(best_unit).supervisor;
  std::string inspector;  // the head of the supervising unit (组长), who signs its disposals
  for (const auto& [code, post] : c.posts) {
    if (post.unit == supervisor && post.head && holder.contains(code)) inspector = holder[code];
  }
  return {
      {"jingban", name(handler, "经办人"), access::Role::kHandler, {best_unit}, handler, false, ""},
      {"lingdao", name(leader, "领导"), access::Role::kLeader, {best_unit}, leader, false, ""},
      {"danwei",
       c.units.at(best_unit).name + "管理员",
       access::Role::kUnitAdmin,
       {best_unit},
       "",
       false,
       ""},
      {"jijian",
       c.units.count(supervisor) ? c.units.at(supervisor).name : "纪检监察",
       access::Role::kInspector,
       {supervisor},
       inspector,
       false,
       ""},
  };
}

}  // namespace dl::demo
