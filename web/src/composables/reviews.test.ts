import { describe, expect, it } from 'vitest'
import type { CampaignItem, ChangeRow, PowerChange } from '@/api/reviews'
import {
  campaignTally, campaignYears, changeCount, changeFilterAt, changePeriodLabel, changesOption, CHART_STATUSES, filterChanges, periodRange,
  sortCampaignUnits,
} from './reviews'

function item(patch: Partial<CampaignItem>): CampaignItem {
  return { power: 'P', power_name: 'p', risk: 'R1', risk_name: 'r', level: '中', next_review: '2027-03-01', overdue: false, controls: 1, ...patch }
}

describe('the review campaign', () => {
  it('offers last year to two years ahead', () => {
    expect(campaignYears('2026-11-24')).toEqual([2028, 2027, 2026, 2025])
  })
  it('tallies a unit and puts the units with overdue items first', () => {
    const a = { unit: 'A', items: [item({}), item({ level: '高' })] }
    const b = { unit: 'B', items: [item({ overdue: true, level: '高' })] }
    const c = { unit: 'C', items: [item({}), item({}), item({})] }
    expect(campaignTally(a)).toEqual({ total: 2, overdue: 0, high: 1 })
    expect(campaignTally(b)).toEqual({ total: 1, overdue: 1, high: 1 })
    expect(sortCampaignUnits([a, b, c]).map((u) => u.unit)).toEqual(['B', 'C', 'A'])
  })
})

const rows: ChangeRow[] = [
  { period: '2026Q2', counts: { 取消: 2, 下放: 1 }, total: 3 },
  { period: '2026Q3', counts: { 合并: 1, 调整: 2, 在用: 4 }, total: 7 },
]
const changes: PowerChange[] = [
  { power: 'A', power_name: 'a', unit: 'U', unit_name: 'u', date: '2026-05-02', status: '取消', reason: '' },
  { power: 'B', power_name: 'b', unit: 'U', unit_name: 'u', date: '2026-06-30', status: '下放', reason: '' },
  { power: 'C', power_name: 'c', unit: 'U', unit_name: 'u', date: '2026-07-01', status: '调整', reason: '' },
  { power: 'D', power_name: 'd', unit: 'U', unit_name: 'u', date: '2026-04-01', status: '取消', reason: '' },
]

describe('power change statistics', () => {
  it('knows the days of a period of any size', () => {
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(periodRange('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(periodRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' })
    expect(periodRange('2026H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' })
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(periodRange('202611')).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(periodRange('2026-13')).toBeNull()
    expect(periodRange('last year')).toBeNull()
  })
  it('a bar picks its period and status; the list then shows those changes, newest first', () => {
    const q2 = changeFilterAt(rows, { seriesId: '取消', dataIndex: 0 })
    expect(q2).toEqual({ period: '2026Q2', status: '取消' })
    expect(filterChanges(changes, q2).map((c) => c.power)).toEqual(['A', 'D'])
    expect(filterChanges(changes, { period: '2026Q2', status: '' }).map((c) => c.power)).toEqual(['B', 'A', 'D'])
    expect(filterChanges(changes, null).map((c) => c.power)).toEqual(['C', 'B', 'A', 'D'])
    expect(changeFilterAt(rows, { seriesId: 'other', dataIndex: 1 })).toEqual({ period: '2026Q3', status: '' })
    expect(changeFilterAt(rows, { dataIndex: 5 })).toBeNull()
    expect(filterChanges(changes, { period: '??', status: '' })).toEqual([])
  })
  it('stacks the four changes per period; 在用 stays in the table', () => {
    const option = changesOption(rows, (p) => `[${p}]`) as {
      xAxis: { data: string[] }
      series: { id: string; stack: string; data: number[] }[]
    }
    expect(option.xAxis.data).toEqual(['[2026Q2]', '[2026Q3]'])
    expect(option.series.map((s) => s.id)).toEqual([...CHART_STATUSES])
    expect(option.series.every((s) => s.stack === 'changes')).toBe(true)
    expect(option.series.map((s) => s.data)).toEqual([[2, 0], [1, 0], [0, 1], [0, 2]])
    expect(changeCount(rows[1]!, '在用')).toBe(4)
    expect(changeCount({ counts: {} }, '取消')).toBe(0)
  })
})

describe('periods of the change statistics', () => {
  const t = (key: string, params?: Record<string, string | number>) => `${key}:${JSON.stringify(params ?? {})}`
  it('names a month, and a year or quarter as the assessment does', () => {
    expect(changePeriodLabel('2026-07', t)).toBe('reviews.month:{"year":2026,"month":7}')
    expect(changePeriodLabel('2026Q3', t)).toBe('assessment.periods.quarter:{"year":2026,"q":"assessment.quarterNames.3:{}"}')
    expect(changePeriodLabel('2026', t)).toBe('assessment.periods.year:{"year":2026}')
    expect(changePeriodLabel('2026-13', t)).toBe('2026-13')
  })
  it('a month bar keeps the changes the server counted in that month', () => {
    const byMonth: PowerChange[] = changes.map((c) => ({ ...c, period: c.date.slice(0, 7) }))
    const july = changeFilterAt([{ period: '2026-07', counts: { 调整: 1 }, total: 1 }], { seriesId: '调整', dataIndex: 0 })
    expect(filterChanges(byMonth, july).map((c) => c.power)).toEqual(['C'])
    expect(filterChanges(byMonth, { period: '2026-05', status: '' }).map((c) => c.power)).toEqual(['A'])
    // the server's period decides, not the date
    expect(filterChanges([{ ...changes[0]!, period: '2026Q3' }], { period: '2026Q3', status: '' })).toHaveLength(1)
  })
})
