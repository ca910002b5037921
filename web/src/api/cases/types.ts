import type { Warning } from '../warnings/types'

export type CaseState = 'open' | 'closed'

/** A row of GET /cases. */
export interface CaseSummary {
  case: string
  power: string
  power_name: string
  version: number
  unit: string
  unit_name: string
  opened: string
  closed: string | null
  events: number
  deviations: number
  warnings: number
}

export interface CaseQuery {
  unit?: string
  power?: string
  state?: string
  from?: string
  to?: string
  q?: string
  page?: number
  size?: number
}

export type EventType = 'opened' | 'started' | 'completed' | 'suspended' | 'resumed' | 'closed'

export interface MeetingRecord {
  members: number
  present: string[]
  speaking_order: string[]
  votes: Record<string, string>
}

/** An event as recorded (docs/events.md), with its ledger entry and who submitted it. */
export interface CaseEvent {
  seq?: number
  submitted_by?: string
  source: string
  id: string
  type: EventType
  case: string
  occurred: string
  recorded: string
  power?: string
  node?: string
  actor?: string
  actor_post?: string
  amount?: number
  applicant?: string
  counterparty?: string
  decision?: string
  decided_value?: number
  grade?: string
  reason?: string
  meeting?: MeetingRecord
  attributes?: Record<string, string | number | boolean>
}

export interface NextStep {
  node: string
  name: string
  post: string
}

/** GET /cases/{case} (daylight case show --json). */
export interface CaseDetail {
  case: string
  power: string
  version: number
  power_name: string
  unit?: string
  unit_name?: string
  closed: boolean
  suspended: boolean
  can_close: boolean
  events: CaseEvent[]
  next: NextStep[]
  warnings: Warning[]
  /** the flow's nodes: code → name */
  node_names?: Record<string, string>
}

export interface OpenCaseRequest {
  power: string
  applicant?: string
  /** the applicant's phone: the server keeps a hash of its last four digits, for 办件查询 */
  applicant_phone?: string
  counterparty?: string
  amount?: number
  attributes?: Record<string, string | number | boolean>
}

export interface StepRequest {
  node: string
  start_first?: boolean
  amount?: number
  decision?: string
  reason?: string
  attributes?: Record<string, string | number | boolean>
}

export const GRADES = ['轻微', '一般', '较重', '严重'] as const

export interface DecisionRequest {
  node: string
  decision: string
  decided_value?: number
  grade?: string
  reason?: string
  meeting?: MeetingRecord
}

/** What a handling request did (daylight case … --json). */
export interface Handled {
  case: string
  events: CaseEvent[]
  first_seq: number
  last_seq: number
  /** rule id → warnings raised */
  warnings: Record<string, number>
  raised: Warning[]
  next?: NextStep[]
  can_close?: boolean
  closed?: boolean
  suspended?: boolean
}
