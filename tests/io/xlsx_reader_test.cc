#include "io/xlsx_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "testing/temp_dir.h"

namespace dl::io {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

// Writes a zip archive holding the given (name, content) entries.
void WriteZip(const std::string& path,
              const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(z, nullptr) << "zip_open error " << error;
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";
// Two sheets listed in an order that differs from their part names; one target is absolute.
constexpr const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="权力清单" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";
constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)";
// Index 0 plain, 1 rich text with a phonetic run that is not part of the value, 2 an
// escaped carriage return, 3 a single space.
constexpr const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>权力编码</t></si>
<si><r><rPr><b/></rPr><t>行政</t></r><r><t xml:space="preserve">许可 </t></r><rPh sb="0" eb="2"><t>ぎょうせい</t></rPh></si>
<si><t>a_x000D_b</t></si>
<si><t xml:space="preserve"> </t></si>
</sst>)";
// Cells of every type; a row and cells without "r"; an empty row and an empty cell.
constexpr const char* kSheet2 =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="3"/><c r="D1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>内联</t></is></c><c r="B2" t="str"><f>A1&amp;"x"</f><v>公式结果</v></c>
<c r="C2"><v>3</v></c><c r="D2" t="n"><v>45658</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="b"><v>0</v></c>
<c r="G2" t="e"><v>#N/A</v></c><c r="H2"><v>0.5</v></c></row>
<row r="3"/>
<row><c><v>1</v></c><c><v>2</v></c><c r="E4" t="s"><v>3</v></c><c><v>5</v></c></row>
<row r="7"><c r="AB7" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>
</sheetData></worksheet>)";
// Elements with a namespace prefix, as some generators write them.
constexpr const char* kSheet1 =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row>
</x:sheetData></x:worksheet>)";

std::string WriteHandmadeWorkbook(const TempDir& dir) {
  std::string path = dir.File("handmade.xlsx");
  WriteZip(path, {{"[Content_Types].xml", kContentTypes},
                  {"_rels/.rels", kRootRels},
                  {"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                  {"xl/sharedStrings.xml", kSharedStrings},
                  {"xl/worksheets/sheet1.xml", kSheet1},
                  {"xl/worksheets/sheet2.xml", kSheet2}});
  return path;
}

TEST(ColumnLettersTest, ConvertsBothWays) {
  const std::vector<std::pair<int, std::string>> cases = {
      {1, "A"},   {2, "B"},   {26, "Z"},   {27, "AA"},   {28, "AB"},
      {52, "AZ"}, {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}};
  for (const auto& [index, letters] : cases) {
    EXPECT_EQ(ColumnLetters(index), letters) << index;
    EXPECT_EQ(ColumnIndex(letters), index) << letters;
  }
  EXPECT_EQ(ColumnLetters(0), "");
  EXPECT_EQ(ColumnIndex("ab"), 28);
  EXPECT_EQ(ColumnIndex(""), std::nullopt);
  EXPECT_EQ(ColumnIndex("XFE"), std::nullopt);
  EXPECT_EQ(ColumnIndex("AAAA"), std::nullopt);
  EXPECT_EQ(ColumnIndex("A1"), std::nullopt);
}

TEST(ColumnLettersTest, ParsesCellReferences) {
  EXPECT_EQ(ParseCellRef("B12"), (std::pair{12, 2}));
  EXPECT_EQ(ParseCellRef("$AB$3"), (std::pair{3, 28}));
  EXPECT_EQ(ParseCellRef("B0"), std::nullopt);
  EXPECT_EQ(ParseCellRef("12"), std::nullopt);
  EXPECT_EQ(ParseCellRef("B"), std::nullopt);
  EXPECT_EQ(ParseCellRef("B1x"), std::nullopt);
}

TEST(XlsxReaderTest, ListsSheetsInWorkbookOrder) {
  TempDir dir;
  auto reader = XlsxReader::Open(WriteHandmadeWorkbook(dir));
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(reader->SheetNames(), (std::vector<std::string>{"权力清单", "说明"}));
  EXPECT_TRUE(reader->HasSheet("说明"));
  EXPECT_FALSE(reader->HasSheet("单位"));
}

TEST(XlsxReaderTest, ReadsEveryCellType) {
  TempDir dir;
  auto reader = XlsxReader::Open(WriteHandmadeWorkbook(dir));
  ASSERT_TRUE(reader) << reader.error().message;
  auto sheet = reader->ReadSheet("权力清单");
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->name(), "权力清单");
  EXPECT_EQ(sheet->Text(1, 1), "权力编码");
  EXPECT_EQ(sheet->Text(1, 2), "行政许可 ");  // runs joined, phonetic run left out
  EXPECT_EQ(sheet->Find(1, 3), nullptr);      // styled but empty
  EXPECT_EQ(sheet->Text(1, 4), "a\rb");
  EXPECT_EQ(sheet->Text(2, 1), "内联");
  EXPECT_EQ(sheet->Text(2, 2), "公式结果");
  EXPECT_EQ(sheet->Text(2, 3), "3");
  EXPECT_EQ(sheet->Find(2, 3)->type, XlsxCell::Type::kNumber);
  EXPECT_EQ(sheet->Text(2, 4), "45658");
  EXPECT_EQ(sheet->Text(2, 5), "TRUE");
  EXPECT_EQ(sheet->Find(2, 5)->type, XlsxCell::Type::kBoolean);
  EXPECT_EQ(sheet->Text(2, 6), "FALSE");
  EXPECT_EQ(sheet->Text(2, 7), "#N/A");
  EXPECT_EQ(sheet->Find(2, 7)->type, XlsxCell::Type::kError);
  EXPECT_EQ(sheet->Text(2, 8), "0.5");
  // The row without "r" follows row 3; cells without "r" follow the previous cell.
  EXPECT_EQ(sheet->Text(4, 1), "1");
  EXPECT_EQ(sheet->Text(4, 2), "2");
  EXPECT_EQ(sheet->Text(4, 5), " ");
  EXPECT_EQ(sheet->Text(4, 6), "5");
  EXPECT_EQ(sheet->Text(7, 28), "富文本");
  EXPECT_EQ(sheet->Rows(), (std::vector<int>{1, 2, 4, 7}));
  EXPECT_TRUE(sheet->Row(3).empty());
  EXPECT_EQ(sheet->LastRow(), 7);
  EXPECT_EQ(sheet->LastColumn(), 28);
}

TEST(XlsxReaderTest, ReadsPrefixedElements) {
  TempDir dir;
  auto reader = XlsxReader::Open(WriteHandmadeWorkbook(dir));
  ASSERT_TRUE(reader) << reader.error().message;
  auto sheet = reader->ReadSheet("说明");
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->Text(2, 2), "前缀");
  EXPECT_EQ(sheet->Rows(), std::vector<int>{2});
}

TEST(XlsxReaderTest, UnknownSheetIsNotFound) {
  TempDir dir;
  auto reader = XlsxReader::Open(WriteHandmadeWorkbook(dir));
  ASSERT_TRUE(reader);
  auto sheet = reader->ReadSheet("单位");
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, ErrorCode::kNotFound);
  EXPECT_NE(sheet.error().message.find("“单位”"), std::string::npos) << sheet.error().message;
}

TEST(XlsxReaderTest, ReadsWhatLibxlsxwriterWrites) {
  TempDir dir;
  for (bool constant_memory : {false, true}) {  // constant memory writes inline strings
    std::string path = dir.File(constant_memory ? "inline.xlsx" : "shared.xlsx");
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* first = workbook_add_worksheet(wb, "第一");
    lxw_worksheet* second = workbook_add_worksheet(wb, "第二");
    worksheet_write_string(first, 0, 0, "文本", nullptr);
    worksheet_write_number(first, 0, 1, 3, nullptr);
    worksheet_write_number(first, 0, 2, 45658, nullptr);
    worksheet_write_number(first, 0, 3, 0.25, nullptr);
    worksheet_write_boolean(first, 0, 4, 1, nullptr);
    worksheet_write_string(first, 2, 27, "多行\n文本", nullptr);
    worksheet_write_string(second, 0, 0, "乙", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

    auto reader = XlsxReader::Open(path);
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ(reader->SheetNames(), (std::vector<std::string>{"第一", "第二"}));
    auto sheet = reader->ReadSheet("第一");
    ASSERT_TRUE(sheet) << sheet.error().message;
    EXPECT_EQ(sheet->Text(1, 1), "文本");
    EXPECT_EQ(sheet->Text(1, 2), "3");
    EXPECT_EQ(sheet->Text(1, 3), "45658");
    EXPECT_EQ(sheet->Text(1, 4), "0.25");
    EXPECT_EQ(sheet->Text(1, 5), "TRUE");
    EXPECT_EQ(sheet->Text(3, 28), "多行\n文本");
    EXPECT_EQ(sheet->Rows(), (std::vector<int>{1, 3}));
    EXPECT_EQ(reader->ReadSheet("第二")->Text(1, 1), "乙");
  }
}

TEST(XlsxReaderTest, MissingFileIsNotFound) {
  TempDir dir;
  std::string path = dir.File("没有这个文件.xlsx");
  auto reader = XlsxReader::Open(path);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
  EXPECT_NE(reader.error().message.find(path), std::string::npos) << reader.error().message;
}

TEST(XlsxReaderTest, TextFileIsNotAnXlsx) {
  TempDir dir;
  std::string path = dir.File("清单.csv");
  std::ofstream(path) << "权力编码,权力名称\nXK-001,许可\n";
  auto reader = XlsxReader::Open(path);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(reader.error().message.find(path), std::string::npos) << reader.error().message;
  EXPECT_NE(reader.error().message.find("不是 .xlsx 格式"), std::string::npos)
      << reader.error().message;
}

TEST(XlsxReaderTest, ZipWithoutWorkbookIsRejected) {
  TempDir dir;
  std::string path = dir.File("other.zip");
  WriteZip(path, {{"readme.txt", "hello"}});
  auto reader = XlsxReader::Open(path);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(reader.error().message.find(path), std::string::npos) << reader.error().message;
  EXPECT_NE(reader.error().message.find("找不到工作簿"), std::string::npos)
      << reader.error().message;
}

TEST(XlsxReaderTest, MalformedSheetXmlIsAnError) {
  TempDir dir;
  std::string path = dir.File("broken.xlsx");
  WriteZip(path, {{"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                  {"xl/sharedStrings.xml", kSharedStrings},
                  {"xl/worksheets/sheet1.xml", kSheet1},
                  {"xl/worksheets/sheet2.xml", "<worksheet><sheetData><row>"}});
  auto reader = XlsxReader::Open(path);  // no _rels/.rels: falls back to xl/workbook.xml
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_TRUE(reader->ReadSheet("说明"));
  auto sheet = reader->ReadSheet("权力清单");
  ASSERT_FALSE(sheet);
  EXPECT_NE(sheet.error().message.find("xl/worksheets/sheet2.xml"), std::string::npos)
      << sheet.error().message;
}

TEST(XlsxReaderTest, MissingSharedStringIsAnError) {
  TempDir dir;
  std::string path = dir.File("dangling.xlsx");
  WriteZip(
      path,
      {{"xl/workbook.xml", kWorkbook},
       {"xl/_rels/workbook.xml.rels", kWorkbookRels},
       {"xl/sharedStrings.xml", kSharedStrings},
       {"xl/worksheets/sheet1.xml", kSheet1},
       {"xl/worksheets/sheet2.xml",
        R"(<worksheet><sheetData><row r="3"><c r="C3" t="s"><v>99</v></c></row></sheetData></worksheet>)"}});
  auto reader = XlsxReader::Open(path);
  ASSERT_TRUE(reader) << reader.error().message;
  auto sheet = reader->ReadSheet("权力清单");
  ASSERT_FALSE(sheet);
  EXPECT_NE(sheet.error().message.find("C3"), std::string::npos) << sheet.error().message;
}

TEST(XlsxSheetTest, SetIgnoresEmptyText) {
  XlsxSheet sheet("s");
  sheet.Set(2, 3, {XlsxCell::Type::kString, ""});
  EXPECT_TRUE(sheet.empty());
  sheet.Set(2, 3, {XlsxCell::Type::kString, "x"});
  EXPECT_EQ(sheet.Text(2, 3), "x");
  EXPECT_EQ(sheet.Text(9, 9), "");
}

}  // namespace
}  // namespace dl::io
