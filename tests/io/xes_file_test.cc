// XES logs through a mapping file (io/event_file.h, docs/events.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <string>
#include <vector>

#include "io/event_file.h"
#include "testing/temp_dir.h"

namespace dl::io {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const char* kLog = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- a tiny log: <trace> in a comment is not a trace -->
<log xes.version="1.0" xmlns="http://www.xes-standard.org">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <string key="concept:name" value="tiny"/>
  <trace>
    <string key="concept:name" value="d1"/>
    <string key="(case)_Amount" value="120.5"/>
    <event>
      <string key="concept:name" value="Submit"/>
      <string key="lifecycle:transition" value="start"/>
      <date key="time:timestamp" value="2017-01-09T09:00:00.000+01:00"/>
      <string key="org:resource" value="STAFF MEMBER"/>
      <string key="org:role" value="EMPLOYEE"/>
      <string key="id" value="x1"/>
    </event>
    <event>
      <string key="concept:name" value="Submit"/>
      <date key="time:timestamp" value="2017-01-09T09:05:00.000+01:00"/>
      <string key="org:resource" value="STAFF MEMBER"/>
      <string key="org:role" value="EMPLOYEE"/>
      <string key="id" value="x2"/>
    </event>
    <event>
      <string key="concept:name" value="Approve"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2017-01-10T11:00:00.000+01:00"/>
      <string key="org:resource" value="u7"/>
      <string key="org:role" value="SUPERVISOR"/>
      <int key="round" value="1"/>
      <string key="id" value="x3"/>
    </event>
    <event>
      <string key="concept:name" value="Pay"/>
      <string key="lifecycle:transition" value="schedule"/>
      <date key="time:timestamp" value="2017-01-10T12:00:00.000+01:00"/>
      <string key="id" value="x4"/>
    </event>
    <event>
      <string key="concept:name" value="Audit &amp; Check"/>
      <date key="time:timestamp" value="2017-01-11T08:00:00.000+01:00"/>
      <string key="org:role" value="ADMIN"/>
    </event>
    <event>
      <string key="concept:name" value="Pay"/>
      <date key="time:timestamp" value="2017-01-12T16:00:00.000+01:00"/>
      <string key="id" value="x6"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="d2"/>
    <event>
      <string key="concept:name" value="Submit"/>
      <date key="time:timestamp" value="2017-02-01T09:00:00.000+01:00"/>
      <string key="org:role" value="EMPLOYEE"/>
      <string key="id" value="y1"/>
    </event>
  </trace>
</log>
)";

const char* kMapping = R"(# tiny
source = "tiny"
power = "CW-1"

[case]
id_prefix = "T-"
amount = "(case)_Amount"
[[case.flags]]
name = "需审批"
when_any = ["Approve"]

[event]
id = "id"
actor = "org:resource"
actor_post = "org:role"
[event.attributes]
"轮次" = "round"

[lifecycle]
schedule = "skip"

[actors]
"STAFF MEMBER" = ""

[posts]
EMPLOYEE = "P-EMP"
SUPERVISOR = "P-SUP"

[activities]
Submit = "N1"
Approve = { node = "N2", decision = "同意" }
Pay = { node = "N3", post = "P-FIN" }

[close]
final = ["Pay"]
)";

// The events in a compact form: type, id, case, node, actor, post, decision.
std::vector<std::string> Render(const EventRead& read) {
  std::vector<std::string> out;
  for (const auto& e : read.events) {
    out.push_back(std::string(engine::kEventTypes.Label(e.type)) + " " + e.external_id + " " +
                  e.case_id + " [" + e.node + "|" + e.actor + "|" + e.actor_post + "|" +
                  e.decision + "] " + FormatInstant(e.occurred));
  }
  return out;
}

std::vector<std::string> Lines(const EventRead& read) {
  std::vector<std::string> lines;
  for (const auto& p : read.problems) lines.push_back(Describe(p));
  return lines;
}

class XesFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_.File(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Reads `log` with `mapping` (both written as files); the read must succeed.
  EventRead ReadLog(const std::string& log, const std::string& mapping = kMapping) {
    EventReadOptions options;
    options.mapping_path = Write("m.toml", mapping);
    auto read = ReadEventFile(Write("log.xes", log), options);
    EXPECT_TRUE(read.has_value()) << (read ? "" : read.error().ToString());
    return read.value_or(EventRead{});
  }

  testing::TempDir dir_;
};

void CheckTinyLog(const EventRead& read, const std::string& path) {
  EXPECT_THAT(Render(read),
              ElementsAre("opened T-d1#opened T-d1 [|||] 2017-01-09T08:00:00.000Z",
                          "started x1 T-d1 [N1||P-EMP|] 2017-01-09T08:00:00.000Z",
                          "completed x2 T-d1 [N1||P-EMP|] 2017-01-09T08:05:00.000Z",
                          "completed x3 T-d1 [N2|u7|P-SUP|同意] 2017-01-10T10:00:00.000Z",
                          "completed T-d1#4 T-d1 [Audit & Check||ADMIN|] 2017-01-11T07:00:00.000Z",
                          "completed x6 T-d1 [N3||P-FIN|] 2017-01-12T15:00:00.000Z",
                          "closed T-d1#closed T-d1 [|||办结] 2017-01-12T15:00:00.000Z",
                          "opened T-d2#opened T-d2 [|||] 2017-02-01T08:00:00.000Z",
                          "completed y1 T-d2 [N1||P-EMP|] 2017-02-01T08:00:00.000Z",
                          "closed T-d2#closed T-d2 [|||终止] 2017-02-01T08:00:00.000Z"));
  EXPECT_THAT(
      Lines(read),
      ElementsAre("警告 " + path +
                  " 第 39 行 [concept:name]: 活动“Audit & Check”不在映射的 [activities] "
                  "中：按环节编码“Audit & Check”导入（共 1 个事件），合规校验将报告为未知环节"));
  ASSERT_EQ(read.events.size(), 10u);
  const auto& opened = read.events[0];
  EXPECT_EQ(opened.power, "CW-1");
  EXPECT_EQ(opened.amount, 120.5);
  EXPECT_EQ(opened.attributes, (Json{{"需审批", "是"}}));
  EXPECT_EQ(read.events[7].attributes, (Json{{"需审批", "否"}}));
  EXPECT_EQ(read.events[3].attributes, (Json{{"轮次", 1}}));
  EXPECT_EQ(read.counts.records, 7u);
  EXPECT_EQ(read.counts.events, 10u);
  EXPECT_EQ(read.counts.cases, 2u);
  EXPECT_EQ(read.counts.opened, 2u);
  EXPECT_EQ(read.counts.closed, 2u);
  EXPECT_EQ(read.counts.skipped, 1u);
  EXPECT_EQ(read.counts.unmapped, 1u);
  EXPECT_EQ(read.counts.unmapped_activities, (std::map<std::string, size_t>{{"Audit & Check", 1}}));
}

TEST_F(XesFileTest, TinyLogBecomesOpenedStepsClosed) {
  EventRead read = ReadLog(kLog);
  CheckTinyLog(read, dir_.File("log.xes"));
}

TEST_F(XesFileTest, GzipLogWithTheMappingBesideIt) {
  std::string path = dir_.File("tiny.xes.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, kLog, static_cast<unsigned>(std::strlen(kLog))),
            static_cast<int>(std::strlen(kLog)));
  gzclose(gz);
  Write("tiny.mapping.toml", kMapping);
  auto read = ReadEventFile(path);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  CheckTinyLog(*read, path);
}

TEST_F(XesFileTest, UnfinishedTracesCanStayOpen) {
  std::string mapping = std::string(kMapping) + "unfinished = \"open\"\n";
  EventRead read = ReadLog(kLog, mapping);
  EXPECT_EQ(read.counts.closed, 1u);
  EXPECT_EQ(read.events.back().type, engine::EventType::kCompleted);
}

TEST_F(XesFileTest, NotXmlIsLocated) {
  EventRead read = ReadLog("this is not xml\n");
  EXPECT_THAT(Lines(read), ElementsAre("错误 " + dir_.File("log.xes") +
                                       " 第 1 行: 不是有效的 XML（No document element found）"));
  EventRead json = ReadLog("{\"log\": []}\n");
  EXPECT_EQ(json.problems.size(), 1u);
  EventRead other = ReadLog("<?xml version=\"1.0\"?>\n<feed>\n</feed>\n");
  EXPECT_THAT(Lines(other),
              ElementsAre("错误 " + dir_.File("log.xes") +
                          " 第 2 行: 不是 XES 日志：根元素应为 <log>，实际为 <feed>"));
}

TEST_F(XesFileTest, BrokenTracesAreLocatedAndNothingIsReturned) {
  std::string log = kLog;
  // The events of Approve (line 24) and Audit & Check (39); the last event's end tag (57).
  log.replace(log.find("2017-01-11T08:00:00.000+01:00"), 29, "yesterday");
  log.replace(log.find("\"complete\""), 10, "\"withdraw\"");
  log.replace(log.rfind("</event>"), 8, "</evnt>");
  EventRead read = ReadLog(log);
  const std::string f = dir_.File("log.xes");
  EXPECT_THAT(
      Lines(read),
      ElementsAre("错误 " + f +
                      " 第 24 行 [lifecycle:transition]: 生命周期“withdraw”不在映射的 [lifecycle] "
                      "中（可写 withdraw = \"completed\"、\"started\" 或 \"skip\"）",
                  "错误 " + f + " 第 39 行 [time:timestamp]: 不是时间“yesterday”",
                  "错误 " + f + " 第 57 行: 不是有效的 XML（Start-end tags mismatch）"));
  EXPECT_THAT(read.events, IsEmpty());
  EXPECT_EQ(read.counts.records, 6u);  // the broken trace cannot be counted
}

TEST_F(XesFileTest, UnclosedTraceAndMissingLogEnd) {
  std::string log = kLog;
  EventRead cut = ReadLog(log.substr(0, log.rfind("</trace>")));
  ASSERT_EQ(cut.problems.size(), 2u);  // after the warning about Audit & Check (line 39)
  EXPECT_EQ(
      Describe(cut.problems[1]),
      "错误 " + dir_.File("log.xes") + " 第 50 行: XML 结构错误：<trace> 没有结束标记 </trace>");
  EXPECT_THAT(cut.events, IsEmpty());
  EventRead no_end = ReadLog(log.substr(0, log.rfind("</log>")));
  ASSERT_EQ(no_end.problems.size(), 2u);
  EXPECT_EQ(Describe(no_end.problems[1]),
            "错误 " + dir_.File("log.xes") + " 第 59 行: XML 结构错误：缺少结束标记 </log>");
  EXPECT_THAT(no_end.events, IsEmpty());
}

TEST_F(XesFileTest, DuplicateEventIdsSuggestTheCaseIndex) {
  std::string log = kLog;
  log.replace(log.find("\"y1\""), 4, "\"x2\"");
  EventRead read = ReadLog(log);
  ASSERT_EQ(read.problems.size(), 2u);
  EXPECT_EQ(
      Describe(read.problems[1]),
      "错误 " + dir_.File("log.xes") +
          " 第 52 行 [id]: 事件编号“x2”（来源 tiny）重复：第 17 行已有内容不同的同号事件（XES "
          "日志的 id 属性不唯一时，映射中不写 [event] id，事件编号即为“办件编号#序号”）");
  EXPECT_THAT(read.events, IsEmpty());
}

TEST_F(XesFileTest, MissingMappingIsAnError) {
  auto read = ReadEventFile(Write("log.xes", kLog));
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(read.error().message, "找不到 XES 映射文件 " + dir_.File("log.mapping.toml") +
                                      "（用 --mapping 指定；格式见 docs/events.md）");
}

TEST_F(XesFileTest, MappingProblemsAreLocatedInTheMapping) {
  std::string mapping = kMapping;
  mapping.replace(mapping.find("id_prefix"), 9, "prefix");
  mapping.replace(mapping.find("power = \"CW-1\""), 14, "power = 7");
  mapping += "[strange]\n";
  mapping.replace(mapping.find("Approve = {"), 11, "Approve = { type = \"closed\",");
  EventRead read = ReadLog(kLog, mapping);
  const std::string m = dir_.File("m.toml");
  EXPECT_THAT(
      Lines(read),
      ElementsAre(
          "错误 " + m + " 第 3 行 [power]: 应为非空文本",
          "错误 " + m +
              " 第 6 行 [case.prefix]: 未知的键“prefix”（[case] 可用：id、id_prefix、amount、"
              "applicant、counterparty、attributes、flags）",
          "错误 " + m +
              " 第 31 行 [activities.\"Approve\".type]: 应为 completed、started、suspended "
              "或 resumed",
          "错误 " + m +
              " 第 36 行 [strange]: 未知的键“strange”（顶层可用：format、format_version、"
              "source、power、case、event、lifecycle、posts、actors、activities、close）"));
  EXPECT_THAT(read.events, IsEmpty());
  EXPECT_EQ(read.counts.records, 0u);  // the log is not read with a broken mapping
}

TEST_F(XesFileTest, MappingThatIsNotToml) {
  EventRead read = ReadLog(kLog, "source = \"tiny\"\npower = \n");
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].where.row, 2);
  EXPECT_THAT(Describe(read.problems[0]),
              ::testing::StartsWith("错误 " + dir_.File("m.toml") + " 第 2 行: TOML 格式错误："));
}

}  // namespace
}  // namespace dl::io
