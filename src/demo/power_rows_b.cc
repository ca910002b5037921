// External powers, second half: 交通运输、农业农村、生态环境、应急管理、民政、行政审批、水利,
// and the powers every township holds.
#include "demo/power_rows.h"

namespace dl::demo {
namespace {

using C = catalog::Category;

PowerRow R(C category, std::string name, std::vector<std::string> basis, int section,
           int days = 0) {
  PowerRow r;
  r.category = category;
  r.name = std::move(name);
  r.basis = std::move(basis);
  r.section = section;
  r.days = days;
  return r;
}

PowerRow Fine(std::string name, std::vector<std::string> basis, int section, long long lo,
              long long hi) {
  PowerRow r = R(C::kPenalty, std::move(name), std::move(basis), section);
  r.fine_lo = lo;
  r.fine_hi = hi;
  return r;
}

// Marks a row as a candidate for 下放 to the townships.
PowerRow D(PowerRow r) {
  r.delegable = true;
  return r;
}

// Marks a row as one that may be 合并 into another power of the unit.
PowerRow M(PowerRow r, std::string into) {
  r.merge_into = std::move(into);
  return r;
}

}  // namespace

std::vector<UnitPowers> ExternalPowerRowsB() {
  return {
      {"JTJ",
       {
           R(C::kLicensing, "道路旅客运输经营许可", {"《中华人民共和国道路运输条例》第十条"}, 1),
           R(C::kLicensing, "巡游出租汽车经营许可",
             {"《国务院对确需保留的行政审批项目设定行政许可的决定》",
              "《巡游出租汽车经营服务管理规定》"},
             1),
           R(C::kLicensing, "涉路施工许可",
             {"《中华人民共和国公路法》第四十四条", "《公路安全保护条例》第二十七条"}, 2),
           R(C::kLicensing, "超限运输车辆行驶公路许可",
             {"《中华人民共和国公路法》第五十条", "《公路安全保护条例》第三十五条"}, 2, 5),
           Fine("对未取得道路运输经营许可擅自从事道路客运经营的处罚",
                {"《中华人民共和国道路运输条例》第六十三条"}, 3, 10000, 100000),
           Fine("对未经许可进行涉路施工活动的处罚", {"《公路安全保护条例》第六十二条"}, 3, 0,
                30000),
           R(C::kCoercion, "暂扣无车辆营运证又无法当场提供其他有效证明的车辆",
             {"《中华人民共和国道路运输条例》", "《中华人民共和国行政强制法》第九条"}, 3),
           R(C::kInspection, "道路运输经营者监督检查", {"《中华人民共和国道路运输条例》"}, 1),
       }},
      {"NYJ",
       {
           R(C::kLicensing, "农药经营许可", {"《农药管理条例》第二十四条"}, 1),
           R(C::kLicensing, "农作物种子生产经营许可证核发", {"《中华人民共和国种子法》第三十一条"},
             1),
           R(C::kLicensing, "动物防疫条件合格证核发",
             {"《中华人民共和国动物防疫法》第二十四条", "《中华人民共和国动物防疫法》第二十五条"},
             2),
           R(C::kLicensing, "渔业捕捞许可", {"《中华人民共和国渔业法》第二十三条"}, 2),
           Fine("对未取得农药经营许可证经营农药的处罚", {"《农药管理条例》第五十五条"}, 3, 5000,
                50000),
           Fine("对动物饲养场未取得动物防疫条件合格证的处罚",
                {"《中华人民共和国动物防疫法》第九十八条"}, 3, 3000, 30000),
           Fine("对未依法取得捕捞许可证擅自进行捕捞的处罚", {"《中华人民共和国渔业法》第四十一条"},
                3, 0, 100000),
           R(C::kCoercion, "查封、扣押违法生产经营的农药", {"《农药管理条例》第四十一条"}, 3),
           R(C::kInspection, "农药经营使用监督检查", {"《农药管理条例》第四十一条"}, 1),
           D(R(C::kBenefit, "耕地地力保护补贴发放", {"《农业相关转移支付资金管理办法》"}, 1)),
       }},
      {"HBJ",
       {
           R(C::kLicensing, "建设项目环境影响报告表审批",
             {"《中华人民共和国环境影响评价法》第二十二条", "《建设项目环境保护管理条例》第九条"},
             1, 30),
           R(C::kLicensing, "排污许可证核发",
             {"《中华人民共和国环境保护法》第四十五条", "《排污许可管理条例》"}, 1),
           Fine("对超过大气污染物排放标准排放大气污染物的处罚",
                {"《中华人民共和国大气污染防治法》第九十九条"}, 2, 100000, 1000000),
           Fine("对超过水污染物排放标准排放水污染物的处罚",
                {"《中华人民共和国水污染防治法》第八十三条"}, 2, 100000, 1000000),
           Fine("对未依法备案建设项目环境影响登记表的处罚",
                {"《中华人民共和国环境影响评价法》第三十一条"}, 2, 0, 50000),
           R(C::kCoercion, "查封、扣押造成污染物排放的设施、设备",
             {"《中华人民共和国环境保护法》第二十五条", "《环境保护主管部门实施查封、扣押办法》"},
             2),
           R(C::kInspection, "排污单位现场检查", {"《中华人民共和国环境保护法》第二十四条"}, 2),
           R(C::kReward, "对保护和改善环境有显著成绩的单位和个人给予奖励",
             {"《中华人民共和国环境保护法》第十一条"}, 1),
       }},
      {"YJJ",
       {
           R(C::kLicensing, "危险化学品经营许可（不带储存设施）",
             {"《危险化学品安全管理条例》第三十三条", "《危险化学品安全管理条例》第三十五条"}, 1,
             30),
           R(C::kLicensing, "烟花爆竹经营（零售）许可", {"《烟花爆竹安全管理条例》第十九条"}, 1),
           Fine("对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚",
                {"《中华人民共和国安全生产法》第九十七条"}, 3, 0, 100000),
           Fine("对生产经营单位未采取措施消除事故隐患的处罚",
                {"《中华人民共和国安全生产法》第一百零二条"}, 3, 0, 50000),
           R(C::kCoercion, "查封、扣押不符合保障安全生产标准的设施、设备、器材",
             {"《中华人民共和国安全生产法》第六十五条", "《中华人民共和国行政强制法》第九条"}, 3),
           R(C::kInspection, "安全生产监督检查", {"《中华人民共和国安全生产法》第六十五条"}, 3),
           R(C::kReward, "对报告重大事故隐患或者举报安全生产违法行为的有功人员给予奖励",
             {"《中华人民共和国安全生产法》第七十六条"}, 2),
           D(R(C::kBenefit, "受灾人员自然灾害生活救助",
               {"《自然灾害救助条例》第十四条", "《社会救助暂行办法》第二十条"}, 2)),
       }},
      {"MZJ",
       {
           R(C::kBenefit, "最低生活保障金给付",
             {"《社会救助暂行办法》第九条", "《社会救助暂行办法》第十一条"}, 1, 30),
           D(R(C::kBenefit, "特困人员救助供养", {"《社会救助暂行办法》第十四条"}, 1, 30)),
           D(R(C::kBenefit, "临时救助", {"《社会救助暂行办法》第四十七条"}, 1)),
           D(R(C::kBenefit, "困难残疾人生活补贴和重度残疾人护理补贴发放",
               {"《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"}, 1)),
           R(C::kConfirmation, "内地居民婚姻登记",
             {"《婚姻登记条例》第七条", "《中华人民共和国民法典》第一千零四十九条"}, 2, 1),
           R(C::kConfirmation, "收养登记",
             {"《中华人民共和国民法典》第一千一百零五条", "《中国公民收养子女登记办法》"}, 2, 30),
           R(C::kLicensing, "社会团体成立、变更、注销登记", {"《社会团体登记管理条例》第九条"}, 2,
             60),
           M(R(C::kLicensing, "民办非企业单位成立登记",
               {"《民办非企业单位登记管理暂行条例》第八条"}, 2, 60),
             "社会团体成立、变更、注销登记"),
           R(C::kInspection, "社会组织年度检查", {"《社会团体登记管理条例》"}, 2),
           R(C::kOtherExternal, "公益性公墓建设审批", {"《殡葬管理条例》第八条"}, 2),
       }},
      {"SPJ",
       {
           R(C::kLicensing, "企业设立登记",
             {"《中华人民共和国市场主体登记管理条例》第三条",
              "《中华人民共和国行政许可法》第二十五条"},
             1, 3),
           R(C::kLicensing, "建设项目用地预审与选址意见书核发",
             {"《中华人民共和国土地管理法》第五十二条", "《中华人民共和国城乡规划法》第三十六条"},
             2),
           R(C::kLicensing, "城镇污水排入排水管网许可", {"《城镇排水与污水处理条例》第二十一条"},
             2),
           R(C::kLicensing, "占用、挖掘城市道路审批",
             {"《城市道路管理条例》第三十一条", "《城市道路管理条例》第三十三条"}, 2),
           D(R(C::kLicensing, "设置大型户外广告审批", {"《城市市容和环境卫生管理条例》第十一条"},
               3)),
           R(C::kOtherExternal, "政务服务事项“一件事一次办”联办", {"《优化营商环境条例》"}, 1, 5),
       }},
      {"SLJ",
       {
           R(C::kLicensing, "取水许可",
             {"《中华人民共和国水法》第四十八条", "《取水许可和水资源费征收管理条例》第二条"}, 1,
             45),
           R(C::kLicensing, "河道管理范围内建设项目工程建设方案审批",
             {"《中华人民共和国水法》第三十八条", "《中华人民共和国防洪法》第二十七条"}, 2),
           M(R(C::kLicensing, "生产建设项目水土保持方案审批",
               {"《中华人民共和国水土保持法》第二十五条"}, 2),
             "河道管理范围内建设项目工程建设方案审批"),
           R(C::kLevy, "水土保持补偿费征收", {"《中华人民共和国水土保持法》第三十二条"}, 2),
           R(C::kLevy, "水资源费征收",
             {"《中华人民共和国水法》第四十八条", "《取水许可和水资源费征收管理条例》第二十八条"},
             1),
           Fine("对未经批准擅自取水的处罚", {"《中华人民共和国水法》第六十九条"}, 3, 20000, 100000),
           Fine("对在河道管理范围内建设妨碍行洪的建筑物、构筑物的处罚",
                {"《中华人民共和国水法》第六十五条"}, 3, 10000, 100000),
           R(C::kCoercion, "代履行拆除妨碍行洪的建筑物、构筑物",
             {"《中华人民共和国水法》第六十五条", "《中华人民共和国行政强制法》第五十条"}, 3),
           R(C::kAdjudication, "水事纠纷调处", {"《中华人民共和国水法》第五十七条"}, 1, 60),
           R(C::kInspection, "水资源开发利用和河湖管理监督检查", {"《中华人民共和国水法》第六十条"},
             3),
       }},
      {"TOWN",
       {
           R(C::kLicensing, "乡村建设规划许可证核发", {"《中华人民共和国城乡规划法》第四十一条"},
             1),
           R(C::kLicensing, "农村村民宅基地审批", {"《中华人民共和国土地管理法》第六十二条"}, 1),
           Fine("对个人随意倾倒、抛撒、堆放生活垃圾的处罚",
                {"《中华人民共和国固体废物污染环境防治法》第一百一十一条"}, 3, 100, 500),
           R(C::kCoercion, "强制拆除乡村违法建设", {"《中华人民共和国城乡规划法》第六十五条"}, 3),
           R(C::kBenefit, "最低生活保障审核确认", {"《社会救助暂行办法》第十一条"}, 2, 30),
           R(C::kAdjudication, "个人之间、个人与单位之间土地权属争议调处",
             {"《中华人民共和国土地管理法》第十四条"}, 1, 90),
           R(C::kInspection, "辖区生产经营单位安全生产状况监督检查",
             {"《中华人民共和国安全生产法》第九条"}, 3),
           R(C::kReward, "对在森林防火工作中作出突出成绩的单位和个人给予表彰奖励",
             {"《森林防火条例》第十二条"}, 2),
       }},
  };
}

const PowerRow* FindExternalRow(const std::string& abbr, const std::string& name) {
  for (const UnitPowers& u : ExternalPowerRows()) {
    if (u.abbr != abbr) continue;
    for (const PowerRow& r : u.rows) {
      if (r.name == name) return &r;
    }
  }
  return nullptr;
}

const std::vector<UnitPowers>& ExternalPowerRows() {
  static const std::vector<UnitPowers> kRows = [] {
    std::vector<UnitPowers> rows = ExternalPowerRowsA();
    for (auto& u : ExternalPowerRowsB()) rows.push_back(std::move(u));
    return rows;
  }();
  return kRows;
}

}  // namespace dl::demo
