#include "monitor/rules.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <span>

namespace dl::monitor {

using catalog::Category;
using engine::Event;
using engine::EventType;

namespace rules_internal {

std::string PersonName(const catalog::Catalog& declared, const std::string& code) {
  auto it = declared.persons.find(code);
  return it == declared.persons.end() ? code : it->second.name;
}

std::string FormatAmount(double value) {
  char buf[64];
  if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", value);
    std::string s(buf);
    while (s.back() == '0') s.pop_back();
    return s;
  }
  return buf;
}

bool Contains(const std::vector<Category>& set, Category c) {
  return std::find(set.begin(), set.end(), c) != set.end();
}

const std::string& CounterpartyOf(const EventContext& ctx) {
  return ctx.event.counterparty.empty() ? ctx.case_view.counterparty : ctx.event.counterparty;
}

}  // namespace rules_internal

using namespace rules_internal;

const RuleInfo* FindRule(std::string_view code) {
  for (const auto& r : kBuiltinRules) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

namespace {

std::string Quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

bool Has(std::string_view text, std::string_view word) {
  return !word.empty() && text.find(word) != std::string_view::npos;
}

template <class Map>
std::string NameIn(const Map& map, const std::string& code) {
  auto it = map.find(code);
  return it == map.end() ? code : it->second.name;
}

// "2026-11-20 16:00", China Standard Time.
std::string FormatLocal(Instant t) {
  const Instant local = t + kChinaOffset;
  const auto minutes = std::chrono::floor<std::chrono::minutes>(local.time_since_epoch()).count();
  const long long of_day = ((minutes % 1440) + 1440) % 1440;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02lld:%02lld", of_day / 60, of_day % 60);
  return DateOf(local).ToString() + buf;
}

// "三分之二" for 2/3; "3/5" style beyond ten.
std::string FractionText(int num, int den) {
  static constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五",
                                                 "六", "七", "八", "九", "十"};
  if (num < 0 || den < 1 || num > 10 || den > 10) {
    return std::to_string(num) + "/" + std::to_string(den);
  }
  return std::string(kDigits[den]) + "分之" + std::string(kDigits[num]);
}

// Runs the stateless rules over one event, collecting findings.
class Checker {
 public:
  Checker(const EventContext& ctx, const RuleParams& params)
      : ctx_(ctx), e_(ctx.event), p_(params), earlier_(EarlierSteps()) {}

  std::vector<Finding> Run() {
    if (ctx_.power && !e_.node.empty()) node_ = ctx_.power->flow.FindNode(e_.node);
    if (On(RuleId::kFlowDeviation) && ctx_.verdict) FlowDeviation();
    if (On(RuleId::kBackdating)) Backdating();
    if (On(RuleId::kPowerNotInForce) && (e_.type == EventType::kOpened || earlier_.empty())) {
      PowerNotInForce();
    }
    if (!e_.actor.empty() && FirstActOfActor()) {
      if (On(RuleId::kSodApplicant)) Applicant();
      if (On(RuleId::kRecusal)) Recusal();
    }
    if (!ctx_.power || !node_) return std::move(out_);
    const bool completed = e_.type == EventType::kCompleted;
    if (On(RuleId::kActorPost) && (e_.type == EventType::kStarted || completed)) ActorPost();
    if (!completed) return std::move(out_);
    if (On(RuleId::kSodPair) && !e_.actor.empty()) SodPair();
    if (On(RuleId::kHeadDirect) && !node_->collective && !e_.meeting) HeadDirect();
    if (e_.meeting) {
      if (On(RuleId::kCollectiveQuorum)) Quorum(*e_.meeting);
      if (On(RuleId::kCollectiveLastSpeaker)) LastSpeaker(*e_.meeting);
    } else if (On(RuleId::kCollectiveMissing)) {
      CollectiveMissing();
    }
    if (On(RuleId::kDiscretion) && e_.decided_value && !ctx_.power->benchmarks.empty()) {
      Discretion();
    }
    return std::move(out_);
  }

 private:
  bool On(RuleId id) const { return p_.Enabled(id); }
  void Add(RuleId id, const std::string& person, std::string message) {
    AddAt(id, p_.LevelOf(id), person, std::move(message));
  }
  void AddAt(RuleId id, Level level, const std::string& person, std::string message) {
    out_.push_back(Finding{std::string(InfoOf(id).code), level, std::move(message), person});
  }

  // The case's steps before this event (the last step is dropped when it is this event).
  std::span<const CaseView::Step> EarlierSteps() const {
    const auto& steps = ctx_.case_view.steps;
    size_t n = steps.size();
    if (n > 0) {
      const auto& last = steps.back();
      if (last.node == e_.node && last.actor == e_.actor &&
          last.type == engine::kEventTypes.Label(e_.type) &&
          std::chrono::floor<std::chrono::milliseconds>(last.occurred) ==
              std::chrono::floor<std::chrono::milliseconds>(e_.occurred)) {  // as stored
        --n;
      }
    }
    return {steps.data(), n};
  }
  bool FirstActOfActor() const {
    return std::none_of(earlier_.begin(), earlier_.end(),
                        [&](const CaseView::Step& s) { return s.actor == e_.actor; });
  }

  std::string CaseRef() const { return "办件 " + e_.case_id; }
  std::string NodeName() const { return Quoted(node_ ? node_->name : e_.node); }
  std::string Person() const { return PersonName(ctx_.declared, e_.actor); }
  // "“现场核查”" for a step, else the event's name ("受理", "办结").
  std::string What() const {
    if (!e_.node.empty()) return NodeName();
    return std::string(engine::kEventTypeNames.Label(e_.type));
  }
  std::optional<double> Amount() const {
    if (e_.amount) return e_.amount;
    return ctx_.case_view.values ? ctx_.case_view.values->amount : std::nullopt;
  }

  // The post of `person` on the event's day that heads the power's unit, or nullptr.
  const org::Post* HeadPost(const std::string& person) const {
    const auto& d = ctx_.declared;
    const std::string prefix = person + "/";
    for (auto it = d.assignments.lower_bound(prefix);
         it != d.assignments.end() && it->first.starts_with(prefix); ++it) {
      const org::Assignment& a = it->second;
      if (a.person != person || !a.CoversDay(ctx_.day)) continue;
      auto post = d.posts.find(a.post);
      if (post != d.posts.end() && post->second.head && post->second.unit == ctx_.power->unit) {
        return &post->second;
      }
    }
    return nullptr;
  }

  void FlowDeviation() {
    for (const auto& d : ctx_.verdict->deviations) {
      Add(RuleId::kFlowDeviation, e_.actor,
          CaseRef() + " " + std::string(engine::kDeviationKinds.Label(d.kind)) + "：" + d.message);
    }
  }

  void Backdating() {
    const auto late = e_.recorded - e_.occurred;
    if (late <= std::chrono::hours(p_.backdating_hours)) return;
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(late).count();
    const std::string what = e_.node.empty() ? "" : " " + NodeName();
    Add(RuleId::kBackdating, e_.actor,
        CaseRef() + what + " 于 " + FormatLocal(e_.occurred) + " " +
            std::string(engine::kEventTypeNames.Label(e_.type)) + "，" + FormatLocal(e_.recorded) +
            " 才录入，晚了 " + std::to_string(minutes / 60) + " 小时" +
            (minutes % 60 ? " " + std::to_string(minutes % 60) + " 分" : "") + "（超过 " +
            std::to_string(p_.backdating_hours) + " 小时），疑似事后补录");
  }

  void PowerNotInForce() {
    if (!ctx_.power) {
      const std::string& code = e_.power.empty() ? ctx_.case_view.power : e_.power;
      Add(RuleId::kPowerNotInForce, e_.actor,
          CaseRef() + " 办理的权力 " + code + " 不在权力清单中（法无授权即禁止）");
      return;
    }
    if (!ctx_.power_status || catalog::InForce(*ctx_.power_status)) return;
    const catalog::StatusChange* change = nullptr;
    if (auto rec = ctx_.declared.powers.find(ctx_.power->code); rec != ctx_.declared.powers.end()) {
      for (auto it = rec->second.history.rbegin(); it != rec->second.history.rend(); ++it) {
        if (it->date <= ctx_.day && it->status == *ctx_.power_status) {
          change = &*it;
          break;
        }
      }
    }
    std::string what(catalog::kPowerStatuses.Label(*ctx_.power_status));
    if (change && !change->target.empty()) what += "至 " + change->target;
    if (change && !change->document.empty()) what += "（" + change->document + "）";
    Add(RuleId::kPowerNotInForce, e_.actor,
        "权力" + Quoted(ctx_.power->name) + "（" + ctx_.power->code + "）" +
            (change ? "已于 " + change->date.ToString() + " " : "已") + what + "，" + CaseRef() +
            " 仍在办理（法无授权即禁止）");
  }

  void Applicant() {
    const std::string& applicant = e_.applicant.empty() ? ctx_.case_view.applicant : e_.applicant;
    if (applicant != e_.actor) return;
    Add(RuleId::kSodApplicant, e_.actor,
        Person() + " 是" + CaseRef() + " 的申请人，却亲自办理了" + What() + "，应当回避");
  }

  void Recusal() {
    const std::string& counterparty = CounterpartyOf(ctx_);
    if (counterparty.empty()) return;
    const std::string prefix = e_.actor + "/" + counterparty + "/";
    std::string kinds;
    for (auto it = ctx_.declared.relations.lower_bound(prefix);
         it != ctx_.declared.relations.end() && it->first.starts_with(prefix); ++it) {
      const org::Relation& r = it->second;
      if (r.person != e_.actor || r.counterparty != counterparty) continue;
      if (!kinds.empty()) kinds += "、";
      kinds += std::string(org::kRelationKinds.Label(r.kind)) + "关系";
      if (!r.note.empty()) kinds += "（" + r.note + "）";
    }
    if (kinds.empty()) return;
    Add(RuleId::kRecusal, e_.actor,
        Person() + " 与相对人" + Quoted(counterparty) + "存在" + kinds + "，却办理了" + CaseRef() +
            " 的" + What() + "，应当回避");
  }

  void ActorPost() {
    const std::string& post = node_->post;
    if (post.empty()) return;
    const auto& d = ctx_.declared;
    if (e_.actor.empty()) {
      if (e_.actor_post.empty() || e_.actor_post == post) return;
      Add(RuleId::kActorPost, "",
          CaseRef() + " 的" + NodeName() + "应由" + Quoted(NameIn(d.posts, post)) +
              "岗位办理，实际由" + Quoted(NameIn(d.posts, e_.actor_post)) + "岗位办理");
      return;
    }
    if (e_.type == EventType::kCompleted &&
        std::any_of(earlier_.begin(), earlier_.end(), [&](const CaseView::Step& s) {
          return s.type == "started" && s.node == e_.node && s.actor == e_.actor;
        })) {
      return;  // judged when the step started
    }
    const org::Assignment* before = nullptr;  // the latest that ended before the day
    const org::Assignment* after = nullptr;   // the first that starts after it
    const std::string prefix = e_.actor + "/" + post + "/";
    for (auto it = d.assignments.lower_bound(prefix);
         it != d.assignments.end() && it->first.starts_with(prefix); ++it) {
      const org::Assignment& a = it->second;
      if (a.person != e_.actor || a.post != post) continue;
      if (a.CoversDay(ctx_.day)) return;
      if (a.from > ctx_.day) {
        if (!after) after = &a;
      } else {
        before = &a;
      }
    }
    const std::string post_name = Quoted(NameIn(d.posts, post));
    std::string held;
    if (before) {
      held = "在" + post_name + "岗位的任职已于 " + before->to->ToString() + " 结束";
    } else if (after) {
      held = "在" + post_name + "岗位的任职自 " + after->from.ToString() + " 才开始";
    } else {
      held = "不在" + post_name + "岗位任职";
    }
    Add(RuleId::kActorPost, e_.actor,
        Person() + " " + held + "，" + ctx_.day.ToString() + " 却办理了" + CaseRef() + " 的" +
            NodeName());
  }

  void SodPair() {
    const std::string& name = node_->name;
    std::vector<std::string_view> reported;
    for (const KeywordPair& pair : p_.sod_pairs) {
      const bool first = Has(name, pair.first), second = Has(name, pair.second);
      if (!first && !second) continue;
      for (const CaseView::Step& s : earlier_) {
        if (s.type != "completed" || s.actor != e_.actor || s.node == e_.node) continue;
        if (std::find(reported.begin(), reported.end(), s.node) != reported.end()) continue;
        const catalog::Node* other = ctx_.power->flow.FindNode(s.node);
        if (!other) continue;
        if (!(first && Has(other->name, pair.second)) &&
            !(second && Has(other->name, pair.first))) {
          continue;
        }
        reported.push_back(s.node);
        Add(RuleId::kSodPair, e_.actor,
            Person() + " 既办理了" + Quoted(other->name) + "又办理了" + Quoted(name) + "（" +
                CaseRef() + "），违反职责分离");
      }
    }
  }

  void HeadDirect() {
    const catalog::Power& power = *ctx_.power;
    if (!Contains(p_.head_direct_categories, power.category)) return;
    const auto& stages = p_.head_direct_stages;
    if (std::find(stages.begin(), stages.end(), node_->stage) == stages.end()) return;
    const org::Post* head = nullptr;
    if (!e_.actor.empty()) {
      head = HeadPost(e_.actor);
    } else if (auto it = ctx_.declared.posts.find(e_.actor_post); it != ctx_.declared.posts.end() &&
                                                                  it->second.head &&
                                                                  it->second.unit == power.unit) {
      head = &it->second;
    }
    if (!head) return;
    const std::string who = e_.actor.empty() ? "" : Person() + " ";
    Add(RuleId::kHeadDirect, e_.actor,
        who + "作为" + NameIn(ctx_.declared.units, power.unit) + "主要负责人（" + head->name +
            "），直接决定了" + std::string(catalog::kCategories.Label(power.category)) + "事项" +
            Quoted(power.name) + "（" + CaseRef() + "）的" + NodeName() + "，违反“四不直接分管”");
  }

  void CollectiveMissing() {
    const Category category = ctx_.power->category;
    if (node_->collective) {
      Add(RuleId::kCollectiveMissing, e_.actor,
          CaseRef() + " 的" + NodeName() + "是集体决策环节，却没有会议记录");
      return;
    }
    std::string why;
    if (node_->stage != catalog::Stage::kDecision) {
      return;
    } else if (Contains(p_.collective_always, category)) {
      why = "属于" + Quoted(catalog::kCategories.Label(category)) + "事项";
    } else {
      auto t = std::find_if(p_.collective_amounts.begin(), p_.collective_amounts.end(),
                            [&](const auto& kv) { return kv.first == category; });
      const std::optional<double> amount = Amount();
      if (t == p_.collective_amounts.end() || !amount || *amount < t->second) return;
      why = "金额 " + FormatAmount(*amount) + " 元，达到" +
            std::string(catalog::kCategories.Label(category)) + "事项集体决策标准 " +
            FormatAmount(t->second) + " 元";
    }
    for (const CaseView::Step& s : earlier_) {
      const catalog::Node* n = s.type == "completed" ? ctx_.power->flow.FindNode(s.node) : nullptr;
      if (n && n->collective) return;  // decided collectively at an earlier step
    }
    Add(RuleId::kCollectiveMissing, e_.actor,
        CaseRef() + " " + why + "，" + NodeName() + "却未经集体决策（没有会议记录）");
  }

  void Quorum(const engine::MeetingRecord& m) {
    if (m.members <= 0) return;
    const long long present = static_cast<long long>(m.present.size());
    if (present * p_.quorum_den >= static_cast<long long>(m.members) * p_.quorum_num) return;
    Add(RuleId::kCollectiveQuorum, e_.actor,
        CaseRef() + " 的" + NodeName() + "会议应到 " + std::to_string(m.members) + " 人、实到 " +
            std::to_string(present) + " 人，不足" + FractionText(p_.quorum_num, p_.quorum_den) +
            "，不能作出决定");
  }

  void LastSpeaker(const engine::MeetingRecord& m) {
    const auto& order = m.speaking_order;
    for (size_t i = order.size(); i-- > 0;) {
      if (!HeadPost(order[i])) continue;
      if (i + 1 == order.size()) return;  // the head spoke last
      Add(RuleId::kCollectiveLastSpeaker, order[i],
          CaseRef() + " 的" + NodeName() + "会议上，主要负责人 " +
              PersonName(ctx_.declared, order[i]) + " 第 " + std::to_string(i + 1) +
              " 个发言（共 " + std::to_string(order.size()) + " 人发言），没有末位表态");
      return;
    }
  }

  void Discretion() {
    const double value = *e_.decided_value;
    std::string item;
    if (auto it = e_.attributes.find("裁量事项"); it != e_.attributes.end() && it->is_string()) {
      item = it->get<std::string>();
    }
    const auto grade = catalog::kGrades.Parse(e_.grade);
    bool found = false, any = false, inside = false;
    long long lower = 0, upper = 0, lowest = 0;
    std::string unit;
    for (const catalog::Benchmark& b : ctx_.power->benchmarks) {
      if (!item.empty() && b.item != item) continue;
      lowest = found ? std::min(lowest, b.lower) : b.lower;
      if (!found) unit = b.unit;
      found = true;
      if (!grade || b.grade != *grade) continue;
      lower = any ? std::min(lower, b.lower) : b.lower;
      upper = any ? std::max(upper, b.upper) : b.upper;
      any = true;
      inside = inside ||
               (static_cast<double>(b.lower) <= value && value <= static_cast<double>(b.upper));
    }
    if (!found) return;  // no benchmark for the item
    const std::string decided = "决定 " + FormatAmount(value) + " " + unit;
    std::string what;
    if (e_.grade.empty()) {
      if (value <= static_cast<double>(lowest)) return;
      what = "未写明裁量情节，" + decided + "，高于基准下限 " + std::to_string(lowest) + " " +
             unit + "（未写明情节的一律按下限执行）";
    } else if (!any) {
      what = "写明的裁量情节" + Quoted(e_.grade) + "在裁量基准中没有对应档次，" + decided;
    } else if (inside) {
      return;
    } else {
      what = "裁量情节为" + Quoted(e_.grade) + "，" + decided + "，" +
             (value > static_cast<double>(upper) ? "超出" : "低于") + "基准 " +
             std::to_string(lower) + "–" + std::to_string(upper) + " " + unit;
    }
    const bool reasoned = !e_.reason.empty();
    AddAt(RuleId::kDiscretion,
          reasoned ? p_.discretion_with_reason : p_.LevelOf(RuleId::kDiscretion), e_.actor,
          CaseRef() + " " + what + (reasoned ? "；写明的理由：" + e_.reason : "，且没有写明理由"));
  }

  const EventContext& ctx_;
  const Event& e_;
  const RuleParams& p_;
  const std::span<const CaseView::Step> earlier_;
  const catalog::Node* node_ = nullptr;
  std::vector<Finding> out_;
};

}  // namespace

std::vector<Finding> CheckEvent(const EventContext& ctx, const RuleParams& params) {
  return Checker(ctx, params).Run();
}

std::vector<Finding> CheckStaticSod(const catalog::Catalog& declared, Date day,
                                    const RuleParams& params) {
  std::vector<Finding> out;
  if (!params.Enabled(RuleId::kSodStatic) || params.static_sod_pairs.empty()) return out;
  auto describe = [&](const org::Post& p) {
    return Quoted(p.name) + "（" + NameIn(declared.units, p.unit) + "）";
  };
  auto check = [&](const std::string& person, const std::vector<const org::Post*>& posts) {
    for (size_t i = 0; i < posts.size(); ++i) {
      for (size_t j = i + 1; j < posts.size(); ++j) {
        const org::Post *a = posts[i], *b = posts[j];
        auto clash = std::find_if(params.static_sod_pairs.begin(), params.static_sod_pairs.end(),
                                  [&](const auto& k) {
                                    return (Has(a->name, k.first) && Has(b->name, k.second)) ||
                                           (Has(a->name, k.second) && Has(b->name, k.first));
                                  });
        if (clash == params.static_sod_pairs.end()) continue;
        if (!Has(a->name, clash->first) || !Has(b->name, clash->second)) std::swap(a, b);
        out.push_back(Finding{std::string(InfoOf(RuleId::kSodStatic).code),
                              params.LevelOf(RuleId::kSodStatic),
                              PersonName(declared, person) + " 于 " + day.ToString() + " 同时担任" +
                                  describe(*a) + "和" + describe(*b) + "岗位，违反不相容岗位分离",
                              person, "posts:" + a->code + "|" + b->code, a->unit});
      }
    }
  };
  // Assignments are keyed person/post/from, so each person's are adjacent.
  std::string person;
  std::vector<const org::Post*> posts;
  for (const auto& [key, a] : declared.assignments) {
    if (a.person != person) {
      check(person, posts);
      person = a.person;
      posts.clear();
    }
    auto post = declared.posts.find(a.post);
    if (!a.CoversDay(day) || post == declared.posts.end()) continue;
    if (std::find(posts.begin(), posts.end(), &post->second) == posts.end()) {
      posts.push_back(&post->second);
    }
  }
  check(person, posts);
  return out;
}

std::vector<Finding> CheckRotation(const catalog::Catalog& declared, Date day,
                                   const RuleParams& params) {
  std::vector<Finding> out;
  if (!params.Enabled(RuleId::kRotation)) return out;
  // The high-risk posts and, for the message, the first high risk that makes each so.
  std::map<std::string, std::string> high;  // post code → "“风险点”（权力名称）"
  for (const auto& [code, rec] : declared.powers) {
    const catalog::Power& power = rec.power;
    if (rec.history.size() > 0 && rec.history.back().status != catalog::PowerStatus::kActive &&
        rec.history.back().status != catalog::PowerStatus::kAdjusted &&
        rec.history.back().date <= day) {
      continue;  // cancelled, delegated or merged: nobody exercises it any more
    }
    for (const auto& risk : power.risks) {
      if (risk.level != catalog::RiskLevel::kHigh) continue;
      const std::string why = Quoted(risk.name) + "（" + power.name + "）";
      if (risk.node.empty()) {
        if (!power.held_by_post.empty()) high.emplace(power.held_by_post, why);
        continue;
      }
      for (const auto& node : power.flow.nodes) {
        if (node.code == risk.node && !node.post.empty()) high.emplace(node.post, why);
      }
    }
  }
  // Assignments are keyed person/post/from: each person's tenures on a post are adjacent and
  // in date order, so a tenure is a run of assignments each starting by the day after the
  // previous one ended.
  const org::Assignment* first = nullptr;  // the start of the current run
  const org::Assignment* last = nullptr;
  auto close_run = [&] {
    if (!first || !last->CoversDay(day)) return;
    auto why = high.find(first->post);
    if (why == high.end()) return;
    const auto ymd = first->from.Ymd();
    const int limit_year = static_cast<int>(ymd.year()) + params.rotation_years;
    const unsigned month = static_cast<unsigned>(ymd.month());
    unsigned dom = static_cast<unsigned>(ymd.day());
    if (month == 2 && dom == 29) dom = 28;
    const Date due = Date::FromYmd(limit_year, month, dom);
    if (day < due) return;
    auto post = declared.posts.find(first->post);
    const std::string post_text =
        post == declared.posts.end()
            ? Quoted(first->post)
            : Quoted(post->second.name) + "（" + NameIn(declared.units, post->second.unit) + "）";
    out.push_back(
        Finding{std::string(InfoOf(RuleId::kRotation).code), params.LevelOf(RuleId::kRotation),
                PersonName(declared, first->person) + " 自 " + first->from.ToString() +
                    " 起连续在" + post_text + "岗位任职，至 " + day.ToString() + " 已满 " +
                    std::to_string(params.rotation_years) + " 年未轮岗；该岗位承担高风险事项" +
                    why->second + "，应按规定定期轮岗",
                first->person, "post:" + first->post + "@" + first->from.ToString(),
                post == declared.posts.end() ? std::string() : post->second.unit});
  };
  for (const auto& [key, a] : declared.assignments) {
    if (first && a.person == last->person && a.post == last->post && last->to &&
        a.from <= last->to->AddDays(1)) {
      if (!a.to || (last->to && *a.to > *last->to)) last = &a;
      continue;
    }
    close_run();
    first = last = &a;
  }
  close_run();
  return out;
}

std::vector<Finding> CheckReviewOverdue(const catalog::Catalog& declared, Date day,
                                        const RuleParams& params) {
  std::vector<Finding> out;
  if (!params.Enabled(RuleId::kReviewOverdue)) return out;
  const RuleInfo& info = InfoOf(RuleId::kReviewOverdue);
  for (const auto& [code, rec] : declared.powers) {
    if (!catalog::InForce(rec.Status())) continue;
    const catalog::Power& power = rec.power;
    for (const catalog::Risk& risk : power.risks) {
      if (!risk.next_review || *risk.next_review >= day) continue;
      size_t controls = 0;
      for (const auto& c : power.controls) controls += c.risk == risk.code;
      out.push_back(
          Finding{std::string(info.code), params.LevelOf(RuleId::kReviewOverdue),
                  "风险点" + Quoted(risk.name) + "（" + power.name + "，" + code + "/" + risk.code +
                      "）应于 " + risk.next_review->ToString() + " 前重新评估，至 " +
                      day.ToString() + " 仍未评估；风险点及其 " + std::to_string(controls) +
                      " 项防控措施须重新评估确认，并更新下次评估日期",
                  "", "risk:" + code + "/" + risk.code + "@" + risk.next_review->ToString(),
                  power.unit, code});
    }
  }
  return out;
}

}  // namespace dl::monitor
