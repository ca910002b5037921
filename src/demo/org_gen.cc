#include "demo/org_gen.h"

#include <cstdio>
#include <iterator>
#include <map>
#include <set>

namespace dl::demo {
namespace {

using org::Assignment;
using org::Person;
using org::Post;
using org::Relation;
using org::RelationKind;
using org::Unit;
using org::UnitKind;
using org::UnitLevel;

Date RandomDate(Rng& rng, Date lo, Date hi) {
  return lo.AddDays(rng.Between(0, hi.days() - lo.days()));
}

std::string ResidentGroupCode(int group) {
  return std::string(kCountyCode) + "-PZ" + std::to_string(group);
}
std::string DisciplineCode() { return std::string(kCountyCode) + "-" + kDisciplineAbbr; }

class OrgBuilder {
 public:
  OrgBuilder(Rng& rng, catalog::Catalog& c) : rng_(rng), c_(c) {}

  void AddUnit(Unit u) {
    std::string code = u.code;
    c_.units.emplace(std::move(code), std::move(u));
  }

  std::string AddPost(const std::string& code, const std::string& unit, const std::string& name,
                      bool leadership = false, bool head = false) {
    c_.posts.emplace(code, Post{code, unit, name, leadership, head});
    post_order_.push_back(code);
    return code;
  }

  // One current holder per post; some posts also had a predecessor.
  void StaffPosts() {
    for (const std::string& post : post_order_) {
      const Post& p = c_.posts.at(post);
      int r = rng_.Between(0, 99);
      Date from = r < 12 ? RandomDate(rng_, Date::FromYmd(2014, 3, 1), Date::FromYmd(2018, 12, 31))
                  : r < 88
                      ? RandomDate(rng_, Date::FromYmd(2019, 1, 1), Date::FromYmd(2024, 12, 31))
                      : RandomDate(rng_, Date::FromYmd(2025, 1, 1), Date::FromYmd(2026, 6, 30));
      std::string person = NewPerson();
      Assign(person, post, from, std::nullopt);
      holder_[post] = person;
      int succession = p.leadership ? 35 : 20;
      if (from >= Date::FromYmd(2019, 1, 1) && rng_.Chance(succession)) {
        Date pred_from = from.AddDays(-rng_.Between(700, 2200));
        Assign(NewPerson(), post, pred_from, from.AddDays(-1));
      }
    }
  }

  void AddRelations() {
    static const char* kKinNotes[] = {"其配偶的弟弟系该公司法定代表人", "其妹夫系该公司股东、监事",
                                      "其子在该公司担任项目负责人", "其配偶系该公司财务负责人"};
    static const char* kShareNotes[] = {
        "本人持有该公司8%的股权，已在2024年个人有关事项报告中申报",
        "其配偶持有该公司15%的股权，已在2025年个人有关事项报告中申报"};
    static const char* kFormerNotes[] = {"2012年至2015年曾在该公司担任项目经理",
                                         "2010年至2013年曾在该公司从事财务工作"};
    for (const CompanySpec& company : Companies()) {
      const std::string& abbr = company.related_units[rng_.Below(company.related_units.size())];
      std::string unit = std::string(kCountyCode) + "-" + abbr;
      std::vector<std::string> candidates;
      for (const auto& [code, post] : c_.posts) {
        if (post.unit.starts_with(unit) && !post.head) candidates.push_back(code);
      }
      if (candidates.empty()) continue;
      const std::string& person = holder_.at(rng_.Pick(candidates));
      int k = rng_.Between(0, 9);
      Relation rel;
      rel.person = person;
      rel.counterparty = company.name;
      if (k < 5) {
        rel.kind = RelationKind::kKinship;
        rel.note = kKinNotes[rng_.Below(std::size(kKinNotes))];
      } else if (k < 8) {
        rel.kind = RelationKind::kShareholding;
        rel.note = kShareNotes[rng_.Below(std::size(kShareNotes))];
      } else {
        rel.kind = RelationKind::kFormerEmployment;
        rel.note = kFormerNotes[rng_.Below(std::size(kFormerNotes))];
      }
      c_.relations.emplace(rel.Key(), rel);
    }
  }

 private:
  std::string NewPerson() {
    std::string name;
    for (int attempt = 0; attempt < 50; ++attempt) {
      name = Surnames()[rng_.Weighted(SurnameWeights())];
      name += rng_.Pick(GivenNames());
      if (names_.insert(name).second) break;
    }
    char code[16];
    std::snprintf(code, sizeof code, "P%04zu", c_.persons.size() + 1);
    c_.persons.emplace(code, Person{code, name});
    return code;
  }

  void Assign(const std::string& person, const std::string& post, Date from,
              std::optional<Date> to) {
    Assignment a{person, post, from, to};
    c_.assignments.emplace(a.Key(), a);
  }

  Rng& rng_;
  catalog::Catalog& c_;
  std::vector<std::string> post_order_;
  std::map<std::string, std::string> holder_;  // post -> current person
  std::set<std::string> names_;
};

std::string SupervisorOf(const UnitSpec& spec) {
  if (spec.group > 0) return ResidentGroupCode(spec.group);
  if (spec.abbr == kDisciplineAbbr) return "";
  return DisciplineCode();
}

// Names the departments a resident group supervises, for its unit name's sake.
void AddResidentGroups(OrgBuilder& b) {
  const auto& ordinals = ResidentGroupOrdinals();
  for (size_t i = 0; i < ordinals.size(); ++i) {
    int group = static_cast<int>(i) + 1;
    std::string code = ResidentGroupCode(group);
    b.AddUnit({code, std::string(kCountyName) + "纪委监委派驻" + ordinals[i] + "纪检监察组",
               DisciplineCode(), UnitLevel::kUnit, UnitKind::kResidentGroup, DisciplineCode()});
    b.AddPost(code + "-ZZ", code, "纪检监察组组长", true, true);
    b.AddPost(code + "-FZ1", code, "纪检监察组副组长", true);
    b.AddPost(code + "-KY1", code, "纪检监察员");
    b.AddPost(code + "-KY2", code, "纪检监察员");
  }
}

UnitInfo AddPowerUnit(OrgBuilder& b, const UnitSpec& spec) {
  UnitInfo info;
  info.spec = &spec;
  info.code = std::string(kCountyCode) + "-" + spec.abbr;
  std::string supervisor = SupervisorOf(spec);
  b.AddUnit({info.code, spec.name, kCountyCode, UnitLevel::kUnit, spec.kind, supervisor});
  info.head = b.AddPost(info.code + "-ZZ", info.code, spec.head_title, true, true);
  for (size_t i = 0; i < spec.deputy_titles.size(); ++i) {
    info.deputies.push_back(b.AddPost(info.code + "-FZ" + std::to_string(i + 1), info.code,
                                      spec.deputy_titles[i], true));
  }
  for (size_t i = 0; i < spec.sections.size(); ++i) {
    const SectionSpec& s = spec.sections[i];
    SectionInfo sec;
    sec.code = info.code + (i < 9 ? "-0" : "-") + std::to_string(i + 1);
    sec.name = s.name;
    b.AddUnit({sec.code, s.name, info.code, UnitLevel::kSection, UnitKind::kInternal, supervisor});
    sec.chief = b.AddPost(sec.code + "-GZ", sec.code, s.name + s.chief_title);
    sec.clerks.push_back(b.AddPost(sec.code + "-KY1", sec.code, s.name + "科员（经办岗）"));
    sec.clerks.push_back(b.AddPost(sec.code + "-KY2", sec.code, s.name + "科员（复核岗）"));
    if (i == 0) {
      info.accountant = b.AddPost(sec.code + "-KJ", sec.code, "会计");
      info.cashier = b.AddPost(sec.code + "-CN", sec.code, "出纳");
      info.legal = b.AddPost(sec.code + "-FG", sec.code, "法制审核员");
    }
    info.sections.push_back(std::move(sec));
  }
  return info;
}

}  // namespace

OrgIndex GenerateOrg(Rng& rng, catalog::Catalog& catalog) {
  OrgBuilder b(rng, catalog);
  b.AddUnit({kProvinceCode, kProvinceName, "", UnitLevel::kProvince, UnitKind::kGovernment, ""});
  b.AddUnit({kCityCode, std::string(kCityName), kProvinceCode, UnitLevel::kCity,
             UnitKind::kGovernment, ""});
  b.AddUnit({kCountyCode, kCountyName, kCityCode, UnitLevel::kCounty, UnitKind::kGovernment, ""});
  AddResidentGroups(b);
  OrgIndex index;
  for (const UnitSpec& spec : PowerUnitSpecs()) index.units.push_back(AddPowerUnit(b, spec));
  b.StaffPosts();
  b.AddRelations();
  return index;
}

}  // namespace dl::demo
