#include "demo/flow_builder.h"

namespace dl::demo {

using catalog::Stage;

std::string SupervisionFor(Tag tag, Stage stage, bool internal, Rng& rng) {
  switch (tag) {
    case Tag::kCollective:
    case Tag::kAgenda:
      return rng.Chance(50) ? "派驻纪检组列席监督，会议全程纪实" : "派驻纪检组全程监督";
    case Tag::kPay:
    case Tag::kCollect:
    case Tag::kBookkeep:
      return rng.Chance(50) ? "国库集中支付系统留痕，审计部门定期审计" : "电子监察实时监控";
    case Tag::kBidding:
      return "公共资源交易平台全程电子化监督";
    case Tag::kPublicize:
    case Tag::kPublish:
      return "结果公开接受社会监督";
    case Tag::kSite:
    case Tag::kInspect:
    case Tag::kInvestigate:
    case Tag::kSeize:
      return rng.Chance(50) ? "执法记录仪全程记录，电子监察实时监控" : "两人以上执法，全程音像记录";
    default:
      break;
  }
  switch (stage) {
    case Stage::kProposal:
      if (internal) return rng.Chance(50) ? "电子监察实时监控" : "单位纪检监察员日常监督";
      return rng.Chance(50) ? "电子监察实时监控" : "办事大厅视频监控，电子监察实时监控";
    case Stage::kDecision:
      return rng.Chance(50) ? "分管领导审核把关，电子监察实时监控" : "派驻纪检组全程监督";
    case Stage::kExecution:
      return rng.Chance(50) ? "电子监察实时监控，服务对象评价" : "单位纪检监察员日常监督";
    case Stage::kResult:
    case Stage::kNone:
      break;
  }
  return "结果公开接受社会监督";
}

std::string Countersign(FlowBuilder& b, const std::string& from, Stage stage) {
  std::string split = b.Split();
  std::string finance = b.Task("财务会签", b.U().accountant, Workdays(2), stage, Tag::kCountersign);
  std::string business =
      b.Task(b.Business().name + "会签", b.Business().chief, Workdays(2), stage, Tag::kCountersign);
  std::string join = b.Join();
  b.Link(from, split);
  b.Link(split, finance);
  b.Link(split, business);
  b.Link(finance, join);
  b.Link(business, join);
  return join;
}

}  // namespace dl::demo
