#include "demo/flow_builder.h"

namespace dl::demo {
namespace {

using catalog::Category;
using catalog::Stage;

// An optional "materials complete?" loop after acceptance: 一次性告知补正, then accepted again.
// Returns the node the flow continues from.
std::string MaybeSupplementLoop(FlowBuilder& b, const std::string& accept, int percent) {
  if (!b.R().Chance(percent)) return accept;
  std::string g = b.Gateway("申请材料是否齐全");
  std::string fix =
      b.Task("一次性告知补正材料", b.ClerkA(), Workdays(1), Stage::kProposal, Tag::kSupplement);
  b.Link(accept, g);
  b.Link(g, fix, "materials == \"不齐全\"");
  b.Link(fix, accept);
  return g;
}

FlowPlan Licensing(FlowBuilder& b) {
  std::string start = b.Start();
  std::string accept = b.Task("受理", b.ClerkA(), Workdays(1), Stage::kProposal, Tag::kAccept);
  b.Link(start, accept);
  std::string from = MaybeSupplementLoop(b, accept, 40);
  std::string review =
      b.Task("审查", b.ClerkB(), Workdays(b.R().Between(3, 7)), Stage::kDecision, Tag::kReview);
  b.Link(from, review);
  std::string g = b.Gateway("是否需要现场核查");
  std::string site =
      b.Task("现场核查", b.ClerkA(), Workdays(b.R().Between(3, 5)), Stage::kDecision, Tag::kSite);
  std::string check = b.Task("审核", b.Chief(), Workdays(2), Stage::kDecision, Tag::kReview);
  b.Link(review, g);
  b.Link(g, site, "site_check == \"是\"");
  b.Link(g, check);
  b.Link(site, check);
  std::string decide = b.Task("审批决定", b.Deputy(), Workdays(3), Stage::kDecision, Tag::kApprove);
  b.Link(check, decide);
  std::string g2 = b.Gateway("是否准予许可");
  std::string refuse = b.Task("出具不予许可决定书并说明理由", b.ClerkA(), Workdays(2),
                              Stage::kExecution, Tag::kDeliver);
  std::string deliver =
      b.Task("制证送达", b.ClerkA(), Workdays(2), Stage::kExecution, Tag::kDeliver);
  std::string publish = b.Task("结果公开", b.ClerkB(), Workdays(5), Stage::kResult, Tag::kPublish);
  std::string end = b.End();
  b.Link(decide, g2);
  b.Link(g2, refuse, "decision == \"不予许可\"");
  b.Link(g2, deliver);
  b.Link(refuse, end);
  b.Chain({deliver, publish, end});
  return b.Done();
}

FlowPlan Confirmation(FlowBuilder& b) {
  std::string start = b.Start();
  std::string accept = b.Task("受理", b.ClerkA(), Workdays(1), Stage::kProposal, Tag::kAccept);
  b.Link(start, accept);
  std::string from = MaybeSupplementLoop(b, accept, 50);
  std::string verify =
      b.Task("调查核实", b.ClerkB(), Workdays(b.R().Between(5, 15)), Stage::kDecision, Tag::kSite);
  std::string check = b.Task("审核", b.Chief(), Workdays(3), Stage::kDecision, Tag::kReview);
  std::string decide =
      b.Task("作出确认决定", b.Deputy(), Workdays(3), Stage::kDecision, Tag::kApprove);
  std::string deliver = b.Task("送达", b.ClerkA(), Workdays(2), Stage::kExecution, Tag::kDeliver);
  std::string end = b.End();
  b.Link(from, verify);
  b.Chain({verify, check, decide});
  if (b.R().Chance(50)) {
    std::string g = b.Gateway("是否予以确认");
    std::string refuse =
        b.Task("书面告知不予确认理由", b.ClerkA(), Workdays(2), Stage::kExecution, Tag::kDeliver);
    b.Link(decide, g);
    b.Link(g, refuse, "decision == \"不予确认\"");
    b.Link(g, deliver);
    b.Link(refuse, end);
  } else {
    b.Link(decide, deliver);
  }
  b.Link(deliver, end);
  return b.Done();
}

FlowPlan OtherPower(FlowBuilder& b) {
  std::string start = b.Start();
  std::string accept = b.Task("受理", b.ClerkA(), Workdays(1), Stage::kProposal, Tag::kAccept);
  std::string review =
      b.Task("审查", b.ClerkB(), Workdays(b.R().Between(3, 10)), Stage::kDecision, Tag::kReview);
  b.Chain({start, accept, review});
  bool by_deputy = b.R().Chance(60);
  std::string approve = b.Task(by_deputy ? "审批" : "审核决定", by_deputy ? b.Deputy() : b.Chief(),
                               Workdays(3), Stage::kDecision, Tag::kApprove);
  if (b.R().Chance(50)) {
    std::string g = b.Gateway("是否需要专家论证");
    std::string expert =
        b.Task("组织专家论证", b.Chief(), Workdays(10), Stage::kDecision, Tag::kEvaluate);
    b.Link(review, g);
    b.Link(g, expert, "expert_review == \"是\"");
    b.Link(g, approve);
    b.Link(expert, approve);
  } else {
    b.Link(review, approve);
  }
  std::string notify =
      b.Task("办结告知", b.ClerkA(), Workdays(2), Stage::kExecution, Tag::kDeliver);
  std::string publish = b.Task("结果公开", b.ClerkB(), Workdays(5), Stage::kResult, Tag::kPublish);
  b.Chain({approve, notify, publish, b.End()});
  return b.Done();
}

FlowPlan Penalty(FlowBuilder& b) {
  std::string start = b.Start();
  std::string file = b.Task("立案", b.Chief(), Workdays(7), Stage::kProposal, Tag::kFile);
  std::string investigate =
      b.Task("调查取证", b.ClerkA(), Days(30), Stage::kDecision, Tag::kInvestigate);
  b.Chain({start, file, investigate});
  std::string last = investigate, dismiss;
  if (b.R().Chance(40)) {
    last = b.Gateway("违法事实是否成立");
    dismiss = b.Task("作出不予行政处罚决定", b.Deputy(), Workdays(3), Stage::kDecision,
                     Tag::kPenaltyDecide);
    b.Link(investigate, last);
    b.Link(last, dismiss, "facts_established == \"否\"");
  }
  std::string legal = b.Task("法制审核", b.U().legal, Workdays(5), Stage::kDecision, Tag::kLegal);
  std::string notify =
      b.Task("告知陈述申辩权利", b.ClerkB(), Workdays(3), Stage::kDecision, Tag::kNotify);
  std::string g_hearing = b.Gateway("当事人是否申请听证");
  std::string hearing =
      b.Task("组织听证", b.U().legal, Workdays(10), Stage::kDecision, Tag::kHearing);
  b.Chain({last, legal, notify, g_hearing});
  b.Link(g_hearing, hearing, "hearing_requested == \"是\"");
  std::string before_decision = hearing;
  if (b.Threshold() > 0) {
    before_decision = b.Gateway("是否属于重大执法决定");
    std::string collective =
        b.Task(b.Collective(), b.Head(), Workdays(5), Stage::kDecision, Tag::kCollective, true);
    b.Link(g_hearing, before_decision);
    b.Link(hearing, before_decision);
    b.Link(before_decision, collective, b.AmountAtLeast());
    std::string decide =
        b.Task("作出行政处罚决定", b.Deputy(), Workdays(3), Stage::kDecision, Tag::kPenaltyDecide);
    b.Link(before_decision, decide);
    b.Link(collective, decide);
    before_decision = decide;
  } else {
    std::string decide =
        b.Task("作出行政处罚决定", b.Deputy(), Workdays(3), Stage::kDecision, Tag::kPenaltyDecide);
    b.Link(g_hearing, decide);
    b.Link(hearing, decide);
    before_decision = decide;
  }
  std::string execute = b.Task("送达执行", b.ClerkA(), Days(15), Stage::kExecution, Tag::kExecute);
  std::string close = b.Task("结案归档", b.Chief(), Workdays(5), Stage::kResult, Tag::kClose);
  b.Chain({before_decision, execute, close, b.End()});
  if (!dismiss.empty()) b.Link(dismiss, close);
  return b.Done();
}

FlowPlan Coercion(FlowBuilder& b) {
  std::string start = b.Start();
  std::string request =
      b.Task("报请批准", b.ClerkA(), Hours(24), Stage::kProposal, Tag::kSeizeApprove);
  std::string approve = b.Task("审批", b.Deputy(), Hours(24), Stage::kDecision, Tag::kSeizeApprove);
  std::string seize =
      b.Task("实施查封扣押", b.Chief(), Workdays(1), Stage::kExecution, Tag::kSeize);
  std::string record =
      b.Task("制作现场笔录并送达决定书", b.ClerkB(), Workdays(1), Stage::kExecution, Tag::kDeliver);
  std::string verify =
      b.Task("调查核实或检测检验", b.ClerkA(), Days(30), Stage::kExecution, Tag::kInvestigate);
  std::string g = b.Gateway("处理结果");
  std::string release =
      b.Task("解除查封扣押", b.Chief(), Workdays(3), Stage::kResult, Tag::kRelease);
  std::string handle =
      b.Task("依法作出处理决定", b.Deputy(), Workdays(5), Stage::kResult, Tag::kDecide);
  std::string end = b.End();
  b.Chain({start, request, approve, seize, record, verify, g});
  b.Link(g, release, "result == \"解除\"");
  b.Link(g, handle);
  b.Link(release, end);
  b.Link(handle, end);
  return b.Done();
}

FlowPlan Levy(FlowBuilder& b) {
  std::string start = b.Start();
  std::string assess =
      b.Task("核定征收数额", b.ClerkA(), Workdays(5), Stage::kProposal, Tag::kAssess);
  std::string check = b.Task("审核", b.Chief(), Workdays(3), Stage::kDecision, Tag::kReview);
  std::string g = b.Gateway("是否申请减免或缓缴");
  std::string relief =
      b.Task("减免缓缴审批", b.Deputy(), Workdays(5), Stage::kDecision, Tag::kDecide);
  std::string notice =
      b.Task("开具缴款通知书", b.ClerkB(), Workdays(2), Stage::kExecution, Tag::kNotify);
  std::string collect =
      b.Task("征收入库", b.U().accountant, Workdays(5), Stage::kExecution, Tag::kCollect);
  std::string publish = b.Task("结果公开", b.ClerkB(), Workdays(5), Stage::kResult, Tag::kPublish);
  b.Chain({start, assess, check, g});
  b.Link(g, relief, "relief_requested == \"是\"");
  b.Link(g, notice);
  b.Link(relief, notice);
  b.Chain({notice, collect, publish, b.End()});
  return b.Done();
}

FlowPlan Benefit(FlowBuilder& b) {
  std::string start = b.Start();
  std::string accept = b.Task("申请受理", b.ClerkA(), Workdays(3), Stage::kProposal, Tag::kAccept);
  std::string survey = b.Task("入户调查", b.ClerkB(), Workdays(10), Stage::kDecision, Tag::kSurvey);
  std::string check = b.Task("审核", b.Chief(), Workdays(5), Stage::kDecision, Tag::kReview);
  std::string publicize = b.Task("公示", b.ClerkA(), Days(7), Stage::kDecision, Tag::kPublicize);
  std::string g = b.Gateway("公示期间有无异议");
  std::string objection =
      b.Task("异议核查", b.ClerkB(), Workdays(5), Stage::kDecision, Tag::kSurvey);
  std::string approve = b.Task("审批", b.Deputy(), Workdays(3), Stage::kDecision, Tag::kApprove);
  b.Chain({start, accept, survey, check, publicize, g});
  b.Link(g, objection, "objection == \"有\"");
  b.Link(g, approve);
  b.Link(objection, approve);
  std::string from = approve;
  std::string refuse;
  if (b.R().Chance(50)) {
    from = b.Gateway("是否予以给付");
    refuse =
        b.Task("书面告知不予给付理由", b.ClerkA(), Workdays(2), Stage::kExecution, Tag::kDeliver);
    b.Link(approve, from);
    b.Link(from, refuse, "decision == \"不予给付\"");
  }
  std::string join = Countersign(b, from, Stage::kExecution);
  std::string pay = b.Task("资金发放", b.U().cashier, Workdays(5), Stage::kExecution, Tag::kPay);
  std::string publish = b.Task("结果公开", b.ClerkA(), Workdays(5), Stage::kResult, Tag::kPublish);
  std::string end = b.End();
  b.Chain({join, pay, publish, end});
  if (!refuse.empty()) b.Link(refuse, end);
  return b.Done();
}

FlowPlan Inspection(FlowBuilder& b) {
  std::string start = b.Start();
  std::string plan = b.Task("制定检查计划", b.Chief(), Workdays(5), Stage::kProposal, Tag::kPlan);
  std::string select = b.Task("双随机抽取检查对象和执法人员", b.ClerkA(), Workdays(1),
                              Stage::kProposal, Tag::kSelect);
  std::string inspect =
      b.Task("现场检查", b.ClerkB(), Workdays(3), Stage::kExecution, Tag::kInspect);
  std::string g = b.Gateway("检查结果");
  std::string rectify =
      b.Task("责令限期整改", b.Chief(), Workdays(2), Stage::kExecution, Tag::kRectify);
  std::string recheck =
      b.Task("整改复查", b.ClerkB(), Workdays(10), Stage::kExecution, Tag::kInspect);
  std::string transfer =
      b.Task("移送立案查处", b.Chief(), Workdays(3), Stage::kExecution, Tag::kRectify);
  std::string publish =
      b.Task("检查结果公示", b.ClerkA(), Workdays(20), Stage::kResult, Tag::kPublish);
  b.Chain({start, plan, select, inspect, g});
  b.Link(g, rectify, "result == \"需整改\"");
  b.Link(g, transfer, "result == \"涉嫌违法\"");
  b.Link(g, publish);
  b.Chain({rectify, recheck, publish});
  b.Link(transfer, publish);
  b.Link(publish, b.End());
  return b.Done();
}

FlowPlan Reward(FlowBuilder& b) {
  std::string start = b.Start();
  std::string declare =
      b.Task("发布通知组织申报", b.ClerkA(), Workdays(5), Stage::kProposal, Tag::kDeclare);
  std::string check = b.Task("资格初审", b.ClerkB(), Workdays(10), Stage::kDecision, Tag::kReview);
  std::string evaluate =
      b.Task("评审推荐", b.Chief(), Workdays(10), Stage::kDecision, Tag::kEvaluate);
  std::string collective =
      b.Task(b.Collective(), b.Head(), Workdays(5), Stage::kDecision, Tag::kCollective, true);
  std::string publicize = b.Task("公示", b.ClerkA(), Days(7), Stage::kResult, Tag::kPublicize);
  std::string g = b.Gateway("公示期间有无异议");
  std::string objection = b.Task("异议核查", b.ClerkB(), Workdays(5), Stage::kResult, Tag::kReview);
  std::string award = b.Task("兑现奖励", b.U().cashier, Workdays(10), Stage::kExecution, Tag::kPay);
  b.Chain({start, declare, check, evaluate, collective, publicize, g});
  b.Link(g, objection, "objection == \"有\"");
  b.Link(g, award);
  b.Link(objection, award);
  b.Link(award, b.End());
  return b.Done();
}

FlowPlan Adjudication(FlowBuilder& b) {
  std::string start = b.Start();
  std::string accept = b.Task("受理申请", b.ClerkA(), Workdays(5), Stage::kProposal, Tag::kAccept);
  std::string notify =
      b.Task("通知被申请人答辩", b.ClerkB(), Workdays(5), Stage::kDecision, Tag::kNotify);
  std::string verify =
      b.Task("调查核实", b.ClerkB(), Days(30), Stage::kDecision, Tag::kInvestigate);
  std::string g = b.Gateway("调解是否成功");
  std::string mediate =
      b.Task("制作调解书", b.Chief(), Workdays(5), Stage::kDecision, Tag::kMediate);
  std::string collective =
      b.Task(b.Collective(), b.Head(), Workdays(5), Stage::kDecision, Tag::kCollective, true);
  std::string rule = b.Task("作出裁决", b.Deputy(), Workdays(5), Stage::kDecision, Tag::kRule);
  std::string deliver = b.Task("送达", b.ClerkA(), Workdays(5), Stage::kExecution, Tag::kDeliver);
  b.Chain({start, accept, notify, verify, g});
  b.Link(g, mediate, "mediation == \"成功\"");
  b.Link(g, collective);
  b.Link(mediate, deliver);
  b.Chain({collective, rule, deliver, b.End()});
  return b.Done();
}

}  // namespace

FlowPlan BuildFlow(Category category, const FlowContext& ctx, Rng& rng) {
  FlowBuilder b(ctx, rng);
  switch (category) {
    case Category::kLicensing:
      return Licensing(b);
    case Category::kPenalty:
      return Penalty(b);
    case Category::kCoercion:
      return Coercion(b);
    case Category::kLevy:
      return Levy(b);
    case Category::kBenefit:
      return Benefit(b);
    case Category::kInspection:
      return Inspection(b);
    case Category::kConfirmation:
      return Confirmation(b);
    case Category::kReward:
      return Reward(b);
    case Category::kAdjudication:
      return Adjudication(b);
    case Category::kOtherExternal:
      return OtherPower(b);
    case Category::kPersonnel:
      return PersonnelFlow(b);
    case Category::kFinance:
      return FinanceFlow(b);
    case Category::kProcurement:
      return ProcurementFlow(b);
    case Category::kProject:
      return ProjectFlow(b);
    case Category::kMajorDecision:
      return MajorDecisionFlow(b);
  }
  return OtherPower(b);
}

}  // namespace dl::demo
