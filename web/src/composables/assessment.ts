// The assessment page as data: the periods to pick from, a period's name in the UI's language,
// an indicator's measured value as text, and where each fact behind a score leads.
import type { RouteLocationRaw } from 'vue-router'
import { RATIO_SOURCES, type Assessment, type AssessmentFact, type IndicatorScore } from '@/api/assessment'
import { EMPTY, formatPercent } from '@/utils/format'

export type Translate = (key: string, params?: Record<string, string | number>) => string

/** A period the server knows: a quarter, a half year or a year. */
export type PeriodParts =
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'half'; year: number; half: number }
  | { kind: 'year'; year: number }

const PERIOD = /^(\d{4})(?:([QqHh])([1-4]))?$/

/** "2026Q3" → quarter 3 of 2026, "2026H1" → first half, "2026" → the year; null when not a period. */
export function parsePeriod(code: string): PeriodParts | null {
  const m = PERIOD.exec(code.trim())
  if (!m) return null
  const year = Number(m[1])
  if (!m[2]) return { kind: 'year', year }
  const n = Number(m[3])
  if (m[2].toUpperCase() === 'Q') return { kind: 'quarter', year, quarter: n }
  return n <= 2 ? { kind: 'half', year, half: n } : null
}

export function isPeriod(code: string): boolean {
  return parsePeriod(code) !== null
}

/** The quarter `today` (YYYY-MM-DD) lies in: "2026Q4". */
export function quarterOf(today: string): string {
  const year = today.slice(0, 4)
  const month = Number(today.slice(5, 7)) || 1
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`
}

export interface PeriodGroup {
  year: number
  /** the year itself first, then its quarters, newest first */
  codes: string[]
}

/**
 * What the period picker offers: this year (its quarters up to the current one) and last year
 * (all four), each with the whole year, newest first.
 */
export function periodOptions(today: string): PeriodGroup[] {
  const year = Number(today.slice(0, 4))
  const current = parsePeriod(quarterOf(today))
  const lastQuarter = current?.kind === 'quarter' ? current.quarter : 4
  const quarters = (y: number, upTo: number) =>
    Array.from({ length: upTo }, (_, i) => `${y}Q${upTo - i}`)
  return [
    { year, codes: [String(year), ...quarters(year, lastQuarter)] },
    { year: year - 1, codes: [String(year - 1), ...quarters(year - 1, 4)] },
  ]
}

/** A period's name: "2026年第三季度" / "Q3 2026" (the server's Label() in Chinese). */
export function periodLabel(code: string, t: Translate): string {
  const p = parsePeriod(code)
  if (!p) return code
  switch (p.kind) {
    case 'quarter':
      return t('assessment.periods.quarter', { year: p.year, q: t(`assessment.quarterNames.${p.quarter}`) })
    case 'half':
      return t(`assessment.periods.half${p.half}`, { year: p.year })
    case 'year':
      return t('assessment.periods.year', { year: p.year })
  }
}

function isRatio(source: string): boolean {
  return (RATIO_SOURCES as readonly string[]).includes(source)
}

function plain(n: number): string {
  return String(Math.round(n * 100) / 100)
}

/**
 * The measured value: a ratio as "36/40（90.0%）", other sources as the number (per 100 cases,
 * red cards, average rating, points deducted); EMPTY without data.
 */
export function indicatorValueText(ind: Pick<IndicatorScore, 'source' | 'available' | 'value' | 'numerator' | 'denominator'>): string {
  if (!ind.available || ind.value === null || ind.value === undefined) return EMPTY
  if (isRatio(ind.source)) {
    const percent = formatPercent(ind.value)
    return ind.denominator > 0 ? `${plain(ind.numerator)}/${plain(ind.denominator)}（${percent}）` : percent
  }
  return plain(ind.value)
}

/** No data and its weight given to the other indicators: it has no score to show. */
export function isRedistributed(ind: Pick<IndicatorScore, 'available' | 'used_weight'>): boolean {
  return !ind.available && ind.used_weight === 0
}

/** The points an indicator lost: its weight as used, less its score (never below 0). */
export function lostPoints(ind: Pick<IndicatorScore, 'used_weight' | 'score'>): number {
  return Math.max(0, Math.round((ind.used_weight - ind.score) * 100) / 100)
}

/** Where a fact leads: a page of the app, the 自查 / 检查 entry in the list on the same page, or nowhere. */
export type FactTarget =
  | { kind: 'route'; to: RouteLocationRaw }
  | { kind: 'check'; seq: number }
  | null

export function factTarget(fact: Pick<AssessmentFact, 'kind' | 'id'>): FactTarget {
  const id = fact.id.trim()
  if (!id) return null
  switch (fact.kind) {
    case 'case':
      return { kind: 'route', to: { name: 'case', params: { id } } }
    case 'warning':
      return /^\d+$/.test(id) ? { kind: 'route', to: { name: 'warning', params: { seq: id } } } : null
    case 'power':
      return { kind: 'route', to: { name: 'power', params: { code: id } } }
    case 'risk': {
      // "POWER/RISK": the power's page, on its risks
      const slash = id.lastIndexOf('/')
      const code = slash > 0 ? id.slice(0, slash) : id
      return { kind: 'route', to: { name: 'power', params: { code }, query: { tab: 'risks' } } }
    }
    case 'check':
      return /^\d+$/.test(id) ? { kind: 'check', seq: Number(id) } : null
    default:
      return null
  }
}

/** The grade lines as text: "优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60". */
export function gradeLines(grades: Assessment['grades'], separator = '，'): string {
  return Object.entries(grades ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([grade, bound]) => `${grade} ≥ ${plain(bound)}`)
    .join(separator)
}

/** The scheme's indicators (the same for every unit): id, name and weight, in the scheme's order. */
export interface IndicatorChoice {
  id: string
  name: string
  weight: number
}

export function schemeIndicators(a: Pick<Assessment, 'units'> | null | undefined): IndicatorChoice[] {
  const seen = new Map<string, IndicatorChoice>()
  for (const u of a?.units ?? []) {
    for (const i of u.indicators) if (!seen.has(i.id)) seen.set(i.id, { id: i.id, name: i.name, weight: i.weight })
  }
  return [...seen.values()]
}
