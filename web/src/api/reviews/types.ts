// 动态管理: the yearly review campaign (年度评估清单: the risks each unit must re-assess in a year)
// and the statistics of power status changes (权力变更统计).

export const RISK_LEVELS = ['高', '中', '低'] as const

/** A risk to re-assess. */
export interface CampaignItem {
  power: string
  power_name: string
  risk: string
  risk_name: string
  level: string
  /** YYYY-MM-DD, null when never set */
  next_review: string | null
  /** the review date has passed */
  overdue: boolean
  /** how many controls the risk has */
  controls: number
}

export interface CampaignUnit {
  unit: string
  unit_name: string
  items: CampaignItem[]
}

/** GET /reviews/campaign?year= */
export interface Campaign {
  year: number
  /** YYYY-MM-DD: the last day of the year, by which the risks are to be re-assessed */
  due_by: string
  units: CampaignUnit[]
  total: number
}

export interface CampaignQuery {
  year: number
  unit?: string
}

/** The statuses a power changes to; 在用 is also counted (a power put back in force). */
export const CHANGE_STATUSES = ['取消', '下放', '合并', '调整', '在用'] as const
export type ChangeStatus = (typeof CHANGE_STATUSES)[number]

export const CHANGE_PERIODS = ['year', 'quarter', 'month'] as const
export type ChangePeriod = (typeof CHANGE_PERIODS)[number]

export interface ChangeRow {
  /** "2026", "2026Q3" or "2026-07" by `by` */
  period: string
  counts: Partial<Record<string, number>>
  total: number
}

export interface PowerChange {
  power: string
  power_name: string
  unit: string
  unit_name: string
  /** YYYY-MM-DD */
  date: string
  /** the period the change is counted in, as the rows name it ("2026", "2026Q3", "2026-07") */
  period?: string
  status: string
  reason: string
  /** 下放: to whom; 合并: the power it was merged into */
  target?: string
  /** 文件依据, e.g. "×政发〔2026〕12号" */
  document?: string
}

/** GET /catalog/changes?by= */
export interface CatalogChanges {
  by: string
  rows: ChangeRow[]
  items: PowerChange[]
}

export interface ChangesQuery {
  by: ChangePeriod
  unit?: string
}
