import { describe, expect, it } from 'vitest'
import type { Person, PowerSummary } from '@/api/catalog'
import { BUILTIN_RULES, RULE_KINDS, WARNING_RULES } from '@/api/warnings'
// The server's table of built-in rules: the UI's must follow it.
import rulesHeader from '../../../src/monitor/rules.h?raw'
import {
  buildExceptionRequest, buildRevokeRequest, canRevoke, emptyExceptionForm, EXCEPTION_RULES, exceptionRuleProblem,
  exceptionStatusTagType, isCustomRule, ownerChoices, powerChoices, riskChoices, type ExceptionForm,
} from './exceptionForm'

const TODAY = '2026-11-24'
const rule: ExceptionForm = {
  ...emptyExceptionForm('rule'), unit: 'YX-ZRJ', rule: 'overdue-step', owner: ' P0064 ', reason: ' 系统改造期间 ', until: '2026-12-31',
}
const risk: ExceptionForm = { ...rule, kind: 'risk', rule: '', power: 'QZ-ZRJ-001', risk: 'R2' }

describe('a new exception', () => {
  it('of a rule sends the rule, and the power only when one was chosen', () => {
    expect(buildExceptionRequest(rule, TODAY)).toEqual({ ok: true, request: {
      kind: 'rule', unit: 'YX-ZRJ', rule: 'overdue-step', owner: 'P0064', reason: '系统改造期间', until: '2026-12-31',
    } })
    const narrowed = buildExceptionRequest({ ...rule, power: 'QZ-ZRJ-001', risk: 'R9' }, TODAY)
    expect(narrowed.ok && narrowed.request).toMatchObject({ rule: 'overdue-step', power: 'QZ-ZRJ-001' })
    expect(narrowed.ok && narrowed.request.risk).toBeUndefined()
  })
  it('of a risk sends the power and its risk, never a rule', () => {
    expect(buildExceptionRequest({ ...risk, rule: 'recusal' }, TODAY)).toEqual({ ok: true, request: {
      kind: 'risk', unit: 'YX-ZRJ', power: 'QZ-ZRJ-001', risk: 'R2', owner: 'P0064', reason: '系统改造期间', until: '2026-12-31',
    } })
  })
  it('needs what its kind names', () => {
    expect(buildExceptionRequest({ ...rule, rule: ' ' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.rule' } })
    expect(buildExceptionRequest({ ...risk, power: '' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.power' } })
    expect(buildExceptionRequest({ ...risk, risk: '' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.risk' } })
    expect(buildExceptionRequest({ ...rule, kind: 'case' as 'rule' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.kind' } })
  })
  it('names a rule of events, windows or deadlines, or a custom one; never one of the organisation', () => {
    for (const r of ['sod-static', 'rotation', 'review-overdue']) {
      expect(buildExceptionRequest({ ...rule, rule: r }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.ruleOfCatalog', params: { rule: r } } })
    }
    expect(buildExceptionRequest({ ...rule, rule: 'no-such-rule' }, TODAY))
      .toEqual({ ok: false, error: { key: 'exceptions.errors.ruleUnknown', params: { rule: 'no-such-rule' } } })
    expect(buildExceptionRequest({ ...rule, rule: 'lua:' }, TODAY).ok).toBe(false)
    const custom = buildExceptionRequest({ ...rule, rule: ' lua:weekend-approval ' }, TODAY)
    expect(custom.ok && custom.request.rule).toBe('lua:weekend-approval')
    // a risk exception names no rule, whatever the form kept
    expect(buildExceptionRequest({ ...risk, rule: 'rotation' }, TODAY).ok).toBe(true)
  })
  it('needs a unit, a person responsible, a reason and a last day not yet past', () => {
    expect(buildExceptionRequest({ ...rule, unit: '' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.unit' } })
    expect(buildExceptionRequest({ ...rule, owner: '  ' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.owner' } })
    expect(buildExceptionRequest({ ...rule, reason: '' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.reason' } })
    expect(buildExceptionRequest({ ...rule, until: '' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.until' } })
    expect(buildExceptionRequest({ ...rule, until: '2026-13-01' }, TODAY)).toEqual({ ok: false, error: { key: 'exceptions.errors.until' } })
    expect(buildExceptionRequest({ ...rule, until: '2026-11-23' }, TODAY))
      .toEqual({ ok: false, error: { key: 'exceptions.errors.untilPast', params: { date: '2026-11-23' } } })
    expect(buildExceptionRequest({ ...rule, until: TODAY }, TODAY).ok).toBe(true)
    // at most a year (366 days) ahead: risks are reviewed at least yearly
    expect(buildExceptionRequest({ ...rule, until: '2027-11-25' }, TODAY).ok).toBe(true)
    expect(buildExceptionRequest({ ...rule, until: '2027-11-26' }, TODAY))
      .toEqual({ ok: false, error: { key: 'exceptions.errors.untilTooLate', params: { days: 366, date: '2027-11-25' } } })
  })
})

describe('revoking', () => {
  it('needs a reason and only an exception in force can be revoked', () => {
    expect(buildRevokeRequest('  ')).toEqual({ ok: false, error: { key: 'exceptions.errors.revokeReason' } })
    expect(buildRevokeRequest(' 已整改 ')).toEqual({ ok: true, request: { reason: '已整改' } })
    expect(canRevoke({ status: '有效' })).toBe(true)
    expect(canRevoke({ status: '已到期' })).toBe(false)
    expect(canRevoke({ status: '已撤销' })).toBe(false)
    expect(['有效', '已到期', '已撤销', '?'].map(exceptionStatusTagType)).toEqual(['success', 'info', 'warning', 'info'])
  })
})

describe('choices', () => {
  it('offers the powers still exercised and the risks high first', () => {
    const power = (code: string, status: string) => ({ code, name: code, status }) as PowerSummary
    expect(powerChoices([power('A', '在用'), power('B', '取消'), power('C', '调整'), power('D', '下放')]).map((p) => p.code))
      .toEqual(['A', 'C'])
    const r = (code: string, level: string) => ({ code, name: code, level, category: '', factors: { importance: 1, discretion: 1, frequency: 1, likelihood: 1, harm: 1 } })
    expect(riskChoices({ risks: [r('R1', '低'), r('R3', '高'), r('R2', '高'), r('R4', '中')] }).map((x) => x.code))
      .toEqual(['R2', 'R3', 'R4', 'R1'])
    expect(riskChoices(null)).toEqual([])
  })
})

describe('the rules', () => {
  it('are the server\'s built-in rules, each of its kind', () => {
    const table = rulesHeader.slice(rulesHeader.indexOf('kBuiltinRules'))
    const server = [...table.matchAll(/\{RuleId::\w+,\s*"([\w-]+)",\s*"[^"]*",\s*Level::\w+,\s*RuleKind::k(\w+)\}/g)]
      .map((m) => [m[1], m[2]!.toLowerCase()])
    expect(server.length).toBeGreaterThan(15)
    expect(Object.entries(RULE_KINDS)).toEqual(server)
    expect(BUILTIN_RULES).toEqual(server.map(([id]) => id))
  })
  it('an exception may suspend all but the organisation\'s, and the warning list knows the lapse too', () => {
    expect(EXCEPTION_RULES).not.toContain('sod-static')
    expect(EXCEPTION_RULES).not.toContain('rotation')
    expect(EXCEPTION_RULES).not.toContain('review-overdue')
    expect(EXCEPTION_RULES).toContain('overdue-step')
    expect(EXCEPTION_RULES).toContain('splitting')
    expect(EXCEPTION_RULES).toHaveLength(BUILTIN_RULES.length - 3)
    expect(WARNING_RULES).toContain('review-overdue')
    expect(WARNING_RULES).toContain('exception-lapsed')
    expect(exceptionRuleProblem('recusal')).toBeNull()
    expect(exceptionRuleProblem('')).toEqual({ key: 'exceptions.errors.rule' })
    expect([isCustomRule('lua:x'), isCustomRule('lua:'), isCustomRule('x')]).toEqual([true, false, false])
  })
})

describe('the person responsible', () => {
  const post = (name: string, patch: Partial<Person['posts'][number]> = {}) =>
    ({ post: `G-${name}`, post_name: name, unit: 'U', unit_name: '审批科', leadership: false, head: false, ...patch })
  it('is picked among the persons in post, the head and leaders first, with their posts', () => {
    const persons: Person[] = [
      { code: 'P3', name: '王五', posts: [post('科员')] },
      { code: 'P1', name: '张三', posts: [post('副局长', { leadership: true })] },
      { code: 'P2', name: '李四', posts: [post('局长', { head: true, unit_name: '' }), post('党组书记', { leadership: true })] },
      { code: 'P4', name: '', posts: [post('', { post: 'G9' })] },
    ]
    expect(ownerChoices(persons)).toEqual([
      { code: 'P2', name: '李四', posts: '局长、党组书记（审批科）', leader: true },
      { code: 'P1', name: '张三', posts: '副局长（审批科）', leader: true },
      { code: 'P4', name: 'P4', posts: 'G9（审批科）', leader: false },
      { code: 'P3', name: '王五', posts: '科员（审批科）', leader: false },
    ])
    expect(ownerChoices([])).toEqual([])
  })
})
