// Undo logs whose marks count every change since the log began, so that a mark stays valid
// when the front of the log is forgotten (a committed batch while the next one is pending).
// Used by the case engine, the window rules and the warning book.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace dl {

// Forgets the entries of `undo` before `mark`; `base` is the mark of undo[0] and moves on.
// A mark at or before `base` forgets nothing; one past the end forgets everything.
template <class T>
void ForgetUndoBefore(std::vector<T>& undo, size_t& base, size_t mark) {
  const size_t n = std::min(mark - std::min(mark, base), undo.size());
  undo.erase(undo.begin(), std::next(undo.begin(), static_cast<std::ptrdiff_t>(n)));
  base += n;
}

}  // namespace dl
