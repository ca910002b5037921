#include "base/xlsx_text.h"

#include <cctype>

namespace dl {

std::string EscapeXlsxLiteral(const std::string& s) {
  if (s.find("_x") == std::string::npos) return s;
  auto hex = [&](size_t i) { return std::isxdigit(static_cast<unsigned char>(s[i])) != 0; };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && hex(i + 2) && hex(i + 3) &&
        hex(i + 4) && hex(i + 5) && s[i + 6] == '_') {
      out += "_x005F";
    }
    out += s[i];
  }
  return out;
}

}  // namespace dl
