// Fixed tables of the demo county's organisation: the units that hold powers, with their
// leadership titles and sections (股室), and the pools that person names and counterparty
// companies are drawn from.
#pragma once

#include <string>
#include <vector>

#include "org/org.h"

namespace dl::demo {

inline constexpr const char* kProvinceName = "南屏省";
inline constexpr const char* kCityName = "江屿市";
inline constexpr const char* kCountyName = "云溪县";
inline constexpr const char* kProvinceCode = "NP";
inline constexpr const char* kCityCode = "NP-JY";
inline constexpr const char* kCountyCode = "YX";
inline constexpr const char* kDisciplineAbbr = "JW";  // 县纪委监委

struct SectionSpec {
  std::string name;         // "投资股"
  std::string chief_title;  // "股长", "主任", "大队长"
};

// One unit that holds powers: a department, a township or the 纪委监委 itself.
struct UnitSpec {
  std::string abbr;  // used in unit, post and power codes: "FGJ"
  std::string name;  // "云溪县发展和改革局"
  org::UnitKind kind = org::UnitKind::kGovernment;
  std::string head_title;                  // "党组书记、局长"
  std::vector<std::string> deputy_titles;  // "副局长" ×2–3
  std::vector<SectionSpec> sections;       // 2–4; the first is always the office (办公室)
  int enforce_section = 0;                 // index of the section that investigates and enforces
  int group = 0;        // 1–4: supervised by that 派驻纪检监察组; 0: by the 纪委 itself
  std::string minutes;  // "局党组会议纪要": the record of its collective decisions
  std::string body;     // "局党组会议": the body that decides collectively
};

// Departments, then townships, then the 纪委监委, in a fixed order.
const std::vector<UnitSpec>& PowerUnitSpecs();

// The 派驻纪检监察组: ordinal word ("第一") per group number 1..4.
const std::vector<std::string>& ResidentGroupOrdinals();

const std::vector<std::string>& Surnames();  // most common first
const std::vector<int>& SurnameWeights();    // parallel to Surnames()
const std::vector<std::string>& GivenNames();

struct CompanySpec {
  std::string name;
  std::vector<std::string> related_units;  // abbrs of units whose people may be related
};
const std::vector<CompanySpec>& Companies();

}  // namespace dl::demo
