// Flow templates of internal powers (人事, 财务, 物资采购, 工程项目, 三重一大): 动议 → 论证 →
// 征求意见 → 集体决策 → 执行 → 结果公开, with 会签 blocks and amount thresholds. The head of
// the unit appears only in collective decisions (四不直接分管; 末位表态).
#include "demo/flow_builder.h"

namespace dl::demo {

using catalog::Stage;

FlowPlan PersonnelFlow(FlowBuilder& b) {
  const SectionInfo& office = b.Office();
  std::string start = b.Start();
  std::string propose =
      b.Task("提出工作方案（动议）", b.AdminDeputy(), Workdays(5), Stage::kProposal, Tag::kPropose);
  std::string recommend =
      b.Task("民主推荐", office.chief, Workdays(5), Stage::kProposal, Tag::kRecommend);
  std::string examine =
      b.Task("组织考察", office.clerks[0], Workdays(10), Stage::kDecision, Tag::kExamine);
  std::string consult = b.Task("征求派驻纪检监察组意见", office.clerks[1], Workdays(5),
                               Stage::kDecision, Tag::kConsult);
  std::string decide = b.Task(b.U().spec->body + "集体讨论决定", b.Head(), Workdays(2),
                              Stage::kDecision, Tag::kCollective, true);
  std::string publicize =
      b.Task("任前公示", office.clerks[0], Workdays(5), Stage::kResult, Tag::kPublicize);
  std::string g = b.Gateway("公示有无反映问题");
  std::string verify =
      b.Task("核查处理", b.AdminDeputy(), Workdays(10), Stage::kResult, Tag::kExamine);
  std::string g2 = b.Gateway("核查结论");
  std::string appoint =
      b.Task("办理任职手续", office.chief, Workdays(5), Stage::kExecution, Tag::kAppoint);
  std::string end = b.End();
  b.Chain({start, propose, recommend, examine, consult, decide, publicize, g});
  b.Link(g, verify, "objection == \"有\"");
  b.Link(g, appoint);
  b.Link(verify, g2);
  b.Link(g2, end, "verdict == \"影响任用\"");
  b.Link(g2, appoint);
  b.Link(appoint, end);
  return b.Done();
}

FlowPlan FinanceFlow(FlowBuilder& b) {
  const SectionInfo& business = b.Business();
  std::string start = b.Start();
  std::string apply =
      b.Task("经办人提出申请", business.clerks[0], Workdays(1), Stage::kProposal, Tag::kPropose);
  std::string check =
      b.Task("股室负责人审核", business.chief, Workdays(1), Stage::kProposal, Tag::kDecide);
  b.Chain({start, apply, check});
  std::string last = check;
  if (b.R().Chance(50)) {
    last = Countersign(b, check, Stage::kDecision);
  } else {
    last = b.Task("会计审核", b.U().accountant, Workdays(2), Stage::kDecision, Tag::kCountersign);
    b.Link(check, last);
  }
  std::string g = b.Gateway("支出金额");
  b.Link(last, g);
  std::string collective =
      b.Task(b.Collective(), b.Head(), Workdays(5), Stage::kDecision, Tag::kCollective, true);
  std::string approve =
      b.Task("分管财务班子成员审批", b.AdminDeputy(), Workdays(2), Stage::kDecision, Tag::kDecide);
  std::string pay = b.Task("出纳支付", b.U().cashier, Workdays(2), Stage::kExecution, Tag::kPay);
  std::string book =
      b.Task("记账归档", b.U().accountant, Workdays(5), Stage::kResult, Tag::kBookkeep);
  b.Link(g, collective, b.AmountAtLeast());
  b.Link(g, approve);
  b.Link(collective, pay);
  b.Link(approve, pay);
  b.Chain({pay, book, b.End()});
  return b.Done();
}

FlowPlan ProcurementFlow(FlowBuilder& b) {
  const SectionInfo& business = b.Business();
  const SectionInfo& office = b.Office();
  std::string start = b.Start();
  std::string need =
      b.Task("提出采购需求", business.clerks[0], Workdays(3), Stage::kProposal, Tag::kPropose);
  std::string argue =
      b.Task("市场调研和需求论证", business.chief, Workdays(5), Stage::kProposal, Tag::kArgue);
  std::string consult =
      b.Task("征求意见", office.chief, Workdays(3), Stage::kProposal, Tag::kConsult);
  b.Chain({start, need, argue, consult});
  std::string last = b.R().Chance(50) ? Countersign(b, consult, Stage::kDecision) : consult;
  std::string g = b.Gateway("采购金额");
  b.Link(last, g);
  std::string collective =
      b.Task(b.Collective(), b.Head(), Workdays(5), Stage::kDecision, Tag::kCollective, true);
  std::string approve =
      b.Task("分管领导审批", b.AdminDeputy(), Workdays(2), Stage::kDecision, Tag::kDecide);
  std::string buy =
      b.Task("依法组织采购", office.clerks[0], Workdays(20), Stage::kExecution, Tag::kBidding);
  std::string accept =
      b.Task("履约验收", business.clerks[1], Workdays(5), Stage::kExecution, Tag::kAcceptance);
  std::string publish =
      b.Task("结果公开", office.clerks[1], Workdays(5), Stage::kResult, Tag::kPublish);
  b.Link(g, collective, b.AmountAtLeast());
  b.Link(g, approve);
  b.Link(collective, buy);
  b.Link(approve, buy);
  b.Chain({buy, accept, publish, b.End()});
  return b.Done();
}

FlowPlan ProjectFlow(FlowBuilder& b) {
  const SectionInfo& business = b.Business();
  const SectionInfo& office = b.Office();
  std::string start = b.Start();
  std::string propose =
      b.Task("项目动议", business.chief, Workdays(5), Stage::kProposal, Tag::kPropose);
  std::string argue =
      b.Task("可行性论证", business.clerks[1], Workdays(15), Stage::kProposal, Tag::kArgue);
  std::string consult =
      b.Task("征求意见", office.chief, Workdays(5), Stage::kProposal, Tag::kConsult);
  b.Chain({start, propose, argue, consult});
  std::string join = Countersign(b, consult, Stage::kDecision);
  std::string g = b.Gateway("项目投资额");
  b.Link(join, g);
  std::string collective =
      b.Task(b.Collective(), b.Head(), Workdays(5), Stage::kDecision, Tag::kCollective, true);
  std::string approve =
      b.Task("分管领导审批", b.AdminDeputy(), Workdays(3), Stage::kDecision, Tag::kDecide);
  std::string tender =
      b.Task("招标实施", office.clerks[0], Workdays(30), Stage::kExecution, Tag::kBidding);
  std::string supervise =
      b.Task("施工过程监管", business.chief, Days(90), Stage::kExecution, Tag::kImplement);
  std::string accept =
      b.Task("竣工验收", business.clerks[0], Workdays(10), Stage::kExecution, Tag::kAcceptance);
  std::string audit =
      b.Task("结算审计", b.U().accountant, Workdays(20), Stage::kResult, Tag::kBookkeep);
  std::string publish =
      b.Task("结果公开", office.clerks[1], Workdays(5), Stage::kResult, Tag::kPublish);
  b.Link(g, collective, b.AmountAtLeast());
  b.Link(g, approve);
  b.Link(collective, tender);
  b.Link(approve, tender);
  b.Chain({tender, supervise, accept, audit, publish, b.End()});
  return b.Done();
}

FlowPlan MajorDecisionFlow(FlowBuilder& b) {
  const SectionInfo& office = b.Office();
  std::string start = b.Start();
  std::string propose =
      b.Task("提出议题", b.Deputy(), Workdays(5), Stage::kProposal, Tag::kPropose);
  std::string argue =
      b.Task("调研论证", b.Business().chief, Workdays(10), Stage::kProposal, Tag::kArgue);
  std::string consult = b.Task("征求班子成员和派驻纪检监察组意见", office.chief, Workdays(5),
                               Stage::kProposal, Tag::kConsult);
  b.Chain({start, propose, argue});
  if (b.R().Chance(50)) {
    std::string g = b.Gateway("是否需要专家论证和风险评估");
    std::string expert = b.Task("专家论证和风险评估", b.Business().chief, Workdays(10),
                                Stage::kProposal, Tag::kArgue);
    b.Link(argue, g);
    b.Link(g, expert, b.AmountAtLeast());
    b.Link(g, consult);
    b.Link(expert, consult);
  } else {
    b.Link(argue, consult);
  }
  std::string agenda = b.Task("会前酝酿", b.Head(), Workdays(3), Stage::kDecision, Tag::kAgenda);
  std::string decide = b.Task(b.U().spec->body + "集体决策", b.Head(), Workdays(1),
                              Stage::kDecision, Tag::kCollective, true);
  std::string minutes =
      b.Task("形成会议纪要", office.clerks[0], Workdays(2), Stage::kDecision, Tag::kMinutes);
  std::string execute =
      b.Task("组织实施", b.Deputy(), Workdays(30), Stage::kExecution, Tag::kImplement);
  std::string publish =
      b.Task("结果公开", office.clerks[1], Workdays(5), Stage::kResult, Tag::kPublish);
  b.Chain({consult, agenda, decide, minutes, execute, publish, b.End()});
  return b.Done();
}

}  // namespace dl::demo
