// What a flow step is about. Risk texts, control measures and supervision methods are
// chosen per tag, so a risk reads like one found at that step.
#pragma once

namespace dl::demo {

enum class Tag {
  kWhole,          // an external power as a whole (a risk not on one node)
  kWholeInternal,  // an internal power as a whole
  // application-driven powers
  kAccept,
  kSupplement,
  kReview,
  kSite,
  kApprove,
  kDeliver,
  kPublish,
  // enforcement
  kFile,
  kInvestigate,
  kLegal,
  kNotify,
  kHearing,
  kPenaltyDecide,
  kExecute,
  kClose,
  kSeizeApprove,
  kSeize,
  kRelease,
  // levies, benefits, inspections, rewards, adjudication
  kAssess,
  kCollect,
  kSurvey,
  kPublicize,
  kPay,
  kPlan,
  kSelect,
  kInspect,
  kRectify,
  kDeclare,
  kEvaluate,
  kMediate,
  kRule,
  // internal powers
  kPropose,
  kArgue,
  kConsult,
  kAgenda,
  kCollective,
  kMinutes,
  kImplement,
  kBidding,
  kAcceptance,
  kCountersign,
  kRecommend,
  kExamine,
  kAppoint,
  kBookkeep,
  kDecide,
};

}  // namespace dl::demo
