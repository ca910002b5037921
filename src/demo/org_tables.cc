#include "demo/org_tables.h"

namespace dl::demo {

using org::UnitKind;

const std::vector<UnitSpec>& PowerUnitSpecs() {
  static const std::vector<std::string> kBureauDeputies3{"副局长", "副局长", "副局长"};
  static const std::vector<std::string> kBureauDeputies2{"副局长", "副局长"};
  static const std::vector<UnitSpec> kSpecs = {
      {"FGJ", "云溪县发展和改革局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"投资股", "股长"}, {"经济运行和能源股", "股长"},
        {"法规和价格股", "股长"}},
       3, 1, "局党组会议纪要", "局党组会议"},
      {"CZJ", "云溪县财政局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"预算股", "股长"}, {"会计管理股", "股长"},
        {"政府采购监督管理股", "股长"}},
       3, 1, "局党组会议纪要", "局党组会议"},
      {"ZRJ", "云溪县自然资源局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"国土空间规划股", "股长"}, {"不动产登记股", "股长"},
        {"执法监察大队", "大队长"}},
       3, 2, "局党组会议纪要", "局党组会议"},
      {"ZJJ", "云溪县住房和城乡建设局", UnitKind::kGovernment, "党组书记、局长",
       kBureauDeputies3,
       {{"办公室", "主任"}, {"建筑业管理股", "股长"}, {"城建和公用事业股", "股长"},
        {"法规和执法股", "股长"}},
       3, 2, "局党组会议纪要", "局党组会议"},
      {"SJJ", "云溪县市场监督管理局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"登记注册和行政审批股", "股长"}, {"食品安全监督管理股", "股长"},
        {"执法稽查大队", "大队长"}},
       3, 3, "局党组会议纪要", "局党组会议"},
      {"WJJ", "云溪县卫生健康局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"医政医管股", "股长"}, {"公共卫生股", "股长"},
        {"卫生健康综合监督执法大队", "大队长"}},
       3, 3, "局党组会议纪要", "局党组会议"},
      {"JYJ", "云溪县教育局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"基础教育股", "股长"}, {"教师工作股", "股长"},
        {"民办教育和督导股", "股长"}},
       3, 4, "局党组会议纪要", "局党组会议"},
      {"RSJ", "云溪县人力资源和社会保障局", UnitKind::kGovernment, "党组书记、局长",
       kBureauDeputies2,
       {{"办公室", "主任"}, {"就业促进和职业能力建设股", "股长"}, {"工伤保险股", "股长"},
        {"劳动保障监察大队", "大队长"}},
       3, 4, "局党组会议纪要", "局党组会议"},
      {"JTJ", "云溪县交通运输局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies2,
       {{"办公室", "主任"}, {"运输管理股", "股长"}, {"公路建设和养护股", "股长"},
        {"交通运输综合行政执法大队", "大队长"}},
       3, 2, "局党组会议纪要", "局党组会议"},
      {"NYJ", "云溪县农业农村局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies3,
       {{"办公室", "主任"}, {"种植业和农药管理股", "股长"}, {"畜牧兽医股", "股长"},
        {"农业综合行政执法大队", "大队长"}},
       3, 4, "局党组会议纪要", "局党组会议"},
      {"HBJ", "云溪县生态环境局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies2,
       {{"办公室", "主任"}, {"环境影响评价与排放管理股", "股长"},
        {"生态环境保护综合行政执法大队", "大队长"}},
       2, 3, "局党组会议纪要", "局党组会议"},
      {"YJJ", "云溪县应急管理局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies2,
       {{"办公室", "主任"}, {"危险化学品安全监督管理股", "股长"},
        {"应急救援和防灾减灾股", "股长"}, {"应急管理综合行政执法大队", "大队长"}},
       3, 3, "局党组会议纪要", "局党组会议"},
      {"MZJ", "云溪县民政局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies2,
       {{"办公室", "主任"}, {"社会救助股", "股长"}, {"社会事务和社会组织管理股", "股长"}},
       2, 4, "局党组会议纪要", "局党组会议"},
      {"SPJ", "云溪县行政审批局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies2,
       {{"办公室", "主任"}, {"综合受理股", "股长"}, {"投资建设审批股", "股长"},
        {"社会事务审批股", "股长"}},
       1, 1, "局党组会议纪要", "局党组会议"},
      {"SLJ", "云溪县水利局", UnitKind::kGovernment, "党组书记、局长", kBureauDeputies2,
       {{"办公室", "主任"}, {"水资源管理股", "股长"}, {"河湖管理股", "股长"},
        {"水政监察大队", "大队长"}},
       3, 2, "局党组会议纪要", "局党组会议"},
      {"QSZ", "云溪县青石镇人民政府", UnitKind::kTownship, "党委书记",
       {"党委副书记、镇长", "党委委员、副镇长", "副镇长"},
       {{"党政综合办公室", "主任"}, {"经济发展办公室", "主任"}, {"社会事务办公室", "主任"},
        {"综合行政执法队", "队长"}},
       3, 0, "镇党委会议纪要", "镇党委会议"},
      {"MLX", "云溪县梅岭乡人民政府", UnitKind::kTownship, "党委书记",
       {"党委副书记、乡长", "副乡长"},
       {{"党政综合办公室", "主任"}, {"社会事务办公室", "主任"}, {"综合行政执法队", "队长"}},
       2, 0, "乡党委会议纪要", "乡党委会议"},
      {kDisciplineAbbr, "云溪县纪委监委", UnitKind::kDiscipline,
       "县委常委、县纪委书记、县监委主任", {"县纪委副书记、县监委副主任", "县纪委常委、县监委委员"},
       {{"办公室", "主任"}, {"党风政风监督室", "主任"}, {"第一监督检查室", "主任"},
        {"案件审理室", "主任"}},
       3, 0, "县纪委常委会会议纪要", "县纪委常委会会议"},
  };
  return kSpecs;
}

const std::vector<std::string>& ResidentGroupOrdinals() {
  static const std::vector<std::string> kOrdinals{"第一", "第二", "第三", "第四"};
  return kOrdinals;
}

const std::vector<std::string>& Surnames() {
  static const std::vector<std::string> kSurnames{
      "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
      "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
      "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
      "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
      "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康",
      "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤"};
  return kSurnames;
}

const std::vector<int>& SurnameWeights() {
  // Roughly the national frequency: the first five make up about a third of all people.
  static const std::vector<int> kWeights = [] {
    std::vector<int> w;
    for (size_t i = 0; i < Surnames().size(); ++i) {
      w.push_back(i < 5 ? 70 : i < 10 ? 35 : i < 20 ? 18 : i < 40 ? 10 : 5);
    }
    return w;
  }();
  return kWeights;
}

const std::vector<std::string>& GivenNameChars() {
  static const std::vector<std::string> kChars{
      "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
      "明", "超", "秀", "霞", "平", "刚", "桂", "文", "华", "建", "国", "红", "玉", "兰", "英",
      "志", "海", "波", "辉", "鹏", "宇", "浩", "凯", "俊", "峰", "晨", "婷", "雪", "琳", "颖",
      "慧", "倩", "欣", "佳", "蕾", "春", "云", "成", "林", "宏", "振", "永", "德", "荣", "斌",
      "丹", "亮", "立", "新", "庆", "飞", "晓", "燕", "萍", "鑫", "彬", "瑞", "睿", "嘉", "子",
      "梓", "航", "思", "雨", "欢", "琴", "东", "坤", "松", "梅", "玲", "青", "安", "晶", "露"};
  return kChars;
}

const std::vector<CompanySpec>& Companies() {
  static const std::vector<CompanySpec> kCompanies{
      {"云溪县鑫达建筑工程有限公司", {"ZJJ", "ZRJ", "SLJ", "QSZ"}},
      {"江屿市恒通公路工程有限责任公司", {"JTJ", "FGJ"}},
      {"云溪县鼎盛房地产开发有限公司", {"ZRJ", "ZJJ", "CZJ"}},
      {"云溪县康泰医药连锁有限公司", {"SJJ", "WJJ"}},
      {"云溪县绿源农业科技开发有限公司", {"NYJ", "MLX"}},
      {"云溪县宏远商贸有限公司", {"CZJ", "JYJ", "MZJ"}},
      {"江屿市清源环保科技有限公司", {"HBJ", "SLJ"}},
      {"云溪县安瑞化工贸易有限公司", {"YJJ", "SPJ"}},
      {"云溪县博文教育咨询服务有限公司", {"JYJ", "RSJ"}},
  };
  return kCompanies;
}

}  // namespace dl::demo
