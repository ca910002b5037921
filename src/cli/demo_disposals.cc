// The demo's warnings after they were raised: older ones answered, disposed with both duties
// and closed, or dismissed, some answered and waiting — so the demo shows every status of
// 预警处置 and the assessment has disposals to count (docs/disposal.md).
#include "cli/commands.h"
#include "demo/demo.h"
#include "service/oversight_service.h"

namespace dl::cli {
namespace {

oversight::Actor ActorFor(const catalog::Catalog& c, access::Role role, const std::string& unit,
                          const std::string& person) {
  oversight::Actor a;
  a.login = "demo";
  a.person = person;
  auto p = c.persons.find(person);
  a.name = p == c.persons.end() ? "演示" : p->second.name;
  a.role = role;
  a.scope = std::make_shared<const access::Scope>(access::Scope::Of(role, {unit}, c.units));
  return a;
}

oversight::Step Text(oversight::StepAction action, std::string text) {
  oversight::Step s;
  s.action = action;
  s.text = std::move(text);
  return s;
}

}  // namespace

Result<size_t> DemoDisposals(store::Store& store, writer::Writer& writer) {
  const std::shared_ptr<const catalog::Catalog> c = writer.Published();
  store::WarningFilter all;
  all.limit = 1000000;
  DL_ASSIGN_OR_RETURN(auto rows, store.Warnings(all));
  const std::string cutoff = FormatInstant(
      Instant{std::chrono::sys_days(std::chrono::days(demo::DemoToday().AddDays(-30).days()))});
  writer::Submission sub{"demo", {}, false};
  size_t n = 0, taken = 0;
  for (const store::WarningRow& w : rows) {
    if (w.raised >= cutoff || w.supervisor.empty() || w.status != "待处置") continue;
    const auto candidates = service::DutyCandidates(*c, w, demo::DemoToday());
    const service::DutyCandidate* principal = nullptr;
    const service::DutyCandidate* supervisory = nullptr;
    for (const auto& d : candidates) {
      if (d.kind == oversight::DutyKind::kPrincipal && !principal) principal = &d;
      if (d.kind == oversight::DutyKind::kSupervisory && !supervisory) supervisory = &d;
    }
    if (!principal || !supervisory) continue;
    const oversight::Actor unit =
        ActorFor(*c, access::Role::kLeader, principal->unit, principal->person);
    const oversight::Actor inspector =
        ActorFor(*c, access::Role::kInspector, w.supervisor, supervisory->person);
    auto take = [&](const oversight::Actor& by, oversight::Step step) {
      sub.commands.emplace_back(std::in_place_type<writer::TakeStep>, w.seq, std::move(step), by,
                                std::vector<store::Blob>{});
    };
    switch (n++ % 10) {
      case 0:
      case 1:
      case 2:
      case 3: {  // answered, disposed with both duties, closed
        take(unit, Text(oversight::StepAction::kExplain, "已核实情况，相关环节已补正，详见说明。"));
        oversight::Step d =
            Text(oversight::StepAction::kDispose, "经审核，对相关责任人进行风险提示。");
        d.measure = oversight::Measure::kRiskNotice;
        d.duties = {{oversight::DutyKind::kPrincipal, principal->person, principal->unit,
                     principal->role, "约谈提醒"},
                    {oversight::DutyKind::kSupervisory, supervisory->person, supervisory->unit,
                     supervisory->role, "不予追究"}};
        take(inspector, std::move(d));
        take(inspector, Text(oversight::StepAction::kClose, "处置已落实。"));
        break;
      }
      case 4:
      case 5:  // a false alarm
        take(inspector, Text(oversight::StepAction::kDismiss, "经核实属系统补录，不予处置。"));
        break;
      case 6:  // answered, waiting for review
        take(unit, Text(oversight::StepAction::kRectify, "已按要求整改，整改材料已归档。"));
        break;
      default:  // still open
        continue;
    }
    ++taken;
  }
  if (sub.commands.empty()) return size_t{0};
  DL_RETURN_IF_ERROR(writer.Submit(std::move(sub)));
  return taken;
}

}  // namespace dl::cli
