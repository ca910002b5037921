#include "catalog/catalog_json.h"

#include <gtest/gtest.h>

#include "testing/sample_catalog.h"

namespace dl::catalog {
namespace {

std::string ProblemsOf(const Json& doc) {
  std::vector<JsonProblem> problems;
  CatalogFromJson(doc, &problems);
  std::string s;
  for (const auto& p : problems) s += p.path + " " + p.message + "\n";
  return s;
}

TEST(CatalogJsonTest, RoundTripsExactly) {
  Catalog c = testing::SampleCatalog();
  std::string text = CatalogToJson(c).dump(2, ' ', false);
  std::vector<JsonProblem> problems;
  Catalog back = CatalogFromJson(Json::parse(text), &problems);
  ASSERT_TRUE(problems.empty()) << problems[0].path << " " << problems[0].message;
  EXPECT_EQ(back.units, c.units);
  EXPECT_EQ(back.posts, c.posts);
  EXPECT_EQ(back.persons, c.persons);
  EXPECT_EQ(back.assignments, c.assignments);
  EXPECT_EQ(back.relations, c.relations);
  ASSERT_EQ(back.powers.size(), c.powers.size());
  for (const auto& [code, rec] : c.powers) {
    EXPECT_EQ(back.powers[code].power, rec.power) << code;
    EXPECT_EQ(back.powers[code].history, rec.history) << code;
  }
  EXPECT_EQ(CatalogToJson(back).dump(2, ' ', false), text);
}

TEST(CatalogJsonTest, UnitsComeInTreeOrder) {
  Json j = CatalogToJson(testing::SampleCatalog());
  std::vector<std::string> codes;
  for (const auto& u : j["units"]) codes.push_back(u["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"YX", "YX-JW", "YX-SCJ", "YX-SCJ-ZC"}));
}

TEST(CatalogJsonTest, ReportsEveryProblemWithItsPath) {
  Json doc = CatalogToJson(testing::SampleCatalog());
  doc["powers"][0]["category"] = "行政审批";
  doc["powers"][0]["flow"]["nodes"][1]["kind"] = "审核";
  doc["powers"][1]["effective_from"] = "2026-13-01";
  doc["units"][0]["nmae"] = "typo";
  doc["posts"][0].erase("name");
  doc["powers"][0]["risks"][0]["factors"]["harm"] = 7;
  std::string p = ProblemsOf(doc);
  EXPECT_NE(p.find("$.powers[0].category “行政审批”不是可用的值"), std::string::npos) << p;
  EXPECT_NE(p.find("$.powers[0].flow.nodes[1].kind"), std::string::npos) << p;
  EXPECT_NE(p.find("$.powers[1].effective_from 应为日期"), std::string::npos) << p;
  EXPECT_NE(p.find("$.units[0].nmae 未知字段"), std::string::npos) << p;
  EXPECT_NE(p.find("$.posts[0].name 缺少必填字段"), std::string::npos) << p;
  EXPECT_NE(p.find("$.powers[0].risks[0].factors.harm 应在 1 到 5 之间，实际为 7"),
            std::string::npos)
      << p;
}

TEST(CatalogJsonTest, RejectsWrongFormatAndDuplicates) {
  Json doc = CatalogToJson(testing::SampleCatalog());
  doc["format"] = "something.else";
  doc["format_version"] = 99;
  doc["powers"].push_back(doc["powers"][0]);
  std::string p = ProblemsOf(doc);
  EXPECT_NE(p.find("$.format 应为“daylight.catalog”"), std::string::npos) << p;
  EXPECT_NE(p.find("不支持的格式版本 99"), std::string::npos) << p;
  EXPECT_NE(p.find("权力编码“CF-SCJ-001”重复"), std::string::npos) << p;
}

}  // namespace
}  // namespace dl::catalog
