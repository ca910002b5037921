#include "io/event_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <string>
#include <vector>

#include "testing/temp_dir.h"

namespace dl::io {
namespace {

using engine::EventType;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class EventFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_.File(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Reads a file that must be readable; its problems as the lines a user sees.
  EventRead Read(const std::string& path, EventReadOptions options = {}) {
    auto read = ReadEventFile(path, options);
    EXPECT_TRUE(read.has_value()) << (read ? "" : read.error().ToString());
    return read.value_or(EventRead{});
  }

  static std::vector<std::string> Lines(const EventRead& read) {
    std::vector<std::string> lines;
    for (const auto& p : read.problems) lines.push_back(Describe(p));
    return lines;
  }

  testing::TempDir dir_;
};

// ---- JSON Lines ----------------------------------------------------------------------------

const char* kOpened =
    R"({"source":"oa","id":"e1","type":"opened","case":"C1","power":"XK-001",)"
    R"("occurred":"2026-03-02T09:30:00+08:00","amount":1200,"attributes":{"区域":"城区"}})";
const char* kCompleted =
    R"({"source":"oa","id":"e2","type":"完成","case":"C1","node":"N1","actor":"P001",)"
    R"("occurred":"2026-03-03T10:00:00Z","recorded":"2026-03-05T10:00:00Z","decision":"同意"})";
const char* kClosed =
    R"({"source":"oa","id":"e3","type":"closed","case":"C1","occurred":"2026-03-04T10:00:00Z"})";

TEST_F(EventFileTest, JsonLinesReadsEveryEventInOrder) {
  auto path = Write("ok.jsonl", std::string("\xEF\xBB\xBF") + kOpened + "\r\n\n" + kCompleted +
                                    "\n   \n" + kClosed + "\n");
  EventRead read = Read(path);
  EXPECT_THAT(Lines(read), IsEmpty());
  ASSERT_EQ(read.events.size(), 3u);
  EXPECT_EQ(read.counts.records, 3u);
  EXPECT_EQ(read.counts.events, 3u);
  EXPECT_EQ(read.counts.cases, 1u);
  EXPECT_EQ(read.events[0].type, EventType::kOpened);
  EXPECT_EQ(read.events[0].amount, 1200.0);
  EXPECT_EQ(read.events[0].attributes["区域"], "城区");
  EXPECT_EQ(FormatInstant(read.events[0].occurred), "2026-03-02T01:30:00.000Z");
  EXPECT_EQ(read.events[1].type, EventType::kCompleted);  // from the Chinese 完成
  EXPECT_EQ(FormatInstant(read.events[1].recorded), "2026-03-05T10:00:00.000Z");
  EXPECT_EQ(read.events[2].type, EventType::kClosed);
}

TEST_F(EventFileTest, NdjsonIsJsonLines) {
  EventRead read = Read(Write("ok.ndjson", std::string(kOpened) + "\n"));
  EXPECT_EQ(read.events.size(), 1u);
}

TEST_F(EventFileTest, JsonLinesProblemsAreLocatedAndNothingIsReturned) {
  std::string bad_json = R"({"source":"oa","id":"e4",)";
  std::string no_case =
      R"({"source":"oa","id":"e5","type":"closed","occurred":"2026-03-04T10:00:00Z"})";
  std::string bad_time =
      R"({"source":"oa","id":"e6","type":"closed","case":"C1","occurred":"2026-13-01T00:00:00Z"})";
  std::string bad_type =
      R"({"source":"oa","id":"e7","type":"approved","case":"C1","occurred":"2026-03-04T10:00:00Z"})";
  std::string unknown = R"({"source":"oa","id":"e8","type":"closed","case":"C1",)"
                        R"("occurred":"2026-03-04T10:00:00Z","colour":"red"})";
  auto path =
      Write("bad.jsonl", std::string(kOpened) + "\n" + kCompleted + "\n" + bad_json + "\n" +
                             no_case + "\n" + bad_time + "\n" + bad_type + "\n" + unknown + "\n");
  EventRead read = Read(path);
  EXPECT_THAT(
      Lines(read),
      ElementsAre(
          "错误 " + path +
              " 第 3 行: 第 25 列: JSON 格式错误 (syntax error while parsing object key - "
              "unexpected end of input; expected string literal)",
          "错误 " + path + " 第 4 行 [case]: 缺少（必填）",
          "错误 " + path + " 第 5 行 [occurred]: 不是 RFC 3339 时间 '2026-13-01T00:00:00Z'",
          "错误 " + path +
              " 第 6 行 [type]: 'approved' 不是事件类型（opened、started、completed、suspended、"
              "resumed、closed）",
          "错误 " + path + " 第 7 行 [colour]: 未知字段"));
  EXPECT_THAT(read.events, IsEmpty());
  EXPECT_EQ(read.counts.records, 7u);
  EXPECT_EQ(read.counts.events, 0u);
  EXPECT_EQ(read.counts.cases, 0u);
}

TEST_F(EventFileTest, DuplicateIdsDifferingAreErrorsIdenticalAreWarnings) {
  std::string changed = kClosed;
  changed.replace(changed.find("2026-03-04"), 10, "2026-03-09");
  auto same = Read(Write("same.jsonl", std::string(kClosed) + "\n" + kClosed + "\n"));
  EXPECT_THAT(Lines(same), ElementsAre("警告 " + dir_.File("same.jsonl") +
                                       " 第 2 行 [id]: 与第 1 行的事件完全相同，导入时只记录一次"));
  EXPECT_EQ(same.events.size(), 2u);
  auto differ = Read(Write("differ.jsonl", std::string(kClosed) + "\n" + changed + "\n"));
  EXPECT_THAT(
      Lines(differ),
      ElementsAre("错误 " + dir_.File("differ.jsonl") +
                  " 第 2 行 [id]: 事件编号“e3”（来源 oa）重复：第 1 行已有内容不同的同号事件"));
  EXPECT_THAT(differ.events, IsEmpty());
}

TEST_F(EventFileTest, ProblemsBeyondTheLimitAreCounted) {
  std::string text;
  for (int i = 0; i < 5; ++i) text += "{}\n";
  EventReadOptions options;
  options.max_problems = 2;
  EventRead read = Read(Write("many.jsonl", text), options);
  ASSERT_EQ(read.problems.size(), 3u);
  EXPECT_EQ(Describe(read.problems[2]),
            "错误 " + dir_.File("many.jsonl") + ": 另有 3 处问题未列出");
  EXPECT_EQ(read.counts.records, 5u);
}

TEST_F(EventFileTest, UnreadableFilesAreErrors) {
  auto missing = ReadEventFile(dir_.File("none.jsonl"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto unknown = ReadEventFile(Write("events.txt", "x"));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "无法识别的事件文件类型: " + dir_.File("events.txt") +
                                         "（应为 .jsonl、.ndjson、.csv、.xes 或 .xes.gz）");
}

// ---- CSV ---------------------------------------------------------------------------------

TEST_F(EventFileTest, CsvWithChineseHeadersQuotesAndExtraColumns) {
  auto path = Write(
      "ok.csv",
      "\xEF\xBB\xBF来源系统,事件编号,事件类型,办件编号,权力编码,环节编码,办理人,发生时间,金额,"
      "理由,区域,编号,身份证号\r\n"
      "oa,e1,受理,C1,XK-001,,,2026-03-02 09:30,1200,,城区,0012,530102199001011234\r\n"
      "oa,e2,完成,C1,,N1,P001,2026/3/3 10:00:05,,\"材料齐全，\"\"同意\"\"\n第二行\",,7,-2.5\r\n"
      "oa,e3,办结,C1,,,,2026-03-04T10:00:00Z,,,,,1.2.3\r\n"
      ",,,,,,,,,,,,\r\n");
  EventRead read = Read(path);
  EXPECT_THAT(Lines(read), IsEmpty());
  ASSERT_EQ(read.events.size(), 3u);
  EXPECT_EQ(read.counts.records, 3u);
  const auto& opened = read.events[0];
  EXPECT_EQ(opened.type, EventType::kOpened);
  EXPECT_EQ(opened.power, "XK-001");
  EXPECT_EQ(FormatInstant(opened.occurred), "2026-03-02T01:30:00.000Z");  // Beijing time
  EXPECT_EQ(opened.amount, 1200.0);
  EXPECT_EQ(opened.attributes,
            (Json{{"区域", "城区"}, {"编号", "0012"}, {"身份证号", "530102199001011234"}}));
  const auto& completed = read.events[1];
  EXPECT_EQ(completed.reason, "材料齐全，\"同意\"\n第二行");
  EXPECT_EQ(FormatInstant(completed.occurred), "2026-03-03T02:00:05.000Z");
  EXPECT_EQ(completed.attributes, (Json{{"编号", 7}, {"身份证号", -2.5}}));
  EXPECT_EQ(read.events[2].type, EventType::kClosed);
  EXPECT_EQ(read.events[2].attributes, (Json{{"身份证号", "1.2.3"}}));
}

TEST_F(EventFileTest, CsvWithEnglishHeadersAndAnotherOffset) {
  auto path = Write("en.csv",
                    "source,id,type,case,node,actor_post,occurred\n"
                    "oa,e2,completed,C1,N1,SCJ-KY,2026-03-03 10:00\n");
  EventReadOptions options;
  options.local_utc_offset = "+00:00";
  EventRead read = Read(path, options);
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].actor_post, "SCJ-KY");
  EXPECT_EQ(FormatInstant(read.events[0].occurred), "2026-03-03T10:00:00.000Z");
}

TEST_F(EventFileTest, CsvProblemsNameLineColumnAndHeader) {
  auto path = Write("bad.csv",
                    "来源系统,事件编号,事件类型,办件编号,环节编码,发生时间\n"
                    "oa,e1,完成,C1,N1,2026-03-02 09:30\n"
                    "oa,e2,完成,C\"1,N1,2026-03-02 09:30\n"
                    "oa,e3,完成,C1,2026-03-02 09:30\n"
                    "oa,e4,完成,C1,N1,明天\n"
                    "oa,e5,完成,C1,,2026-03-02 09:30\n"
                    "oa,e6,\"完成\"x,C1,N1,2026-03-02 09:30\n");
  EventRead read = Read(path);
  EXPECT_THAT(
      Lines(read),
      ElementsAre(
          "错误 " + path +
              " 第 2 行 [办理人]: 开始或完成环节须写明办理人（actor）或岗位（actor_post）",
          "错误 " + path +
              " 第 3 行 D [办件编号]: 未加引号的字段中有引号（含引号的字段须整体用引号括起，"
              "字段内的引号写成两个：\"\"）",
          "错误 " + path + " 第 4 行: 有 5 列，表头有 6 列",
          "错误 " + path +
              " 第 5 行 F [发生时间]: 不是时间“明天”（应为 2026-03-02 09:30[:00]，按 UTC+08:00 "
              "计；或 RFC 3339，如 2026-03-02T09:30:00+08:00）",
          "错误 " + path + " 第 6 行 E [环节编码]: 缺少（必填）",
          "错误 " + path +
              " 第 7 行 C [事件类型]: 右引号后面应为逗号或换行（字段内的引号须写成两个：\"\"）"));
  EXPECT_THAT(read.events, IsEmpty());
  EXPECT_EQ(read.counts.records, 6u);
}

TEST_F(EventFileTest, CsvMissingHeaderStopsBeforeTheRows) {
  auto path = Write("nohead.csv",
                    "oa,e1,completed,C1,N1,2026-03-02 09:30\n"
                    "oa,e2,completed,C1,N1,2026-03-02 09:30\n");
  EventRead read = Read(path);
  ASSERT_EQ(read.problems.size(), 5u);
  EXPECT_EQ(
      Describe(read.problems[0]),
      "错误 " + path + " 第 1 行 [来源系统]: 缺少必填列“来源系统”（或 source）；第一行须为表头");
  EXPECT_EQ(
      Describe(read.problems[4]),
      "错误 " + path + " 第 1 行 [发生时间]: 缺少必填列“发生时间”（或 occurred）；第一行须为表头");
  EXPECT_EQ(read.counts.records, 0u);
  EXPECT_THAT(read.events, IsEmpty());
}

TEST_F(EventFileTest, CsvUnclosedQuoteAndDuplicateColumns) {
  auto unclosed = Write("unclosed.csv",
                        "source,id,type,case,occurred\n"
                        "oa,e1,closed,\"C1,2026-03-02 09:30\n"
                        "oa,e2,closed,C1,2026-03-02 09:30\n");
  EXPECT_THAT(Lines(Read(unclosed)),
              ElementsAre("错误 " + unclosed +
                          " 第 2 行 D [case]: 引号没有闭合（该字段从第 2 行开始，直到文件末尾）"));
  auto twice = Write("twice.csv", "source,id,type,case,occurred,发生时间\n");
  EXPECT_THAT(
      Lines(Read(twice)),
      ElementsAre("错误 " + twice + " 第 1 行 F [发生时间]: 列重复（与 E 列“occurred”相同）"));
}

TEST_F(EventFileTest, CsvInGbkIsRejectedWithAHint) {
  auto path =
      Write("gbk.csv", "source,id,type,case,occurred\noa,e1,closed,\xB0\xEC,2026-03-02 09:30\n");
  EXPECT_THAT(Lines(Read(path)),
              ElementsAre("错误 " + path +
                          " 第 2 行: 不是有效的 UTF-8 文本（Excel 另存时请选择“CSV UTF-8”）"));
}

}  // namespace
}  // namespace dl::io
