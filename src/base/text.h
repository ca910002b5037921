// Small string helpers for UTF-8 text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dl {

// Removes ASCII whitespace and the ideographic space (U+3000) from both ends.
std::string_view Trim(std::string_view s);
// Splits on any of the given single-byte separators and on the full-width ；、，
// Empty pieces (after trimming) are dropped.
std::vector<std::string> SplitList(std::string_view s, std::string_view ascii_separators = ";,");
// Joins with a separator.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// True if s is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points above
// U+10FFFF), which is also what the JSON library accepts.
bool IsValidUtf8(std::string_view s);
// Appends the UTF-8 encoding of a code point (at most U+10FFFF; the caller excludes
// surrogates where they matter).
void AppendUtf8(std::string& out, uint32_t code);
// The value of a hexadecimal digit (either case), or -1.
int HexDigitValue(char c);

}  // namespace dl
