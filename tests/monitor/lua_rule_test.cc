#include "monitor/lua_rule.h"

#include <gtest/gtest.h>

namespace dl::monitor {
namespace {

engine::Event Payment(double amount, const std::string& counterparty) {
  engine::Event e;
  e.source = "oa";
  e.external_id = "e1";
  e.type = engine::EventType::kCompleted;
  e.case_id = "C1";
  e.node = "N3";
  e.actor = "P001";
  e.occurred = e.recorded = *ParseInstant("2026-11-23T08:00:00Z");
  e.amount = amount;
  e.counterparty = counterparty;
  e.attributes = {{"支付方式", "现金"}};
  return e;
}

CaseView Case() {
  CaseView c;
  c.id = "C1";
  c.power = "CW-CZJ-001";
  c.unit = "YX-CZJ";
  c.steps = {{"completed", "N1", "P002", *ParseInstant("2026-11-20T08:00:00Z")}};
  return c;
}

constexpr const char* kCashRule = R"lua(
rule = { id = "big-cash", name = "大额现金支付", level = "黄牌" }
function check(event, case)
  if event.attributes and event.attributes["支付方式"] == "现金" and (event.amount or 0) >= 50000 then
    return { message = "办件 " .. case.id .. " 以现金支付 " .. event.amount .. " 元（" ..
                       event.counterparty .. "），超过 5 万元现金限额", person = event.actor }
  end
end
)lua";

TEST(LuaRuleTest, ARuleSeesTheEventAndTheCase) {
  auto rule = LuaRule::Load("big-cash.lua", kCashRule);
  ASSERT_TRUE(rule) << rule.error().message;
  EXPECT_EQ((*rule)->id(), "lua:big-cash");
  EXPECT_EQ((*rule)->name(), "大额现金支付");
  auto none = (*rule)->Check(Payment(1000, "甲公司"), Case());
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
  auto found = (*rule)->Check(Payment(80000, "甲公司"), Case());
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].level, Level::kYellow);
  EXPECT_EQ((*found)[0].person, "P001");
  EXPECT_EQ((*found)[0].message, "办件 C1 以现金支付 80000.0 元（甲公司），超过 5 万元现金限额");
}

TEST(LuaRuleTest, ARuleMayReturnSeveralFindingsWithTheirOwnLevels) {
  auto rule = LuaRule::Load("many.lua", R"lua(
rule = { id = "many" }
function check(event, case)
  return { { message = "一", level = "红牌" }, { message = "二" .. #case.steps } }
end)lua");
  ASSERT_TRUE(rule) << rule.error().message;
  auto found = (*rule)->Check(Payment(1, "x"), Case());
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].level, Level::kRed);
  EXPECT_EQ((*found)[1].level, Level::kNotice);  // rule.level defaults to 提醒
  EXPECT_EQ((*found)[1].message, "二1");
}

TEST(LuaRuleTest, LoadErrorsNameTheFileAndLine) {
  auto bad =
      LuaRule::Load("bad.lua", "rule = { id = 'x' }\nfunction check(e, c)\n  return e +\nend");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("bad.lua:4"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(LuaRule::Load("no-id.lua", "function check() end"));
  EXPECT_FALSE(LuaRule::Load("no-check.lua", "rule = { id = 'x' }"));
  EXPECT_FALSE(
      LuaRule::Load("level.lua", "rule = { id = 'x', level = '橙牌' }\nfunction check() end"));
  EXPECT_EQ(LuaRule::LoadFile("/nonexistent/rule.lua").error().code, ErrorCode::kIo);
}

TEST(LuaRuleTest, TheSandboxHasNoWayOut) {
  for (const char* body :
       {"return io.open('/etc/passwd')", "return os.execute('true')", "return require('os')",
        "return load('return 1')()", "return dofile('/etc/passwd')", "return string.dump(check)",
        "return setmetatable({}, {})", "return debug.getinfo(1)"}) {
    auto rule = LuaRule::Load("escape.lua", std::string("rule = { id = 'escape' }\n"
                                                        "function check(e, c) ") +
                                                body + " end");
    ASSERT_TRUE(rule) << rule.error().message;
    auto r = (*rule)->Check(Payment(1, "x"), Case());
    EXPECT_FALSE(r) << body;
    EXPECT_TRUE((*rule)->disabled()) << body;
  }
}

TEST(LuaRuleTest, BudgetsStopRunawayRulesAndDisableThem) {
  auto loop =
      LuaRule::Load("loop.lua", "rule = { id = 'loop' }\nfunction check() while true do end end");
  ASSERT_TRUE(loop);
  auto r = (*loop)->Check(Payment(1, "x"), Case());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("指令预算"), std::string::npos) << r.error().message;
  EXPECT_TRUE((*loop)->disabled());
  auto again = (*loop)->Check(Payment(1, "x"), Case());  // disabled: no findings, no error
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());

  auto sneaky = LuaRule::Load("pcall.lua", R"lua(
rule = { id = 'pcall' }
function check() while true do pcall(function() while true do end end) end end)lua");
  ASSERT_TRUE(sneaky);
  EXPECT_FALSE((*sneaky)->Check(Payment(1, "x"), Case()));

  auto hog = LuaRule::Load("hog.lua", R"lua(
rule = { id = 'hog' }
function check() local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end end)lua",
                           {.instructions = 1'000'000'000, .memory_bytes = 4 << 20});
  ASSERT_TRUE(hog);
  auto mem = (*hog)->Check(Payment(1, "x"), Case());
  ASSERT_FALSE(mem);
  EXPECT_NE(mem.error().message.find("内存预算"), std::string::npos) << mem.error().message;

  auto top = LuaRule::Load("top.lua", "while true do end");  // the top level is budgeted too
  ASSERT_FALSE(top);
}

TEST(LuaRuleTest, AMalformedResultDisablesTheRule) {
  auto rule = LuaRule::Load("shape.lua", "rule = { id = 'shape' }\nfunction check() return 42 end");
  ASSERT_TRUE(rule);
  auto r = (*rule)->Check(Payment(1, "x"), Case());
  ASSERT_FALSE(r);
  EXPECT_NE((*rule)->disabled_reason().find("lua:shape"), std::string::npos);
  auto no_message = LuaRule::Load(
      "nomsg.lua", "rule = { id = 'n' }\nfunction check() return { level = '红牌' } end");
  ASSERT_TRUE(no_message);
  EXPECT_FALSE((*no_message)->Check(Payment(1, "x"), Case()));
}

}  // namespace
}  // namespace dl::monitor
