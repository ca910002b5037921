#include <gtest/gtest.h>

#include "base/date.h"
#include "base/json.h"
#include "base/sha256.h"
#include "base/text.h"

namespace dl {
namespace {

TEST(DateTest, ParsesCommonChineseForms) {
  EXPECT_EQ(Date::Parse("2026-01-31")->ToString(), "2026-01-31");
  EXPECT_EQ(Date::Parse("2026/1/5")->ToString(), "2026-01-05");
  EXPECT_EQ(Date::Parse("2026年2月28日")->ToString(), "2026-02-28");
  EXPECT_EQ(Date::Parse(" 2026.3.1 ")->ToString(), "2026-03-01");
}

TEST(DateTest, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(Date::Parse("2026-02-30"));
  EXPECT_FALSE(Date::Parse("26-1-1"));
  EXPECT_FALSE(Date::Parse("明天"));
  EXPECT_FALSE(Date::Parse(""));
  EXPECT_FALSE(Date::Parse("2026-01-01x"));
}

TEST(DateTest, ExcelSerials) {
  EXPECT_EQ(Date::FromExcelSerial(45658)->ToString(), "2025-01-01");
  EXPECT_EQ(Date::FromExcelSerial(46023.75)->ToString(), "2026-01-01");
  EXPECT_FALSE(Date::FromExcelSerial(-3));
}

TEST(InstantTest, RoundTripsAndHonoursOffsets) {
  auto t = ParseInstant("2026-11-23T14:42:00.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatInstant(*t), "2026-11-23T14:42:00.123Z");
  auto beijing = ParseInstant("2026-11-23T22:42:00+08:00");
  ASSERT_TRUE(beijing);
  EXPECT_EQ(FormatInstant(*beijing), "2026-11-23T14:42:00.000Z");
  EXPECT_FALSE(ParseInstant("2026-11-23 25:00:00"));
  EXPECT_EQ(DateOf(*t).ToString(), "2026-11-23");
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(ToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 6962 leaf hash of the empty entry: SHA-256(0x00).
  EXPECT_EQ(ToHex(Sha256Prefixed(0, "")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(CanonicalJsonTest, SortsKeysAndKeepsUtf8) {
  Json j = {{"b", 1}, {"a", {{"d", "权力"}, {"c", true}}}};
  EXPECT_EQ(CanonicalJson(j), R"({"a":{"c":true,"d":"权力"},"b":1})");
}

TEST(JsonParseTest, ReportsLineAndColumn) {
  std::string error;
  EXPECT_FALSE(ParseJson("{\n  \"a\": 1,\n  \"b\": }\n", &error));
  EXPECT_NE(error.find("第 3 行"), std::string::npos) << error;
}

TEST(TextTest, TrimAndSplitChineseLists) {
  EXPECT_EQ(Trim("\u3000 公开 \n"), "公开");
  auto parts = SplitList("分权、制度；公开,程序");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "分权");
  EXPECT_EQ(parts[3], "程序");
  EXPECT_TRUE(IsValidUtf8("阳光"));
  EXPECT_FALSE(IsValidUtf8("\xe9\x98"));
}

}  // namespace
}  // namespace dl
