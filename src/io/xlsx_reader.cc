#include "io/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <pugixml.hpp>

#include "base/text.h"

namespace dl::io {
namespace {

// A part larger than this is refused rather than inflated (a defence against zip bombs;
// a sheet of 100 000 catalogue rows is far smaller).
constexpr zip_uint64_t kMaxPartBytes = 512ull << 20;
constexpr int kMaxColumn = 16384;  // XFD
constexpr int kMaxRow = 1048576;

std::string Quoted(const std::string& s) { return "“" + s + "”"; }

// ---- XML helpers: elements are matched by local name, so prefixed documents work too ----

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool Is(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && LocalName(node.name()) == local;
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c : node.children()) {
    if (Is(c, local)) return c;
  }
  return {};
}

// The attribute with the given local name and a namespace prefix (r:id), or without one.
pugi::xml_attribute Attr(const pugi::xml_node& node, std::string_view local, bool prefixed) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view n(a.name());
    bool has_prefix = n.find(':') != std::string_view::npos;
    if (has_prefix == prefixed && LocalName(a.name()) == local) return a;
  }
  return {};
}

// Decodes the _xHHHH_ escapes of OOXML strings (used for control characters; a literal
// "_x" is itself written as _x005F_).
std::string DecodeXString(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      bool hex = true;
      for (size_t k = 2; k < 6; ++k) {
        int h = HexDigitValue(s[i + k]);
        if (h < 0) hex = false;
        cp = cp * 16 + static_cast<unsigned>(h < 0 ? 0 : h);
      }
      if (hex) {
        AppendUtf8(out, cp);
        i += 7;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// The text of a string item (<si> or <is>): its <t>, or the <t> of each rich-text run <r>.
// Phonetic runs (<rPh>) are not part of the value.
std::string ItemText(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node c : item.children()) {
    if (Is(c, "t")) {
      text += c.text().get();
    } else if (Is(c, "r")) {
      text += Child(c, "t").text().get();
    }
  }
  return DecodeXString(text);
}

// Joins a relationship target to the folder of the part that holds the relationship.
std::string ResolveTarget(const std::string& base_dir, std::string_view target) {
  std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : base_dir + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string piece = joined.substr(start, slash - start);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string DirOf(const std::string& part) {
  auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string RelsPathOf(const std::string& part) {
  auto slash = part.rfind('/');
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return DirOf(part) + "_rels/" + file + ".rels";
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

// ---- column letters ------------------------------------------------------------------

std::string ColumnLetters(int column) {
  std::string out;
  while (column > 0) {
    int rem = (column - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return out;
}

std::optional<int> ColumnIndex(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  int value = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return std::nullopt;
    value = value * 26 + (c - 'A' + 1);
  }
  if (value > kMaxColumn) return std::nullopt;
  return value;
}

std::optional<std::pair<int, int>> ParseCellRef(std::string_view ref) {
  if (ref.starts_with('$')) ref.remove_prefix(1);
  size_t i = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    ++i;
  }
  auto column = ColumnIndex(ref.substr(0, i));
  if (!column) return std::nullopt;
  std::string_view digits = ref.substr(i);
  if (digits.starts_with('$')) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 7) return std::nullopt;
  int row = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    row = row * 10 + (c - '0');
  }
  if (row < 1 || row > kMaxRow) return std::nullopt;
  return std::pair{row, *column};
}

// ---- XlsxSheet -----------------------------------------------------------------------

const XlsxCell* XlsxSheet::Find(int row, int column) const {
  auto r = cells_.find(row);
  if (r == cells_.end()) return nullptr;
  auto c = r->second.find(column);
  return c == r->second.end() ? nullptr : &c->second;
}

std::string_view XlsxSheet::Text(int row, int column) const {
  const XlsxCell* cell = Find(row, column);
  return cell ? std::string_view(cell->text) : std::string_view();
}

std::vector<int> XlsxSheet::Rows() const {
  std::vector<int> rows;
  rows.reserve(cells_.size());
  for (const auto& [row, _] : cells_) rows.push_back(row);
  return rows;
}

const std::map<int, XlsxCell>& XlsxSheet::Row(int row) const {
  static const std::map<int, XlsxCell> kEmpty;
  auto r = cells_.find(row);
  return r == cells_.end() ? kEmpty : r->second;
}

int XlsxSheet::LastRow() const { return cells_.empty() ? 0 : cells_.rbegin()->first; }

int XlsxSheet::LastColumn() const {
  int last = 0;
  for (const auto& [_, row] : cells_) {
    if (!row.empty()) last = std::max(last, row.rbegin()->first);
  }
  return last;
}

void XlsxSheet::Set(int row, int column, XlsxCell cell) {
  if (cell.text.empty()) return;
  cells_[row][column] = std::move(cell);
}

// ---- XlsxReader ----------------------------------------------------------------------

struct XlsxReader::Impl {
  std::string path;
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_parts;  // parallel to sheet_names
  std::vector<std::string> shared_strings;

  Error Invalid(const std::string& what) const {
    return Error{ErrorCode::kInvalidArgument, "无法读取 Excel 文件" + Quoted(path) + "：" + what,
                 nullptr};
  }

  bool HasPart(const std::string& name) const {
    return zip_name_locate(zip.get(), name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  Result<std::string> ReadPart(const std::string& name) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip.get(), name.c_str(), ZIP_FL_NOCASE, &st) != 0) {
      return Err(Invalid("缺少部件 " + name));
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) {
      return Err(Invalid("部件 " + name + " 过大（超过 512 MB）"));
    }
    zip_file_t* f = zip_fopen(zip.get(), name.c_str(), ZIP_FL_NOCASE);
    if (!f) return Err(Invalid("无法解压部件 " + name + "，文件可能已损坏"));
    std::string data;
    char buf[65536];
    zip_int64_t n = 0;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
      data.append(buf, static_cast<size_t>(n));
      if (data.size() > kMaxPartBytes) break;
    }
    zip_fclose(f);
    if (n < 0) return Err(Invalid("无法解压部件 " + name + "，文件可能已损坏"));
    if (data.size() > kMaxPartBytes) return Err(Invalid("部件 " + name + " 过大（超过 512 MB）"));
    return data;
  }

  Status ParseXml(const std::string& name, pugi::xml_document* doc) const {
    DL_ASSIGN_OR_RETURN(std::string data, ReadPart(name));
    // Keep whitespace-only text such as <t> </t>; pugixml drops it by default.
    auto result = doc->load_buffer(data.data(), data.size(),
                                   pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!result) {
      return Err(Invalid("部件 " + name + " 不是有效的 XML（" + result.description() + "）"));
    }
    return Ok();
  }

  // Relationship id -> resolved part path, for the rels of `part`.
  Result<std::map<std::string, std::string>> Relationships(const std::string& part,
                                                           std::string* shared_strings_part) const {
    std::map<std::string, std::string> out;
    std::string rels = RelsPathOf(part);
    if (!HasPart(rels)) return out;
    pugi::xml_document doc;
    DL_RETURN_IF_ERROR(ParseXml(rels, &doc));
    for (pugi::xml_node r : Child(doc, "Relationships").children()) {
      if (!Is(r, "Relationship")) continue;
      std::string target = ResolveTarget(DirOf(part), r.attribute("Target").value());
      std::string_view type = r.attribute("Type").value();
      if (shared_strings_part && type.ends_with("/sharedStrings")) *shared_strings_part = target;
      out[r.attribute("Id").value()] = target;
    }
    return out;
  }

  // The workbook part: the package's officeDocument relationship, else xl/workbook.xml.
  Result<std::string> WorkbookPart() const {
    if (HasPart("_rels/.rels")) {
      pugi::xml_document doc;
      DL_RETURN_IF_ERROR(ParseXml("_rels/.rels", &doc));
      for (pugi::xml_node r : Child(doc, "Relationships").children()) {
        std::string_view type = r.attribute("Type").value();
        if (Is(r, "Relationship") && type.ends_with("/officeDocument")) {
          std::string part = ResolveTarget("", r.attribute("Target").value());
          if (HasPart(part)) return part;
        }
      }
    }
    if (HasPart("xl/workbook.xml")) return std::string("xl/workbook.xml");
    return Err(Invalid("找不到工作簿（xl/workbook.xml），不是有效的 .xlsx 文件"));
  }

  Status LoadWorkbook() {
    DL_ASSIGN_OR_RETURN(std::string workbook, WorkbookPart());
    std::string shared_part;
    DL_ASSIGN_OR_RETURN(auto rels, Relationships(workbook, &shared_part));
    pugi::xml_document doc;
    DL_RETURN_IF_ERROR(ParseXml(workbook, &doc));
    pugi::xml_node sheets = Child(Child(doc, "workbook"), "sheets");
    for (pugi::xml_node s : sheets.children()) {
      if (!Is(s, "sheet")) continue;
      auto target = rels.find(Attr(s, "id", true).value());
      sheet_names.push_back(s.attribute("name").value());
      sheet_parts.push_back(target == rels.end() ? "" : target->second);
    }
    if (shared_part.empty() && HasPart("xl/sharedStrings.xml"))
      shared_part = "xl/sharedStrings.xml";
    if (!shared_part.empty()) DL_RETURN_IF_ERROR(LoadSharedStrings(shared_part));
    return Ok();
  }

  Status LoadSharedStrings(const std::string& part) {
    pugi::xml_document doc;
    DL_RETURN_IF_ERROR(ParseXml(part, &doc));
    for (pugi::xml_node si : Child(doc, "sst").children()) {
      if (Is(si, "si")) shared_strings.push_back(ItemText(si));
    }
    return Ok();
  }

  // Converts one <c> element; returns false if it refers to a missing shared string.
  bool ReadCell(const pugi::xml_node& c, XlsxCell* cell) const {
    std::string_view type = c.attribute("t").value();
    const char* v = Child(c, "v").text().get();
    if (type == "s") {
      char* end = nullptr;
      unsigned long index = std::strtoul(v, &end, 10);
      if (end == v || index >= shared_strings.size()) return false;
      cell->text = shared_strings[index];
    } else if (type == "inlineStr") {
      cell->text = ItemText(Child(c, "is"));
    } else if (type == "str") {
      cell->text = DecodeXString(v);
    } else if (type == "b") {
      cell->type = XlsxCell::Type::kBoolean;
      if (*v) cell->text = std::string_view(v) == "1" ? "TRUE" : "FALSE";
    } else if (type == "e") {
      cell->type = XlsxCell::Type::kError;
      cell->text = v;
    } else if (type == "d") {  // ISO 8601 date, rare
      cell->text = v;
    } else {
      cell->type = XlsxCell::Type::kNumber;
      cell->text = v;
    }
    return true;
  }

  Result<XlsxSheet> ReadSheetPart(const std::string& name, const std::string& part) const {
    if (part.empty()) return Err(Invalid("工作表" + Quoted(name) + "的内容缺失"));
    pugi::xml_document doc;
    DL_RETURN_IF_ERROR(ParseXml(part, &doc));
    XlsxSheet sheet(name);
    pugi::xml_node data = Child(Child(doc, "worksheet"), "sheetData");
    int row = 0;
    for (pugi::xml_node r : data.children()) {
      if (!Is(r, "row")) continue;
      int given = r.attribute("r").as_int(0);
      row = given >= 1 && given <= kMaxRow ? given : row + 1;
      int column = 0;
      for (pugi::xml_node c : r.children()) {
        if (!Is(c, "c")) continue;
        auto ref = ParseCellRef(c.attribute("r").value());
        column = ref ? ref->second : column + 1;
        XlsxCell cell;
        if (!ReadCell(c, &cell)) {
          return Err(Invalid("工作表" + Quoted(name) + "的单元格 " + ColumnLetters(column) +
                             std::to_string(row) + " 引用了不存在的共享字符串，文件可能已损坏"));
        }
        sheet.Set(row, column, std::move(cell));
      }
    }
    return sheet;
  }
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::XlsxReader(XlsxReader&&) noexcept = default;
XlsxReader& XlsxReader::operator=(XlsxReader&&) noexcept = default;
XlsxReader::~XlsxReader() = default;

Result<XlsxReader> XlsxReader::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!z) {
    switch (error) {
      case ZIP_ER_NOENT:
        return Err(ErrorCode::kNotFound, "Excel 文件" + Quoted(path) + "不存在");
      case ZIP_ER_NOZIP:
        return Err(impl->Invalid(
            "不是 .xlsx 格式的 Excel 工作簿（如为 .xls 旧格式或 CSV，请在 Excel 中另存为 .xlsx）"));
      case ZIP_ER_OPEN:
      case ZIP_ER_READ:
        return Err(ErrorCode::kIo,
                   "无法打开 Excel 文件" + Quoted(path) + "（没有读取权限或不是普通文件）");
      default:
        return Err(impl->Invalid("文件已损坏或不是 .xlsx 格式"));
    }
  }
  impl->zip.reset(z);
  try {
    DL_RETURN_IF_ERROR(impl->LoadWorkbook());
  } catch (const std::bad_alloc&) {
    return Err(impl->Invalid("文件过大，内存不足"));
  }
  return XlsxReader(std::move(impl));
}

const std::string& XlsxReader::path() const { return impl_->path; }

const std::vector<std::string>& XlsxReader::SheetNames() const { return impl_->sheet_names; }

bool XlsxReader::HasSheet(std::string_view name) const {
  for (const auto& n : impl_->sheet_names) {
    if (n == name) return true;
  }
  return false;
}

Result<XlsxSheet> XlsxReader::ReadSheet(std::string_view name) const {
  for (size_t i = 0; i < impl_->sheet_names.size(); ++i) {
    if (impl_->sheet_names[i] != name) continue;
    try {
      return impl_->ReadSheetPart(impl_->sheet_names[i], impl_->sheet_parts[i]);
    } catch (const std::bad_alloc&) {
      return Err(impl_->Invalid("工作表" + Quoted(impl_->sheet_names[i]) + "过大，内存不足"));
    }
  }
  return Err(ErrorCode::kNotFound,
             "Excel 文件" + Quoted(impl_->path) + "中没有工作表" + Quoted(std::string(name)));
}

}  // namespace dl::io
