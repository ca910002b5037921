#include "service/catalog_service.h"

#include <gtest/gtest.h>

#include <fstream>

#include "catalog/catalog_json.h"
#include "io/catalog_file.h"
#include "testing/sample_catalog.h"

namespace dl::service {
namespace {

class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = std::move(*store::OpenSqliteStore(dir.File("s.db"), {.create = true}));
    writer = std::move(*writer::Writer::Start(*store, clock, {}));
  }
  std::string WriteJson(const Json& doc) {
    std::string path = dir.File("catalog.json");
    std::ofstream(path) << doc.dump(2, ' ', false);
    return path;
  }
  std::string Problems(const ImportReport& r) {
    std::string s;
    for (const auto& p : r.problems) s += io::Describe(p) + "\n";
    return s;
  }

  testing::TempDir dir;
  ManualClock clock{*ParseInstant("2026-11-23T08:00:00Z")};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<writer::Writer> writer;
};

TEST_F(ImportServiceTest, DryRunThenImport) {
  std::string path = WriteJson(catalog::CatalogToJson(testing::SampleCatalog()));
  auto dry = ImportCatalogFile(*writer, path, "t", /*dry_run=*/true);
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_FALSE(dry->applied);
  EXPECT_EQ(dry->entries, 16u);
  EXPECT_EQ(*store->LedgerSize(), 0u);
  auto real = ImportCatalogFile(*writer, path, "t", false);
  ASSERT_TRUE(real);
  EXPECT_TRUE(real->applied);
  EXPECT_EQ(*store->LedgerSize(), 16u);
  // Export of what was imported reproduces the file byte for byte.
  std::ifstream in(path);
  std::string original((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(io::CatalogJsonText(*store->LoadCatalog()), original + "\n");
}

TEST_F(ImportServiceTest, ValidationErrorsAreLocatedInTheFile) {
  Json doc = catalog::CatalogToJson(testing::SampleCatalog());
  doc["powers"][1]["flow"]["nodes"][2]["post"] = "NO-SUCH";  // XK-SCJ-001 node G1 → code order
  auto r = ImportCatalogFile(*writer, WriteJson(doc), "t", false);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->applied);
  std::string p = Problems(*r);
  EXPECT_NE(p.find("$.powers[1].flow.nodes[2] [办理岗位]: 岗位 “NO-SUCH” 不存在"),
            std::string::npos)
      << p;
  EXPECT_EQ(*store->LedgerSize(), 0u);
}

TEST_F(ImportServiceTest, DecodeErrorsBlockTheImportButValidationStillReports) {
  Json doc = catalog::CatalogToJson(testing::SampleCatalog());
  doc["powers"][0]["category"] = "行政审批";        // cannot decode: that power is dropped
  doc["powers"][1]["legal_basis"] = Json::array();  // decodes, fails validation
  auto r = ImportCatalogFile(*writer, WriteJson(doc), "t", false);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->applied);
  std::string p = Problems(*r);
  EXPECT_NE(p.find("$.powers[0].category"), std::string::npos) << p;
  EXPECT_NE(p.find("$.powers[1] [设定依据]"), std::string::npos) << p;
  EXPECT_EQ(*store->LedgerSize(), 0u);
}

TEST_F(ImportServiceTest, UnreadableFilesAreErrors) {
  auto missing = ImportCatalogFile(*writer, dir.File("nope.json"), "t", false);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("文件不存在"), std::string::npos);
  std::string bad = dir.File("bad.json");
  std::ofstream(bad) << "{\n  \"format\": \"daylight.catalog\",\n  oops\n}";
  auto broken = ImportCatalogFile(*writer, bad, "t", false);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("第 3 行"), std::string::npos) << broken.error().message;
  std::string txt = dir.File("list.txt");
  std::ofstream(txt) << "x";
  auto wrong = ImportCatalogFile(*writer, txt, "t", false);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("应为 .json 或 .xlsx"), std::string::npos);
}

}  // namespace
}  // namespace dl::service
