// The public portal's pages as data: where a tracked case's steps stand, the colours of statuses,
// and the units' statistics sorted and charted (ECharts options, one metric a chart).
import type { EChartsCoreOption } from 'echarts/core'
import type { ComplaintStatus, PublicUnit, TrackStatus, TrackStep } from '@/api/portal/types'
import type { TagType } from '@/utils/format'

export type StepState = 'done' | 'active' | 'waiting'

/** A step is done once completed, active once started, else still to come. */
export function stepState(step: TrackStep): StepState {
  if (step.completed) return 'done'
  if (step.started) return 'active'
  return 'waiting'
}

/** Timeline colour of a step: a late one red whatever its state. */
export function stepTagType(step: TrackStep): TagType {
  if (step.late) return 'danger'
  switch (stepState(step)) {
    case 'done': return 'success'
    case 'active': return 'primary'
    default: return 'info'
  }
}

export function trackStatusTagType(status: TrackStatus): TagType {
  return status === 'closed' ? 'success' : status === 'suspended' ? 'warning' : 'primary'
}

export function complaintStatusTagType(status: ComplaintStatus): TagType {
  return status === 'closed' ? 'success' : status === 'handling' ? 'primary' : 'info'
}

/** The numbers a unit is compared by. */
export const UNIT_METRICS = ['cases_closed', 'on_time_rate', 'satisfaction', 'powers'] as const
export type UnitMetric = (typeof UNIT_METRICS)[number]

/** The units by `metric`, highest first (lowest with `ascending`); units without a value last, by name. */
export function sortUnits(units: readonly PublicUnit[], metric: UnitMetric, ascending = false): PublicUnit[] {
  return [...units].sort((a, b) => {
    const x = a[metric]
    const y = b[metric]
    if (x === null && y === null) return a.unit_name.localeCompare(b.unit_name, 'zh-CN')
    if (x === null) return 1
    if (y === null) return -1
    if (x !== y) return ascending ? x - y : y - x
    return a.unit_name.localeCompare(b.unit_name, 'zh-CN')
  })
}

/** A metric as the chart draws it: rates in per cent, satisfaction to two places; null stays null. */
export function chartValue(unit: PublicUnit, metric: UnitMetric): number | null {
  const v = unit[metric]
  if (v === null) return null
  if (metric === 'on_time_rate') return Math.round(v * 1000) / 10
  if (metric === 'satisfaction') return Math.round(v * 100) / 100
  return v
}

const COLORS: Record<UnitMetric, string> = {
  cases_closed: '#409eff', on_time_rate: '#67c23a', satisfaction: '#e6a23c', powers: '#909399',
}

/** Pixels a horizontal bar chart of `n` units needs. */
export function chartHeight(n: number): string {
  return `${Math.max(160, 48 + n * 28)}px`
}

/**
 * A horizontal bar per unit (the first of `units` on top: names stay readable on a phone), for
 * one metric; units without a value have no bar.
 */
export function unitBarOption(units: readonly PublicUnit[], metric: UnitMetric, label: string): EChartsCoreOption {
  const rows = [...units].reverse()
  const percent = metric === 'on_time_rate'
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : percent ? `${String(v)}%` : String(v)) },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      ...(percent ? { min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : {}),
      ...(metric === 'satisfaction' ? { min: 0, max: 5 } : { minInterval: percent ? undefined : 1 }),
    },
    yAxis: { type: 'category', data: rows.map((u) => u.unit_name || u.unit), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{
      id: metric,
      name: label,
      type: 'bar',
      itemStyle: { color: COLORS[metric] },
      label: { show: true, position: 'right', formatter: percent ? '{c}%' : '{c}' },
      data: rows.map((u) => chartValue(u, metric)),
    }],
  }
}
