// Overloaded{lambdas...}: a visitor for std::visit built from one lambda per alternative.
#pragma once

namespace dl {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

}  // namespace dl
