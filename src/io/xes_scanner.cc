#include "io/xes_scanner.h"

#include <zlib.h>

#include <algorithm>
#include <utility>

namespace dl::io::internal {
namespace {

constexpr size_t kChunk = 1 << 20;
constexpr size_t kKeep = 8 << 20;  // consumed bytes kept before the buffer is compacted

bool NameChar(char c) {
  return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/' && c != '>';
}

}  // namespace

Result<XesScanner> XesScanner::Open(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) return Err(ErrorCode::kIo, "无法读取文件 " + path);
  gzbuffer(gz, 1 << 17);
  return XesScanner(gz);
}

XesScanner::XesScanner(XesScanner&& other) noexcept
    : gz_(std::exchange(other.gz_, nullptr)),
      buf_(std::move(other.buf_)),
      eof_(other.eof_),
      started_(other.started_),
      done_(other.done_),
      pos_(other.pos_),
      line_pos_(other.line_pos_),
      line_(other.line_) {}

XesScanner::~XesScanner() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
}

Status XesScanner::ReadMore(bool& got) {
  got = false;
  if (eof_) return Ok();
  size_t old = buf_.size();
  buf_.resize(old + kChunk);
  int n = gzread(static_cast<gzFile>(gz_), buf_.data() + old, static_cast<unsigned>(kChunk));
  if (n < 0) {
    int code = 0;
    std::string what = gzerror(static_cast<gzFile>(gz_), &code);
    buf_.resize(old);
    return Err(ErrorCode::kIo, "gzip 数据损坏，无法解压 (" + what + ")");
  }
  buf_.resize(old + static_cast<size_t>(n));
  eof_ = n == 0;
  got = n > 0;
  return Ok();
}

Result<size_t> XesScanner::Find(size_t from, std::string_view needle) {
  for (;;) {
    size_t found = buf_.find(needle, from);
    if (found != std::string::npos) return found;
    if (buf_.size() >= needle.size()) from = std::max(from, buf_.size() - needle.size() + 1);
    bool got = false;
    DL_RETURN_IF_ERROR(ReadMore(got));
    if (!got) return std::string::npos;
  }
}

Result<XesScanner::Markup> XesScanner::NextMarkup(size_t from) {
  Markup m;
  DL_ASSIGN_OR_RETURN(m.begin, Find(from, "<"));
  m.end = std::string::npos;
  if (m.begin == std::string::npos) return m;
  for (bool got = true; got && buf_.size() < m.begin + 9;) DL_RETURN_IF_ERROR(ReadMore(got));
  auto at = [&](std::string_view s) { return buf_.compare(m.begin, s.size(), s) == 0; };
  auto skip_to = [&](std::string_view close) -> Status {
    DL_ASSIGN_OR_RETURN(size_t f, Find(m.begin + 2, close));
    m.end = f == std::string::npos ? f : f + close.size();
    return Ok();
  };
  if (at("<!--")) {
    DL_RETURN_IF_ERROR(skip_to("-->"));
  } else if (at("<![CDATA[")) {
    DL_RETURN_IF_ERROR(skip_to("]]>"));
  } else if (at("<?")) {
    DL_RETURN_IF_ERROR(skip_to("?>"));
  } else if (at("<!")) {
    DL_RETURN_IF_ERROR(skip_to(">"));
  } else {
    size_t i = m.begin + 1;
    char quote = 0;
    for (bool got = true;; ++i) {
      while (i >= buf_.size() && got) DL_RETURN_IF_ERROR(ReadMore(got));
      if (i >= buf_.size()) return m;  // cut off inside the tag: end stays npos
      char c = buf_[i];
      if (i == m.begin + 1 && c == '/') {
        m.closing = true;
      } else if (m.end == std::string::npos && quote == 0 && NameChar(c) && c != '"' && c != '\'' &&
                 i == m.begin + 1 + (m.closing ? 1 : 0) + m.name.size()) {
        m.name += c;
      } else if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        m.end = i + 1;
        m.self_closing = buf_[i - 1] == '/';
        break;
      }
    }
  }
  return m;
}

Result<XesScanner::Markup> XesScanner::NextElementTag(size_t from) {
  for (;;) {
    DL_ASSIGN_OR_RETURN(Markup m, NextMarkup(from));
    if (m.begin == std::string::npos || m.end == std::string::npos || !m.name.empty()) return m;
    from = m.end;
  }
}

int XesScanner::LineAt(size_t pos) {
  if (pos >= line_pos_) {
    line_ += static_cast<int>(std::count(buf_.begin() + static_cast<ptrdiff_t>(line_pos_),
                                         buf_.begin() + static_cast<ptrdiff_t>(pos), '\n'));
  } else {
    line_ -= static_cast<int>(std::count(buf_.begin() + static_cast<ptrdiff_t>(pos),
                                         buf_.begin() + static_cast<ptrdiff_t>(line_pos_), '\n'));
  }
  line_pos_ = pos;
  return line_;
}

void XesScanner::Discard(size_t upto) {
  LineAt(upto);
  buf_.erase(0, upto);
  pos_ -= upto;
  line_pos_ -= upto;
}

XesScanner::Piece XesScanner::Bad(size_t pos, std::string message) {
  done_ = true;
  Piece p;
  p.kind = Kind::kBad;
  p.line = LineAt(std::min(pos, buf_.size()));
  p.message = std::move(message);
  return p;
}

Result<XesScanner::Piece> XesScanner::Next() {
  Piece piece;
  if (done_) return piece;
  if (!started_) {
    started_ = true;
    for (size_t from = 0;;) {
      DL_ASSIGN_OR_RETURN(Markup m, NextElementTag(from));
      if (m.begin == std::string::npos || m.end == std::string::npos) break;
      if (!m.closing && m.name == "trace") {
        piece.kind = Kind::kHeader;
        piece.text = buf_.substr(0, m.begin) + "</log>";
        pos_ = m.begin;
        return piece;
      }
      from = m.end;
    }
    for (bool got = true; got;) DL_RETURN_IF_ERROR(ReadMore(got));
    done_ = true;
    piece.kind = Kind::kDocument;
    piece.text = std::move(buf_);
    return piece;
  }
  if (pos_ > kKeep) Discard(pos_);
  DL_ASSIGN_OR_RETURN(Markup m, NextElementTag(pos_));
  if (m.begin == std::string::npos) return Bad(buf_.size(), "缺少结束标记 </log>");
  if (m.end == std::string::npos) return Bad(m.begin, "标记没有结束（文件在此截断）");
  if (m.closing && m.name == "log") {
    for (size_t from = m.end;;) {
      DL_ASSIGN_OR_RETURN(Markup after, NextMarkup(from));
      size_t text_end = after.begin == std::string::npos ? buf_.size() : after.begin;
      for (size_t i = from; i < text_end; ++i) {
        if (buf_[i] != ' ' && buf_[i] != '\t' && buf_[i] != '\r' && buf_[i] != '\n') {
          return Bad(i, "</log> 之后还有内容");
        }
      }
      if (after.begin == std::string::npos) break;
      if (!after.name.empty() || after.end == std::string::npos) {
        return Bad(after.begin, "</log> 之后还有内容");
      }
      from = after.end;
    }
    done_ = true;
    return piece;  // kEnd
  }
  if (m.closing || m.name != "trace") {
    return Bad(m.begin, m.closing
                            ? "多余的结束标记 </" + m.name + ">"
                            : "轨迹之间出现了 <" + m.name + ">：<log> 中轨迹之后只能是 </log>");
  }
  size_t end = m.end;
  if (!m.self_closing) {
    for (size_t from = m.end;;) {
      DL_ASSIGN_OR_RETURN(Markup t, NextElementTag(from));
      if (t.begin == std::string::npos || t.end == std::string::npos) {
        return Bad(m.begin, "<trace> 没有结束标记 </trace>");
      }
      if (t.name == "trace") {
        if (!t.closing) {
          return Bad(t.begin,
                     "上一个 <trace>（第 " + std::to_string(LineAt(m.begin)) + " 行）还没有结束");
        }
        end = t.end;
        break;
      }
      from = t.end;
    }
  }
  piece.kind = Kind::kTrace;
  piece.line = LineAt(m.begin);
  piece.text = buf_.substr(m.begin, end - m.begin);
  pos_ = end;
  return piece;
}

}  // namespace dl::io::internal
