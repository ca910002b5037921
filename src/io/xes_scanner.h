// Splits an XES log into its header and its <trace> elements while decompressing, so that a
// log is parsed one trace at a time (memory stays at one trace, not the whole document).
// Internal to the event readers. It relies only on what well-formed XML guarantees: every '<'
// outside comments, CDATA and processing instructions starts markup, and a '>' inside a tag
// can only be inside a quoted attribute value. Each piece is then parsed by a real XML parser.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace dl::io::internal {

class XesScanner {
 public:
  enum class Kind {
    kHeader,    // the text before the first <trace>, with "</log>" appended to close it
    kDocument,  // the whole text: it holds no <trace> (an empty log, or not XES at all)
    kTrace,     // one <trace>…</trace> element
    kEnd,       // </log> reached, nothing but comments and blanks after it
    kBad,       // the structure around the traces is broken: `message` says how, at `line`
  };
  struct Piece {
    Kind kind = Kind::kEnd;
    std::string text;
    int line = 1;  // the line of the piece's first character (kBad: of the problem)
    std::string message;
  };

  // Opens the file (gzip or plain). kIo if it cannot be opened.
  static Result<XesScanner> Open(const std::string& path);
  XesScanner(XesScanner&& other) noexcept;
  XesScanner& operator=(XesScanner&&) = delete;
  ~XesScanner();

  // The first call returns kHeader or kDocument, later calls kTrace until kEnd or kBad.
  // kIo when the file cannot be read (e.g. corrupt gzip).
  Result<Piece> Next();

 private:
  struct Markup {
    size_t begin = 0;  // at '<'
    size_t end = 0;    // just past '>'
    bool closing = false;
    bool self_closing = false;
    std::string name;  // empty for comments, CDATA, declarations and processing instructions
  };
  explicit XesScanner(void* gz) : gz_(gz) {}

  Status ReadMore(bool& got);
  // Finds `needle` at or after `from`, reading on as needed; npos at the end of the file.
  Result<size_t> Find(size_t from, std::string_view needle);
  // The next markup at or after `from`; nullopt-like (name empty, begin npos) at the end.
  Result<Markup> NextMarkup(size_t from);
  Result<Markup> NextElementTag(size_t from);  // skips comments and the like
  int LineAt(size_t pos);
  void Discard(size_t upto);
  Piece Bad(size_t pos, std::string message);

  void* gz_ = nullptr;  // gzFile
  std::string buf_;
  bool eof_ = false;
  bool started_ = false;
  bool done_ = false;
  size_t pos_ = 0;  // where the next search starts
  size_t line_pos_ = 0;
  int line_ = 1;  // the line at buf_[line_pos_]
};

}  // namespace dl::io::internal
