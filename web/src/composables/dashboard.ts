// The dashboard's charts as data: ECharts options built from GET /stats/dashboard, and where
// a click on each chart leads (the list behind it, filtered through the route query).
import type { EChartsCoreOption } from 'echarts/core'
import type { RouteLocationRaw } from 'vue-router'
import type { Dashboard, UnitRedCount } from '@/api/stats'
import { LEVEL_COLORS, monthRange } from '@/utils/format'

export type LevelKey = 'notice' | 'yellow' | 'red'
export const LEVEL_KEYS: readonly LevelKey[] = ['notice', 'yellow', 'red']
/** The level's value in the API and in the warnings filter. */
export const LEVEL_NAMES: Record<LevelKey, string> = { notice: '提醒', yellow: '黄牌', red: '红牌' }

export type Translate = (key: string) => string

export interface DateFilter {
  from?: string
  to?: string
}

/** A count of warnings_by_level, keyed by the Chinese level (提醒) or the English key (notice). */
export function levelCount(byLevel: Record<string, number> | null | undefined, level: LevelKey): number {
  if (!byLevel) return 0
  return byLevel[LEVEL_NAMES[level]] ?? byLevel[level] ?? 0
}

export function redCount(row: UnitRedCount): number {
  return row.red ?? row.count ?? 0
}

function isLevelKey(v: unknown): v is LevelKey {
  return v === 'notice' || v === 'yellow' || v === 'red'
}

function clean(query: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) if (v) out[k] = v
  return out
}

export function warningsLink(query: { unit?: string; level?: string; from?: string; to?: string }): RouteLocationRaw {
  return { path: '/warnings', query: clean(query) }
}

export function casesLink(query: { unit?: string; state?: string; from?: string; to?: string }): RouteLocationRaw {
  return { path: '/cases', query: clean(query) }
}

/** A click on the element of series `seriesId` at `dataIndex`. */
export interface ChartHit {
  seriesId?: string
  dataIndex: number
}

/** Warnings by unit (stacked bar): the unit's warnings of the clicked level. */
export function unitBarTarget(data: Dashboard, hit: ChartHit, dates: DateFilter = {}): RouteLocationRaw | null {
  const row = data.warnings_by_unit[hit.dataIndex]
  if (!row) return null
  const level = isLevelKey(hit.seriesId) ? LEVEL_NAMES[hit.seriesId] : undefined
  return warningsLink({ unit: row.unit, level, ...dates })
}

/** Trend (line): the month's warnings of the clicked level. */
export function trendTarget(data: Dashboard, hit: ChartHit): RouteLocationRaw | null {
  const row = data.trend[hit.dataIndex]
  const range = row ? monthRange(row.month) : null
  if (!range) return null
  const level = isLevelKey(hit.seriesId) ? LEVEL_NAMES[hit.seriesId] : undefined
  return warningsLink({ level, ...range })
}

/** On-time rate (bar): the unit's closed cases. */
export function onTimeTarget(data: Dashboard, hit: ChartHit, dates: DateFilter = {}): RouteLocationRaw | null {
  const row = data.on_time[hit.dataIndex]
  return row ? casesLink({ unit: row.unit, state: 'closed', ...dates }) : null
}

/** Top red units (bar): the unit's red cards. */
export function topRedTarget(data: Dashboard, hit: ChartHit, dates: DateFilter = {}): RouteLocationRaw | null {
  const row = data.top_red[hit.dataIndex]
  return row ? warningsLink({ unit: row.unit, level: LEVEL_NAMES.red, ...dates }) : null
}

const grid = { left: 16, right: 16, top: 36, bottom: 8, containLabel: true }
const unitAxisLabel = { interval: 0, rotate: 30, width: 110, overflow: 'truncate' as const }

function levelSeries(t: Translate, type: 'bar' | 'line', rows: Record<LevelKey, number>[]) {
  return LEVEL_KEYS.map((key) => ({
    id: key,
    name: t(`levels.${key}`),
    type,
    stack: type === 'bar' ? 'level' : undefined,
    smooth: type === 'line' ? true : undefined,
    itemStyle: { color: LEVEL_COLORS[key] },
    lineStyle: type === 'line' ? { color: LEVEL_COLORS[key] } : undefined,
    data: rows.map((r) => r[key]),
    cursor: 'pointer',
  }))
}

export function unitBarOption(data: Dashboard, t: Translate): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: data.warnings_by_unit.map((r) => r.unit_name || r.unit), axisLabel: unitAxisLabel },
    yAxis: { type: 'value', minInterval: 1 },
    series: levelSeries(t, 'bar', data.warnings_by_unit),
  }
}

export function trendOption(data: Dashboard, t: Translate): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: data.trend.map((r) => r.month), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: levelSeries(t, 'line', data.trend),
  }
}

export function onTimeOption(data: Dashboard, t: Translate): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)}%` },
    grid,
    xAxis: { type: 'category', data: data.on_time.map((r) => r.unit_name || r.unit), axisLabel: unitAxisLabel },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{
      id: 'rate',
      name: t('dashboard.onTimeRate'),
      type: 'bar',
      itemStyle: { color: '#67c23a' },
      data: data.on_time.map((r) => Math.round(r.rate * 1000) / 10),
      cursor: 'pointer',
    }],
  }
}

export function topRedOption(data: Dashboard, t: Translate): EChartsCoreOption {
  const rows = [...data.top_red].reverse()
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.unit_name || r.unit), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{ id: 'red', name: t('levels.red'), type: 'bar', itemStyle: { color: LEVEL_COLORS.red },
      data: rows.map(redCount), cursor: 'pointer' }],
  }
}

/** The bars of topRedOption are drawn bottom-up: a clicked bar's index in top_red. */
export function topRedIndex(data: Dashboard, drawnIndex: number): number {
  return data.top_red.length - 1 - drawnIndex
}
