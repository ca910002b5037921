// Internal powers (人财物 and 三重一大): the pools each unit's internal powers are drawn from.
#include <map>

#include "demo/power_rows.h"

namespace dl::demo {
namespace {

using C = catalog::Category;

PowerRow I(C category, std::string name, std::vector<std::string> basis) {
  PowerRow r;
  r.category = category;
  r.name = std::move(name);
  r.basis = std::move(basis);
  r.section = 0;
  return r;
}

const std::map<C, std::vector<PowerRow>>& Pools() {
  static const std::map<C, std::vector<PowerRow>> kPools = {
      {C::kPersonnel,
       {
           I(C::kPersonnel, "中层干部选拔任用",
             {"《党政领导干部选拔任用工作条例》", "《中华人民共和国公务员法》"}),
           I(C::kPersonnel, "事业编制工作人员公开招聘",
             {"《事业单位人事管理条例》第八条", "《事业单位公开招聘人员暂行规定》"}),
           I(C::kPersonnel, "干部职工年度考核和评先评优",
             {"《公务员考核规定》", "《事业单位工作人员考核规定》"}),
           I(C::kPersonnel, "干部职工因私出国（境）审批",
             {"《关于进一步加强国家工作人员因私出国（境）管理的若干规定》"}),
           I(C::kPersonnel, "编外聘用人员招录和管理",
             {"《中华人民共和国劳动合同法》", "《事业单位人事管理条例》"}),
       }},
      {C::kFinance,
       {
           I(C::kFinance, "部门预算编制和执行",
             {"《中华人民共和国预算法》第三十二条", "《行政单位财务规则》"}),
           I(C::kFinance, "大额资金使用审批",
             {"《行政单位财务规则》", "《关于进一步推进“三重一大”决策制度的意见》"}),
           I(C::kFinance, "公务接待和差旅费报销审核",
             {"《党政机关厉行节约反对浪费条例》", "《党政机关国内公务接待管理规定》"}),
           I(C::kFinance, "专项资金分配和拨付",
             {"《中华人民共和国预算法》", "《党政机关厉行节约反对浪费条例》"}),
           I(C::kFinance, "国有资产配置和处置审批",
             {"《行政事业性国有资产管理条例》", "《行政单位国有资产管理暂行办法》"}),
       }},
      {C::kProcurement,
       {
           I(C::kProcurement, "政府采购项目组织实施",
             {"《中华人民共和国政府采购法》第二十六条", "《中华人民共和国政府采购法实施条例》"}),
           I(C::kProcurement, "办公设备和办公用品采购",
             {"《中华人民共和国政府采购法》第二条", "《党政机关厉行节约反对浪费条例》"}),
           I(C::kProcurement, "公务用车运行维护服务采购",
             {"《党政机关公务用车管理办法》", "《中华人民共和国政府采购法》"}),
           I(C::kProcurement, "信息化系统建设及运维服务采购",
             {"《中华人民共和国政府采购法》", "《政府采购需求管理办法》"}),
       }},
      {C::kProject,
       {
           I(C::kProject, "办公用房维修改造工程项目管理",
             {"《党政机关办公用房管理办法》", "《中华人民共和国招标投标法》第三条"}),
           I(C::kProject, "本系统基础设施建设项目实施",
             {"《政府投资条例》", "《中华人民共和国招标投标法实施条例》"}),
           I(C::kProject, "小型工程项目发包和验收",
             {"《中华人民共和国招标投标法》", "《建设工程质量管理条例》第十六条"}),
       }},
      {C::kMajorDecision,
       {
           I(C::kMajorDecision, "重大事项决策",
             {"《关于进一步推进“三重一大”决策制度的意见》", "《中国共产党党组工作条例》"}),
           I(C::kMajorDecision, "重要干部任免",
             {"《关于进一步推进“三重一大”决策制度的意见》", "《党政领导干部选拔任用工作条例》"}),
           I(C::kMajorDecision, "重大项目安排",
             {"《关于进一步推进“三重一大”决策制度的意见》", "《政府投资条例》"}),
           I(C::kMajorDecision, "大额度资金使用",
             {"《关于进一步推进“三重一大”决策制度的意见》", "《党政机关厉行节约反对浪费条例》"}),
       }},
  };
  return kPools;
}

}  // namespace

const std::vector<PowerRow>& InternalPowerPool(catalog::Category category) {
  static const std::vector<PowerRow> kNone;
  auto it = Pools().find(category);
  return it == Pools().end() ? kNone : it->second;
}

}  // namespace dl::demo
