#include "base/json.h"

#include <optional>

namespace dl {

std::string CanonicalJson(const Json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::strict);
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
