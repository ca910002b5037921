// Conditions on flow edges: small boolean expressions over case values, such as
//   amount >= 500000
//   金额 >= 500000 且 类型 == "工程"
//   decision == "不予许可" or decision == "退回"
// Grammar: or-expr := and-expr (("or" | "或" | "||") and-expr)*
//          and-expr := cmp (("and" | "且" | "&&") cmp)*
//          cmp := name op literal | "(" or-expr ")"
//          op := == != < <= > >=      literal := number | "text" | 'text'
// A name is a run of letters, digits, '_' or '.', or of non-ASCII characters.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace dl::catalog {

class Condition {
 public:
  // Parses the expression; on error the message names the column (1-based, in characters).
  static Result<Condition> Parse(std::string_view text);
  // Evaluates against case values (a JSON object). A missing name or a comparison of a
  // number with text is false. Thread-safe.
  bool Evaluate(const Json& values) const;
  // Names the condition reads, in order of appearance.
  std::vector<std::string> Names() const;

  struct Expr;

 private:
  std::shared_ptr<const Expr> root_;
};

}  // namespace dl::catalog
