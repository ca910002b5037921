// The form of a 自查 / 检查 entry (points taken off one indicator of a unit for a period) and its
// request, checked as the server checks it (ValidateCheckEntry, docs/assessment.md) before it is sent.
import type { Role } from '@/api/session/types'
import { CHECK_KINDS, REVIEW_CHECK, SELF_CHECK, type CheckKind, type CheckRequest } from '@/api/assessment'
import { isIsoDate } from '@/utils/format'
import { isPeriod, type IndicatorChoice } from './assessment'
import { canDo } from './access'
import type { FormError } from './uploads'

export interface CheckForm {
  kind: CheckKind
  unit: string
  period: string
  indicator: string
  /** as typed */
  deduction: string
  reason: string
  /** YYYY-MM-DD or '' */
  date: string
}

export function emptyCheckForm(kind: CheckKind = SELF_CHECK, period = '', today = ''): CheckForm {
  return { kind, unit: '', period, indicator: '', deduction: '', reason: '', date: today }
}

/** The kinds of entry a role may make: 自查 for the unit's own people, 检查 for inspectors. */
export function checkKindsFor(role: Role | null | undefined): CheckKind[] {
  const kinds: CheckKind[] = []
  if (canDo(role, 'checks.self')) kinds.push(SELF_CHECK)
  if (canDo(role, 'checks.review')) kinds.push(REVIEW_CHECK)
  return kinds
}

/** The most an entry may take off `indicator`: its weight in the scheme (null when unknown). */
export function maxDeduction(indicator: string, indicators: readonly IndicatorChoice[]): number | null {
  return indicators.find((i) => i.id === indicator)?.weight ?? null
}

const NUMBER = /^\d+(\.\d+)?$/

export type BuiltCheck = { ok: true; request: CheckRequest } | { ok: false; error: FormError }

/** The request of a filled form, or the first thing to fix (an i18n key and its parameters). */
export function buildCheckRequest(f: CheckForm, indicators: readonly IndicatorChoice[], today: string): BuiltCheck {
  if (!(CHECK_KINDS as readonly string[]).includes(f.kind)) return { ok: false, error: { key: 'checks.errors.kind' } }
  if (!f.unit) return { ok: false, error: { key: 'checks.errors.unit' } }
  if (!isPeriod(f.period)) return { ok: false, error: { key: 'checks.errors.period' } }
  const max = maxDeduction(f.indicator, indicators)
  if (max === null) return { ok: false, error: { key: 'checks.errors.indicator' } }
  const text = f.deduction.trim()
  const deduction = Number(text)
  if (!NUMBER.test(text) || !Number.isFinite(deduction) || deduction > max) {
    return { ok: false, error: { key: 'checks.errors.deduction', params: { max } } }
  }
  const reason = f.reason.trim()
  if (!reason) return { ok: false, error: { key: 'checks.errors.reason' } }
  const request: CheckRequest = { kind: f.kind, unit: f.unit, period: f.period, indicator: f.indicator, deduction, reason }
  if (f.date) {
    if (!isIsoDate(f.date)) return { ok: false, error: { key: 'checks.errors.date' } }
    if (f.date > today) return { ok: false, error: { key: 'checks.errors.dateFuture', params: { date: f.date } } }
    request.date = f.date
  }
  return { ok: true, request }
}
