// Result<T>: a value or an Error, never both. Expected failures (bad input, not found,
// conflict, out of scope) travel as Results; exceptions never cross a domain boundary.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace dl {

enum class ErrorCode {
  kInvalidArgument,   // the caller's input is wrong; the message says where and why
  kNotFound,          // a named thing does not exist
  kConflict,          // the change contradicts the current state
  kPermissionDenied,  // outside the caller's role or units
  kUnauthenticated,
  kResourceExhausted,  // a queue or a limit is full; retry later
  kIo,                 // a file or the disk failed
  kCorrupt,            // stored data does not match what it must be
  kInternal,           // a bug: should never happen
};

// Stable lower-case name of a code, as used in JSON error bodies ("invalid_argument").
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;     // for a person: what is wrong and where
  nlohmann::json details;  // machine-readable specifics (e.g. a list of issues); may be null

  // "invalid_argument: message"
  std::string ToString() const;
};

template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
  Result(const tl::expected<T, Error>& other) : tl::expected<T, Error>(other) {}
  Result(tl::expected<T, Error>&& other) : tl::expected<T, Error>(std::move(other)) {}
};

using Status = Result<void>;

inline tl::unexpected<Error> Err(ErrorCode code, std::string message,
                                 nlohmann::json details = nullptr) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(details)});
}
inline tl::unexpected<Error> Err(Error error) { return tl::unexpected<Error>(std::move(error)); }

inline Status Ok() { return {}; }

}  // namespace dl

// Propagates an error from an expression returning Result/Status.
#define DL_RETURN_IF_ERROR(expr)                           \
  do {                                                     \
    auto dl_status_ = (expr);                              \
    if (!dl_status_) return ::dl::Err(dl_status_.error()); \
  } while (false)

#define DL_CONCAT_INNER_(a, b) a##b
#define DL_CONCAT_(a, b) DL_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result expression, or returns its error.
#define DL_ASSIGN_OR_RETURN(lhs, expr) \
  DL_ASSIGN_OR_RETURN_IMPL_(DL_CONCAT_(dl_r_, __LINE__), lhs, expr)
#define DL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp) return ::dl::Err(tmp.error());        \
  lhs = std::move(*tmp)
