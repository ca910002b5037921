#include "catalog/condition.h"

#include <gtest/gtest.h>

namespace dl::catalog {
namespace {

TEST(ConditionTest, ComparesNumbersAndText) {
  auto c = Condition::Parse("amount >= 500000");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->Evaluate({{"amount", 500000}}));
  EXPECT_FALSE(c->Evaluate({{"amount", 499999.5}}));
  EXPECT_FALSE(c->Evaluate({{"amount", "500000"}}));  // text is not a number
  EXPECT_FALSE(c->Evaluate(Json::object()));          // missing is false
}

TEST(ConditionTest, ChineseNamesAndConnectives) {
  auto c = Condition::Parse("金额 >= 500000 且 (类型 == \"工程\" 或 类型 == '采购')");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->Evaluate({{"金额", 600000}, {"类型", "采购"}}));
  EXPECT_FALSE(c->Evaluate({{"金额", 600000}, {"类型", "人事"}}));
  EXPECT_FALSE(c->Evaluate({{"金额", 100}, {"类型", "工程"}}));
  EXPECT_EQ(c->Names(), (std::vector<std::string>{"金额", "类型", "类型"}));
}

TEST(ConditionTest, EnglishConnectives) {
  auto c = Condition::Parse("decision == \"不予许可\" or decision == \"退回\" and urgent == 1");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->Evaluate({{"decision", "不予许可"}}));
  EXPECT_FALSE(c->Evaluate({{"decision", "退回"}, {"urgent", 0}}));
}

TEST(ConditionTest, ErrorsNameTheColumn) {
  auto missing_op = Condition::Parse("amount 500000");
  ASSERT_FALSE(missing_op);
  EXPECT_NE(missing_op.error().message.find("第 8 个字符"), std::string::npos)
      << missing_op.error().message;
  auto unclosed = Condition::Parse("type == \"工程");
  ASSERT_FALSE(unclosed);
  EXPECT_NE(unclosed.error().message.find("引号未闭合"), std::string::npos);
  EXPECT_FALSE(Condition::Parse("amount = 5"));
  EXPECT_FALSE(Condition::Parse(""));
  EXPECT_FALSE(Condition::Parse("(amount > 5"));
}

}  // namespace
}  // namespace dl::catalog
