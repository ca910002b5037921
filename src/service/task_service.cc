#include "service/task_service.h"

#include <set>

#include "service/handling_service.h"

namespace dl::service {

Result<std::vector<Task>> TasksOf(store::Store& store, store::Queries& queries,
                                  const catalog::Catalog& state, const std::string& person,
                                  const access::Scope& scope, Date today, size_t limit) {
  std::set<std::string> posts, units;
  for (const auto& [key, a] : state.assignments) {
    if (a.person != person || !a.CoversDay(today)) continue;
    posts.insert(a.post);
    auto post = state.posts.find(a.post);
    // The post's unit and its ancestors, as far as the scope reaches.
    for (std::string u = post == state.posts.end() ? "" : post->second.unit;
         !u.empty() && scope.Contains(u) && units.insert(u).second;) {
      auto it = state.units.find(u);
      u = it == state.units.end() ? "" : it->second.parent;
    }
  }
  std::vector<Task> tasks;
  if (posts.empty() || units.empty()) return tasks;
  store::UnitFilter filter{false, {units.begin(), units.end()}};
  DL_ASSIGN_OR_RETURN(auto open, queries.OpenCases(filter, limit));
  for (const auto& row : open) {
    auto view = ViewCase(store, row.case_id);
    if (!view) continue;
    for (const auto& next : view->next) {
      if (!posts.contains(next.post)) continue;
      tasks.push_back(
          {row.case_id, row.power, view->power_name, row.unit, next.node, next.name, row.opened,
           view->events.empty() ? row.opened : FormatInstant(view->events.back().event.occurred),
           view->suspended});
    }
  }
  return tasks;
}

}  // namespace dl::service
