#include "assess/assess_json.h"

#include <cmath>

namespace dl::assess {
namespace {

double Round2(double x) { return static_cast<double>(Hundredths(x)) / 100; }
// Measured values keep more precision (a ratio of 2/3 is 0.6667, not 0.67).
double Round4(double x) { return std::round(x * 10000) / 10000; }

Json IndicatorJson(const IndicatorScore& s) {
  Json facts = Json::array();
  for (const FactRef& f : s.facts)
    facts.push_back({{"kind", f.kind}, {"id", f.id}, {"note", f.note}});
  return {{"id", s.id},
          {"name", s.name},
          {"source", s.source},
          {"weight", s.weight},
          {"used_weight", Round2(s.used_weight)},
          {"available", s.available},
          {"value", s.available ? Json(Round4(s.value)) : Json()},
          {"numerator", s.numerator},
          {"denominator", s.denominator},
          {"deducted", Round2(s.deducted)},
          {"score", Round2(s.score)},
          {"note", s.note},
          {"facts", std::move(facts)}};
}

}  // namespace

Json AssessmentToJson(const Assessment& a) {
  Json units = Json::array();
  for (const UnitScore& u : a.units) {
    Json indicators = Json::array();
    for (const IndicatorScore& s : u.indicators) indicators.push_back(IndicatorJson(s));
    units.push_back({{"unit", u.unit},
                     {"name", u.name},
                     {"total", Round2(u.total)},
                     {"grade", std::string(kGrades.Label(u.grade))},
                     {"rank", u.rank},
                     {"indicators", std::move(indicators)}});
  }
  auto bound = [](long long h) { return static_cast<double>(h) / 100; };
  return {{"scheme", a.scheme},
          {"period",
           {{"code", a.period.code},
            {"label", a.period.Label()},
            {"first", a.period.first.ToString()},
            {"last", a.period.last.ToString()}}},
          {"grades",
           {{"优秀", bound(a.grades.excellent)},
            {"良好", bound(a.grades.good)},
            {"合格", bound(a.grades.pass)}}},
          {"units", std::move(units)}};
}

}  // namespace dl::assess
