// 例外 (exceptions, src/oversight/exception.h): the supervising body suspends a monitor rule for a
// unit (optionally one power), or accepts a risk of a power as it is (its overdue review raises
// nothing), until a date, with a person answerable for it. It lapses the day after and goes back
// to review as a warning.

export const EXCEPTION_KINDS = ['rule', 'risk'] as const
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number]

export const EXCEPTION_STATUSES = ['有效', '已到期', '已撤销'] as const
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number]
export const ACTIVE_EXCEPTION: ExceptionStatus = '有效'

/** POST /exceptions */
export interface ExceptionRequest {
  kind: ExceptionKind
  unit: string
  /** monitor rule id: required for kind rule */
  rule?: string
  /** power code: required for kind risk, optional for rule */
  power?: string
  /** the power's risk code: required for kind risk */
  risk?: string
  /** person code of the person responsible */
  owner: string
  reason: string
  /** YYYY-MM-DD, the last day it holds */
  until: string
}

/** At most this many days from today to the last day (risks are reviewed at least yearly). */
export const MAX_EXCEPTION_DAYS = 366

/** A row of GET /exceptions, and the answer of granting or revoking one. */
export interface ExceptionRecord {
  /** the seq of its grant in the ledger */
  id: number
  kind: string
  unit: string
  unit_name: string
  rule: string
  rule_name: string
  power: string
  power_name: string
  risk: string
  risk_name: string
  owner: string
  owner_name: string
  reason: string
  /** YYYY-MM-DD */
  from: string
  until: string
  status: string
  /** RFC 3339: when it was granted */
  time: string
  /** who granted it (login) */
  by: string
  by_name: string
  /** how many findings it kept from being raised as warnings while in force */
  covered: number
  /** RFC 3339 when it was revoked or lapsed, else '' */
  ended: string
  /** the reason it was revoked ('' while in force) */
  end_reason: string
  /** the 例外到期 warning raised when it ran out, if any */
  lapse_warning: number | null
}

export interface ExceptionQuery {
  unit?: string
  status?: string
}

export interface ExceptionList {
  items: ExceptionRecord[]
  total: number
}

/** POST /exceptions/{id}/revoke */
export interface RevokeRequest {
  reason: string
}
