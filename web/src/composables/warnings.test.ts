import { describe, expect, it } from 'vitest'
import { ApiError, refusalText } from '@/api/http'
import type { DutyCandidate, WarningDetail } from '@/api/warnings'
import { chinaToday, formatDeadline, warningStatusTagType } from '@/utils/format'
import { buildManualWarning, cleanCodes, emptyManualForm } from './manualWarning'
import {
  base64FromBytes, formatSize, MAX_FILE_BYTES, MAX_FILES, readUpload, requestFiles, uploadProblem, type PickedFile,
} from './uploads'
import { actorRoleKey, isManual, isOverdue, stepActionKey, WARNING_FILTERS, warningListQuery } from './warningView'
import {
  allowedActions, buildStepRequest, DEFAULT_SUPERVISORY_MEASURE, emptyDutyRow, emptyStepForm, needsDeadline,
  proposedDuties, type StepForm,
} from './warningSteps'

const TODAY = '2026-11-24'

const candidates: DutyCandidate[] = [
  { kind: '主体责任', person: 'P0064', name: '吴振华', unit: 'YX-ZRJ', unit_name: '自然资源局', role: '主要负责人（局长）' },
  { kind: '主体责任', person: 'P0065', name: '朱磊', unit: 'YX-ZRJ', unit_name: '自然资源局', role: '分管领导（副局长）' },
  { kind: '监督责任', person: 'P0006', name: '侯丽萍', unit: 'YX-PZ2', unit_name: '派驻第二组', role: '监督责任人（组长）' },
]
const warning: Pick<WarningDetail, 'unit' | 'unit_name' | 'supervisor' | 'supervisor_name' | 'duty_candidates'> = {
  unit: 'YX-ZRJ', unit_name: '自然资源局', supervisor: 'YX-PZ2', supervisor_name: '派驻第二组', duty_candidates: candidates,
}

function disposal(patch: Partial<StepForm> = {}): StepForm {
  const form = emptyStepForm('dispose', warning)
  for (const row of form.duties) if (!row.measure) row.measure = '约谈提醒'
  return { ...form, measure: '风险提示', text: '经核实，情况属实', ...patch }
}

describe('the 两责 table', () => {
  it('is prefilled from the candidates: principal rows first with no measure, the supervisor not pursued', () => {
    const rows = proposedDuties(warning)
    expect(rows.map((r) => [r.kind, r.person, r.name, r.measure, r.proposed])).toEqual([
      ['主体责任', 'P0064', '吴振华', '', true],
      ['主体责任', 'P0065', '朱磊', '', true],
      ['监督责任', 'P0006', '侯丽萍', DEFAULT_SUPERVISORY_MEASURE, true],
    ])
    expect(rows[0]?.role).toBe('主要负责人（局长）')
  })
  it('gets an empty row, in the right unit, for a kind nobody was proposed for', () => {
    const rows = proposedDuties({ ...warning, duty_candidates: candidates.slice(0, 1) })
    expect(rows).toHaveLength(2)
    expect(rows[1]).toEqual({
      kind: '监督责任', person: '', name: '', unit: 'YX-PZ2', unit_name: '派驻第二组', role: '',
      measure: DEFAULT_SUPERVISORY_MEASURE, proposed: false,
    })
    expect(proposedDuties({ unit: 'U', supervisor: '' }).map((r) => [r.kind, r.unit])).toEqual([['主体责任', 'U'], ['监督责任', '']])
    expect(emptyDutyRow('主体责任', warning).unit).toBe('YX-ZRJ')
  })
  it('only a disposal has one', () => {
    expect(emptyStepForm('explain', warning).duties).toEqual([])
    expect(emptyStepForm('dispose', warning).duties).toHaveLength(3)
  })
})

describe('step requests', () => {
  it('every step needs its text, and says which', () => {
    for (const action of ['explain', 'rectify', 'return', 'dismiss', 'close', 'reopen'] as const) {
      expect(buildStepRequest(action, { ...emptyStepForm(action), text: '  ' }, TODAY))
        .toEqual({ ok: false, error: { key: `disposal.errors.text.${action}` } })
    }
  })
  it('sends the text trimmed, with the files but not their sizes', () => {
    const file: PickedFile = { name: '说明.pdf', type: 'application/pdf', size: 3, data: 'AAEC' }
    expect(buildStepRequest('explain', { ...emptyStepForm('explain'), text: ' 已整改 ', files: [file] }, TODAY)).toEqual({
      ok: true, request: { action: 'explain', text: '已整改', files: [{ name: '说明.pdf', type: 'application/pdf', data: 'AAEC' }] },
    })
    expect(buildStepRequest('close', { ...emptyStepForm('close'), text: '落实' }, TODAY))
      .toEqual({ ok: true, request: { action: 'close', text: '落实' } })
  })
  it('a disposal sends the measure and both duties, without the names or a deadline it does not need', () => {
    const built = buildStepRequest('dispose', disposal({ deadline: '2026-12-01' }), TODAY)
    expect(built).toEqual({ ok: true, request: {
      action: 'dispose', text: '经核实，情况属实', measure: '风险提示',
      duties: [
        { kind: '主体责任', person: 'P0064', unit: 'YX-ZRJ', role: '主要负责人（局长）', measure: '约谈提醒' },
        { kind: '主体责任', person: 'P0065', unit: 'YX-ZRJ', role: '分管领导（副局长）', measure: '约谈提醒' },
        { kind: '监督责任', person: 'P0006', unit: 'YX-PZ2', role: '监督责任人（组长）', measure: '不予追究' },
      ],
    } })
  })
  it('a disposal needs a measure, then its deadline (not past) for 责令纠错 and 督促整改', () => {
    expect(buildStepRequest('dispose', disposal({ measure: '' }), TODAY)).toEqual({ ok: false, error: { key: 'disposal.errors.measure' } })
    expect(buildStepRequest('dispose', disposal({ measure: '罚款' }), TODAY)).toEqual({ ok: false, error: { key: 'disposal.errors.measure' } })
    expect(needsDeadline('督促整改')).toBe(true)
    expect(needsDeadline('通报')).toBe(false)
    expect(buildStepRequest('dispose', disposal({ measure: '督促整改' }), TODAY))
      .toEqual({ ok: false, error: { key: 'disposal.errors.deadline', params: { measure: '督促整改' } } })
    expect(buildStepRequest('dispose', disposal({ measure: '责令纠错', deadline: '2026-11-23' }), TODAY))
      .toEqual({ ok: false, error: { key: 'disposal.errors.deadlinePast', params: { date: '2026-11-23' } } })
    const today = buildStepRequest('dispose', disposal({ measure: '责令纠错', deadline: TODAY }), TODAY)
    expect(today.ok && today.request.deadline).toBe(TODAY)
  })
  it('a disposal needs a person and a measure on every row, and both kinds', () => {
    const form = disposal()
    form.duties[1] = { ...form.duties[1]!, measure: ' ' }
    expect(buildStepRequest('dispose', form, TODAY))
      .toEqual({ ok: false, error: { key: 'disposal.errors.dutyMeasure', params: { n: 2, name: '朱磊' } } })
    const added = disposal()
    added.duties.push(emptyDutyRow('主体责任', warning))
    expect(buildStepRequest('dispose', added, TODAY))
      .toEqual({ ok: false, error: { key: 'disposal.errors.dutyPerson', params: { n: 4 } } })
    const principalsOnly = disposal()
    principalsOnly.duties = principalsOnly.duties.filter((d) => d.kind === '主体责任')
    expect(buildStepRequest('dispose', principalsOnly, TODAY)).toEqual({ ok: false, error: { key: 'disposal.errors.bothDuties' } })
    expect(buildStepRequest('dispose', disposal({ text: '' }), TODAY))
      .toEqual({ ok: false, error: { key: 'disposal.errors.text.dispose' } })
  })
  it('offers only the steps the server allows and this UI knows', () => {
    expect(allowedActions(['dispose', 'return', 'dismiss'])).toEqual(['dispose', 'return', 'dismiss'])
    expect(allowedActions(['escalate', 'explain', 'fly'])).toEqual(['explain'])
    expect(allowedActions(undefined)).toEqual([])
  })
})

describe('a hand-entered warning', () => {
  const filled = { ...emptyManualForm(), source: '信访举报', unit: 'YX-ZRJ', message: ' 群众反映 ' }

  it('needs a source, a level, a unit and a message', () => {
    expect(buildManualWarning(emptyManualForm())).toEqual({ ok: false, error: { key: 'manual.errors.source' } })
    expect(buildManualWarning({ ...filled, level: '橙牌' })).toEqual({ ok: false, error: { key: 'manual.errors.level' } })
    expect(buildManualWarning({ ...filled, unit: '' })).toEqual({ ok: false, error: { key: 'manual.errors.unit' } })
    expect(buildManualWarning({ ...filled, message: ' ' })).toEqual({ ok: false, error: { key: 'manual.errors.message' } })
  })
  it('sends the links cleaned and leaves out what is empty', () => {
    expect(buildManualWarning(filled)).toEqual({ ok: true, request: { source: '信访举报', level: '黄牌', unit: 'YX-ZRJ', message: '群众反映' } })
    expect(buildManualWarning({ ...filled, person: ' P0067 ', cases: ['C1', ' C1', ''], powers: ['XK-1'] })).toEqual({
      ok: true, request: { source: '信访举报', level: '黄牌', unit: 'YX-ZRJ', message: '群众反映', person: 'P0067', cases: ['C1'], powers: ['XK-1'] },
    })
    expect(cleanCodes([' a', 'b', 'a ', ' '])).toEqual(['a', 'b'])
  })
})

describe('files', () => {
  it('are base64 as the server reads it, also past a chunk', () => {
    expect(base64FromBytes(new TextEncoder().encode('hello 附件'))).toBe(Buffer.from('hello 附件').toString('base64'))
    const big = new Uint8Array(70_000).map((_, i) => i % 251)
    expect(base64FromBytes(big)).toBe(Buffer.from(big).toString('base64'))
    expect(base64FromBytes(new Uint8Array())).toBe('')
  })
  it('are read with their name, type and size', async () => {
    const picked = await readUpload(new File(['abc'], '说明.txt', { type: 'text/plain' }))
    expect(picked).toEqual({ name: '说明.txt', type: 'text/plain', size: 3, data: 'YWJj' })
    expect((await readUpload(new File([new Uint8Array([1])], 'x.bin'))).type).toBe('application/octet-stream')
  })
  it('are refused when empty, too large, too many or too much together', () => {
    expect(uploadProblem({ name: 'a', size: 0 }, [])).toEqual({ key: 'files.errors.empty', params: { name: 'a' } })
    expect(uploadProblem({ name: 'a', size: MAX_FILE_BYTES + 1 }, [])?.key).toBe('files.errors.tooLarge')
    expect(uploadProblem({ name: 'a', size: MAX_FILE_BYTES }, [])).toBeNull()
    expect(uploadProblem({ name: 'a', size: 1 }, Array.from({ length: MAX_FILES }, () => ({ size: 1 })))?.key).toBe('files.errors.tooMany')
    expect(uploadProblem({ name: 'a', size: MAX_FILE_BYTES }, [{ size: MAX_FILE_BYTES }, { size: MAX_FILE_BYTES }])?.key)
      .toBe('files.errors.tooMuch')
    expect(requestFiles([])).toBeUndefined()
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(12)).toBe('12 B')
  })
})

describe('the list and the page', () => {
  const page = { page: 1, size: 20 }

  it('asks for hand-entered warnings as the rule manual, and overdue only when ticked', () => {
    expect(warningListQuery({ ...WARNING_FILTERS, ...page, source: 'manual' })).toMatchObject({ rule: 'manual', source: 'manual' })
    expect(warningListQuery({ ...WARNING_FILTERS, ...page, source: 'manual', rule: 'recusal' }).rule).toBe('recusal')
    expect(warningListQuery({ ...WARNING_FILTERS, ...page, source: 'rule' })).toMatchObject({ rule: '', source: 'rule' })
    expect(warningListQuery({ ...WARNING_FILTERS, ...page, overdue: 'true' }).overdue).toBe('true')
    const plain = warningListQuery({ ...WARNING_FILTERS, ...page, status: '待处置' })
    expect(plain.overdue).toBeUndefined()
    expect(plain.source).toBeUndefined()
    expect(plain.status).toBe('待处置')
  })
  it('knows a warning past its due time, but never a closed one', () => {
    const now = new Date('2026-12-02T00:00:00Z')
    expect(isOverdue({ due: '2026-12-01T16:00:00.000Z', status: '待处置' }, now)).toBe(true)
    expect(isOverdue({ due: '2026-12-02T16:00:00.000Z', status: '待处置' }, now)).toBe(false)
    expect(isOverdue({ due: '2026-12-01T16:00:00.000Z', status: '办结' }, now)).toBe(false)
    expect(isOverdue({ due: '', status: '待审核' }, now)).toBe(false)
    expect(isOverdue({ status: '待审核' }, now)).toBe(false)
  })
  it('shows a due time at Beijing midnight as the end of the day before', () => {
    expect(formatDeadline('2026-12-01T16:00:00.000Z')).toBe('2026-12-01 24:00')
    expect(formatDeadline('2026-12-01T08:30:00Z')).toBe('2026-12-01 16:30')
    expect(formatDeadline('')).toBe('—')
    expect(chinaToday(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24')
  })
  it('colours the statuses and names steps and actors', () => {
    expect(['待处置', '待审核', '已处置', '办结', '?'].map(warningStatusTagType)).toEqual(['danger', 'warning', 'primary', 'success', 'info'])
    expect(isManual({ rule: 'manual', source: '' })).toBe(true)
    expect(isManual({ rule: 'recusal', source: '' })).toBe(false)
    expect(stepActionKey('escalate')).toBe('disposal.actions.escalate')
    expect(stepActionKey('other')).toBeNull()
    expect(actorRoleKey({ role: 'system' })).toBe('disposal.system')
    expect(actorRoleKey({ role: 'unit_admin' })).toBe('roles.unit_admin')
    expect(actorRoleKey({ role: '' })).toBeNull()
  })
  it('keeps a refusal beside the form, other failures are messages', () => {
    expect(refusalText(new ApiError(409, 'conflict', '预警当前状态为“办结”，不能作出处置'))).toBe('预警当前状态为“办结”，不能作出处置')
    expect(refusalText(new ApiError(403, 'permission_denied', '无权'))).toBe('无权')
    expect(refusalText(new ApiError(500, 'internal', '服务器内部错误'))).toBe('')
    expect(refusalText(new ApiError(400, 'invalid_argument', ''))).toBe('')
    expect(refusalText(new Error('x'))).toBe('')
  })
})
