#include "io/xlsx_catalog.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "io/xlsx_reader.h"
#include "testing/temp_dir.h"

namespace dl::io {
namespace {

namespace fs = std::filesystem;
using catalog::Catalog;
using catalog::PowerRecord;

using testing::TempDir;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// ---- a small but complete catalogue ------------------------------------------------------

Date D(const char* text) { return *Date::Parse(text); }

void AddOrg(Catalog& c) {
  using org::UnitKind;
  using org::UnitLevel;
  for (org::Unit u : {
           org::Unit{"U-XZF", "某县人民政府", "", UnitLevel::kCounty, UnitKind::kGovernment, ""},
           org::Unit{"U-JW", "某县纪委监委", "U-XZF", UnitLevel::kUnit, UnitKind::kDiscipline, ""},
           org::Unit{"U-JT", "某县交通运输局", "U-XZF", UnitLevel::kUnit, UnitKind::kGovernment,
                     "U-JW"},
           org::Unit{"U-JT-XK", "行政许可股", "U-JT", UnitLevel::kSection, UnitKind::kInternal,
                     "U-JW"},
       }) {
    c.units[u.code] = u;
  }
  for (org::Post p : {org::Post{"P-JZ", "U-JT", "局长", true, true},
                      org::Post{"P-FJZ", "U-JT", "副局长", true, false},
                      org::Post{"P-KY", "U-JT-XK", "科员", false, false}}) {
    c.posts[p.code] = p;
  }
  c.persons["E001"] = {"E001", "张三"};
  c.persons["E002"] = {"E002", "李四"};
  org::Assignment a1{"E001", "P-JZ", D("2024-03-01"), D("2026-02-28")};
  org::Assignment a2{"E002", "P-KY", D("2025-01-01"), std::nullopt};
  c.assignments[a1.Key()] = a1;
  c.assignments[a2.Key()] = a2;
  org::Relation r{"E002", "某某建筑有限公司", org::RelationKind::kKinship,
                  "配偶持股\r字面 _x0041_ 与控制字符\x01"};
  c.relations[r.Key()] = r;
}

catalog::Node N(const char* code, const char* name, catalog::NodeKind kind, const char* post = "",
                int days = 0, catalog::Stage stage = catalog::Stage::kNone,
                bool collective = false) {
  catalog::Node n;
  n.code = code;
  n.name = name;
  n.kind = kind;
  n.post = post;
  n.time_limit = {days, catalog::TimeLimit::Unit::kWorkday};
  n.stage = stage;
  n.collective = collective;
  return n;
}

// A licence with a countersigning (parallel) review and a conditional collective decision.
catalog::Power Licence() {
  using catalog::NodeKind;
  using catalog::Stage;
  catalog::Power p;
  p.code = "XK-001";
  p.name = "公路超限运输许可";
  p.category = catalog::Category::kLicensing;
  p.unit = "U-JT";
  p.handling_unit = "U-JT-XK";
  p.legal_basis = {"《中华人民共和国公路法》第五十条、第七十六条",
                   "《超限运输车辆行驶公路管理规定》第十二条"};
  p.content = "对超限运输车辆行驶公路的许可";
  p.time_limit = {20, catalog::TimeLimit::Unit::kWorkday};
  p.effective_from = D("2026-01-01");
  p.flow.nodes = {
      N("N1", "申请", NodeKind::kStart),
      N("N2", "受理", NodeKind::kTask, "P-KY", 2, Stage::kProposal),
      N("N3", "会签", NodeKind::kParallelSplit),
      N("N4", "技术审查", NodeKind::kTask, "P-KY", 5, Stage::kExecution),
      N("N5", "路政审查", NodeKind::kTask, "P-FJZ", 5, Stage::kExecution),
      N("N6", "会签汇合", NodeKind::kParallelJoin),
      N("N7", "金额判断", NodeKind::kExclusive),
      N("N8", "集体研究", NodeKind::kTask, "P-JZ", 3, Stage::kDecision, true),
      N("N9", "决定", NodeKind::kTask, "P-JZ", 2, Stage::kResult),
      N("N10", "办结", NodeKind::kEnd),
  };
  p.flow.nodes[3].supervision = "电子监察实时监控";
  p.flow.edges = {{"N1", "N2", ""},
                  {"N2", "N3", ""},
                  {"N3", "N4", ""},
                  {"N3", "N5", ""},
                  {"N4", "N6", ""},
                  {"N5", "N6", ""},
                  {"N6", "N7", ""},
                  {"N7", "N8", "amount >= 500000"},
                  {"N7", "N9", "amount < 500000"},
                  {"N8", "N9", ""},
                  {"N9", "N10", ""}};
  catalog::Risk r1;
  r1.code = "R1";
  r1.name = "违规审批";
  r1.description = "对不符合条件的申请予以许可";
  r1.node = "N4";
  r1.factors = {4, 3, 3, 2, 4};
  r1.level = catalog::RiskLevel::kMedium;
  r1.approved_on = D("2026-01-10");
  r1.approval_record = "局党组会议纪要〔2026〕3号";
  r1.next_review = D("2027-01-10");
  catalog::Risk r2;
  r2.code = "R2";
  r2.name = "吃拿卡要";
  r2.category = catalog::RiskCategory::kMorality;
  r2.factors = {2, 1, 5, 1, 2};
  p.risks = {r1, r2};
  p.controls = {
      {"C1",
       "R1",
       "审查与决定岗位分设",
       {catalog::ControlType::kSeparation, catalog::ControlType::kProcedure,
        catalog::ControlType::kInformatization},
       "P-FJZ",
       "电子监察",
       "separation_of_duties"},
      {"C2", "R2", "廉政教育", {catalog::ControlType::kEducation}, "", "", ""},
  };
  return p;
}

// A penalty held at a post, with benchmarks and a status history.
catalog::Power Penalty() {
  using catalog::NodeKind;
  catalog::Power p;
  p.code = "CF-002";
  p.name = "对超限运输的处罚";
  p.category = catalog::Category::kPenalty;
  p.unit = "U-JT";
  p.held_at = catalog::HolderLevel::kPost;
  p.held_by_post = "P-FJZ";
  p.legal_basis = {"《中华人民共和国公路法》第七十六条"};
  p.content = "第一行\n第二行";
  p.fees = "不收费";
  p.time_limit = {15, catalog::TimeLimit::Unit::kDay};
  p.disclosure = catalog::Disclosure::kInternal;
  p.effective_from = D("2025-07-01");
  p.flow.nodes = {N("S", "立案", NodeKind::kStart), N("T", "调查", NodeKind::kTask, "P-KY", 10),
                  N("E", "结案", NodeKind::kEnd)};
  p.flow.nodes[1].time_limit = {4, catalog::TimeLimit::Unit::kHour};
  p.flow.edges = {{"S", "T", ""}, {"T", "E", ""}};
  p.benchmarks = {{"超限运输", catalog::Grade::kGeneral, "超限 10% 以下", 500, 5000, "元"},
                  {"超限运输", catalog::Grade::kGrave, "超限 50% 以上", 20000, 30000, "元"},
                  {"", catalog::Grade::kSlight, "首次且主动改正", 0, 0, "万元"}};
  return p;
}

Catalog SampleCatalog() {
  Catalog c;
  AddOrg(c);
  c.powers["XK-001"] = PowerRecord{Licence(), 0, {}};
  PowerRecord penalty{Penalty(), 0, {}};
  penalty.history = {
      {D("2025-07-01"), catalog::PowerStatus::kActive, "首次公布", "", "×政发〔2025〕1号"},
      {D("2026-03-01"), catalog::PowerStatus::kAdjusted, "调整处罚幅度", "", ""},
      {D("2026-06-01"), catalog::PowerStatus::kDelegated, "按省政府决定下放", "乡镇人民政府",
       "×政发〔2026〕12号"}};
  c.powers["CF-002"] = penalty;
  return c;
}

std::string Render(const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += Describe(p) + "\n";
  return s;
}

// ---- writing test workbooks --------------------------------------------------------------

using Value = std::variant<std::string, double>;
using Rows = std::vector<std::vector<Value>>;  // first row: headers

void WriteBook(const std::string& path, const std::vector<std::pair<std::string, Rows>>& sheets) {
  lxw_workbook* wb = workbook_new(path.c_str());
  ASSERT_NE(wb, nullptr);
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < rows[r].size(); ++c) {
        auto row = static_cast<lxw_row_t>(r);
        auto col = static_cast<lxw_col_t>(c);
        if (const auto* s = std::get_if<std::string>(&rows[r][c])) {
          if (!s->empty()) worksheet_write_string(ws, row, col, s->c_str(), nullptr);
        } else {
          worksheet_write_number(ws, row, col, std::get<double>(rows[r][c]), nullptr);
        }
      }
    }
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

const Rows kUnitsOk = {{"序号", "单位编码", "单位名称", "上级单位编码", "层级", "单位类型"},
                       {"1", "U-JT", "交通运输局", "", "单位", "政府部门"}};
const std::vector<Value> kPowerHeaders = {"序号",     "权力编码", "权力名称",
                                          "权力类别", "实施主体", "设定依据",
                                          "办理时限", "公开属性", "生效日期"};
std::vector<Value> PowerRow(const std::string& code, const std::string& limit = "20个工作日",
                            const std::string& category = "行政许可",
                            const std::string& unit = "U-JT") {
  return {"", code, "某项许可", category, unit, "《某法》第一条", limit, "公开", "2026-01-01"};
}
const std::vector<Value> kRiskHeaders = {"权力编码",     "风险编码",     "风险点",   "风险类别",
                                         "权力重要程度", "自由裁量程度", "行使频率", "发生概率",
                                         "危害程度",     "风险等级"};

class XlsxCatalogTest : public ::testing::Test {
 protected:
  // Writes the sheets to a new workbook and reads it as a catalogue.
  CatalogRead ReadBook(const std::vector<std::pair<std::string, Rows>>& sheets) {
    path_ = dir_.File("book" + std::to_string(++count_) + ".xlsx");
    WriteBook(path_, sheets);
    auto read = ReadCatalogXlsx(path_);
    EXPECT_TRUE(read) << read.error().message;
    return read ? std::move(*read) : CatalogRead{};
  }
  // Asserts exactly one problem with this location and a message containing `fragment`.
  void ExpectProblem(const CatalogRead& read, Issue::Severity severity, const std::string& sheet,
                     int row, const std::string& column, const std::string& field,
                     const std::string& fragment) {
    int matches = 0;
    for (const auto& p : read.problems) {
      if (p.severity == severity && p.where.file == path_ && p.where.sheet == sheet &&
          p.where.row == row && p.where.column == column && p.where.field == field &&
          p.message.find(fragment) != std::string::npos) {
        ++matches;
      }
    }
    EXPECT_EQ(matches, 1) << "expected " << sheet << " row " << row << " column " << column << " ["
                          << field << "] " << fragment << "\ngot:\n"
                          << Render(read.problems);
  }
  void ExpectError(const CatalogRead& read, const std::string& sheet, int row,
                   const std::string& column, const std::string& field,
                   const std::string& fragment) {
    ExpectProblem(read, Issue::Severity::kError, sheet, row, column, field, fragment);
  }

  TempDir dir_;
  std::string path_;
  int count_ = 0;
};

// ---- round trip ----------------------------------------------------------------------------

TEST_F(XlsxCatalogTest, RoundTripIsExact) {
  Catalog c = SampleCatalog();
  std::string path = dir_.File("catalog.xlsx");
  ASSERT_TRUE(WriteCatalogXlsx(c, path));
  auto read = ReadCatalogXlsx(path);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->problems.empty()) << Render(read->problems);
  const Catalog& back = read->catalog;
  EXPECT_EQ(back.units, c.units);
  EXPECT_EQ(back.posts, c.posts);
  EXPECT_EQ(back.persons, c.persons);
  EXPECT_EQ(back.assignments, c.assignments);
  EXPECT_EQ(back.relations, c.relations);
  ASSERT_EQ(back.powers.size(), c.powers.size());
  for (const auto& [code, rec] : c.powers) {
    ASSERT_TRUE(back.powers.contains(code)) << code;
    const PowerRecord& got = back.powers.at(code);
    EXPECT_EQ(got.power.flow.nodes, rec.power.flow.nodes) << code;
    EXPECT_EQ(got.power.flow.edges, rec.power.flow.edges) << code;
    EXPECT_EQ(got.power.risks, rec.power.risks) << code;
    EXPECT_EQ(got.power.controls, rec.power.controls) << code;
    EXPECT_EQ(got.power.benchmarks, rec.power.benchmarks) << code;
    EXPECT_EQ(got.power.legal_basis, rec.power.legal_basis) << code;
    EXPECT_EQ(got.history, rec.history) << code;
    EXPECT_EQ(got, rec) << code;
  }
}

TEST_F(XlsxCatalogTest, OutputIsDeterministic) {
  Catalog c = SampleCatalog();
  ASSERT_TRUE(WriteCatalogXlsx(c, dir_.File("a.xlsx")));
  ASSERT_TRUE(WriteCatalogXlsx(c, dir_.File("b.xlsx")));
  EXPECT_EQ(ReadBytes(dir_.File("a.xlsx")), ReadBytes(dir_.File("b.xlsx")));
}

TEST_F(XlsxCatalogTest, ExportLaysOutSheetsAndRows) {
  std::string path = dir_.File("catalog.xlsx");
  ASSERT_TRUE(WriteCatalogXlsx(SampleCatalog(), path));
  auto reader = XlsxReader::Open(path);
  ASSERT_TRUE(reader) << reader.error().message;
  std::vector<std::string> names;
  for (const auto& s : kCatalogSheets) names.emplace_back(s.name);
  EXPECT_EQ(reader->SheetNames(), names);
  auto units = reader->ReadSheet("单位");
  ASSERT_TRUE(units);
  // Tree order: the county government, then its children by code.
  EXPECT_EQ(units->Text(2, 2), "U-XZF");
  EXPECT_EQ(units->Text(3, 2), "U-JT");
  EXPECT_EQ(units->Text(4, 2), "U-JT-XK");
  EXPECT_EQ(units->Text(5, 2), "U-JW");
  EXPECT_EQ(units->Text(5, 1), "4");  // 序号
  auto powers = reader->ReadSheet("权力清单");
  ASSERT_TRUE(powers);
  EXPECT_EQ(powers->Text(2, 2), "CF-002");
  EXPECT_EQ(powers->Text(2, 12), "15个自然日");
  EXPECT_EQ(powers->Text(3, 14), "2026-01-01");
  auto risks = reader->ReadSheet("风险清单");
  ASSERT_TRUE(risks);
  EXPECT_EQ(risks->Find(2, 8)->type, XlsxCell::Type::kNumber);  // factors are numbers
}

TEST_F(XlsxCatalogTest, SourcesLocateFindingsAtCells) {
  std::string path = dir_.File("catalog.xlsx");
  ASSERT_TRUE(WriteCatalogXlsx(SampleCatalog(), path));
  auto read = ReadCatalogXlsx(path);
  ASSERT_TRUE(read) << read.error().message;
  // CF-002 comes first (map order) with 3 nodes, so XK-001's N4 is on row 1 + 3 + 4.
  Issue node_issue{Issue::Severity::kError, {"power", "XK-001", "node", "N4"}, "办理岗位", "x"};
  Location at = read->sources.Locate(node_issue);
  EXPECT_EQ(at.file, path);
  EXPECT_EQ(at.sheet, "流程清单");
  EXPECT_EQ(at.row, 8);
  EXPECT_EQ(at.column, "F");
  Issue unit_issue{Issue::Severity::kError, {"unit", "U-JT", "", ""}, "上级单位编码", "x"};
  at = read->sources.Locate(unit_issue);
  EXPECT_EQ(at.sheet, "单位");
  EXPECT_EQ(at.row, 3);
  EXPECT_EQ(at.column, "D");
  Issue status{
      Issue::Severity::kError, {"power", "CF-002", "status", "2026-03-01"}, "变更理由", ""};
  at = read->sources.Locate(status);
  EXPECT_EQ(at.sheet, "状态变更");
  EXPECT_EQ(at.row, 3);
  EXPECT_EQ(at.column, "E");
  Issue bench{
      Issue::Severity::kError, {"power", "CF-002", "benchmark", "超限运输/严重"}, "上限", ""};
  at = read->sources.Locate(bench);
  EXPECT_EQ(at.sheet, "裁量基准");
  EXPECT_EQ(at.row, 3);
  EXPECT_EQ(at.column, "G");
  Issue assignment{Issue::Severity::kError, {"assignment", "E002/P-KY/2025-01-01", "", ""}, "", ""};
  EXPECT_EQ(read->sources.Locate(assignment).row, 3);
}

TEST_F(XlsxCatalogTest, OverlongCellIsAnErrorAndLeavesNoFile) {
  Catalog c;
  c.persons["E1"] = {"E1", std::string(40000, 'x')};
  std::string path = dir_.File("long.xlsx");
  auto s = WriteCatalogXlsx(c, path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("32767"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("第 2 行"), std::string::npos) << s.error().message;
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(XlsxCatalogTest, UnwritablePathIsAnIoError) {
  auto s = WriteCatalogXlsx(SampleCatalog(), dir_.File("no-such-dir/catalog.xlsx"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

// ---- template ------------------------------------------------------------------------------

TEST_F(XlsxCatalogTest, TemplateHasEverySheetAndHeader) {
  // Written out here, independently of the layout table, so a change to it is noticed.
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"单位",
       {"序号", "单位编码", "单位名称", "上级单位编码", "层级", "单位类型", "监督单位编码"}},
      {"岗位", {"序号", "岗位编码", "所属单位", "岗位名称", "班子成员", "一把手"}},
      {"人员", {"序号", "人员编码", "姓名"}},
      {"任职", {"序号", "人员编码", "岗位编码", "任职开始日期", "任职结束日期"}},
      {"利害关系", {"序号", "人员编码", "相对人", "关系类型", "说明"}},
      {"权力清单",
       {"序号", "权力编码", "权力名称", "权力类别", "实施主体", "承办机构", "行使层级", "行使岗位",
        "设定依据", "权力内容", "收费标准", "办理时限", "公开属性", "生效日期"}},
      {"流程清单",
       {"序号", "权力编码", "节点编码", "节点名称", "节点类型", "办理岗位", "办理时限", "运行阶段",
        "监督方式", "集体决策"}},
      {"流程连线", {"序号", "权力编码", "起始节点", "目标节点", "流转条件"}},
      {"风险清单",
       {"序号", "权力编码", "风险编码", "风险点", "风险描述", "所在节点", "风险类别",
        "权力重要程度", "自由裁量程度", "行使频率", "发生概率", "危害程度", "风险等级",
        "集体审定日期", "审定记录", "下次评估日期"}},
      {"防控清单",
       {"序号", "权力编码", "风险编码", "措施编码", "防控措施", "措施类型", "责任岗位", "监督方式",
        "监察规则"}},
      {"裁量基准",
       {"序号", "权力编码", "裁量事项", "情形等级", "适用情形", "下限", "上限", "计量单位"}},
      {"状态变更",
       {"序号", "权力编码", "变更日期", "变更类型", "变更理由", "变更去向", "文件依据"}},
  };
  std::string path = dir_.File("template.xlsx");
  ASSERT_TRUE(WriteCatalogTemplate(path));
  auto reader = XlsxReader::Open(path);
  ASSERT_TRUE(reader) << reader.error().message;
  std::vector<std::string> names{"填写说明"};
  for (const auto& [sheet, headers] : expected) names.push_back(sheet);
  EXPECT_EQ(reader->SheetNames(), names);
  for (const auto& [name, headers] : expected) {
    auto sheet = reader->ReadSheet(name);
    ASSERT_TRUE(sheet) << name;
    EXPECT_EQ(sheet->Rows(), std::vector<int>{1}) << name << ": headers only";
    for (size_t i = 0; i < headers.size(); ++i) {
      EXPECT_EQ(sheet->Text(1, static_cast<int>(i) + 1), headers[i]) << name << " column " << i;
    }
    EXPECT_EQ(sheet->Find(1, static_cast<int>(headers.size()) + 1), nullptr) << name;
  }
  // The instructions explain every column of every sheet, with the allowed words.
  auto help = reader->ReadSheet("填写说明");
  ASSERT_TRUE(help);
  for (const auto& [name, headers] : expected) {
    for (const auto& header : headers) {
      bool found = false;
      for (int row : help->Rows()) {
        found = found || (help->Text(row, 1) == name && help->Text(row, 2) == header &&
                          !help->Text(row, 4).empty());
      }
      EXPECT_TRUE(found) << name << "/" << header;
    }
  }
  bool categories_listed = false;
  for (int row : help->Rows()) {
    if (help->Text(row, 2) == "权力类别") {
      categories_listed = help->Text(row, 5) == catalog::kCategories.Choices();
      EXPECT_EQ(help->Text(row, 3), "是");
    }
  }
  EXPECT_TRUE(categories_listed);
}

TEST_F(XlsxCatalogTest, TemplateReadsAsEmptyCatalogue) {
  std::string path = dir_.File("template.xlsx");
  ASSERT_TRUE(WriteCatalogTemplate(path));
  auto read = ReadCatalogXlsx(path);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->problems.empty()) << Render(read->problems);
  EXPECT_EQ(read->catalog.units.size() + read->catalog.posts.size() + read->catalog.persons.size() +
                read->catalog.assignments.size() + read->catalog.relations.size() +
                read->catalog.powers.size(),
            0u);
}

// ---- lenient input -------------------------------------------------------------------------

TEST_F(XlsxCatalogTest, ColumnsMatchedByNameWithTitleRowAndMarks) {
  auto read = ReadBook({{"人员",
                         {{"某局人员名单"},
                          {"姓名*", "备注", "人员编码＊"},
                          {"张三", "临时", " E001 "},
                          {},
                          {"李四", "", "E002"}}}});
  EXPECT_EQ(read.catalog.persons.size(), 2u) << Render(read.problems);
  EXPECT_EQ(read.catalog.persons["E001"].name, "张三");
  EXPECT_EQ(read.catalog.persons["E002"].name, "李四");
  ASSERT_EQ(read.problems.size(), 1u) << Render(read.problems);
  ExpectProblem(read, Issue::Severity::kWarning, "人员", 2, "B", "备注", "未知列“备注”");
  Issue issue{Issue::Severity::kError, {"person", "E002", "", ""}, "姓名", ""};
  Location at = read.sources.Locate(issue);
  EXPECT_EQ(at.row, 5);
  EXPECT_EQ(at.column, "A");
}

TEST_F(XlsxCatalogTest, OnlyPowersAndFlowIsFine) {
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
                        {"流程清单",
                         {{"权力编码", "节点编码", "节点名称", "节点类型", "运行阶段"},
                          {"XK-001", "N1", "开始", "开始", ""},
                          {"XK-001", "N2", "办理", "办理", "执行"}}}});
  EXPECT_TRUE(read.problems.empty()) << Render(read.problems);
  const auto& p = read.catalog.powers["XK-001"].power;
  ASSERT_EQ(p.flow.nodes.size(), 2u);
  EXPECT_EQ(p.flow.nodes[1].stage, catalog::Stage::kExecution);
  EXPECT_EQ(p.held_at, catalog::HolderLevel::kUnit);
  EXPECT_EQ(p.legal_basis, std::vector<std::string>{"《某法》第一条"});
  EXPECT_EQ(p.time_limit, (catalog::TimeLimit{20, catalog::TimeLimit::Unit::kWorkday}));
}

TEST_F(XlsxCatalogTest, UnitNameIsConvertedToCode) {
  auto read =
      ReadBook({{"单位", kUnitsOk},
                {"权力清单", {kPowerHeaders, PowerRow("XK-001", "", "行政许可", "交通运输局")}}});
  EXPECT_TRUE(read.problems.empty()) << Render(read.problems);
  EXPECT_EQ(read.catalog.powers["XK-001"].power.unit, "U-JT");
}

TEST_F(XlsxCatalogTest, AmbiguousUnitNameIsAnError) {
  Rows units = kUnitsOk;
  units.push_back({"2", "U-JT2", "交通运输局", "", "单位", "政府部门"});
  auto read =
      ReadBook({{"单位", units},
                {"权力清单", {kPowerHeaders, PowerRow("XK-001", "", "行政许可", "交通运输局")}}});
  ExpectError(read, "权力清单", 2, "E", "实施主体", "不唯一");
}

TEST_F(XlsxCatalogTest, DatesAsSerialNumbersAndHistorySorted) {
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
                        {"状态变更",
                         {{"权力编码", "变更日期", "变更类型", "变更理由"},
                          {"XK-001", "2026年6月1日", "取消", "不再需要"},
                          {"XK-001", 45658.0, "在用", "公布"},
                          {"XK-001", "2025/3/1", "调整", "调整"}}}});
  EXPECT_TRUE(read.problems.empty()) << Render(read.problems);
  const auto& history = read.catalog.powers["XK-001"].history;
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].date, D("2025-01-01"));
  EXPECT_EQ(history[1].date, D("2025-03-01"));
  EXPECT_EQ(history[2].date, D("2026-06-01"));
  EXPECT_EQ(history[2].status, catalog::PowerStatus::kCancelled);
}

TEST_F(XlsxCatalogTest, UnknownSheetIsAWarning) {
  auto read = ReadBook({{"人员", {{"人员编码", "姓名"}, {"E1", "甲"}}}, {"Sheet2", {{"x"}}}});
  ASSERT_EQ(read.problems.size(), 1u) << Render(read.problems);
  EXPECT_EQ(read.problems[0].severity, Issue::Severity::kWarning);
  EXPECT_EQ(read.problems[0].where.sheet, "Sheet2");
}

// ---- bad input -----------------------------------------------------------------------------

TEST_F(XlsxCatalogTest, SheetWithoutHeaderRow) {
  auto read = ReadBook({{"人员", {{}, {"E001", "张三"}, {"E002", "李四"}}}});
  ExpectError(read, "人员", 2, "", "", "未找到表头行");
  EXPECT_EQ(read.problems.size(), 1u) << Render(read.problems);
}

TEST_F(XlsxCatalogTest, RepeatedHeader) {
  auto read = ReadBook({{"人员", {{"人员编码", "姓名", "姓名"}, {"E001", "张三", "张叁"}}}});
  ExpectError(read, "人员", 1, "C", "姓名", "列名“姓名”重复出现（B 列和 C 列）");
  EXPECT_EQ(read.catalog.persons["E001"].name, "张三");
}

TEST_F(XlsxCatalogTest, NotAnXlsxFileIsAnError) {
  std::string path = dir_.File("清单.xls");
  std::ofstream(path) << "\xD0\xCF\x11\xE0 old binary workbook";
  auto read = ReadCatalogXlsx(path);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find(path), std::string::npos) << read.error().message;
  EXPECT_NE(read.error().message.find("另存为 .xlsx"), std::string::npos) << read.error().message;
}

TEST_F(XlsxCatalogTest, MissingRequiredColumn) {
  auto read = ReadBook({{"权力清单",
                         {{"权力编码", "权力类别", "实施主体", "设定依据", "公开属性", "生效日期"},
                          {"XK-001", "行政许可", "U-JT", "《某法》", "公开", "2026-01-01"}}}});
  ExpectError(read, "权力清单", 1, "", "权力名称", "缺少必填列“权力名称”");
  EXPECT_TRUE(read.catalog.powers.empty());
}

TEST_F(XlsxCatalogTest, BadDate) {
  auto read = ReadBook({{"任职",
                         {{"序号", "人员编码", "岗位编码", "任职开始日期", "任职结束日期"},
                          {"1", "E001", "P-JZ", "2026-02-30", ""},
                          {"2", "E001", "P-JZ", "2026-01-01", "明年"}}}});
  ExpectError(
      read, "任职", 2, "D", "任职开始日期",
      "任职开始日期应为日期（如“2026-01-31”“2026/1/31”或“2026年1月31日”），实际为“2026-02-30”");
  ExpectError(read, "任职", 3, "E", "任职结束日期", "实际为“明年”");
  EXPECT_EQ(read.problems.size(), 2u) << Render(read.problems);
}

TEST_F(XlsxCatalogTest, BadFactor) {
  auto risk = [](const std::string& code, Value importance) -> std::vector<Value> {
    return {"XK-001", code, "风险", "权力行使", importance, 3.0, 3.0, 3.0, 3.0, "中"};
  };
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
                        {"风险清单",
                         {kRiskHeaders, risk("R1", 0.0), risk("R2", 6.0), risk("R3", "三"),
                          risk("R4", 2.5), risk("R5", 5.0)}}});
  ExpectError(read, "风险清单", 2, "E", "权力重要程度",
              "权力重要程度应为 1 到 5 的整数，实际为“0”");
  ExpectError(read, "风险清单", 3, "E", "权力重要程度", "实际为“6”");
  ExpectError(read, "风险清单", 4, "E", "权力重要程度", "实际为“三”");
  ExpectError(read, "风险清单", 5, "E", "权力重要程度", "实际为“2.5”");
  EXPECT_EQ(read.problems.size(), 4u) << Render(read.problems);
  EXPECT_EQ(read.catalog.powers["XK-001"].power.risks.back().factors.importance, 5);
}

TEST_F(XlsxCatalogTest, UnknownEnumWord) {
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001", "", "行政许口")}}});
  ExpectError(read, "权力清单", 2, "D", "权力类别",
              "权力类别应为以下之一：" + catalog::kCategories.Choices() + "，实际为“行政许口”");
}

TEST_F(XlsxCatalogTest, UnknownControlType) {
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
                        {"防控清单",
                         {{"权力编码", "风险编码", "措施编码", "防控措施", "措施类型"},
                          {"XK-001", "R1", "C1", "分设岗位", "分权；程序、监督"}}}});
  ExpectError(read, "防控清单", 2, "E", "措施类型", "“监督”不是可用的措施类型");
  const auto& controls = read.catalog.powers["XK-001"].power.controls;
  ASSERT_EQ(controls.size(), 1u);
  EXPECT_EQ(controls[0].types,
            (std::vector<catalog::ControlType>{catalog::ControlType::kSeparation,
                                               catalog::ControlType::kProcedure}));
}

TEST_F(XlsxCatalogTest, BadYesNo) {
  auto read = ReadBook({{"岗位",
                         {{"岗位编码", "所属单位", "岗位名称", "班子成员", "一把手"},
                          {"P1", "U1", "局长", "是", "Y"}}}});
  ExpectError(read, "岗位", 2, "E", "一把手", "一把手应为“是”或“否”，实际为“Y”");
  EXPECT_TRUE(read.catalog.posts["P1"].leadership);
}

TEST_F(XlsxCatalogTest, BadTimeLimit) {
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001", "五")}}});
  ExpectError(read, "权力清单", 2, "G", "办理时限",
              "办理时限应为整数个工作日（如“20个工作日”），实际为“五”");
  EXPECT_EQ(read.problems.size(), 1u) << Render(read.problems);
}

TEST_F(XlsxCatalogTest, DuplicateCodes) {
  Rows units = kUnitsOk;
  units.push_back({"2", "U-JT", "另一个局", "", "单位", "政府部门"});
  units.push_back({"3", "U-JT", "第三个局", "", "单位", "政府部门"});
  auto read = ReadBook({{"单位", units},
                        {"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
                        {"流程清单",
                         {{"权力编码", "节点编码", "节点名称", "节点类型"},
                          {"XK-001", "N1", "开始", "开始"},
                          {"XK-001", "N1", "又一个开始", "开始"}}}});
  ExpectError(read, "单位", 3, "B", "单位编码", "单位编码“U-JT”重复，与第 2 行相同");
  ExpectError(read, "单位", 4, "B", "单位编码", "与第 2 行相同");
  ExpectError(read, "流程清单", 3, "B", "节点编码", "节点编码“N1”重复，与第 2 行相同");
  EXPECT_EQ(read.catalog.units["U-JT"].name, "交通运输局");
  EXPECT_EQ(read.catalog.powers["XK-001"].power.flow.nodes.size(), 1u);
}

TEST_F(XlsxCatalogTest, ChildRowForUnknownPower) {
  auto read = ReadBook(
      {{"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
       {"流程连线",
        {{"权力编码", "起始节点", "目标节点"}, {"XK-001", "N1", "N2"}, {"XK-999", "N1", "N2"}}}});
  ExpectError(read, "流程连线", 3, "A", "权力编码", "权力编码“XK-999”不在“权力清单”工作表中");
  EXPECT_EQ(read.problems.size(), 1u) << Render(read.problems);
}

TEST_F(XlsxCatalogTest, EmptyRequiredCell) {
  auto read =
      ReadBook({{"人员", {{"序号", "人员编码", "姓名"}, {"1", "E001", ""}, {"2", "", "李四"}}}});
  ExpectError(read, "人员", 2, "C", "姓名", "姓名不能为空");
  ExpectError(read, "人员", 3, "B", "人员编码", "人员编码不能为空");
  EXPECT_EQ(read.problems.size(), 2u) << Render(read.problems);
}

TEST_F(XlsxCatalogTest, BadBenchmarkBound) {
  auto read = ReadBook({{"权力清单", {kPowerHeaders, PowerRow("XK-001")}},
                        {"裁量基准",
                         {{"权力编码", "情形等级", "下限", "上限"},
                          {"XK-001", "一般", 100.0, "五千"},
                          {"XK-001", "严重", -1.0, 10.0}}}});
  ExpectError(read, "裁量基准", 2, "D", "上限", "上限应为不小于 0 的整数，实际为“五千”");
  ExpectError(read, "裁量基准", 3, "C", "下限", "实际为“-1”");
}

}  // namespace
}  // namespace dl::io
