// The world the demo cases happen in: working days and office hours, who holds which post
// on which day, how a unit's leadership meets, and the companies and citizens the county
// deals with.
#include <algorithm>
#include <chrono>

#include "demo/case_gen_internal.h"
#include "demo/org_tables.h"

namespace dl::demo::casegen {
namespace {

constexpr int64_t kMinute = 60'000'000;  // microseconds
constexpr int64_t kDay = 1440 * kMinute;

// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
int Weekday(Date d) { return static_cast<int>(((d.days() + 4) % 7 + 7) % 7); }

}  // namespace

Instant LocalTime(Date day, int minute) {
  return Instant(std::chrono::microseconds(int64_t{day.days()} * kDay + minute * kMinute)) -
         kChinaOffset;
}

int LocalMinute(Instant t) {
  const int64_t us = (t + kChinaOffset).time_since_epoch().count();
  return static_cast<int>(((us % kDay) + kDay) % kDay / kMinute);
}

WorkDays::WorkDays(const calendar::WorkCalendar& calendar) : first_(Date::FromYmd(2025, 1, 1)) {
  const Date last = Date::FromYmd(2027, 12, 31);
  for (Date d = first_; d <= last; d = d.AddDays(1)) {
    auto known = calendar.IsWorkday(d);
    const int wd = Weekday(d);
    work_.push_back(known ? *known : (wd != 0 && wd != 6));
  }
}

bool WorkDays::IsWorkday(Date d) const {
  const int32_t i = d.days() - first_.days();
  if (i >= 0 && static_cast<size_t>(i) < work_.size()) return work_[static_cast<size_t>(i)];
  const int wd = Weekday(d);
  return wd != 0 && wd != 6;
}

Date WorkDays::NextWorkday(Date d) const {
  while (!IsWorkday(d)) d = d.AddDays(1);
  return d;
}

Date WorkDays::AddWorkdays(Date d, int n) const {
  for (int i = 0; i < n; ++i) d = NextWorkday(d.AddDays(1));
  return d;
}

std::vector<Date> WorkDays::Between(Date from, Date to) const {
  std::vector<Date> out;
  for (Date d = from; d <= to; d = d.AddDays(1)) {
    if (IsWorkday(d)) out.push_back(d);
  }
  return out;
}

Instant WorkDays::Deadline(Instant start, const catalog::TimeLimit& limit,
                           int suspended_workdays) const {
  using U = catalog::TimeLimit::Unit;
  const Date day = ChinaDate(start);
  switch (limit.unit) {
    case U::kWorkday:
      return LocalTime(AddWorkdays(day, limit.value + suspended_workdays).AddDays(1), 0);
    case U::kDay:
      return LocalTime(NextWorkday(day.AddDays(limit.value)).AddDays(1), 0);
    case U::kHour:
      break;
  }
  return start + std::chrono::hours(limit.value);
}

std::optional<Instant> OfficeTime(Rng& rng, Date day, std::optional<Instant> after) {
  int from = kMorningFrom;
  if (after) {
    const Date after_day = ChinaDate(*after);
    if (after_day > day) return std::nullopt;
    if (after_day == day) from = std::max(from, LocalMinute(*after) + 1);
  }
  // Minutes left in the morning and the afternoon.
  const int morning = std::max(0, kMorningTo - std::max(from, kMorningFrom));
  const int afternoon = std::max(0, kAfternoonTo - std::max(from, kAfternoonFrom));
  if (morning + afternoon == 0) return std::nullopt;
  const int pick =
      static_cast<int>(rng.Below(static_cast<size_t>(morning) + static_cast<size_t>(afternoon)));
  int minute = pick < morning ? std::max(from, kMorningFrom) + pick
                              : std::max(from, kAfternoonFrom) + (pick - morning);
  return LocalTime(day, minute);
}

OrgView::OrgView(const catalog::Catalog& county) : county_(county) {
  for (const auto& [key, a] : county.assignments) by_post_[a.post].push_back(&a);
  for (auto& [post, list] : by_post_) {
    std::sort(list.begin(), list.end(),
              [](const org::Assignment* a, const org::Assignment* b) { return a->from < b->from; });
  }
  for (const auto& [code, p] : county.posts) {
    posts_in_[p.unit].push_back(code);
    if (!p.leadership) continue;
    auto& lead = leadership_[p.unit];
    if (p.head) {
      lead.insert(lead.begin(), code);
    } else {
      lead.push_back(code);
    }
  }
  for (const auto& [key, r] : county.relations) {
    related_.emplace(r.person, r.counterparty);
    related_counterparties_.insert(r.counterparty);
    relations_.push_back(r);
  }
}

std::string OrgView::Holder(const std::string& post, Date day) const {
  auto it = by_post_.find(post);
  if (it == by_post_.end()) return "";
  for (const org::Assignment* a : it->second) {
    if (a->CoversDay(day)) return a->person;
  }
  return "";
}

std::string OrgView::FormerHolder(const std::string& post, Date day) const {
  auto it = by_post_.find(post);
  if (it == by_post_.end()) return "";
  std::string out;
  for (const org::Assignment* a : it->second) {
    if (a->to && *a->to < day) out = a->person;
  }
  return out;
}

std::string OrgView::HeadPost(const std::string& unit) const {
  const auto& lead = LeadershipPosts(unit);
  if (lead.empty()) return "";
  const org::Post* p = Post(lead.front());
  return p && p->head ? lead.front() : "";
}

const std::vector<std::string>& OrgView::LeadershipPosts(const std::string& unit) const {
  auto it = leadership_.find(unit);
  return it == leadership_.end() ? none_ : it->second;
}

const std::vector<std::string>& OrgView::PostsIn(const std::string& unit) const {
  auto it = posts_in_.find(unit);
  return it == posts_in_.end() ? none_ : it->second;
}

const org::Post* OrgView::Post(const std::string& code) const {
  auto it = county_.posts.find(code);
  return it == county_.posts.end() ? nullptr : &it->second;
}

const std::string& OrgView::Name(const std::string& person) const {
  auto it = county_.persons.find(person);
  return it == county_.persons.end() ? person : it->second.name;
}

bool OrgView::Related(const std::string& person, const std::string& counterparty) const {
  return related_.contains({person, counterparty});
}

bool OrgView::HasRelations(const std::string& counterparty) const {
  return related_counterparties_.contains(counterparty);
}

Parties Parties::Make(Rng rng) {
  static const std::vector<std::string> kTradeNames{
      "华盛", "永兴", "金鹏", "瑞丰", "兴隆", "盛世", "天成", "佳禾", "润泽", "顺达",
      "嘉和", "新悦", "汇通", "远航", "明辉", "正邦", "诚信", "和美", "富民", "宏图",
      "长青", "锦程", "众邦", "百川", "华源", "聚鑫", "恒昌", "广源", "德润", "通达",
      "兴旺", "东升", "鸿运", "利民", "安康", "福瑞", "祥和", "创源", "信达", "凯旋",
      "腾飞", "晨光", "青山", "溪谷", "云峰", "梅岭", "青石", "银河", "宝丰", "泰和",
      "金穗", "丰源", "绿野", "山水", "益农", "鑫源", "宏达", "恒信", "立信", "启航",
      "同德", "万家", "嘉瑞", "华泰", "中兴", "兴业", "昌盛", "联创", "惠民", "翔宇"};
  static const std::vector<std::string> kTrades{
      "建筑工程有限公司",     "建材有限公司",      "商贸有限公司",     "农业科技有限公司",
      "食品有限公司",         "餐饮管理有限公司",  "物流有限公司",     "汽车维修有限公司",
      "医药有限公司",         "电子科技有限公司",  "印务有限公司",     "物业服务有限公司",
      "环保科技有限公司",     "家具有限公司",      "信息技术有限公司", "劳务有限公司",
      "办公用品有限公司",     "文化传媒有限公司",  "装饰工程有限公司", "水利水电工程有限公司",
      "园林绿化工程有限公司", "农资有限公司",      "酒店管理有限公司", "运输有限公司",
      "石材有限公司",         "茶业有限公司",      "竹木制品有限公司", "粮油有限公司",
      "畜牧养殖专业合作社",   "果蔬种植专业合作社"};
  static const std::vector<std::string> kTowns{"城关镇", "青石镇", "梅岭乡", "溪口镇",
                                               "龙潭镇", "白石乡", "桃源乡"};
  static const std::vector<std::string> kShops{"餐馆",   "便利店", "五金店", "理发店", "农资店",
                                               "小吃店", "副食店", "药店",   "诊所",   "汽修店",
                                               "建材店", "粮油店", "服装店", "早餐店", "超市"};
  Parties p;
  std::set<std::string> seen;
  for (const CompanySpec& c : Companies()) {
    if (seen.insert(c.name).second) p.companies.push_back(c.name);
  }
  while (p.companies.size() < 1200) {
    const int r = rng.Between(0, 99);
    std::string prefix = r < 62 ? "云溪县" : r < 90 ? "江屿市" : "南屏省";
    std::string name = prefix + rng.Pick(kTradeNames) + rng.Pick(kTrades);
    if (seen.insert(name).second) p.companies.push_back(std::move(name));
  }
  while (p.companies.size() < 1500) {
    std::string name = "云溪县" + rng.Pick(kTowns) + Surnames()[rng.Weighted(SurnameWeights())] +
                       "记" + rng.Pick(kShops);
    if (seen.insert(name).second) p.companies.push_back(std::move(name));
  }
  rng.Shuffle(p.companies);
  // A few deal with the county often, most now and then.
  for (size_t i = 0; i < p.companies.size(); ++i) {
    p.company_weights.push_back(std::max(1, static_cast<int>(400 / (i + 20))));
    p.totals_.push_back((i ? p.totals_.back() : 0) + static_cast<size_t>(p.company_weights.back()));
  }
  std::set<std::string> citizens;
  while (p.citizens.size() < 3000) {
    std::string name = Surnames()[rng.Weighted(SurnameWeights())] + rng.Pick(GivenNames());
    if (citizens.insert(name).second) p.citizens.push_back(std::move(name));
  }
  return p;
}

const std::string& Parties::Company(Rng& rng, bool supplier) const {
  for (;;) {
    const size_t r = rng.Below(totals_.back());
    const std::string& name = companies[static_cast<size_t>(
        std::upper_bound(totals_.begin(), totals_.end(), r) - totals_.begin())];
    if (!supplier || name.ends_with("有限公司")) return name;
  }
}

std::optional<engine::MeetingRecord> Simulator::Meeting(const std::string& unit, Date day,
                                                        Rng& rng) const {
  const auto& posts = org_.LeadershipPosts(unit);
  const std::string head_post = org_.HeadPost(unit);
  if (head_post.empty()) return std::nullopt;
  const std::string head = org_.Holder(head_post, day);
  if (head.empty()) return std::nullopt;
  std::vector<std::string> others;
  for (size_t i = 1; i < posts.size(); ++i) {
    std::string who = org_.Holder(posts[i], day);
    if (!who.empty() && who != head &&
        std::find(others.begin(), others.end(), who) == others.end()) {
      others.push_back(std::move(who));
    }
  }
  engine::MeetingRecord m;
  m.members = static_cast<int>(others.size()) + 1;
  rng.Shuffle(others);
  // Now and then one member is away (on a trip, ill), as long as two thirds are there.
  if (others.size() >= 2 && rng.Chance(20) &&
      static_cast<int>(others.size()) * 3 >= m.members * 2) {
    others.pop_back();
  }
  m.speaking_order = others;
  m.speaking_order.push_back(head);
  m.present = m.speaking_order;
  std::sort(m.present.begin(), m.present.end());
  for (const std::string& who : m.present) m.votes.emplace_back(who, "同意");
  if (!others.empty() && rng.Chance(5)) {
    const std::string& dissent = others[rng.Below(others.size())];
    for (auto& [who, vote] : m.votes) {
      if (who == dissent) vote = rng.Chance(70) ? "弃权" : "反对";
    }
  }
  return m;
}

}  // namespace dl::demo::casegen
