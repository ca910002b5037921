// 考核 (assessment) and the 自查 / 检查 entries that take points off it, as the server sends them
// (docs/assessment.md, src/assess/assess_json.h); enum values are the Chinese words of the API.

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const
export type Grade = (typeof GRADES)[number]

/** What a fact behind a score is: a power, a risk ("POWER/RISK"), a case, a warning (seq), a
 * public rating, or a 自查 / 检查 entry (seq). */
export const FACT_KINDS = ['power', 'risk', 'case', 'warning', 'rating', 'check'] as const
export type FactKind = (typeof FACT_KINDS)[number]

export interface AssessmentFact {
  kind: string
  id: string
  note: string
}

/** The data sources of indicators; the ratio ones have values 0–1. */
export const RATIO_SOURCES = ['lists_complete', 'lists_current', 'published', 'on_time', 'disposal_in_time'] as const

export interface IndicatorScore {
  id: string
  name: string
  source: string
  /** the weight in the scheme */
  weight: number
  /** the weight after redistributing the weights of indicators without data */
  used_weight: number
  available: boolean
  /** null when there is no data */
  value: number | null
  numerator: number
  denominator: number
  /** points taken off by 自查 / 检查 entries */
  deducted: number
  score: number
  note: string
  facts: AssessmentFact[]
}

export interface UnitAssessment {
  unit: string
  name: string
  total: number
  grade: string
  /** 1 is best; equal totals share a rank */
  rank: number
  indicators: IndicatorScore[]
}

export interface AssessmentPeriod {
  /** "2026Q3", "2026H1", "2026" */
  code: string
  /** "2026年第三季度" */
  label: string
  /** YYYY-MM-DD, both inclusive */
  first: string
  last: string
}

/** GET /assessment?period= */
export interface Assessment {
  scheme: string
  period: AssessmentPeriod
  period_label?: string
  /** lower bounds of the total: {"优秀":90,"良好":80,"合格":60} */
  grades: Record<string, number>
  /** by rank */
  units: UnitAssessment[]
}

export const CHECK_KINDS = ['自查', '检查'] as const
export type CheckKind = (typeof CHECK_KINDS)[number]
/** 自查: the unit checks itself (unit admins, leaders); 检查: the supervisor checks it (inspectors). */
export const SELF_CHECK: CheckKind = '自查'
export const REVIEW_CHECK: CheckKind = '检查'

/** POST /checks */
export interface CheckRequest {
  kind: CheckKind
  unit: string
  period: string
  /** an indicator id of the scheme */
  indicator: string
  /** ≥ 0 and ≤ the indicator's weight */
  deduction: number
  reason: string
  /** YYYY-MM-DD */
  date?: string
}

export interface CheckCreated {
  seq: number
}

/** A row of GET /checks. */
export interface CheckEntry {
  seq: number
  kind: string
  unit: string
  unit_name: string
  period: string
  indicator: string
  indicator_name: string
  deduction: number
  reason: string
  by: string
  by_name: string
  /** YYYY-MM-DD */
  date: string
  /** RFC 3339: when it was recorded */
  time: string
}

export interface CheckQuery {
  period?: string
  unit?: string
}

export interface CheckList {
  items: CheckEntry[]
  total: number
}
