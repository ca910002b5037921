import { describe, expect, it } from 'vitest'
import type { PublicUnit, TrackStep } from '@/api/portal/types'
import {
  buildAddition, buildComplaint, buildFollow, buildRating, buildTrack, emptyComplaintForm, isPhone, MAX_COMPLAINT_TEXT,
} from './portalForms'
import { chartValue, sortUnits, stepState, stepTagType, unitBarOption } from './portalView'

describe('tracking a case', () => {
  it('needs the receipt code and four digits', () => {
    expect(buildTrack({ code: ' ', check: '1234' })).toEqual({ ok: false, error: { key: 'portal.errors.code' } })
    expect(buildTrack({ code: 'C1', check: '123' })).toEqual({ ok: false, error: { key: 'portal.errors.check' } })
    expect(buildTrack({ code: 'C1', check: '12a4' })).toEqual({ ok: false, error: { key: 'portal.errors.check' } })
    expect(buildTrack({ code: ' XK-1-2026-0001 ', check: ' 1234 ' }))
      .toEqual({ ok: true, request: { code: 'XK-1-2026-0001', check: '1234' } })
  })

  it('rates 1 to 5 stars with a comment of at most 500 characters', () => {
    expect(buildRating({ score: 0, comment: '' })).toEqual({ ok: false, error: { key: 'portal.errors.score' } })
    expect(buildRating({ score: 6, comment: '' }).ok).toBe(false)
    expect(buildRating({ score: 4, comment: '好'.repeat(501) }))
      .toEqual({ ok: false, error: { key: 'portal.errors.comment', params: { n: 500 } } })
    expect(buildRating({ score: 4, comment: ' 办得快 ' })).toEqual({ ok: true, request: { score: 4, comment: '办得快' } })
    // Characters, not UTF-16 units: 500 of a character outside the BMP are allowed.
    expect(buildRating({ score: 5, comment: '𠀀'.repeat(500) }).ok).toBe(true)
  })

  it('places each step and marks the late ones', () => {
    const step = (s: Partial<TrackStep>): TrackStep => ({ name: '受理', started: null, completed: null, due: null, late: false, ...s })
    expect(stepState(step({}))).toBe('waiting')
    expect(stepState(step({ started: '2026-01-05T01:00:00Z' }))).toBe('active')
    expect(stepState(step({ started: '2026-01-05T01:00:00Z', completed: '2026-01-06T01:00:00Z' }))).toBe('done')
    expect(stepTagType(step({ completed: '2026-01-06T01:00:00Z' }))).toBe('success')
    expect(stepTagType(step({ completed: '2026-01-06T01:00:00Z', late: true }))).toBe('danger')
    expect(stepTagType(step({}))).toBe('info')
  })
})

describe('a complaint', () => {
  const named = { ...emptyComplaintForm(), unit: 'YX-SCJ', text: ' 办事窗口多次推诿 ', name: '张三', phone: '138 0000 1234' }

  it('needs a kind, a unit and a text of at most 2000 characters', () => {
    expect(buildComplaint({ ...named, kind: '' })).toEqual({ ok: false, error: { key: 'portal.errors.kind' } })
    expect(buildComplaint({ ...named, unit: '' })).toEqual({ ok: false, error: { key: 'portal.errors.unit' } })
    expect(buildComplaint({ ...named, text: '  ' })).toEqual({ ok: false, error: { key: 'portal.errors.text' } })
    expect(buildComplaint({ ...named, text: 'x'.repeat(MAX_COMPLAINT_TEXT + 1) }))
      .toEqual({ ok: false, error: { key: 'portal.errors.textTooLong', params: { n: 2000 } } })
  })

  it('is not anonymous by default: then a name and a phone are needed, an email is checked when given', () => {
    expect(emptyComplaintForm().anonymous).toBe(false)
    expect(buildComplaint({ ...named, name: '' })).toEqual({ ok: false, error: { key: 'portal.errors.contactName' } })
    expect(buildComplaint({ ...named, phone: '12' })).toEqual({ ok: false, error: { key: 'portal.errors.contactPhone' } })
    expect(buildComplaint({ ...named, email: 'zhang' })).toEqual({ ok: false, error: { key: 'portal.errors.email' } })
    expect(buildComplaint({ ...named, power: 'XK-001', case: ' C-9 ', email: 'z@example.cn' })).toEqual({ ok: true, request: {
      kind: 'complaint', unit: 'YX-SCJ', power: 'XK-001', case: 'C-9', text: '办事窗口多次推诿', anonymous: false,
      contact: { name: '张三', phone: '138 0000 1234', email: 'z@example.cn' },
    } })
  })

  it('sends no contact when anonymous, whatever was typed', () => {
    expect(buildComplaint({ ...named, kind: 'report', anonymous: true, person_name: '李四', phone: '' })).toEqual({ ok: true, request: {
      kind: 'report', unit: 'YX-SCJ', person_name: '李四', text: '办事窗口多次推诿', anonymous: true,
    } })
  })

  it('reads phone numbers as people write them', () => {
    expect(isPhone('13800001234')).toBe(true)
    expect(isPhone('0571-8888 6666')).toBe(true)
    expect(isPhone('+86 138 0000 1234')).toBe(true)
    expect(isPhone('1380000abcd')).toBe(false)
  })

  it('is followed by its code, and an addition needs a text', () => {
    expect(buildFollow(' ')).toEqual({ ok: false, error: { key: 'portal.errors.followCode' } })
    expect(buildFollow(' ABCD-1234 ')).toEqual({ ok: true, request: 'ABCD-1234' })
    expect(buildAddition('')).toEqual({ ok: false, error: { key: 'portal.errors.addText' } })
    expect(buildAddition('y'.repeat(2001)).ok).toBe(false)
    expect(buildAddition(' 补充：当天下午三点 ')).toEqual({ ok: true, request: '补充：当天下午三点' })
  })
})

describe('units\' statistics', () => {
  const unit = (code: string, name: string, s: Partial<PublicUnit>): PublicUnit =>
    ({ unit: code, unit_name: name, powers: 1, cases_closed: 0, on_time_rate: null, satisfaction: null, ...s })
  const units = [
    unit('A', '甲局', { cases_closed: 10, on_time_rate: 0.9, satisfaction: 4.5 }),
    unit('B', '乙局', { cases_closed: 30, on_time_rate: 0.955, satisfaction: null }),
    unit('C', '丙局', { cases_closed: 0, on_time_rate: null, satisfaction: null }),
    unit('D', '丁局', { cases_closed: 30, on_time_rate: 1, satisfaction: 3.333 }),
  ]

  it('sorts by a metric, highest first, units without a value last', () => {
    // A tie (30 each) goes by name: 丁局 (dīng) before 乙局 (yǐ).
    expect(sortUnits(units, 'cases_closed').map((u) => u.unit)).toEqual(['D', 'B', 'A', 'C'])
    const byRate = sortUnits(units, 'on_time_rate').map((u) => u.unit)
    expect(byRate).toEqual(['D', 'B', 'A', 'C'])
    expect(sortUnits(units, 'on_time_rate', true).map((u) => u.unit)).toEqual(['A', 'B', 'D', 'C'])
    expect(sortUnits(units, 'satisfaction').map((u) => u.unit).slice(0, 2)).toEqual(['A', 'D'])
  })

  it('charts rates in per cent and leaves missing values out', () => {
    expect(chartValue(units[1]!, 'on_time_rate')).toBe(95.5)
    expect(chartValue(units[3]!, 'satisfaction')).toBe(3.33)
    expect(chartValue(units[2]!, 'on_time_rate')).toBeNull()
    const option = unitBarOption(sortUnits(units, 'on_time_rate'), 'on_time_rate', '按时办结率') as {
      yAxis: { data: string[] }; series: { data: (number | null)[] }[]
    }
    // Drawn bottom-up: the best unit is the last category, on top.
    expect(option.yAxis.data).toEqual(['丙局', '甲局', '乙局', '丁局'])
    expect(option.series[0]?.data).toEqual([null, 90, 95.5, 100])
  })
})
