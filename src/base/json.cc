#include "base/json.h"

#include <optional>

namespace dl {

std::string CanonicalJson(const Json& value) {
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
