// What the public sends, checked before anything is written: the complaint form's fields,
// ratings, public text, and the tracking code and its stored hash.
#include "portal/complaint.h"

#include <gtest/gtest.h>

#include <set>

namespace dl::portal {
namespace {

std::string FieldOf(const Error& e) { return e.details.value("field", ""); }

TEST(ComplaintTest, AnAnonymousComplaintNeedsNoContactAndANamedOneNeedsNameAndPhone) {
  auto anonymous = ComplaintFromJson(
      {{"kind", "举报"}, {"unit", "U"}, {"text", "  事情经过  "}, {"anonymous", true}});
  ASSERT_TRUE(anonymous) << anonymous.error().message;
  EXPECT_EQ(anonymous->kind, ComplaintKind::kReport);
  EXPECT_EQ(anonymous->text, "事情经过");
  EXPECT_FALSE(anonymous->contact);

  auto named = ComplaintFromJson({{"kind", "complaint"},
                                  {"unit", "U"},
                                  {"text", "x"},
                                  {"contact", {{"name", "李"}, {"phone", "+86 139-0000"}}}});
  ASSERT_TRUE(named) << named.error().message;
  ASSERT_TRUE(named->contact);
  EXPECT_EQ(named->contact->phone, "+86 139-0000");

  auto no_contact = ComplaintFromJson({{"kind", "complaint"}, {"unit", "U"}, {"text", "x"}});
  ASSERT_FALSE(no_contact);
  EXPECT_EQ(FieldOf(no_contact.error()), "contact");
  auto both = ComplaintFromJson({{"kind", "complaint"},
                                 {"unit", "U"},
                                 {"text", "x"},
                                 {"anonymous", true},
                                 {"contact", {{"name", "李"}, {"phone", "1"}}}});
  ASSERT_FALSE(both);
  EXPECT_EQ(FieldOf(both.error()), "contact");
  auto letters = ComplaintFromJson({{"kind", "complaint"},
                                    {"unit", "U"},
                                    {"text", "x"},
                                    {"contact", {{"name", "李"}, {"phone", "call me"}}}});
  ASSERT_FALSE(letters);
  EXPECT_EQ(FieldOf(letters.error()), "contact.phone");
}

TEST(ComplaintTest, PublicTextCountsCharactersAndRefusesControlCharacters) {
  const std::string hundred_chinese = [] {
    std::string s;
    for (int i = 0; i < 500; ++i) s += "字";
    return s;
  }();
  EXPECT_TRUE(PublicText({{"c", hundred_chinese}}, "c", 500, false));
  EXPECT_FALSE(PublicText({{"c", hundred_chinese + "字"}}, "c", 500, false));
  EXPECT_TRUE(PublicText({{"c", "第一行\n第二行\t完"}}, "c", 50, false));
  auto bell = PublicText({{"c", std::string("a\x07")}}, "c", 50, false);
  ASSERT_FALSE(bell);
  EXPECT_EQ(bell.error().message, "字段 c：含有不可见的控制字符");
  EXPECT_FALSE(PublicText({{"c", 5}}, "c", 50, false));
  EXPECT_EQ(*PublicText(Json::object(), "c", 50, true), "");
  EXPECT_FALSE(PublicText({{"c", "   "}}, "c", 50, false));
}

TEST(ComplaintTest, RatingsAreWholeScoresFromOneToFive) {
  EXPECT_EQ(RatingFromJson({{"score", 5}})->score, 5);
  EXPECT_EQ(RatingFromJson({{"score", 1}, {"comment", "慢"}})->comment, "慢");
  for (const Json& bad : {Json{{"score", 0}}, Json{{"score", 6}}, Json{{"score", 4.5}},
                          Json{{"score", "5"}}, Json::object()}) {
    auto r = RatingFromJson(bad);
    ASSERT_FALSE(r) << bad.dump();
    EXPECT_EQ(FieldOf(r.error()), "score");
  }
}

TEST(ComplaintTest, TrackingCodesAreEightyBitsInGroupsAndTheirHashForgivesTyping) {
  const std::string zeros(10, '\0');
  EXPECT_EQ(TrackingCode(zeros), "0000-0000-0000-0000");
  const std::string ones(10, '\xFF');
  EXPECT_EQ(TrackingCode(ones), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  const std::string code = TrackingCode("\x01\x23\x45\x67\x89\xAB\xCD\xEF\x10\x32");
  EXPECT_EQ(code.size(), 19u);
  // Crockford's alphabet has no I, L, O or U.
  for (char c : code) EXPECT_EQ(std::string("ILOU").find(c), std::string::npos) << code;
  EXPECT_EQ(CodeHash("1O1L-abcd"), CodeHash("101 1ABCD"));
  EXPECT_NE(CodeHash(code), CodeHash("0000-0000-0000-0000"));
  EXPECT_EQ(CodeHash(code).size(), 64u);
  std::set<std::string> seen;
  for (int i = 0; i < 256; ++i) {
    std::string r(10, static_cast<char>(i));
    seen.insert(TrackingCode(r));
  }
  EXPECT_EQ(seen.size(), 256u);
}

TEST(ComplaintTest, TheContactIsStoredWithANonceAndReadBack) {
  const Contact c{"李女士", "139", "li@example.cn"};
  const std::string a = ContactText(c, "n1"), b = ContactText(c, "n2");
  EXPECT_NE(a, b);
  auto back = ContactFromText(a);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "李女士");
  EXPECT_EQ(back->email, "li@example.cn");
}

}  // namespace
}  // namespace dl::portal
