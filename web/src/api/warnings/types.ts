export const WARNING_LEVELS = ['提醒', '黄牌', '红牌'] as const
export type WarningLevel = (typeof WARNING_LEVELS)[number]

/** docs/api.md `Warning`; a case's own warnings may leave out case, power, unit. */
export interface Warning {
  seq: number
  rule: string
  rule_name: string
  level: string
  message: string
  case?: string
  power?: string
  unit?: string
  unit_name?: string
  supervisor?: string
  supervisor_name?: string
  person?: string
  raised: string
  status: string
  evidence: number[]
}

/** A ledger entry in full (docs/formats.md 留痕记录). */
export interface LedgerEntry {
  seq: number
  kind: string
  subject: string
  actor: string
  time: string
  payload: unknown
  leaf_hash?: string
}

export interface WarningDetail extends Warning {
  evidence_entries: LedgerEntry[]
}

export interface WarningQuery {
  unit?: string
  level?: string
  rule?: string
  case?: string
  status?: string
  from?: string
  to?: string
  page?: number
  size?: number
}

/** The built-in rules (docs/rules.md); users may add their own. */
export const BUILTIN_RULES = [
  'flow-deviation', 'actor-post', 'power-not-in-force', 'sod-pair', 'sod-applicant', 'sod-static',
  'recusal', 'head-direct', 'collective-missing', 'collective-quorum', 'collective-last-speaker',
  'discretion', 'backdating', 'splitting', 'concentration', 'overdue-step', 'rotation',
  'overdue-case',
] as const

export const WARNING_STATUSES = ['待处置'] as const
