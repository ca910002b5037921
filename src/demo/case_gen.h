// A year of cases for the demo county (issue 4): the events the county's business systems
// would send, with deviations planted at low rates, so that the supervision rules raise what
// a real year raises. With the defaults: 24 000 cases, ~352 000 events, ~9 % of the cases
// planted, ~3.6 % still open at DemoToday.
//
// A clean case
//   - Opens on a working day of the Chinese calendar from DemoToday() − 364 days to
//     DemoToday() (2025-11-24 … 2026-11-23), in office hours (08:30–12:00, 14:00–17:30 China
//     time), for a power in force that day in its current version (effective_from ≤ day), on a
//     day every post of its flow is held (a power waits while one of its posts is vacant).
//     Cases per power and year: a base per category (许可 220, 给付 170, 征收 160, 确认 130,
//     财务 90, 检查 90, 处罚 70 … 三重一大 9, 人事 8, 奖励 6, 工程 5) × a per-power factor 0.3–2.5.
//   - Walks the power's flow: each task `started` and `completed` by whoever holds the node's
//     post that day; an exclusive gateway reads the case's amount, or takes a branch drawn
//     (补正 15 %, 现场核查 45 %, 不予许可 6 %, 听证 10 % …) whose values ride on the completion
//     before it; parallel 会签 branches all run; then `closed` with the outcome (准予许可,
//     给予行政处罚 … or 办结).
//   - Values: amount on opening for finance, procurement, projects, 三重一大, levies, benefits
//     and rewards; a penalty's fine on its 告知 step, its decision with grade, decided_value
//     within that grade's benchmark and 裁量事项. Counterparties from ~1 500 companies and shops
//     (a few deal with the county often) and 3 000 citizens; the applicant is the
//     counterparty for application powers. Meeting records at collective nodes and at
//     decision nodes of 三重一大: members = the unit's leadership that day, now and then one
//     away (never below 2/3), the head speaking last, votes mostly 同意.
//   - Times: every step within its node's limit and the case within the power's (working
//     days, natural days or hours); 公示 periods run their whole term; 8 % of licensing cases
//     are suspended once, for 2–10 whole working days, with a reason (补正材料, 专家评审 …).
//     recorded = occurred + 0–20 min.
//   - Keeps clear of what the rules flag: no handler related to the counterparty, no handler
//     with 7 cases of one counterparty within ±100 days, no supplier whose purchases below
//     200 000 within ±30 days reach 200 000, and no finance / procurement / project amount of
//     500 000 or more where a decision-stage task (会签, 会计审核) precedes the collective node:
//     collective-missing flags such a task, so those amounts stay below 500 000.
//   - Nothing occurs or is recorded after DemoToday 18:00 China time: the most recent cases
//     are still open then (cut at that instant, possibly while suspended).
//
// Planted (CaseGenRates: per mille of the cases a kind applies to; counts with the defaults)
//   skipped-step        flow-deviation 跳过环节: a task left out                    10 ‰  219
//   out-of-order        flow-deviation 顺序颠倒: an earlier task done again later    5 ‰  114
//   actor-post          a colleague, or the post's former holder, does a step        8 ‰  183
//   sod-pair            one person does both steps of 受理/审批, 审核/决定 or 经办/复核
//                       (also actor-post)                                            6 ‰   91
//   sod-applicant       a staff member's own application, handled by them            3 ‰   29
//   recusal             a handler with a declared relation to the counterparty
//                       (of the cases such a person handles)                        25 ‰   76
//   head-direct         the head signs the personal approval of a finance,
//                       procurement or project case (also actor-post)               25 ‰  124
//   collective-missing  a collective node without meeting record, or a large amount
//                       routed round the collective node (also 偏离分支)            12 ‰   86
//   collective-quorum   fewer than 2/3 of the members present                       12 ‰  101
//   collective-last-speaker  the head speaks first or in the middle                 15 ‰  101
//   discretion          a penalty outside its grade's benchmark (or no grade
//                       written), no reason                                         20 ‰   35
//   discretion-reasoned the same with a written reason (a notice)                   15 ‰   24
//   backdating          1–3 steps recorded 26 h – 12 days after they happened       12 ‰  271
//   overdue-step        one step at 1.1–1.4 × its limit                             15 ‰  351
//   overdue-step-far    one step at 1.7–2.3 × its limit                              5 ‰   94
//   overdue-case        every step near its limit, the case over the power's         8 ‰   84
//   overdue-case-far    the case over 1.5 × the power's limit                        3 ‰   31
//   power-not-in-force  opened after its power was 取消 or 下放        1 ‰ of all cases   24
//   splitting           2–3 purchases from one supplier within ±10 days, each below
//                       200 000 and the unit's threshold, together above 200 000
//                                                                  3 groups / 10 000   20
//   concentration       12–14 cases of one company for one power in one month, so
//                       its handlers pass 10 in 90 days            2 groups / 10 000   66
// A case carries at most one kind; a kind that finds no place in a case (no meeting, still
// open at DemoToday …) is given up and the case stays clean. The overdue kinds are for the
// deadline rules (overdue-step, overdue-case); a late step may make its case late too.
// Groups stay within one month: the writer records a month per submission, and the window
// rules drop a window once the latest recorded time they saw is a window past it — which,
// in a month of whole cases, runs months ahead of the month's own purchases.
//
// Cost: about 1 s and 300 MB at peak in a Release build (the result holds ~230 MB: an event
// is ~650 bytes; a month's group is 25 000–34 000 events), about 6–8 s in a Debug build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "engine/event.h"

namespace dl::demo {

// Rates of the planted deviations, per mille of the cases each kind applies to (see above).
struct CaseGenRates {
  int skipped_step = 10;
  int out_of_order = 5;
  int actor_post = 8;
  int sod_pair = 6;
  int sod_applicant = 3;
  int recusal = 25;  // of the cases a related person handles
  int head_direct = 25;
  int collective_missing = 12;
  int collective_quorum = 12;
  int collective_last_speaker = 15;
  int discretion = 20;
  int discretion_reasoned = 15;
  int backdating = 12;
  int overdue_step = 15;
  int overdue_step_far = 5;
  int overdue_case = 8;
  int overdue_case_far = 3;
  int power_not_in_force = 1;    // per mille of all cases
  int splitting_groups = 3;      // per 10 000 cases
  int concentration_groups = 2;  // per 10 000 cases
};

struct CaseGenOptions {
  uint64_t seed = 1;
  int cases = 24000;
  CaseGenRates rates;
};

struct DemoCases {
  // Whole cases grouped by the month they opened (China time), oldest first, each group's
  // events sorted by occurred time (stable: a case's own order is kept); the writer records
  // one group per submission, and a case never spans two groups.
  std::vector<std::vector<engine::Event>> by_month;
  // What was planted, for tests and the demo's summary: planted kind → cases.
  std::map<std::string, size_t> planted;
  // The planted cases: case id → kind. Every other case is clean.
  std::map<std::string, std::string> planted_cases;
  // Cases generated (options.cases, less the rare one that fits nowhere), their events, and
  // the cases whose `closed` is after DemoToday 18:00 and so not among the events.
  size_t cases = 0, events = 0, open_at_today = 0;
  // A clean case closed before DemoToday whose applicant left a phone: to try 办件查询 on the
  // portal with DemoApplicantPhone(tracking_sample). Empty when there is none.
  std::string tracking_sample;
};

// The phone the demo's applicant of case `case_id` gave (for 办件查询 on the portal; only a
// hash of its last four digits is recorded): "1380013" and four digits derived from the id.
std::string DemoApplicantPhone(const std::string& case_id);

// Generates the year of cases for `county` (GenerateDemoCounty; other catalogues work if
// their flows are like the demo's). Deterministic: the same county and options yield
// identical events on every machine and standard library. Every event passes
// engine::EventFromJson(EventToJson(e)) unchanged. Event source "demo", case ids
// "YX-20260316-0005" (opening day and number), event ids "<case>-01", "<case>-02" … in time
// order. Thread-safe; not cheap (see above).
DemoCases GenerateDemoCases(const catalog::Catalog& county, const CaseGenOptions& options);

}  // namespace dl::demo
