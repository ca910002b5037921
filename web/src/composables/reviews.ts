// 动态管理 as data: the years of the review campaign, a unit's tally of risks to re-assess, and the
// power change statistics as a stacked bar chart whose bars filter the list of changes.
import type { EChartsCoreOption } from 'echarts/core'
import type { CampaignUnit, ChangeRow, PowerChange } from '@/api/reviews'
import { isIsoDate } from '@/utils/format'
import { periodLabel, type Translate } from './assessment'

/** The changes drawn in the chart (在用, a power put back in force, is only in the table). */
export const CHART_STATUSES = ['取消', '下放', '合并', '调整'] as const
export const CHANGE_COLORS: Record<string, string> = {
  取消: '#f56c6c', 下放: '#409eff', 合并: '#e6a23c', 调整: '#67c23a', 在用: '#909399',
}

/** The campaign years offered: last year, this year and the next two, latest first. */
export function campaignYears(today: string): number[] {
  const year = Number(today.slice(0, 4))
  return [year + 2, year + 1, year, year - 1]
}

export interface CampaignTally {
  total: number
  overdue: number
  high: number
}

export function campaignTally(unit: Pick<CampaignUnit, 'items'>): CampaignTally {
  return {
    total: unit.items.length,
    overdue: unit.items.filter((i) => i.overdue).length,
    high: unit.items.filter((i) => i.level === '高').length,
  }
}

/** The campaign's units in order: those with overdue items first, then by the number of items. */
export function sortCampaignUnits<T extends Pick<CampaignUnit, 'unit' | 'items'>>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => {
    const ta = campaignTally(a)
    const tb = campaignTally(b)
    return tb.overdue - ta.overdue || tb.total - ta.total || a.unit.localeCompare(b.unit)
  })
}

export function changeCount(row: Pick<ChangeRow, 'counts'>, status: string): number {
  return row.counts?.[status] ?? 0
}

/** The first and last day of a statistics period: "2026", "2026Q3", "2026H1", "2026-07". */
export function periodRange(period: string): { from: string; to: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0')
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
  const span = (y: number, m1: number, m2: number) => ({ from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` })
  let m = /^(\d{4})$/.exec(period)
  if (m) return span(Number(m[1]), 1, 12)
  m = /^(\d{4})-?Q([1-4])$/i.exec(period)
  if (m) {
    const q = Number(m[2])
    return span(Number(m[1]), q * 3 - 2, q * 3)
  }
  m = /^(\d{4})-?H([12])$/i.exec(period)
  if (m) return Number(m[2]) === 1 ? span(Number(m[1]), 1, 6) : span(Number(m[1]), 7, 12)
  m = /^(\d{4})-?(\d{2})$/.exec(period)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return span(Number(m[1]), Number(m[2]), Number(m[2]))
  return null
}

/** A statistics period's name: a month "2026-07" as 2026年7月, a year or quarter as the assessment names it. */
export function changePeriodLabel(period: string, t: Translate): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return t('reviews.month', { year: Number(m[1]), month: Number(m[2]) })
  return periodLabel(period, t)
}

/** What a click on the chart picked: the changes of one period, of one status (or every status). */
export interface ChangeFilter {
  period: string
  status: string
}

/**
 * The changes a filter keeps (all of them without a filter), newest first: those the server counted
 * in the filter's period, or (a change without its period) those dated within it.
 */
export function filterChanges(items: readonly PowerChange[], filter: ChangeFilter | null): PowerChange[] {
  const range = filter ? periodRange(filter.period) : null
  return items
    .filter((c) => {
      if (!filter) return true
      if (filter.status && c.status !== filter.status) return false
      if (c.period) return c.period === filter.period
      if (!range) return false
      const day = isIsoDate(c.date.slice(0, 10)) ? c.date.slice(0, 10) : ''
      return day >= range.from && day <= range.to
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.power.localeCompare(b.power))
}

/** The chart's click: the bar of `seriesId` (a status) at `dataIndex` (a row). */
export function changeFilterAt(rows: readonly ChangeRow[], hit: { seriesId?: string; dataIndex: number }): ChangeFilter | null {
  const row = rows[hit.dataIndex]
  if (!row) return null
  const status = hit.seriesId && (CHART_STATUSES as readonly string[]).includes(hit.seriesId) ? hit.seriesId : ''
  return { period: row.period, status }
}

/** The stacked bars of the four changes per period. `periodName` names an axis label. */
export function changesOption(rows: readonly ChangeRow[], periodName: (period: string) => string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => periodName(r.period)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: CHART_STATUSES.map((status) => ({
      id: status,
      name: status,
      type: 'bar',
      stack: 'changes',
      itemStyle: { color: CHANGE_COLORS[status] },
      data: rows.map((r) => changeCount(r, status)),
      cursor: 'pointer',
    })),
  }
}
