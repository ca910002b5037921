import { describe, expect, it } from 'vitest'
import type { Assessment, IndicatorScore } from '@/api/assessment'
import {
  factTarget, gradeLines, indicatorValueText, isPeriod, isRedistributed, lostPoints, parsePeriod, periodLabel, periodOptions,
  quarterOf, schemeIndicators, type Translate,
} from './assessment'
import { buildCheckRequest, checkKindsFor, emptyCheckForm, maxDeduction, type CheckForm } from './checkForm'

// The messages of zh-CN.ts that periodLabel uses, so the test reads like the page.
const ZH: Record<string, string> = {
  'assessment.periods.quarter': '{year}年第{q}季度', 'assessment.periods.half1': '{year}年上半年',
  'assessment.periods.half2': '{year}年下半年', 'assessment.periods.year': '{year}年度',
  'assessment.quarterNames.1': '一', 'assessment.quarterNames.2': '二', 'assessment.quarterNames.3': '三',
  'assessment.quarterNames.4': '四',
}
const t: Translate = (key, params = {}) =>
  (ZH[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))

function indicator(patch: Partial<IndicatorScore>): IndicatorScore {
  return {
    id: 'on_time', name: '按时办结率', source: 'on_time', weight: 20, used_weight: 22.22, available: true, value: 0.9,
    numerator: 36, denominator: 40, deducted: 0, score: 20, note: '', facts: [], ...patch,
  }
}

const assessment: Pick<Assessment, 'units'> = {
  units: [
    { unit: 'YX-SLJ', name: '水利局', total: 86.54, grade: '良好', rank: 1, indicators: [
      indicator({ id: 'lists_complete', name: '四单完整率', source: 'lists_complete', weight: 15, facts: [{ kind: 'power', id: 'XK-1', note: '' }] }),
      indicator({ id: 'red_cards', name: '红牌', source: 'red_cards', weight: 10, facts: [{ kind: 'warning', id: '7', note: '' }, { kind: 'check', id: '12', note: '' }] }),
    ] },
    { unit: 'YX-JTJ', name: '交通运输局', total: 70, grade: '合格', rank: 2, indicators: [
      indicator({ id: 'lists_complete', name: '四单完整率', source: 'lists_complete', weight: 15 }),
      indicator({ id: 'red_cards', name: '红牌', source: 'red_cards', weight: 10 }),
    ] },
  ],
}

describe('periods', () => {
  it('reads quarters, halves and years as the server writes them', () => {
    expect(parsePeriod('2026Q3')).toEqual({ kind: 'quarter', year: 2026, quarter: 3 })
    expect(parsePeriod('2026q1')).toEqual({ kind: 'quarter', year: 2026, quarter: 1 })
    expect(parsePeriod('2026H2')).toEqual({ kind: 'half', year: 2026, half: 2 })
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026 })
    for (const bad of ['2026Q5', '2026H3', '26Q1', '2026-07', '', '2026Q']) expect(isPeriod(bad), bad).toBe(false)
  })
  it('knows the quarter of a day', () => {
    expect(quarterOf('2026-11-24')).toBe('2026Q4')
    expect(quarterOf('2026-01-01')).toBe('2026Q1')
    expect(quarterOf('2026-06-30')).toBe('2026Q2')
    expect(quarterOf('2026-07-01')).toBe('2026Q3')
  })
  it('offers this year up to its current quarter and all of last year, each year first, newest first', () => {
    expect(periodOptions('2026-08-15')).toEqual([
      { year: 2026, codes: ['2026', '2026Q3', '2026Q2', '2026Q1'] },
      { year: 2025, codes: ['2025', '2025Q4', '2025Q3', '2025Q2', '2025Q1'] },
    ])
    expect(periodOptions('2027-01-02')[0]).toEqual({ year: 2027, codes: ['2027', '2027Q1'] })
  })
  it('names a period as the print title does (the server labels it the same way)', () => {
    expect(periodLabel('2026Q3', t)).toBe('2026年第三季度')
    expect(periodLabel('2026Q4', t)).toBe('2026年第四季度')
    expect(periodLabel('2026H1', t)).toBe('2026年上半年')
    expect(periodLabel('2026', t)).toBe('2026年度')
    expect(periodLabel('2026-07', t)).toBe('2026-07')
  })
})

describe('indicators', () => {
  it('shows a ratio with its counts, other values as numbers, and nothing without data', () => {
    expect(indicatorValueText(indicator({}))).toBe('36/40（90.0%）')
    expect(indicatorValueText(indicator({ denominator: 0, numerator: 0, value: 1 }))).toBe('100.0%')
    expect(indicatorValueText(indicator({ source: 'warnings_per_100', value: 15.3846 }))).toBe('15.38')
    expect(indicatorValueText(indicator({ source: 'red_cards', value: 2 }))).toBe('2')
    expect(indicatorValueText(indicator({ source: 'public_rating', available: false, value: null }))).toBe('—')
  })
  it('has no score to show only when its weight went to the others', () => {
    expect(isRedistributed({ available: false, used_weight: 0 })).toBe(true)
    // missing = "zero": no data, but the weight stays and scores 0
    expect(isRedistributed({ available: false, used_weight: 15 })).toBe(false)
    expect(isRedistributed({ available: true, used_weight: 0 })).toBe(false)
  })
  it('counts the points lost against the weight used', () => {
    expect(lostPoints({ used_weight: 22.22, score: 20 })).toBe(2.22)
    expect(lostPoints({ used_weight: 0, score: 0 })).toBe(0)
    expect(lostPoints({ used_weight: 10, score: 10.004 })).toBe(0)
  })
  it('takes the scheme from the first unit, in its order, once each', () => {
    expect(schemeIndicators(assessment)).toEqual([
      { id: 'lists_complete', name: '四单完整率', weight: 15 },
      { id: 'red_cards', name: '红牌', weight: 10 },
    ])
    expect(schemeIndicators(null)).toEqual([])
  })
  it('writes the grade lines from the highest down', () => {
    expect(gradeLines({ 优秀: 90, 合格: 60, 良好: 80 })).toBe('优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60')
  })
})

describe('facts lead to their pages', () => {
  it('cases, warnings and powers by their route; a risk to its power, on the risks', () => {
    expect(factTarget({ kind: 'case', id: 'YX-20260813-0010' }))
      .toEqual({ kind: 'route', to: { name: 'case', params: { id: 'YX-20260813-0010' } } })
    expect(factTarget({ kind: 'warning', id: '21490' })).toEqual({ kind: 'route', to: { name: 'warning', params: { seq: '21490' } } })
    expect(factTarget({ kind: 'power', id: 'CF-SLJ-002' })).toEqual({ kind: 'route', to: { name: 'power', params: { code: 'CF-SLJ-002' } } })
    expect(factTarget({ kind: 'risk', id: 'QZ-ZRJ-001/R2' }))
      .toEqual({ kind: 'route', to: { name: 'power', params: { code: 'QZ-ZRJ-001' }, query: { tab: 'risks' } } })
  })
  it('a check to its entry on the same page; ratings and unreadable ids nowhere', () => {
    expect(factTarget({ kind: 'check', id: '12' })).toEqual({ kind: 'check', seq: 12 })
    expect(factTarget({ kind: 'check', id: 'x' })).toBeNull()
    expect(factTarget({ kind: 'warning', id: 'W1' })).toBeNull()
    expect(factTarget({ kind: 'rating', id: '3' })).toBeNull()
    expect(factTarget({ kind: 'case', id: ' ' })).toBeNull()
  })
})

describe('自查 and 检查 entries', () => {
  const indicators = schemeIndicators(assessment)
  const TODAY = '2026-11-24'
  const filled: CheckForm = {
    ...emptyCheckForm('检查', '2026Q3', TODAY), unit: 'YX-SLJ', indicator: 'red_cards', deduction: '2.5', reason: ' 台账缺失 ',
  }

  it('who enters which: 自查 unit admins and leaders, 检查 inspectors, admins neither', () => {
    expect(checkKindsFor('unit_admin')).toEqual(['自查'])
    expect(checkKindsFor('leader')).toEqual(['自查'])
    expect(checkKindsFor('inspector')).toEqual(['检查'])
    expect(checkKindsFor('admin')).toEqual([])
    expect(checkKindsFor('handler')).toEqual([])
    expect(checkKindsFor(null)).toEqual([])
  })
  it('sends the entry with the reason trimmed and the deduction as a number', () => {
    expect(buildCheckRequest(filled, indicators, TODAY)).toEqual({ ok: true, request: {
      kind: '检查', unit: 'YX-SLJ', period: '2026Q3', indicator: 'red_cards', deduction: 2.5, reason: '台账缺失', date: TODAY,
    } })
    const noDate = buildCheckRequest({ ...filled, date: '' }, indicators, TODAY)
    expect(noDate.ok && noDate.request.date).toBeUndefined()
  })
  it('the deduction is a number from 0 to the chosen indicator’s weight', () => {
    expect(maxDeduction('red_cards', indicators)).toBe(10)
    expect(maxDeduction('nope', indicators)).toBeNull()
    expect(buildCheckRequest({ ...filled, deduction: '10' }, indicators, TODAY).ok).toBe(true)
    expect(buildCheckRequest({ ...filled, deduction: '0' }, indicators, TODAY).ok).toBe(true)
    expect(buildCheckRequest({ ...filled, indicator: 'lists_complete', deduction: '15' }, indicators, TODAY).ok).toBe(true)
    for (const bad of ['10.01', '-1', '', '两分', '1e1', ' ']) {
      expect(buildCheckRequest({ ...filled, deduction: bad }, indicators, TODAY), bad)
        .toEqual({ ok: false, error: { key: 'checks.errors.deduction', params: { max: 10 } } })
    }
  })
  it('needs a unit, a period the server knows, an indicator of the scheme and a reason', () => {
    expect(buildCheckRequest({ ...filled, unit: '' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.unit' } })
    expect(buildCheckRequest({ ...filled, period: '2026Q5' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.period' } })
    expect(buildCheckRequest({ ...filled, period: '' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.period' } })
    expect(buildCheckRequest({ ...filled, indicator: '' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.indicator' } })
    expect(buildCheckRequest(filled, [], TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.indicator' } })
    expect(buildCheckRequest({ ...filled, reason: '  ' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.reason' } })
    expect(buildCheckRequest({ ...filled, kind: '抽查' as '检查' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.kind' } })
  })
  it('a date must be real and not still to come', () => {
    expect(buildCheckRequest({ ...filled, date: '2026-02-30' }, indicators, TODAY)).toEqual({ ok: false, error: { key: 'checks.errors.date' } })
    expect(buildCheckRequest({ ...filled, date: '2026-11-25' }, indicators, TODAY))
      .toEqual({ ok: false, error: { key: 'checks.errors.dateFuture', params: { date: '2026-11-25' } } })
  })
})
