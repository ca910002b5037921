#include "base/text.h"

namespace dl {
namespace {
constexpr std::string_view kIdeographicSpace = "\u3000";
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string_view Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return s;
}

std::vector<std::string> SplitList(std::string_view s, std::string_view ascii_separators) {
  static constexpr std::string_view kWide[] = {"；", "、", "，"};
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto t = Trim(current);
    if (!t.empty()) out.emplace_back(t);
    current.clear();
  };
  size_t i = 0;
  while (i < s.size()) {
    if (ascii_separators.find(s[i]) != std::string_view::npos || s[i] == '\n') {
      flush();
      ++i;
      continue;
    }
    bool wide = false;
    for (auto w : kWide) {
      if (s.substr(i).starts_with(w)) {
        flush();
        i += w.size();
        wide = true;
        break;
      }
    }
    if (!wide) current.push_back(s[i++]);
  }
  flush();
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace dl
