// Two-way tables between enum values and their Chinese labels, the words users read and
// type in Excel and JSON. One table per enum is the single source of those words.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dl {

template <class E, size_t N>
struct LabelTable {
  std::array<std::pair<E, std::string_view>, N> items;

  std::string_view Label(E e) const {
    for (const auto& [v, l] : items) {
      if (v == e) return l;
    }
    return "?";
  }
  std::optional<E> Parse(std::string_view label) const {
    for (const auto& [v, l] : items) {
      if (l == label) return v;
    }
    return std::nullopt;
  }
  // "行政许可、行政处罚、…" — for error messages that list the allowed words.
  std::string Choices() const {
    std::string s;
    for (size_t i = 0; i < N; ++i) {
      if (i) s += "、";
      s += items[i].second;
    }
    return s;
  }
};

}  // namespace dl
