#include "base/json.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>

#include "base/text.h"

namespace dl {

namespace {

constexpr uint64_t kEachByte = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// True when one of the 8 bytes at `p` needs more than copying between quotes: a control
// character, '"', '\\', or a byte of a multi-byte UTF-8 sequence (the usual tests for a byte
// below n and a zero byte, one word at a time; exact as to whether any byte matches).
bool NeedsCare(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  const auto zero_byte = [](uint64_t x) { return (x - kEachByte) & ~x & kHighBits; };
  const uint64_t control = (w - kEachByte * 0x20) & ~w & kHighBits;
  return ((w & kHighBits) | control | zero_byte(w ^ (kEachByte * '"')) |
          zero_byte(w ^ (kEachByte * '\\'))) != 0;
}

bool NeedsCare(unsigned char c) { return c >= 0x80 || c < 0x20 || c == '"' || c == '\\'; }

// Appends `s` as a JSON string; false (nothing appended) when it is not valid UTF-8. Plain
// ASCII without escapes, most keys and values, is copied whole after one scan.
bool AppendCheckedString(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i + 8 <= s.size() && !NeedsCare(s.data() + i)) i += 8;
  while (i < s.size() && !NeedsCare(static_cast<unsigned char>(s[i]))) ++i;
  if (i == s.size()) {
    out.push_back('"');
    out.append(s);
    out.push_back('"');
    return true;
  }
  // The first i bytes are ASCII, so the rest starts a character.
  if (!IsValidUtf8(s.substr(i))) return false;
  AppendJsonString(out, s);
  return true;
}

// Appends the canonical text of `v`; false (with `out` partly written) for what it leaves to
// the library: binary values, and strings that are not valid UTF-8 (the library throws).
bool AppendCanonical(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.get_ref<const Json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        if (!AppendCheckedString(out, key)) return false;
        out.push_back(':');
        if (!AppendCanonical(out, item)) return false;
      }
      out.push_back('}');
      return true;
    }
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const Json& item : v.get_ref<const Json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        if (!AppendCanonical(out, item)) return false;
      }
      out.push_back(']');
      return true;
    }
    case Json::value_t::string: {
      return AppendCheckedString(out, v.get_ref<const std::string&>());
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      char buf[24];
      const auto r = v.is_number_unsigned()
                         ? std::to_chars(buf, buf + sizeof buf, v.get<uint64_t>())
                         : std::to_chars(buf, buf + sizeof buf, v.get<int64_t>());
      out.append(buf, r.ptr);
      return true;
    }
    case Json::value_t::number_float:
      out += v.dump();  // the library's shortest round-trip form
      return true;
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return true;
    case Json::value_t::null:
      out += "null";
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string CanonicalJson(const Json& value) {
  // Written directly (the ledger serialises every payload; the library's writer is several
  // times slower); tests hold it to the library's dump byte for byte.
  std::string out;
  out.reserve(512);  // most payloads fit: no regrowth while writing
  if (AppendCanonical(out, value)) return out;
  return value.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::strict);
}

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied: they need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

std::optional<Json> ParseJson(const std::string& text, std::string* error) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    if (error) {
      // Translate the byte offset into a line and column a person can find.
      size_t line = 1, col = 1;
      for (size_t i = 0; i < e.byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
          ++line;
          col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
          ++col;
        }
      }
      *error = "第 " + std::to_string(line) + " 行第 " + std::to_string(col > 1 ? col - 1 : 1) +
               " 列: JSON 格式错误 (" + e.what() + ")";
    }
    return std::nullopt;
  }
}

}  // namespace dl
