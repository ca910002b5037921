// The organisation: units as a tree, posts, persons, assignments of persons to posts, and
// relations between persons and counterparties (used for recusal checks).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/labels.h"

namespace dl::org {

enum class UnitLevel { kProvince, kCity, kCounty, kUnit, kSection };
inline constexpr LabelTable<UnitLevel, 5> kUnitLevels{{{
    {UnitLevel::kProvince, "省"},
    {UnitLevel::kCity, "市"},
    {UnitLevel::kCounty, "县"},
    {UnitLevel::kUnit, "单位"},
    {UnitLevel::kSection, "股室"},
}}};

enum class UnitKind {
  kPartyCommittee,  // 党委及党委部门
  kGovernment,      // 政府部门
  kDiscipline,      // 纪委监委
  kResidentGroup,   // 派驻纪检组
  kTownship,        // 乡镇街道
  kInstitution,     // 事业单位
  kEnterprise,      // 国有企业
  kInternal,        // 内设机构
};
inline constexpr LabelTable<UnitKind, 8> kUnitKinds{{{
    {UnitKind::kPartyCommittee, "党委部门"},
    {UnitKind::kGovernment, "政府部门"},
    {UnitKind::kDiscipline, "纪委监委"},
    {UnitKind::kResidentGroup, "派驻纪检组"},
    {UnitKind::kTownship, "乡镇街道"},
    {UnitKind::kInstitution, "事业单位"},
    {UnitKind::kEnterprise, "国有企业"},
    {UnitKind::kInternal, "内设机构"},
}}};

struct Unit {
  std::string code;
  std::string name;
  std::string parent;  // code of the parent unit; empty for a root
  UnitLevel level = UnitLevel::kUnit;
  UnitKind kind = UnitKind::kGovernment;
  std::string supervisor;  // code of the discipline unit supervising this one; may be empty
  bool operator==(const Unit&) const = default;
};

struct Post {
  std::string code;
  std::string unit;  // code of the unit (or section) the post belongs to
  std::string name;
  bool leadership = false;  // 班子成员
  bool head = false;        // 一把手 (implies leadership)
  bool operator==(const Post&) const = default;
};

struct Person {
  std::string code;
  std::string name;
  bool operator==(const Person&) const = default;
};

struct Assignment {
  std::string person;
  std::string post;
  Date from;
  std::optional<Date> to;  // inclusive last day; nullopt while current
  bool operator==(const Assignment&) const = default;
  // Key identifying the assignment: person, post and start date.
  std::string Key() const { return person + "/" + post + "/" + from.ToString(); }
  bool CoversDay(Date d) const { return from <= d && (!to || d <= *to); }
};

enum class RelationKind { kKinship, kShareholding, kFormerEmployment, kOther };
inline constexpr LabelTable<RelationKind, 4> kRelationKinds{{{
    {RelationKind::kKinship, "亲属"},
    {RelationKind::kShareholding, "持股"},
    {RelationKind::kFormerEmployment, "曾任职"},
    {RelationKind::kOther, "其他利害关系"},
}}};

struct Relation {
  std::string person;
  std::string counterparty;  // name or unified social credit code of the counterparty
  RelationKind kind = RelationKind::kKinship;
  std::string note;
  bool operator==(const Relation&) const = default;
  std::string Key() const {
    return person + "/" + counterparty + "/" + std::string(kRelationKinds.Label(kind));
  }
};

}  // namespace dl::org
