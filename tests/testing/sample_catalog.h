// A small, valid catalogue for tests: one county with a department and a section, posts,
// persons, and two powers (a licence with a conditional branch and a 会签 parallel block;
// a penalty with benchmarks).
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "testing/temp_dir.h"

namespace dl::testing {

inline catalog::Catalog SampleCatalog() {
  using namespace catalog;
  Catalog c;
  auto unit = [&](std::string code, std::string name, std::string parent, org::UnitLevel level,
                  org::UnitKind kind, std::string supervisor = "") {
    c.units[code] = org::Unit{code, name, parent, level, kind, supervisor};
  };
  unit("YX", "云溪县", "", org::UnitLevel::kCounty, org::UnitKind::kGovernment);
  unit("YX-JW", "云溪县纪委监委", "YX", org::UnitLevel::kUnit, org::UnitKind::kDiscipline);
  unit("YX-SCJ", "云溪县市场监督管理局", "YX", org::UnitLevel::kUnit, org::UnitKind::kGovernment,
       "YX-JW");
  unit("YX-SCJ-ZC", "注册许可股", "YX-SCJ", org::UnitLevel::kSection, org::UnitKind::kInternal);
  auto post = [&](std::string code, std::string unit_code, std::string name, bool lead = false,
                  bool head = false) {
    c.posts[code] = org::Post{code, unit_code, name, lead, head};
  };
  post("SCJ-JZ", "YX-SCJ", "局长", true, true);
  post("SCJ-FJZ", "YX-SCJ", "副局长", true);
  post("SCJ-ZC-GZ", "YX-SCJ-ZC", "股长");
  post("SCJ-ZC-KY", "YX-SCJ-ZC", "科员");
  c.persons["P001"] = {"P001", "王建国"};
  c.persons["P002"] = {"P002", "李秀英"};
  org::Assignment a{"P001", "SCJ-JZ", Date::FromYmd(2021, 3, 1), std::nullopt};
  c.assignments[a.Key()] = a;
  org::Assignment b{"P002", "SCJ-ZC-GZ", Date::FromYmd(2018, 1, 15), Date::FromYmd(2026, 6, 30)};
  c.assignments[b.Key()] = b;
  org::Relation r{"P002", "云溪县鑫达商贸有限公司", org::RelationKind::kKinship,
                  "配偶任该公司监事"};
  c.relations[r.Key()] = r;

  Power lic;
  lic.code = "XK-SCJ-001";
  lic.name = "食品经营许可";
  lic.category = Category::kLicensing;
  lic.unit = "YX-SCJ";
  lic.handling_unit = "YX-SCJ-ZC";
  lic.legal_basis = {"《中华人民共和国食品安全法》第三十五条",
                     "《食品经营许可和备案管理办法》第五条"};
  lic.content = "从事食品销售和餐饮服务活动，应当依法取得食品经营许可。";
  lic.time_limit = {10, TimeLimit::Unit::kWorkday};
  lic.disclosure = Disclosure::kPublic;
  lic.effective_from = Date::FromYmd(2026, 1, 1);
  auto task = [](std::string code, std::string name, std::string post_code, int days, Stage stage) {
    Node n;
    n.code = std::move(code);
    n.name = std::move(name);
    n.kind = NodeKind::kTask;
    n.post = std::move(post_code);
    n.time_limit = {days, TimeLimit::Unit::kWorkday};
    n.stage = stage;
    n.supervision = "电子监察实时监控";
    return n;
  };
  lic.flow.nodes = {
      Node{"N0", "申请", NodeKind::kStart, "", {}, Stage::kNone, "", false},
      task("N1", "受理", "SCJ-ZC-KY", 1, Stage::kProposal),
      Node{"G1", "是否需要现场核查", NodeKind::kExclusive, "", {}, Stage::kNone, "", false},
      task("N2", "现场核查", "SCJ-ZC-GZ", 3, Stage::kExecution),
      Node{"P1", "会签", NodeKind::kParallelSplit, "", {}, Stage::kNone, "", false},
      task("N3", "业务股审核", "SCJ-ZC-GZ", 2, Stage::kDecision),
      task("N4", "分管领导审核", "SCJ-FJZ", 2, Stage::kDecision),
      Node{"J1", "会签汇合", NodeKind::kParallelJoin, "", {}, Stage::kNone, "", false},
      task("N5", "决定", "SCJ-JZ", 2, Stage::kDecision),
      Node{"E", "办结", NodeKind::kEnd, "", {}, Stage::kResult, "", false},
  };
  lic.flow.edges = {{"N0", "N1", ""}, {"N1", "G1", ""}, {"G1", "N2", "need_inspection == \"是\""},
                    {"G1", "P1", ""}, {"N2", "P1", ""}, {"P1", "N3", ""},
                    {"P1", "N4", ""}, {"N3", "J1", ""}, {"N4", "J1", ""},
                    {"J1", "N5", ""}, {"N5", "E", ""}};
  Risk r1;
  r1.code = "R1";
  r1.name = "受理环节刁难或放宽条件";
  r1.description = "对不符合条件的申请予以受理，或对符合条件的故意刁难、拖延办理";
  r1.node = "N1";
  r1.factors = {4, 4, 4, 4, 3};  // 19 → 高
  r1.level = RiskLevel::kHigh;
  r1.approved_on = Date::FromYmd(2026, 1, 10);
  r1.approval_record = "局党组会议纪要〔2026〕3号";
  r1.next_review = Date::FromYmd(2027, 1, 10);
  Risk r2 = r1;
  r2.code = "R2";
  r2.name = "现场核查走过场";
  r2.node = "N2";
  r2.factors = {3, 3, 2, 2, 3};  // 13 → 中
  r2.level = RiskLevel::kMedium;
  lic.risks = {r1, r2};
  lic.controls = {
      Control{"C1",
              "R1",
              "受理条件网上公开，一次性告知补正材料",
              {ControlType::kOpenness, ControlType::kProcedure},
              "SCJ-ZC-GZ",
              "派驻纪检组抽查",
              "overdue"},
      Control{"C2",
              "R2",
              "现场核查两人以上进行并全程记录",
              {ControlType::kSeparation},
              "SCJ-ZC-GZ",
              "",
              ""},
  };
  c.powers[lic.code] = PowerRecord{lic, 1, {}};

  Power pen;
  pen.code = "CF-SCJ-001";
  pen.name = "对经营超过保质期食品的行政处罚";
  pen.category = Category::kPenalty;
  pen.unit = "YX-SCJ";
  pen.legal_basis = {"《中华人民共和国食品安全法》第一百二十四条"};
  pen.time_limit = {90, TimeLimit::Unit::kDay};
  pen.disclosure = Disclosure::kPublic;
  pen.effective_from = Date::FromYmd(2025, 7, 1);
  pen.flow.nodes = {Node{"N0", "立案", NodeKind::kStart, "", {}, Stage::kNone, "", false},
                    task("N1", "调查取证", "SCJ-ZC-KY", 30, Stage::kExecution),
                    task("N2", "处罚决定", "SCJ-JZ", 5, Stage::kDecision),
                    Node{"E", "结案", NodeKind::kEnd, "", {}, Stage::kResult, "", false}};
  pen.flow.edges = {{"N0", "N1", ""}, {"N1", "N2", ""}, {"N2", "E", ""}};
  pen.benchmarks = {
      Benchmark{"", Grade::kSlight, "货值金额不足一万元且首次违法", 50000, 70000, "元"},
      Benchmark{"", Grade::kGeneral, "货值金额不足一万元", 70000, 100000, "元"},
  };
  PowerRecord pen_rec{pen, 1, {}};
  pen_rec.history.push_back({Date::FromYmd(2026, 3, 1), PowerStatus::kAdjusted,
                             "依据新修订的法律调整处罚幅度", "", "云政发〔2026〕12号"});
  c.powers[pen.code] = pen_rec;
  return c;
}

}  // namespace dl::testing
