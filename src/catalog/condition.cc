#include "catalog/condition.h"

#include <cstdlib>

namespace dl::catalog {

struct Condition::Expr {
  enum class Kind { kOr, kAnd, kCompare };
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe };
  Kind kind = Kind::kCompare;
  std::vector<std::shared_ptr<const Expr>> children;  // for kOr / kAnd
  std::string name;                                   // for kCompare
  Op op = Op::kEq;
  std::variant<double, std::string> literal;
};

namespace {

using Expr = Condition::Expr;

struct Token {
  enum class Kind { kName, kNumber, kText, kOp, kAnd, kOr, kLParen, kRParen, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;
  size_t column = 0;  // 1-based, in characters
};

size_t CharColumn(std::string_view s, size_t byte) {
  size_t col = 1;
  for (size_t i = 0; i < byte && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

bool IsNameByte(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '.';
}

Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  auto err = [&](size_t at, const std::string& what) {
    return Err(ErrorCode::kInvalidArgument,
               "条件表达式第 " + std::to_string(CharColumn(s, at)) + " 个字符处: " + what);
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t start = i;
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    Token t;
    t.column = CharColumn(s, start);
    if (s.substr(i).starts_with("且") || s.substr(i).starts_with("&&")) {
      t.kind = Token::Kind::kAnd;
      i += s.substr(i).starts_with("且") ? 3 : 2;
    } else if (s.substr(i).starts_with("或") || s.substr(i).starts_with("||")) {
      t.kind = Token::Kind::kOr;
      i += s.substr(i).starts_with("或") ? 3 : 2;
    } else if (s.substr(i).starts_with("\u3000")) {
      i += 3;
      continue;
    } else if (c == '(' || c == ')') {
      t.kind = c == '(' ? Token::Kind::kLParen : Token::Kind::kRParen;
      ++i;
    } else if (c == '=' || c == '!' || c == '<' || c == '>') {
      t.kind = Token::Kind::kOp;
      t.text.push_back(static_cast<char>(c));
      ++i;
      if (i < s.size() && s[i] == '=') t.text.push_back(s[i++]);
      if (t.text == "=" || t.text == "!") return err(start, "应为 ==、!=、<、<=、>、>= 之一");
    } else if (c == '"' || c == '\'') {
      size_t end = s.find(static_cast<char>(c), i + 1);
      if (end == std::string_view::npos) return err(start, "引号未闭合");
      t.kind = Token::Kind::kText;
      t.text = std::string(s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if ((c >= '0' && c <= '9') || c == '-') {
      size_t j = i + 1;
      while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
      t.kind = Token::Kind::kNumber;
      t.text = std::string(s.substr(i, j - i));
      char* endp = nullptr;
      std::strtod(t.text.c_str(), &endp);
      if (t.text == "-" || *endp != '\0') return err(start, "数字格式错误: " + t.text);
      i = j;
    } else if (IsNameByte(c)) {
      size_t j = i;
      while (j < s.size() && IsNameByte(static_cast<unsigned char>(s[j])) &&
             !s.substr(j).starts_with("且") && !s.substr(j).starts_with("或") &&
             !s.substr(j).starts_with("\u3000")) {
        ++j;
      }
      t.text = std::string(s.substr(i, j - i));
      t.kind = t.text == "and"  ? Token::Kind::kAnd
               : t.text == "or" ? Token::Kind::kOr
                                : Token::Kind::kName;
      i = j;
    } else {
      return err(start, std::string("无法识别的字符 '") + static_cast<char>(c) + "'");
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.kind = Token::Kind::kEnd;
  end.column = CharColumn(s, s.size());
  out.push_back(end);
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<std::shared_ptr<const Expr>> ParseAll() {
    DL_ASSIGN_OR_RETURN(auto e, ParseOr());
    if (Peek().kind != Token::Kind::kEnd) return Fail("多余的内容 '" + Peek().text + "'");
    return e;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() { return tokens_[pos_++]; }
  tl::unexpected<Error> Fail(const std::string& what) const {
    return Err(ErrorCode::kInvalidArgument,
               "条件表达式第 " + std::to_string(Peek().column) + " 个字符处: " + what);
  }

  Result<std::shared_ptr<const Expr>> ParseOr() {
    return ParseList(Token::Kind::kOr, Expr::Kind::kOr);
  }
  Result<std::shared_ptr<const Expr>> ParseAnd() {
    return ParseList(Token::Kind::kAnd, Expr::Kind::kAnd);
  }

  Result<std::shared_ptr<const Expr>> ParseList(Token::Kind sep, Expr::Kind kind) {
    auto sub = [&]() { return kind == Expr::Kind::kOr ? ParseAnd() : ParseCompare(); };
    DL_ASSIGN_OR_RETURN(auto first, sub());
    if (Peek().kind != sep) return first;
    auto node = std::make_shared<Expr>();
    node->kind = kind;
    node->children.push_back(first);
    while (Peek().kind == sep) {
      Next();
      DL_ASSIGN_OR_RETURN(auto more, sub());
      node->children.push_back(more);
    }
    return std::shared_ptr<const Expr>(node);
  }

  Result<std::shared_ptr<const Expr>> ParseCompare() {
    if (Peek().kind == Token::Kind::kLParen) {
      Next();
      DL_ASSIGN_OR_RETURN(auto inner, ParseOr());
      if (Peek().kind != Token::Kind::kRParen) return Fail("缺少右括号 ')'");
      Next();
      return inner;
    }
    if (Peek().kind != Token::Kind::kName) return Fail("应为字段名，例如 amount 或 金额");
    auto node = std::make_shared<Expr>();
    node->name = Next().text;
    if (Peek().kind != Token::Kind::kOp) return Fail("应为比较运算符 ==、!=、<、<=、>、>=");
    const std::string op = Next().text;
    node->op = op == "=="   ? Expr::Op::kEq
               : op == "!=" ? Expr::Op::kNe
               : op == "<"  ? Expr::Op::kLt
               : op == "<=" ? Expr::Op::kLe
               : op == ">"  ? Expr::Op::kGt
                            : Expr::Op::kGe;
    const Token& lit = Peek();
    if (lit.kind == Token::Kind::kNumber) {
      node->literal = std::strtod(lit.text.c_str(), nullptr);
    } else if (lit.kind == Token::Kind::kText) {
      node->literal = lit.text;
    } else {
      return Fail("应为数字或带引号的文字");
    }
    Next();
    return std::shared_ptr<const Expr>(node);
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

template <class T>
bool Compare(const T& a, Expr::Op op, const T& b) {
  switch (op) {
    case Expr::Op::kEq:
      return a == b;
    case Expr::Op::kNe:
      return a != b;
    case Expr::Op::kLt:
      return a < b;
    case Expr::Op::kLe:
      return a <= b;
    case Expr::Op::kGt:
      return a > b;
    case Expr::Op::kGe:
      return a >= b;
  }
  return false;
}

bool Eval(const Expr& e, const Json& values) {
  switch (e.kind) {
    case Expr::Kind::kOr:
      for (const auto& c : e.children) {
        if (Eval(*c, values)) return true;
      }
      return false;
    case Expr::Kind::kAnd:
      for (const auto& c : e.children) {
        if (!Eval(*c, values)) return false;
      }
      return true;
    case Expr::Kind::kCompare:
      break;
  }
  if (!values.is_object()) return false;
  auto it = values.find(e.name);
  if (it == values.end()) return false;
  if (const double* num = std::get_if<double>(&e.literal)) {
    if (!it->is_number()) return false;
    return Compare(it->get<double>(), e.op, *num);
  }
  if (!it->is_string()) return false;
  return Compare(it->get_ref<const std::string&>(), e.op, std::get<std::string>(e.literal));
}

void CollectNames(const Expr& e, std::vector<std::string>& out) {
  if (e.kind == Expr::Kind::kCompare) {
    out.push_back(e.name);
    return;
  }
  for (const auto& c : e.children) CollectNames(*c, out);
}

}  // namespace

Result<Condition> Condition::Parse(std::string_view text) {
  DL_ASSIGN_OR_RETURN(auto tokens, Tokenize(text));
  if (tokens.size() == 1) return Err(ErrorCode::kInvalidArgument, "条件表达式为空");
  Parser parser(std::move(tokens));
  DL_ASSIGN_OR_RETURN(auto root, parser.ParseAll());
  Condition c;
  c.root_ = std::move(root);
  return c;
}

bool Condition::Evaluate(const Json& values) const { return root_ && Eval(*root_, values); }

std::vector<std::string> Condition::Names() const {
  std::vector<std::string> out;
  if (root_) CollectNames(*root_, out);
  return out;
}

}  // namespace dl::catalog
