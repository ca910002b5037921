export interface UnitWarningCounts {
  unit: string
  unit_name: string
  notice: number
  yellow: number
  red: number
}

export interface MonthWarningCounts {
  /** YYYY-MM */
  month: string
  notice: number
  yellow: number
  red: number
}

export interface UnitOnTime {
  unit: string
  unit_name: string
  closed: number
  on_time: number
  /** a fraction, 0–1 */
  rate: number
}

export interface UnitRedCount {
  unit: string
  unit_name: string
  red?: number
  count?: number
}

/** GET /stats/dashboard. */
export interface Dashboard {
  /** counts by level; keyed 提醒/黄牌/红牌 (or notice/yellow/red) */
  warnings_by_level: Record<string, number>
  warnings_by_unit: UnitWarningCounts[]
  trend: MonthWarningCounts[]
  on_time: UnitOnTime[]
  top_red: UnitRedCount[]
  cases_open: number
  cases_closed: number
}

export interface DashboardQuery {
  from?: string
  to?: string
}
