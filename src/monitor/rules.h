// The built-in supervision rules (电子监察, issue 4), as pure functions over what a rule sees.
// Stateless rules judge one event (CheckEvent); the rules that count events over time live in
// window_rules.h; static separation of duties judges the organisation (CheckStaticSod).
// Overdue steps and cases (超期) are judged by the deadline index, not here. docs/rules.md
// lists every rule with its parameters and TOML keys.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "monitor/context.h"
#include "monitor/finding.h"

namespace dl::monitor {

enum class RuleId : uint8_t {
  kFlowDeviation,
  kActorPost,
  kPowerNotInForce,
  kSodPair,
  kSodApplicant,
  kSodStatic,
  kRecusal,
  kHeadDirect,
  kCollectiveMissing,
  kCollectiveQuorum,
  kCollectiveLastSpeaker,
  kDiscretion,
  kBackdating,
  kSplitting,
  kConcentration,
  kOverdueStep,
  kOverdueCase,
  kRotation,
  kReviewOverdue,
};
inline constexpr size_t kRuleCount = 19;

// Where a rule runs: on each event (CheckEvent), over a window of events (WindowRules), over
// the declared organisation (CheckStaticSod), or when a time limit runs out (overdue.h).
enum class RuleKind : uint8_t { kEvent, kWindow, kCatalog, kDeadline };

struct RuleInfo {
  RuleId id;
  std::string_view code;  // stable id, in findings, TOML sections and docs
  std::string_view name;  // 中文名
  Level level;            // default level
  RuleKind kind;
};
// The one table of built-in rules, in RuleId order, for the UI and the docs.
inline constexpr std::array<RuleInfo, kRuleCount> kBuiltinRules{{
    {RuleId::kFlowDeviation, "flow-deviation", "偏离流程", Level::kYellow, RuleKind::kEvent},
    {RuleId::kActorPost, "actor-post", "非本岗人员办理", Level::kYellow, RuleKind::kEvent},
    {RuleId::kPowerNotInForce, "power-not-in-force", "行使无效权力", Level::kRed, RuleKind::kEvent},
    {RuleId::kSodPair, "sod-pair", "不相容环节由一人办理", Level::kYellow, RuleKind::kEvent},
    {RuleId::kSodApplicant, "sod-applicant", "办理本人申请事项", Level::kRed, RuleKind::kEvent},
    {RuleId::kSodStatic, "sod-static", "一人兼任不相容岗位", Level::kYellow, RuleKind::kCatalog},
    {RuleId::kRecusal, "recusal", "应回避未回避", Level::kRed, RuleKind::kEvent},
    {RuleId::kHeadDirect, "head-direct", "一把手直接分管", Level::kYellow, RuleKind::kEvent},
    {RuleId::kCollectiveMissing, "collective-missing", "未经集体决策", Level::kRed,
     RuleKind::kEvent},
    {RuleId::kCollectiveQuorum, "collective-quorum", "集体决策人数不足", Level::kYellow,
     RuleKind::kEvent},
    {RuleId::kCollectiveLastSpeaker, "collective-last-speaker", "主要负责人未末位表态",
     Level::kYellow, RuleKind::kEvent},
    {RuleId::kDiscretion, "discretion", "超出裁量基准", Level::kYellow, RuleKind::kEvent},
    {RuleId::kBackdating, "backdating", "事后补录", Level::kYellow, RuleKind::kEvent},
    {RuleId::kSplitting, "splitting", "拆分采购", Level::kYellow, RuleKind::kWindow},
    {RuleId::kConcentration, "concentration", "同一对象办理过于集中", Level::kNotice,
     RuleKind::kWindow},
    // Overdue: a notice (提醒) before the limit, this level when late, red when far late.
    {RuleId::kOverdueStep, "overdue-step", "环节超期", Level::kYellow, RuleKind::kDeadline},
    {RuleId::kOverdueCase, "overdue-case", "办件超期", Level::kYellow, RuleKind::kDeadline},
    {RuleId::kRotation, "rotation", "重点岗位未按期轮岗", Level::kYellow, RuleKind::kCatalog},
    {RuleId::kReviewOverdue, "review-overdue", "风险点逾期未评估", Level::kNotice,
     RuleKind::kCatalog},
}};
inline const RuleInfo& InfoOf(RuleId id) { return kBuiltinRules[static_cast<size_t>(id)]; }
// The rule with that stable id, or nullptr.
const RuleInfo* FindRule(std::string_view code);

// Two keywords: a node (or post) whose name contains `first` and another whose name contains
// `second` must not be done (or held) by one person.
struct KeywordPair {
  std::string first, second;
  bool operator==(const KeywordPair&) const = default;
};

// 预警处置: due times, escalation and repetition of warnings (the [disposal] table;
// oversight/lifecycle.h, docs/disposal.md).
struct DisposalParams {
  // Working days the unit has to answer an open warning, by level (提醒, 黄牌, 红牌).
  std::array<int, 3> reply_days{10, 5, 3};
  int review_days = 5;          // working days the supervisor has to review an answer
  bool escalate = true;         // escalate warnings whose due time passes
  int repeat_yellow_count = 3;  // the n-th yellow card of one unit and rule …
  int repeat_yellow_days = 90;  // … within this many days is raised as red (0: never)
  bool operator==(const DisposalParams&) const = default;
};

// Every parameter of the built-in rules, with its default. TOML keys in docs/rules.md.
struct RuleParams {
  std::array<Level, kRuleCount> levels = DefaultLevels();
  std::array<bool, kRuleCount> enabled = AllEnabled();

  // sod-pair: steps of one case one person must not both complete (by node name).
  std::vector<KeywordPair> sod_pairs = {
      {"受理", "审批"}, {"审核", "决定"}, {"经办", "复核"}, {"会计", "出纳"}};
  // sod-static: posts one person must not hold at once (by post name): 管钱不管账, and the one
  // who buys does not accept the goods.
  std::vector<KeywordPair> static_sod_pairs = {{"会计", "出纳"}, {"采购", "验收"}};

  // head-direct (四不直接分管): the head of the power's unit must not complete a node of these
  // stages in a power of these categories, except at a collective-decision node.
  std::vector<catalog::Category> head_direct_categories = {
      catalog::Category::kPersonnel, catalog::Category::kFinance, catalog::Category::kProject,
      catalog::Category::kProcurement};
  std::vector<catalog::Stage> head_direct_stages = {catalog::Stage::kDecision};

  // collective-missing: a decision-stage node of a power of these categories needs a collective
  // decision whatever the amount …
  std::vector<catalog::Category> collective_always = {catalog::Category::kMajorDecision};
  // … and of these categories once the case amount reaches the threshold (yuan). A node marked
  // `collective` always needs the meeting record.
  std::vector<std::pair<catalog::Category, double>> collective_amounts = {
      {catalog::Category::kFinance, 500000},
      {catalog::Category::kProcurement, 500000},
      {catalog::Category::kProject, 500000}};
  // collective-quorum: present / members must be at least quorum_num / quorum_den.
  int quorum_num = 2;
  int quorum_den = 3;

  // discretion: the level when the decision is outside the benchmark but a reason is written
  // (without a reason the rule's level applies).
  Level discretion_with_reason = Level::kNotice;

  // backdating: recorded more than this many hours after it occurred.
  int backdating_hours = 24;

  // splitting: purchases (cases of these categories) from one counterparty within the window,
  // each below the threshold, whose sum reaches it.
  std::vector<catalog::Category> splitting_categories = {catalog::Category::kProcurement};
  double splitting_threshold = 200000;
  int splitting_window_days = 30;

  // concentration: one actor handling cases of one counterparty more than max_count times
  // within period_days.
  int concentration_max_count = 10;
  int concentration_period_days = 90;

  // overdue-step / overdue-case: a notice once this share of the limit is used (0: none) and
  // red ("far late") once this share is used; the rule's level applies at the limit itself.
  struct Overdue {
    double notice_at = 0.8;
    double red_at = 1.5;
    bool operator==(const Overdue&) const = default;
  };
  Overdue overdue_step, overdue_case;

  // rotation: a person continuously on a high-risk post (one that handles a node with a high
  // risk, or holds a power with one) for this many years or more.
  int rotation_years = 5;

  // Memory bounds of WindowRules.
  size_t window_max_keys = 100000;
  size_t window_max_entries_per_key = 256;

  // [disposal]: what happens to warnings after they are raised.
  DisposalParams disposal;

  Level LevelOf(RuleId id) const { return levels[static_cast<size_t>(id)]; }
  bool Enabled(RuleId id) const { return enabled[static_cast<size_t>(id)]; }

  static constexpr std::array<Level, kRuleCount> DefaultLevels() {
    std::array<Level, kRuleCount> out{};
    for (size_t i = 0; i < kRuleCount; ++i) out[i] = kBuiltinRules[i].level;
    return out;
  }
  static constexpr std::array<bool, kRuleCount> AllEnabled() {
    std::array<bool, kRuleCount> out{};
    out.fill(true);
    return out;
  }
};

// Parses rule parameters from TOML (one table per rule id, e.g. [backdating] hours = 48,
// plus [window]); absent keys keep their defaults. invalid_argument naming `source_name`,
// the line and the key ("rules.toml 第 3 行 backdating.hours: 应为正整数") for bad syntax,
// an unknown table or key, or a value of the wrong type or range; details list every problem
// as {line, key, message}.
Result<RuleParams> ParseRuleParams(const std::string& text, const std::string& source_name);

// Runs the enabled stateless rules that apply to the event and returns their findings (empty
// when all is well). Skips cheaply what does not apply: e.g. only completed events with a
// decided value go to discretion, only events with a meeting record to the quorum. Pure and
// thread-safe: reads only `ctx` and `params`.
std::vector<Finding> CheckEvent(const EventContext& ctx, const RuleParams& params);

// Static separation of duties on `day`: every person holding two posts whose names match a
// static pair. One finding per person and pair of posts, in person-code order.
std::vector<Finding> CheckStaticSod(const catalog::Catalog& declared, Date day,
                                    const RuleParams& params);

// Rotation (重点岗位定期轮岗) on `day`: every person who has held a high-risk post without a
// break (consecutive assignments count as one tenure) for rotation_years or more. One
// finding per person and post, in person-code order; the message names the post, the unit,
// the risks that make it high-risk and the start of the tenure.
std::vector<Finding> CheckRotation(const catalog::Catalog& declared, Date day,
                                   const RuleParams& params);

// 动态管理 on `day`: every risk of a power in force whose 下次评估日期 has passed (a risk's
// controls are reviewed with it). One finding per risk and review date, for the power's unit,
// subject "risk:<power>/<risk>@<next_review>": once the risk is re-assessed and its date moves,
// a later lapse is a new finding. In power-code order.
std::vector<Finding> CheckReviewOverdue(const catalog::Catalog& declared, Date day,
                                        const RuleParams& params);

// Helpers shared with window_rules.cc.
namespace rules_internal {
// The person's name from the catalogue, or the code when unknown.
std::string PersonName(const catalog::Catalog& declared, const std::string& code);
// 120000 → "120000", 1234.5 → "1234.5".
std::string FormatAmount(double value);
bool Contains(const std::vector<catalog::Category>& set, catalog::Category c);
// The counterparty of the event, or of its case.
const std::string& CounterpartyOf(const EventContext& ctx);
}  // namespace rules_internal

}  // namespace dl::monitor
