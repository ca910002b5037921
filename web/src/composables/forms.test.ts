import { describe, expect, it } from 'vitest'
import type { Account } from '@/api/accounts'
import { ApiError } from '@/api/http'
import { accountForm, accountFormError, updateRequest } from './accountForm'
import { buildAction, emptyActionForm } from './caseActions'
import { canApply, countBySeverity, problemSeverity, reportFromError } from './catalogImport'

describe('case action requests', () => {
  it('a step needs a node and a valid amount', () => {
    expect(buildAction('step', emptyActionForm())).toEqual({ ok: false, error: 'action.errors.node' })
    expect(buildAction('step', { ...emptyActionForm('N1'), amount: '十万' })).toEqual({ ok: false, error: 'action.errors.amount' })
    expect(buildAction('step', { ...emptyActionForm('N1'), amount: '-1' })).toEqual({ ok: false, error: 'action.errors.amount' })
    expect(buildAction('step', { ...emptyActionForm('N1'), amount: '1200.5', decision: ' 同意 ' })).toEqual({
      ok: true, request: { kind: 'step', body: { node: 'N1', start_first: true, amount: 1200.5, decision: '同意' } },
    })
  })
  it('a decision needs its outcome; value, grade and meeting are sent when given', () => {
    expect(buildAction('decision', emptyActionForm('N2'))).toEqual({ ok: false, error: 'action.errors.decision' })
    expect(buildAction('decision', { ...emptyActionForm('N2'), decision: '罚款', meeting: '[1]' }))
      .toEqual({ ok: false, error: 'action.errors.meeting' })
    const built = buildAction('decision', {
      ...emptyActionForm('N2'), decision: '罚款', decided_value: '5000', grade: '一般', reason: '首次违法',
      meeting: '{"members":3,"present":["P1","P2"],"speaking_order":["P2","P1"],"votes":{"P1":"同意"}}',
    })
    expect(built).toEqual({ ok: true, request: { kind: 'decision', body: {
      node: 'N2', decision: '罚款', decided_value: 5000, grade: '一般', reason: '首次违法',
      meeting: { members: 3, present: ['P1', 'P2'], speaking_order: ['P2', 'P1'], votes: { P1: '同意' } },
    } } })
  })
  it('suspending needs a reason', () => {
    expect(buildAction('suspend', emptyActionForm())).toEqual({ ok: false, error: 'action.errors.reason' })
    expect(buildAction('suspend', { ...emptyActionForm(), reason: '补正材料' }))
      .toEqual({ ok: true, request: { kind: 'suspend', reason: '补正材料' } })
  })
})

describe('catalog import report', () => {
  it('reads severity from level or severity, in either language', () => {
    expect(problemSeverity({ level: 'warning', file: 'f', message: 'm' })).toBe('warning')
    expect(problemSeverity({ severity: '警告', file: 'f', message: 'm' })).toBe('warning')
    expect(problemSeverity({ severity: 'error', file: 'f', message: 'm' })).toBe('error')
    expect(problemSeverity({ file: 'f', message: 'm' })).toBe('error')
  })
  it('allows the real import only after a clean dry run', () => {
    const warning = { level: 'warning', file: 'a.xlsx', message: '高风险点没有防控措施' }
    const error = { level: 'error', file: 'a.xlsx', message: '办理时限应为整数' }
    expect(canApply({ dry_run: true, applied: false, entries: 3, problems: [warning] })).toBe(true)
    expect(canApply({ dry_run: true, applied: false, entries: 3, problems: [warning, error] })).toBe(false)
    expect(canApply({ dry_run: false, applied: true, entries: 3, problems: [] })).toBe(false)
    expect(canApply(null)).toBe(false)
    expect(countBySeverity([warning, error, error])).toEqual({ error: 2, warning: 1 })
  })
  it('turns a 400 listing problems into a report', () => {
    const e = new ApiError(400, 'invalid_argument', '发现 1 处错误', [{ file: 'a.xlsx', row: 12, message: '办理时限应为整数' }])
    expect(reportFromError(e, true)?.problems).toEqual([{ file: 'a.xlsx', row: 12, message: '办理时限应为整数' }])
    expect(reportFromError(new ApiError(403, 'permission_denied', '无权'), true)).toBeNull()
  })
})

describe('account form', () => {
  const before: Account = { login: 'wang', name: '王建国', role: 'handler', units: ['YX-SCJ'], person: 'P001', disabled: false }

  it('sends only what changed', () => {
    expect(updateRequest(before, accountForm(before))).toEqual({})
    expect(updateRequest(before, { ...accountForm(before), role: 'leader', disabled: true, units: ['YX-SCJ', 'YX'] }))
      .toEqual({ role: 'leader', disabled: true, units: ['YX-SCJ', 'YX'] })
    expect(updateRequest(before, { ...accountForm(before), password: 'a-new-password' })).toEqual({ password: 'a-new-password' })
  })
  it('checks login, units, person and password length', () => {
    expect(accountFormError({ ...accountForm(), name: '李', units: ['YX'], password: 'long-enough-1' }, true)).toBe('system.errors.login')
    expect(accountFormError({ ...accountForm(), login: 'li', name: '李', password: 'long-enough-1' }, true)).toBe('system.errors.units')
    expect(accountFormError({ ...accountForm(), login: 'li', name: '李', units: ['YX'], password: 'long-enough-1' }, true))
      .toBe('system.errors.person')
    expect(accountFormError({ ...accountForm(), login: 'li', name: '李', role: 'leader', units: ['YX'], person: ' ',
      password: 'long-enough-1' }, true)).toBe('system.errors.person')
    expect(accountFormError({ ...accountForm(), login: 'li', name: '李', role: 'inspector', units: ['YX'],
      password: 'long-enough-1' }, true)).toBeNull()
    expect(accountFormError({ ...accountForm(), login: 'li', name: '李', units: ['YX'], person: 'P009', password: 'short' }, true))
      .toBe('system.errors.password')
    expect(accountFormError({ ...accountForm(), login: 'admin', name: '管理员', role: 'admin', password: 'long-enough-1' }, true)).toBeNull()
    expect(accountFormError(accountForm(before), false)).toBeNull()
  })
})
