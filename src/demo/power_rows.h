// The powers each unit of the demo county declares: external powers per unit (with their
// real legal bases and, for penalties, the statutory fine range) and the pools internal
// powers are drawn from.
#pragma once

#include <string>
#include <vector>

#include "catalog/power.h"

namespace dl::demo {

struct PowerRow {
  catalog::Category category = catalog::Category::kLicensing;
  std::string name;
  std::vector<std::string> basis;  // 1–2 citations; the generator may add a procedural one
  int section = 1;                 // handling section (index into the unit's sections)
  long long fine_lo = 0;           // 行政处罚: the statutory fine range, in fine_unit
  long long fine_hi = 0;
  std::string fine_unit = "元";
  int days = 0;            // statutory time limit in days if it differs from the category's default
  bool delegable = false;  // a plausible candidate for 下放 to the townships
  std::string merge_into;  // name of a power of the same unit it may be 合并 into
};

struct UnitPowers {
  std::string abbr;  // the unit (see PowerUnitSpecs); "TOWN" rows apply to every township
  std::vector<PowerRow> rows;
};

// External powers of every unit, in a fixed order (codes are numbered in this order).
const std::vector<UnitPowers>& ExternalPowerRows();
// The two halves the table is kept in (power_rows_a.cc, power_rows_b.cc).
std::vector<UnitPowers> ExternalPowerRowsA();
std::vector<UnitPowers> ExternalPowerRowsB();

// The external row of a unit by power name; null if none.
const PowerRow* FindExternalRow(const std::string& abbr, const std::string& name);

// Internal powers of one category that a unit may hold; every unit holds some of each.
const std::vector<PowerRow>& InternalPowerPool(catalog::Category category);

// Shorthands for writing the power tables.
namespace rows {

inline PowerRow R(catalog::Category category, std::string name, std::vector<std::string> basis,
                  int section, int days = 0) {
  PowerRow r;
  r.category = category;
  r.name = std::move(name);
  r.basis = std::move(basis);
  r.section = section;
  r.days = days;
  return r;
}

inline PowerRow Fine(std::string name, std::vector<std::string> basis, int section, long long lo,
                     long long hi, std::string unit = "元") {
  PowerRow r = R(catalog::Category::kPenalty, std::move(name), std::move(basis), section);
  r.fine_lo = lo;
  r.fine_hi = hi;
  r.fine_unit = std::move(unit);
  return r;
}

// Marks a row as a candidate for 下放 to the townships.
inline PowerRow D(PowerRow r) {
  r.delegable = true;
  return r;
}

// Marks a row as one that may be 合并 into another power of the unit.
inline PowerRow M(PowerRow r, std::string into) {
  r.merge_into = std::move(into);
  return r;
}

}  // namespace rows

}  // namespace dl::demo
