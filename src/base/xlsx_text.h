// Text for xlsx cells written with libxlsxwriter.
#pragma once

#include <string>

namespace dl {

// libxlsxwriter escapes control characters as _xHHHH_ but leaves a literal "_xHHHH_" in the
// text as it is, which Excel (and io::XlsxReader) would decode; this escapes its underscore
// as Excel does ("_x005F_xHHHH_"). Other text is returned unchanged.
std::string EscapeXlsxLiteral(const std::string& s);

}  // namespace dl
