// Reading and writing catalogue workbooks. The layout (sheets, columns) is in the header.
#include "io/xlsx_catalog.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <variant>

#include "base/text.h"
#include "io/xlsx_reader.h"

namespace dl::io {

const SheetLayout* FindSheetLayout(std::string_view name) {
  for (const auto& s : kCatalogSheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

namespace {

using catalog::PowerRecord;
using Severity = Issue::Severity;

constexpr int kMaxHeaderSearchRows = 10;
constexpr long long kMaxAmount = 1LL << 50;

std::string Q(std::string_view s) { return "“" + std::string(s) + "”"; }

// A header as users may type it: surrounding spaces and a required-mark * removed.
std::string NormalizeHeader(std::string_view s) {
  s = Trim(s);
  for (std::string_view mark : {"*", "＊"}) {
    if (s.ends_with(mark)) s = Trim(s.substr(0, s.size() - mark.size()));
  }
  return std::string(s);
}

// Parses a whole number written as "3", " 3 " or "3.0"; nullopt otherwise.
std::optional<long long> ParseWhole(std::string_view text) {
  text = Trim(text);
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return v;
  std::string copy(text);
  char* stop = nullptr;
  double d = std::strtod(copy.c_str(), &stop);
  if (copy.empty() || stop != copy.c_str() + copy.size() || !std::isfinite(d) ||
      d != std::floor(d) || std::fabs(d) > 9e15) {
    return std::nullopt;
  }
  return static_cast<long long>(d);
}

// Citations of 设定依据 are separated by line breaks or semicolons; 、 and ，occur inside
// citations ("第十二条、第十四条"), so SplitList's separators cannot be used here.
std::vector<std::string> SplitCitations(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto t = Trim(current);
    if (!t.empty()) out.emplace_back(t);
    current.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n' || text[i] == '\r' || text[i] == ';') {
      flush();
      ++i;
    } else if (text.substr(i).starts_with("；")) {
      flush();
      i += std::string_view("；").size();
    } else {
      current.push_back(text[i++]);
    }
  }
  flush();
  return out;
}

// ---- reading ---------------------------------------------------------------------------

struct Context {
  std::string file;
  CatalogRead* out = nullptr;
  bool powers_readable = true;  // false if 权力清单 exists but its rows could not be read
  std::map<std::string, std::vector<std::string>, std::less<>> unit_codes_by_name;

  void Report(Severity s, Location where, std::string message) {
    out->problems.push_back(Problem{s, std::move(where), std::move(message)});
  }
};

// One data sheet with its header row resolved.
class SheetTable {
 public:
  SheetTable(Context& ctx, const SheetLayout& layout, XlsxSheet sheet)
      : ctx_(ctx), layout_(layout), sheet_(std::move(sheet)) {}

  // Finds the header row and maps headers to columns, reporting unknown, repeated and
  // missing columns. Returns false if the rows cannot (or need not) be read.
  bool ReadHeader();
  // The rows below the header with a value in at least one known column.
  std::vector<int> DataRows() const;
  int Column(std::string_view header) const {
    auto it = columns_.find(header);
    return it == columns_.end() ? 0 : it->second;
  }
  const ColumnLayout* Spec(std::string_view header) const {
    for (const auto& c : layout_.columns) {
      if (c.header == header) return &c;
    }
    return nullptr;
  }
  Location At(int row, std::string_view header = {}) const {
    int col = header.empty() ? 0 : Column(header);
    return Location{ctx_.file, std::string(layout_.name), row, ColumnLetters(col),
                    std::string(header)};
  }
  Context& ctx() { return ctx_; }
  const XlsxSheet& sheet() const { return sheet_; }

 private:
  int FindHeaderRow() const;

  Context& ctx_;
  const SheetLayout& layout_;
  XlsxSheet sheet_;
  int header_row_ = 0;
  std::map<std::string, int, std::less<>> columns_;
};

int SheetTable::FindHeaderRow() const {
  int seen = 0;
  for (int row : sheet_.Rows()) {
    if (++seen > kMaxHeaderSearchRows) break;
    int known = 0;
    for (const auto& [col, cell] : sheet_.Row(row)) {
      if (Spec(NormalizeHeader(cell.text))) ++known;
    }
    if (known >= 2) return row;
  }
  return 0;
}

bool SheetTable::ReadHeader() {
  if (sheet_.empty()) return false;
  header_row_ = FindHeaderRow();
  if (header_row_ == 0) {
    ctx_.Report(Severity::kError, At(sheet_.Rows().front()),
                "未找到表头行：前 " + std::to_string(kMaxHeaderSearchRows) +
                    " 行中没有本表的列名（如" + Q(layout_.columns[1].header) +
                    Q(layout_.columns[2].header) + "）");
    return false;
  }
  for (const auto& [col, cell] : sheet_.Row(header_row_)) {
    std::string header = NormalizeHeader(cell.text);
    std::string letter = ColumnLetters(col);
    Location where{ctx_.file, std::string(layout_.name), header_row_, letter, header};
    if (header.empty()) continue;
    if (!Spec(header)) {
      ctx_.Report(Severity::kWarning, where, "未知列" + Q(header) + "，该列内容已忽略");
    } else if (int first = Column(header)) {
      ctx_.Report(
          Severity::kError, where,
          "列名" + Q(header) + "重复出现（" + ColumnLetters(first) + " 列和 " + letter + " 列）");
    } else {
      columns_[header] = col;
      ctx_.out->sources.AddColumn(std::string(layout_.name), header, letter);
    }
  }
  bool complete = true;
  for (const auto& c : layout_.columns) {
    if (c.required && !Column(c.header)) {
      ctx_.Report(Severity::kError, At(header_row_, c.header),
                  "缺少必填列" + Q(c.header) + "，本表各行未导入");
      complete = false;
    }
  }
  return complete;
}

std::vector<int> SheetTable::DataRows() const {
  std::vector<int> rows;
  for (int row : sheet_.Rows()) {
    if (row <= header_row_) continue;
    for (const auto& c : layout_.columns) {
      int col = Column(c.header);
      if (c.kind != ColumnKind::kSerial && col && !Trim(sheet_.Text(row, col)).empty()) {
        rows.push_back(row);
        break;
      }
    }
  }
  return rows;
}

// Reads the cells of one row, reporting every value that does not parse.
class RowReader {
 public:
  RowReader(SheetTable& table, int row) : t_(table), row_(row) {}

  int row() const { return row_; }
  Location Where() const { return t_.At(row_); }
  void Error(std::string_view header, std::string message) {
    t_.ctx().Report(Severity::kError, t_.At(row_, header), std::move(message));
  }

  // Free text as written ("" if absent).
  std::string Text(std::string_view h) {
    const XlsxCell* c = Cell(h);
    return c ? c->text : std::string();
  }
  // A code or a word: trimmed.
  std::string Code(std::string_view h) { return std::string(Trim(Text(h))); }

  template <class E, size_t N>
  E Enum(std::string_view h, const LabelTable<E, N>& table, E fallback) {
    std::string word = Code(h);
    if (word.empty()) return fallback;
    if (auto e = table.Parse(word)) return *e;
    std::vector<std::string> words;
    for (const auto& [value, label] : table.items) {
      if (!label.empty()) words.emplace_back(label);
    }
    Bad(h, "以下之一：" + Join(words, "、"), word);
    return fallback;
  }
  bool YesNo(std::string_view h) {
    const XlsxCell* c = Cell(h);
    if (!c) return false;
    std::string_view v = Trim(c->text);
    if (v == "是" || (c->type == XlsxCell::Type::kBoolean && v == "TRUE")) return true;
    if (v == "否" || (c->type == XlsxCell::Type::kBoolean && v == "FALSE")) return false;
    Bad(h, "“是”或“否”", v);
    return false;
  }
  std::optional<Date> OptDate(std::string_view h) {
    const XlsxCell* c = Cell(h);
    if (!c) return std::nullopt;
    std::optional<Date> d;
    if (c->type == XlsxCell::Type::kNumber) {
      char* end = nullptr;
      double serial = std::strtod(c->text.c_str(), &end);
      if (end != c->text.c_str()) d = Date::FromExcelSerial(serial);
    } else {
      d = Date::Parse(Trim(c->text));
    }
    if (!d) Bad(h, "日期（如“2026-01-31”“2026/1/31”或“2026年1月31日”）", c->text);
    return d;
  }
  Date RequiredDate(std::string_view h) { return OptDate(h).value_or(Date()); }
  long long Integer(std::string_view h, long long lo, long long hi, std::string_view expected) {
    const XlsxCell* c = Cell(h);
    if (!c) return lo;
    auto v = ParseWhole(c->text);
    if (v && *v >= lo && *v <= hi) return *v;
    Bad(h, expected, c->text);
    return lo;
  }
  int Factor(std::string_view h) { return static_cast<int>(Integer(h, 1, 5, "1 到 5 的整数")); }
  catalog::TimeLimit Limit(std::string_view h) {
    const XlsxCell* c = Cell(h);
    if (!c) return {};
    if (auto t = catalog::ParseTimeLimit(c->text)) return *t;
    Bad(h, "整数个工作日（如“20个工作日”）", c->text);
    return {};
  }
  std::vector<catalog::ControlType> ControlTypes(std::string_view h) {
    std::vector<catalog::ControlType> out;
    for (const auto& word : SplitList(Text(h))) {
      if (auto t = catalog::kControlTypes.Parse(word)) {
        out.push_back(*t);
      } else {
        Error(h, std::string(h) + "中的" + Q(word) + "不是可用的措施类型，应为以下一种或多种：" +
                     catalog::kControlTypes.Choices());
      }
    }
    return out;
  }

 private:
  // The non-empty cell under header `h`, or nullptr. Reports an empty required cell and a
  // cell holding an Excel error value (#N/A, #REF! …).
  const XlsxCell* Cell(std::string_view h) {
    int col = t_.Column(h);
    const XlsxCell* c = col ? t_.sheet().Find(row_, col) : nullptr;
    if (c && c->type == XlsxCell::Type::kError) {
      Error(h, std::string(h) + "是 Excel 错误值" + Q(c->text) + "，应填写实际内容");
      return nullptr;
    }
    if (c && Trim(c->text).empty()) c = nullptr;
    const ColumnLayout* spec = t_.Spec(h);
    if (!c && spec && spec->required) Error(h, std::string(h) + "不能为空");
    return c;
  }
  void Bad(std::string_view h, std::string_view expected, std::string_view found) {
    std::string space =
        !expected.empty() && std::isdigit(static_cast<unsigned char>(expected[0])) ? " " : "";
    Error(h, std::string(h) + "应为" + space + std::string(expected) + "，实际为" + Q(found));
  }

  SheetTable& t_;
  int row_;
};

// Records the first row of each key; reports a repeated key at its row.
class KeySet {
 public:
  bool Claim(RowReader& r, const std::string& key, std::string_view header,
             const std::string& what) {
    auto [it, inserted] = first_.emplace(key, r.row());
    if (!inserted) r.Error(header, what + "重复，与第 " + std::to_string(it->second) + " 行相同");
    return inserted;
  }

 private:
  std::map<std::string, int> first_;
};

void Record(SheetTable& t, const RowReader& r, Ref ref) {
  t.ctx().out->sources.Add(ref, r.Where());
}

void ReadUnits(SheetTable& t) {
  auto& units = t.ctx().out->catalog.units;
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    org::Unit u;
    u.code = r.Code("单位编码");
    u.name = r.Text("单位名称");
    u.parent = r.Code("上级单位编码");
    u.level = r.Enum("层级", org::kUnitLevels, u.level);
    u.kind = r.Enum("单位类型", org::kUnitKinds, u.kind);
    u.supervisor = r.Code("监督单位编码");
    if (u.code.empty() || !keys.Claim(r, u.code, "单位编码", "单位编码" + Q(u.code))) continue;
    Record(t, r, {"unit", u.code, "", ""});
    units.emplace(u.code, std::move(u));
  }
  for (const auto& [code, unit] : units) {
    t.ctx().unit_codes_by_name[std::string(Trim(unit.name))].push_back(code);
  }
}

void ReadPosts(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    org::Post p;
    p.code = r.Code("岗位编码");
    p.unit = r.Code("所属单位");
    p.name = r.Text("岗位名称");
    p.leadership = r.YesNo("班子成员");
    p.head = r.YesNo("一把手");
    if (p.code.empty() || !keys.Claim(r, p.code, "岗位编码", "岗位编码" + Q(p.code))) continue;
    Record(t, r, {"post", p.code, "", ""});
    t.ctx().out->catalog.posts.emplace(p.code, std::move(p));
  }
}

void ReadPersons(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    org::Person p;
    p.code = r.Code("人员编码");
    p.name = r.Text("姓名");
    if (p.code.empty() || !keys.Claim(r, p.code, "人员编码", "人员编码" + Q(p.code))) continue;
    Record(t, r, {"person", p.code, "", ""});
    t.ctx().out->catalog.persons.emplace(p.code, std::move(p));
  }
}

void ReadAssignments(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    org::Assignment a;
    a.person = r.Code("人员编码");
    a.post = r.Code("岗位编码");
    auto from = r.OptDate("任职开始日期");
    a.to = r.OptDate("任职结束日期");
    if (a.person.empty() || a.post.empty() || !from) continue;
    a.from = *from;
    if (!keys.Claim(r, a.Key(), "人员编码", "同一人员、岗位和开始日期的任职")) continue;
    Record(t, r, {"assignment", a.Key(), "", ""});
    t.ctx().out->catalog.assignments.emplace(a.Key(), std::move(a));
  }
}

void ReadRelations(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    org::Relation rel;
    rel.person = r.Code("人员编码");
    rel.counterparty = r.Code("相对人");
    rel.kind = r.Enum("关系类型", org::kRelationKinds, rel.kind);
    rel.note = r.Text("说明");
    if (rel.person.empty() || rel.counterparty.empty()) continue;
    if (!keys.Claim(r, rel.Key(), "相对人", "同一人员、相对人和关系类型的利害关系")) continue;
    Record(t, r, {"relation", rel.Key(), "", ""});
    t.ctx().out->catalog.relations.emplace(rel.Key(), std::move(rel));
  }
}

// A unit code, or a unit name unique in the 单位 sheet converted to its code.
std::string UnitRef(SheetTable& t, RowReader& r, std::string_view header) {
  std::string value = r.Code(header);
  if (value.empty() || t.ctx().out->catalog.units.contains(value)) return value;
  auto it = t.ctx().unit_codes_by_name.find(value);
  if (it == t.ctx().unit_codes_by_name.end()) return value;  // may be a unit already stored
  if (it->second.size() == 1) return it->second.front();
  r.Error(header, "单位名称" + Q(value) + "在“单位”工作表中不唯一（" + Join(it->second, "、") +
                      "），应填写单位编码");
  return value;
}

void ReadPowers(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    catalog::Power p;
    p.code = r.Code("权力编码");
    p.name = r.Text("权力名称");
    p.category = r.Enum("权力类别", catalog::kCategories, p.category);
    p.unit = UnitRef(t, r, "实施主体");
    p.handling_unit = UnitRef(t, r, "承办机构");
    p.held_at = r.Enum("行使层级", catalog::kHolderLevels, catalog::HolderLevel::kUnit);
    p.held_by_post = r.Code("行使岗位");
    p.legal_basis = SplitCitations(r.Text("设定依据"));
    p.content = r.Text("权力内容");
    p.fees = r.Text("收费标准");
    p.time_limit = r.Limit("办理时限");
    p.disclosure = r.Enum("公开属性", catalog::kDisclosures, p.disclosure);
    p.effective_from = r.RequiredDate("生效日期");
    if (p.code.empty() || !keys.Claim(r, p.code, "权力编码", "权力编码" + Q(p.code))) continue;
    Record(t, r, {"power", p.code, "", ""});
    std::string code = p.code;
    t.ctx().out->catalog.powers.emplace(code, PowerRecord{std::move(p), 0, {}});
  }
}

// The power a child row belongs to; nullptr (reported) if 权力编码 is not in 权力清单.
PowerRecord* OwnerOf(SheetTable& t, RowReader& r) {
  std::string code = r.Code("权力编码");
  if (code.empty()) return nullptr;
  auto& powers = t.ctx().out->catalog.powers;
  auto it = powers.find(code);
  if (it != powers.end()) return &it->second;
  if (t.ctx().powers_readable) {
    r.Error("权力编码",
            "权力编码" + Q(code) + "不在“权力清单”工作表中，应先在“权力清单”中填写该权力");
  }
  return nullptr;
}

void ReadNodes(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    PowerRecord* owner = OwnerOf(t, r);
    catalog::Node n;
    n.code = r.Code("节点编码");
    n.name = r.Text("节点名称");
    n.kind = r.Enum("节点类型", catalog::kNodeKinds, n.kind);
    n.post = r.Code("办理岗位");
    n.time_limit = r.Limit("办理时限");
    n.stage = r.Enum("运行阶段", catalog::kStages, catalog::Stage::kNone);
    n.supervision = r.Text("监督方式");
    n.collective = r.YesNo("集体决策");
    if (!owner || n.code.empty()) continue;
    const std::string& power = owner->power.code;
    if (!keys.Claim(r, power + '\n' + n.code, "节点编码",
                    "权力" + Q(power) + "的节点编码" + Q(n.code))) {
      continue;
    }
    Record(t, r, {"power", power, "node", n.code});
    owner->power.flow.nodes.push_back(std::move(n));
  }
}

void ReadEdges(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    PowerRecord* owner = OwnerOf(t, r);
    catalog::Edge e;
    e.from = r.Code("起始节点");
    e.to = r.Code("目标节点");
    e.condition = r.Text("流转条件");
    if (!owner || e.from.empty() || e.to.empty()) continue;
    const std::string& power = owner->power.code;
    std::string key = e.from + "->" + e.to;
    if (!keys.Claim(r, power + '\n' + key, "起始节点",
                    "权力" + Q(power) + "从" + Q(e.from) + "到" + Q(e.to) + "的连线")) {
      continue;
    }
    Record(t, r, {"power", power, "edge", key});
    owner->power.flow.edges.push_back(std::move(e));
  }
}

void ReadRisks(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    PowerRecord* owner = OwnerOf(t, r);
    catalog::Risk k;
    k.code = r.Code("风险编码");
    k.name = r.Text("风险点");
    k.description = r.Text("风险描述");
    k.node = r.Code("所在节点");
    k.category = r.Enum("风险类别", catalog::kRiskCategories, k.category);
    k.factors.importance = r.Factor("权力重要程度");
    k.factors.discretion = r.Factor("自由裁量程度");
    k.factors.frequency = r.Factor("行使频率");
    k.factors.likelihood = r.Factor("发生概率");
    k.factors.harm = r.Factor("危害程度");
    k.level = r.Enum("风险等级", catalog::kRiskLevels, k.level);
    k.approved_on = r.OptDate("集体审定日期");
    k.approval_record = r.Text("审定记录");
    k.next_review = r.OptDate("下次评估日期");
    if (!owner || k.code.empty()) continue;
    const std::string& power = owner->power.code;
    if (!keys.Claim(r, power + '\n' + k.code, "风险编码",
                    "权力" + Q(power) + "的风险编码" + Q(k.code))) {
      continue;
    }
    Record(t, r, {"power", power, "risk", k.code});
    owner->power.risks.push_back(std::move(k));
  }
}

void ReadControls(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    PowerRecord* owner = OwnerOf(t, r);
    catalog::Control c;
    c.risk = r.Code("风险编码");
    c.code = r.Code("措施编码");
    c.measure = r.Text("防控措施");
    c.types = r.ControlTypes("措施类型");
    c.post = r.Code("责任岗位");
    c.supervision = r.Text("监督方式");
    c.rule = r.Code("监察规则");
    if (!owner || c.code.empty()) continue;
    const std::string& power = owner->power.code;
    if (!keys.Claim(r, power + '\n' + c.code, "措施编码",
                    "权力" + Q(power) + "的措施编码" + Q(c.code))) {
      continue;
    }
    Record(t, r, {"power", power, "control", c.code});
    owner->power.controls.push_back(std::move(c));
  }
}

void ReadBenchmarks(SheetTable& t) {
  KeySet keys;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    PowerRecord* owner = OwnerOf(t, r);
    catalog::Benchmark b;
    b.item = r.Text("裁量事项");
    bool graded = !r.Code("情形等级").empty();
    b.grade = r.Enum("情形等级", catalog::kGrades, b.grade);
    b.conditions = r.Text("适用情形");
    b.lower = r.Integer("下限", 0, kMaxAmount, "不小于 0 的整数");
    b.upper = r.Integer("上限", 0, kMaxAmount, "不小于 0 的整数");
    std::string unit = r.Text("计量单位");
    if (!unit.empty()) b.unit = unit;
    if (!owner || !graded) continue;
    const std::string& power = owner->power.code;
    std::string key = b.item + "/" + std::string(catalog::kGrades.Label(b.grade));
    if (!keys.Claim(r, power + '\n' + key, "情形等级",
                    "权力" + Q(power) + "裁量事项" + Q(b.item) + "的情形等级" +
                        Q(catalog::kGrades.Label(b.grade)))) {
      continue;
    }
    Record(t, r, {"power", power, "benchmark", key});
    owner->power.benchmarks.push_back(std::move(b));
  }
}

void ReadStatus(SheetTable& t) {
  KeySet keys;
  std::vector<PowerRecord*> touched;
  for (int row : t.DataRows()) {
    RowReader r(t, row);
    PowerRecord* owner = OwnerOf(t, r);
    catalog::StatusChange s;
    auto date = r.OptDate("变更日期");
    s.status = r.Enum("变更类型", catalog::kPowerStatuses, s.status);
    s.reason = r.Text("变更理由");
    s.target = r.Text("变更去向");
    s.document = r.Text("文件依据");
    if (!owner || !date) continue;
    s.date = *date;
    const std::string& power = owner->power.code;
    if (!keys.Claim(r, power + '\n' + s.date.ToString(), "变更日期",
                    "权力" + Q(power) + "在 " + s.date.ToString() + " 的状态变更")) {
      continue;
    }
    Record(t, r, {"power", power, "status", s.date.ToString()});
    owner->history.push_back(std::move(s));
    touched.push_back(owner);
  }
  for (PowerRecord* p : touched) {
    std::stable_sort(p->history.begin(), p->history.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
  }
}

using SheetFn = void (*)(SheetTable&);
constexpr std::pair<std::string_view, SheetFn> kSheetReaders[] = {
    {kSheetUnits, ReadUnits},           {kSheetPosts, ReadPosts},
    {kSheetPersons, ReadPersons},       {kSheetAssignments, ReadAssignments},
    {kSheetRelations, ReadRelations},   {kSheetPowers, ReadPowers},
    {kSheetNodes, ReadNodes},           {kSheetEdges, ReadEdges},
    {kSheetRisks, ReadRisks},           {kSheetControls, ReadControls},
    {kSheetBenchmarks, ReadBenchmarks}, {kSheetStatus, ReadStatus},
};

Result<CatalogRead> Read(const std::string& path) {
  DL_ASSIGN_OR_RETURN(XlsxReader reader, XlsxReader::Open(path));
  CatalogRead out;
  out.sources.set_file(path);
  Context ctx;
  ctx.file = path;
  ctx.out = &out;
  for (const auto& name : reader.SheetNames()) {
    if (!FindSheetLayout(name) && name != kSheetInstructions) {
      ctx.Report(Severity::kWarning, Location{path, name, 0, "", ""},
                 "工作表" + Q(name) + "不是清单模板中的工作表，已忽略");
    }
  }
  for (const auto& [name, read] : kSheetReaders) {
    if (!reader.HasSheet(name)) continue;
    bool is_powers = name == kSheetPowers;
    auto sheet = reader.ReadSheet(name);
    if (!sheet) {
      ctx.Report(Severity::kError, Location{path, std::string(name), 0, "", ""},
                 sheet.error().message);
      if (is_powers) ctx.powers_readable = false;
      continue;
    }
    SheetTable table(ctx, *FindSheetLayout(name), std::move(*sheet));
    if (!table.ReadHeader()) {
      if (is_powers && !table.sheet().empty()) ctx.powers_readable = false;
      continue;
    }
    read(table);
  }
  return out;
}

}  // namespace

Result<CatalogRead> ReadCatalogXlsx(const std::string& path) {
  try {
    return Read(path);
  } catch (const std::exception& e) {
    return Err(ErrorCode::kInternal, "读取 Excel 文件" + Q(path) + "时出错：" + e.what());
  }
}

}  // namespace dl::io
