#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

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

TEST(Sha256Test, StreamsAndCopiedMidstatesAgreeWithOneShot) {
  // FIPS 180-2's long vector: a million 'a', fed in pieces that straddle the 64-byte blocks.
  Sha256Stream million;
  const std::string piece(997, 'a');
  size_t fed = 0;
  for (; fed + piece.size() <= 1'000'000; fed += piece.size()) million.Update(piece);
  million.Update(std::string(1'000'000 - fed, 'a'));
  EXPECT_EQ(ToHex(std::move(million).Finish()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  // A midstate copied at every length from 0 to 200 bytes and finished with different tails
  // gives what hashing the whole text at once gives; the original is untouched by its copies.
  std::string text;
  for (int i = 0; i < 300; ++i) text.push_back(static_cast<char>(i * 37 + 11));
  for (size_t cut = 0; cut <= 200; ++cut) {
    Sha256Stream head;
    head.Update(std::string_view(text).substr(0, cut));
    Sha256Stream copy = head;
    copy.Update(std::string_view(text).substr(cut));
    EXPECT_EQ(std::move(copy).Finish(), Sha256(text)) << cut;
    Sha256Stream other = head;
    other.Update("x");
    EXPECT_EQ(std::move(other).Finish(), Sha256(text.substr(0, cut) + "x")) << cut;
    EXPECT_EQ(std::move(head).Finish(), Sha256(text.substr(0, cut))) << cut;
  }
  EXPECT_EQ(Sha256Prefixed(1, "ab", "cd", "ef"), Sha256("\x01"
                                                        "abcdef"));
}

TEST(CanonicalJsonTest, SortsKeysAndKeepsUtf8) {
  Json j = {{"b", 1}, {"a", {{"d", "权力"}, {"c", true}}}};
  EXPECT_EQ(CanonicalJson(j), R"({"a":{"c":true,"d":"权力"},"b":1})");
}

std::string BytesHex(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    out += "0123456789abcdef"[c >> 4];
    out += "0123456789abcdef"[c & 15];
    out += ' ';
  }
  return out;
}

// What the library writes: CanonicalJson writes the same bytes itself.
std::string LibraryDump(const Json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::strict);
}

TEST(CanonicalJsonTest, WritesWhatTheLibraryWrites) {
  const Json values[] = {
      nullptr,
      true,
      Json::object(),
      Json::array(),
      0,
      -1,
      INT64_MIN,
      INT64_MAX,
      UINT64_MAX,
      0.5,
      -1234.25,
      1e100,
      3.0,
      0.1,
      std::numeric_limits<double>::quiet_NaN(),
      "",
      "\"\\/\b\f\n\r\t\x01\x1f\x7f 阳光 😀",
      Json::parse(R"({"z":[1,2.5,{"y":null,"x":[]}],"a":"","ä":{"k":false},"A":-7})"),
      {{"amount", 12000.5}, {"members", {"张三", "李四"}}, {"votes", {{"同意", 5}}}},
  };
  for (const Json& v : values) EXPECT_EQ(CanonicalJson(v), LibraryDump(v)) << LibraryDump(v);
}

TEST(CanonicalJsonTest, AgreesWithTheLibraryOnRandomValues) {
  std::mt19937 rng(20261124);
  const std::string alphabet[] = {"a", "\"",   "\\",       "\n",           "\x01",     "\x7f", "权",
                                  "😀", "\xc0", "\xe0\x80", "\xed\xa0\x80", "\xf4\x90", "\xff", " "};
  const auto text = [&] {
    std::string s;
    for (int n = static_cast<int>(rng() % 6); n > 0; --n)
      s += alphabet[rng() % std::size(alphabet)];
    return s;
  };
  std::function<Json(int)> make = [&](int depth) -> Json {
    switch (depth > 2 ? rng() % 4 : rng() % 6) {
      case 0:
        return text();
      case 1:
        return static_cast<int64_t>(rng()) - (int64_t{1} << 31);
      case 2:
        return static_cast<double>(rng() % 100000) / 8.0;
      case 3:
        return rng() % 2 == 0;
      case 4: {
        Json a = Json::array();
        for (int n = static_cast<int>(rng() % 4); n > 0; --n) a.push_back(make(depth + 1));
        return a;
      }
      default: {
        Json o = Json::object();
        for (int n = static_cast<int>(rng() % 4); n > 0; --n) o[text()] = make(depth + 1);
        return o;
      }
    }
  };
  int invalid = 0;
  for (int i = 0; i < 5000; ++i) {
    const Json v = make(0);
    std::optional<std::string> library;
    try {
      library = LibraryDump(v);
    } catch (const Json::exception&) {
      ++invalid;
    }
    if (library) {
      EXPECT_EQ(CanonicalJson(v), *library);
    } else {
      EXPECT_THROW(CanonicalJson(v), Json::exception);
    }
  }
  EXPECT_GT(invalid, 100);  // the broken UTF-8 above was exercised
}

// Strings are scanned eight bytes at a time: every byte that needs care, and its neighbours
// that do not, at every offset of strings long enough for the word scan, as keys and values.
TEST(CanonicalJsonTest, AgreesWithTheLibraryAtEveryOffset) {
  const std::string specials[] = {"\"", "\\", "\x01", "\x1f", "\n",       " ",  "!",    "#",
                                  "[",  "]",  "~",    "\x7f", "\xc3\xa9", "权", "\xff", "\xc3"};
  int checked = 0;
  for (size_t len = 0; len < 24; ++len) {
    for (size_t at = 0; at <= len; ++at) {
      for (const std::string& special : specials) {
        std::string text(len, 'a');
        text.insert(at, special);
        for (const Json& v : {Json(text), Json{{text, 1}}}) {
          std::optional<std::string> library;
          try {
            library = LibraryDump(v);
          } catch (const Json::exception&) {
          }
          if (library) {
            EXPECT_EQ(CanonicalJson(v), *library);
          } else {
            EXPECT_THROW(CanonicalJson(v), Json::exception) << text;
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 300 * 16 * 2);
}

// Values far larger than the 512 bytes reserved up front, with every kind of piece crossing
// the buffer's growth points, come out as the library writes them.
TEST(CanonicalJsonTest, AgreesWithTheLibraryOnLargeValues) {
  const std::string pieces[] = {"a", "权限", "\"", "\n", "\x01", "0123456789"};
  Json big = Json::object();
  for (int i = 0; i < 400; ++i) {
    std::string text;
    for (int n = 0; n < i % 37; ++n) text += pieces[(i + n) % std::size(pieces)];
    Json item = {{"text", text}, {"n", i * 1000003}, {"x", i / 8.0}, {"ok", i % 2 == 0}};
    item["list"] = Json::array({text, nullptr, -i});
    big["key " + text + std::to_string(i)] = item;
  }
  const std::string canonical = CanonicalJson(big);
  EXPECT_GT(canonical.size(), size_t{64} << 10);
  EXPECT_EQ(canonical, LibraryDump(big));
  EXPECT_EQ(CanonicalJson(Json(std::string(100000, 'z'))), LibraryDump(std::string(100000, 'z')));
}

TEST(TextTest, Utf8IsCheckedAsTheJsonLibraryDoes) {
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));   // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xef\xbf\xbf"));       // U+FFFF
  EXPECT_FALSE(IsValidUtf8("\xc0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xf5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  // Every one- to three-byte string over bytes that matter agrees with the library.
  const unsigned char bytes[] = {0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1,
                                 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  std::vector<std::string> strings{""};
  for (int len = 0; len < 3; ++len) {
    const size_t n = strings.size();
    for (size_t i = 0; i < n; ++i) {
      for (unsigned char b : bytes) strings.push_back(strings[i] + static_cast<char>(b));
    }
  }
  // Also after and before runs of ASCII (read eight bytes at a time), at every alignment.
  const std::vector<std::string> pads = {"", "abcdefghi", "abcdefgh", "abcdefghijklmnopq"};
  for (const auto& tail : {std::string(), std::string("\x80"), std::string("\x80\x80")}) {
    for (const auto& s : strings) {
      bool library = true;
      try {
        (void)LibraryDump(Json(s + tail));
      } catch (const Json::exception&) {
        library = false;
      }
      for (const auto& before : pads) {
        for (const auto& after : pads) {
          const std::string text = before + s + tail + after;
          EXPECT_EQ(IsValidUtf8(text), library) << BytesHex(text);
        }
      }
    }
  }
}

TEST(TextTest, CodePointsAreEncodedAsUtf8AndHexDigitsRead) {
  const std::vector<std::pair<uint32_t, std::string>> cases = {{0x0, std::string(1, '\0')},
                                                               {0x41, "A"},
                                                               {0x7F, "\x7f"},
                                                               {0x80, "\xc2\x80"},
                                                               {0x7FF, "\xdf\xbf"},
                                                               {0x800, "\xe0\xa0\x80"},
                                                               {0x4E91, "云"},
                                                               {0xFFFF, "\xef\xbf\xbf"},
                                                               {0x1F600, "\xf0\x9f\x98\x80"},
                                                               {0x10FFFF, "\xf4\x8f\xbf\xbf"}};
  for (const auto& [code, bytes] : cases) {
    std::string out = "x";
    AppendUtf8(out, code);
    EXPECT_EQ(out, "x" + bytes) << code;
    EXPECT_TRUE(IsValidUtf8(out)) << code;
  }
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('9'), 9);
  EXPECT_EQ(HexDigitValue('a'), 10);
  EXPECT_EQ(HexDigitValue('F'), 15);
  EXPECT_EQ(HexDigitValue('g'), -1);
  EXPECT_EQ(HexDigitValue('/'), -1);
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
