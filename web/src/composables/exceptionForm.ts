// 例外管理 as data: the list's filters, the form of a new exception (a monitor rule not to warn
// for a unit, or a risk of a power accepted, until a date, with a person responsible) and of a
// revocation, checked before they are sent.
import type { Person, PowerDetail, PowerSummary } from '@/api/catalog'
import {
  ACTIVE_EXCEPTION, EXCEPTION_KINDS, MAX_EXCEPTION_DAYS, type ExceptionKind, type ExceptionRecord, type ExceptionRequest, type RevokeRequest,
} from '@/api/exceptions'
import { BUILTIN_RULES, CUSTOM_RULE_PREFIX, RULE_KINDS, type BuiltinRule } from '@/api/warnings'
import { addDays, isIsoDate, type TagType } from '@/utils/format'
import type { FormError } from './uploads'

/** The list's filters (route query). */
export type ExceptionFilters = {
  unit: string
  /** '' | 有效 | 已到期 | 已撤销 */
  status: string
}

export const EXCEPTION_FILTERS: ExceptionFilters = { unit: '', status: '' }

export interface ExceptionForm {
  kind: ExceptionKind
  unit: string
  rule: string
  power: string
  risk: string
  /** person code */
  owner: string
  reason: string
  /** YYYY-MM-DD */
  until: string
}

export function emptyExceptionForm(kind: ExceptionKind = 'rule'): ExceptionForm {
  return { kind, unit: '', rule: '', power: '', risk: '', owner: '', reason: '', until: '' }
}

/**
 * The built-in rules an exception may suspend: those judging events, windows of cases and
 * deadlines. The rules judging the organisation and the lists (sod-static, rotation,
 * review-overdue) are answered by changing the posts or re-assessing the risk instead; the server
 * refuses them.
 */
export const EXCEPTION_RULES: readonly BuiltinRule[] = BUILTIN_RULES.filter((r) => RULE_KINDS[r] !== 'catalog')

/** Whether `rule` is a custom rule's id ("lua:name"). */
export function isCustomRule(rule: string): boolean {
  return rule.startsWith(CUSTOM_RULE_PREFIX) && rule.length > CUSTOM_RULE_PREFIX.length
}

/** What is wrong with `rule` as a rule exception's rule (an i18n key), or null when it may be one. */
export function exceptionRuleProblem(rule: string): FormError | null {
  if (!rule) return { key: 'exceptions.errors.rule' }
  if ((EXCEPTION_RULES as readonly string[]).includes(rule) || isCustomRule(rule)) return null
  if (rule in RULE_KINDS) return { key: 'exceptions.errors.ruleOfCatalog', params: { rule } }
  return { key: 'exceptions.errors.ruleUnknown', params: { rule } }
}

export type BuiltException = { ok: true; request: ExceptionRequest } | { ok: false; error: FormError }

/**
 * The request of a filled form, or the first thing to fix. A rule exception names a rule of events,
 * windows or deadlines, or a custom "lua:" one (and may narrow it to one power); a risk exception names a power and one of its risks. The last day lies
 * from today up to MAX_EXCEPTION_DAYS ahead.
 */
export function buildExceptionRequest(f: ExceptionForm, today: string): BuiltException {
  if (!(EXCEPTION_KINDS as readonly string[]).includes(f.kind)) return { ok: false, error: { key: 'exceptions.errors.kind' } }
  if (!f.unit) return { ok: false, error: { key: 'exceptions.errors.unit' } }
  const rule = f.rule.trim()
  const power = f.power.trim()
  const risk = f.risk.trim()
  if (f.kind === 'rule') {
    const problem = exceptionRuleProblem(rule)
    if (problem) return { ok: false, error: problem }
  }
  if (f.kind === 'risk' && !power) return { ok: false, error: { key: 'exceptions.errors.power' } }
  if (f.kind === 'risk' && !risk) return { ok: false, error: { key: 'exceptions.errors.risk' } }
  const owner = f.owner.trim()
  if (!owner) return { ok: false, error: { key: 'exceptions.errors.owner' } }
  const reason = f.reason.trim()
  if (!reason) return { ok: false, error: { key: 'exceptions.errors.reason' } }
  if (!isIsoDate(f.until)) return { ok: false, error: { key: 'exceptions.errors.until' } }
  if (f.until < today) return { ok: false, error: { key: 'exceptions.errors.untilPast', params: { date: f.until } } }
  const latest = addDays(today, MAX_EXCEPTION_DAYS)
  if (f.until > latest) {
    return { ok: false, error: { key: 'exceptions.errors.untilTooLate', params: { days: MAX_EXCEPTION_DAYS, date: latest } } }
  }
  const request: ExceptionRequest = { kind: f.kind, unit: f.unit, owner, reason, until: f.until }
  if (f.kind === 'rule') {
    request.rule = rule
    if (power) request.power = power
  } else {
    request.power = power
    request.risk = risk
  }
  return { ok: true, request }
}

export type BuiltRevoke = { ok: true; request: RevokeRequest } | { ok: false; error: FormError }

export function buildRevokeRequest(reason: string): BuiltRevoke {
  const text = reason.trim()
  return text ? { ok: true, request: { reason: text } } : { ok: false, error: { key: 'exceptions.errors.revokeReason' } }
}

/** Only an exception in force can be revoked. */
export function canRevoke(e: Pick<ExceptionRecord, 'status'>): boolean {
  return e.status === ACTIVE_EXCEPTION
}

export function exceptionStatusTagType(status: string): TagType {
  switch (status) {
    case '有效': return 'success'
    case '已到期': return 'info'
    case '已撤销': return 'warning'
    default: return 'info'
  }
}

/** The powers a unit's exception may name: those that may still be exercised (在用, 调整). */
export function powerChoices(powers: readonly PowerSummary[]): { code: string; name: string }[] {
  return powers.filter((p) => p.status === '在用' || p.status === '调整').map((p) => ({ code: p.code, name: p.name }))
}

/** The risks of a power to pick from, high ones first. */
export function riskChoices(power: Pick<PowerDetail, 'risks'> | null | undefined): { code: string; name: string; level: string }[] {
  const order: Record<string, number> = { 高: 0, 中: 1, 低: 2 }
  return [...(power?.risks ?? [])]
    .sort((a, b) => (order[a.level] ?? 3) - (order[b.level] ?? 3) || a.code.localeCompare(b.code))
    .map((r) => ({ code: r.code, name: r.name, level: r.level }))
}

/** A person to name as responsible: the code sent, the name and the posts held, to pick by. */
export interface OwnerChoice {
  code: string
  name: string
  /** "科长（审批科）、…": the posts held today, where they are */
  posts: string
  /** holds the unit's head post or a leadership post */
  leader: boolean
}

/**
 * The persons of a unit to pick the responsible one from (GET /persons?unit=): leaders first (the
 * head before the others), then by name; each with the posts held, so namesakes can be told apart.
 */
export function ownerChoices(persons: readonly Person[]): OwnerChoice[] {
  const rank = (p: Person) => (p.posts.some((x) => x.head) ? 0 : p.posts.some((x) => x.leadership) ? 1 : 2)
  return [...persons]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code))
    .map((p) => ({
      code: p.code,
      name: p.name || p.code,
      posts: p.posts.map((x) => (x.unit_name ? `${x.post_name || x.post}（${x.unit_name}）` : x.post_name || x.post)).join('、'),
      leader: rank(p) < 2,
    }))
}
