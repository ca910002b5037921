// Warnings entered by hand (人工录入): what inspectors learn from other sources than the
// rules — 巡视, 审计, 干部考察, 述职述廉, 信访举报, 舆论监督, 案件分析 — with attachments and
// links to cases, persons and powers. Once raised they live as any other warning.
#pragma once

#include <string>
#include <vector>

#include "base/issue.h"
#include "base/json.h"
#include "base/labels.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "monitor/finding.h"
#include "oversight/lifecycle.h"

namespace dl::oversight {

enum class Source {
  kPatrol,
  kAudit,
  kCadreReview,
  kDutyReport,
  kPetition,
  kPublicOpinion,
  kCaseAnalysis
};
inline constexpr LabelTable<Source, 7> kSources{{{
    {Source::kPatrol, "巡视巡察"},
    {Source::kAudit, "审计"},
    {Source::kCadreReview, "干部考察"},
    {Source::kDutyReport, "述职述廉"},
    {Source::kPetition, "信访举报"},
    {Source::kPublicOpinion, "舆论监督"},
    {Source::kCaseAnalysis, "案件分析"},
}}};
// The rule id of every hand-entered warning; its rule name is the source.
inline constexpr const char* kManualRule = "manual";

struct ManualWarning {
  Source source = Source::kPatrol;
  monitor::Level level = monitor::Level::kYellow;
  std::string unit;     // the unit concerned
  std::string person;   // the main person concerned (org person code); may be empty
  std::string message;  // 问题描述
  std::vector<std::string> cases, persons, powers;  // links
  std::vector<Attachment> attachments;
};

// {"source", "level", "unit", "person", "message", "cases", "persons", "powers",
//  "attachments"}; invalid_argument naming the field otherwise.
Result<ManualWarning> ManualWarningFromJson(const Json& j);
// Checks the references against the declared state: the unit, the persons and the powers
// must exist (cases are checked by the writer against the ledger).
std::vector<Issue> ValidateManualWarning(const ManualWarning& w, const catalog::Catalog& c);
// The warning.raise payload (docs/disposal.md), raised at `raised` by `by`.
Json ManualWarningPayload(const ManualWarning& w, const std::string& supervisor, const Actor& by,
                          Instant raised);

}  // namespace dl::oversight
