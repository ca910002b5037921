import { describe, expect, it } from 'vitest'
import type { Dashboard } from '@/api/stats'
import {
  levelCount, onTimeOption, onTimeTarget, topRedIndex, topRedTarget, trendTarget, unitBarOption, unitBarTarget,
} from './dashboard'

const data: Dashboard = {
  warnings_by_level: { 提醒: 5, 黄牌: 3, 红牌: 1 },
  warnings_by_unit: [
    { unit: 'YX-SCJ', unit_name: '市场监管局', notice: 2, yellow: 1, red: 1 },
    { unit: 'YX-CZJ', unit_name: '财政局', notice: 3, yellow: 2, red: 0 },
  ],
  trend: [{ month: '2026-02', notice: 1, yellow: 1, red: 0 }, { month: '2026-03', notice: 4, yellow: 2, red: 1 }],
  on_time: [{ unit: 'YX-SCJ', unit_name: '市场监管局', closed: 10, on_time: 9, rate: 0.9 }],
  top_red: [{ unit: 'YX-SCJ', unit_name: '市场监管局', red: 4 }, { unit: 'YX-CZJ', unit_name: '财政局', red: 1 }],
  cases_open: 7,
  cases_closed: 10,
}
const t = (k: string) => k

describe('dashboard numbers', () => {
  it('counts levels keyed in Chinese or English', () => {
    expect(levelCount(data.warnings_by_level, 'red')).toBe(1)
    expect(levelCount({ notice: 8 }, 'notice')).toBe(8)
    expect(levelCount({}, 'yellow')).toBe(0)
  })
  it('draws rates as percentages and one series per level', () => {
    const series = (onTimeOption(data, t) as { series: { data: number[] }[] }).series
    expect(series[0]?.data).toEqual([90])
    const bars = (unitBarOption(data, t) as { series: { id: string; data: number[] }[] }).series
    expect(bars.map((s) => s.id)).toEqual(['notice', 'yellow', 'red'])
    expect(bars[2]?.data).toEqual([1, 0])
  })
})

describe('chart clicks lead to the list behind them', () => {
  it('unit bar → that unit’s warnings of that level', () => {
    expect(unitBarTarget(data, { seriesId: 'red', dataIndex: 1 })).toEqual({
      path: '/warnings', query: { unit: 'YX-CZJ', level: '红牌' },
    })
    expect(unitBarTarget(data, { seriesId: 'yellow', dataIndex: 0 }, { from: '2026-01-01' })).toEqual({
      path: '/warnings', query: { unit: 'YX-SCJ', level: '黄牌', from: '2026-01-01' },
    })
    expect(unitBarTarget(data, { seriesId: 'red', dataIndex: 9 })).toBeNull()
  })
  it('trend point → that month’s warnings', () => {
    expect(trendTarget(data, { seriesId: 'notice', dataIndex: 0 })).toEqual({
      path: '/warnings', query: { level: '提醒', from: '2026-02-01', to: '2026-02-28' },
    })
  })
  it('on-time bar → that unit’s closed cases', () => {
    expect(onTimeTarget(data, { dataIndex: 0 })).toEqual({ path: '/cases', query: { unit: 'YX-SCJ', state: 'closed' } })
  })
  it('top red bar (drawn bottom-up) → that unit’s red cards', () => {
    const drawnTop = 1
    expect(topRedTarget(data, { dataIndex: topRedIndex(data, drawnTop) })).toEqual({
      path: '/warnings', query: { unit: 'YX-SCJ', level: '红牌' },
    })
  })
})
