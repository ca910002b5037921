// How warnings are listed and shown: the list's filters as the API's query, the due time and
// whether it has passed, and the labels of steps and of who took them.
import { CLOSED_STATUS, MANUAL_RULE, STEP_ACTIONS, type StepActor, type Warning, type WarningQuery } from '@/api/warnings'

/** The list's filters (all strings: they live in the route query). A type, not an interface,
 * so it is a Record<string, string> for usePagedList. */
export type WarningFilters = {
  unit: string
  level: string
  rule: string
  status: string
  /** '' | 'rule' (raised by the rules) | 'manual' (entered by hand) */
  source: string
  /** '' | 'true' */
  overdue: string
  case: string
  person: string
  from: string
  to: string
}

export const WARNING_FILTERS: WarningFilters = {
  unit: '', level: '', rule: '', status: '', source: '', overdue: '', case: '', person: '', from: '', to: '',
}

export const SOURCE_FILTERS = ['rule', 'manual'] as const

/**
 * The API query of the list's filters. Hand-entered warnings all have the rule `manual`, so
 * "entered by hand" is asked as that rule (a rule chosen too wins: the list is then what both
 * say); `source` goes along for a server that filters on it.
 */
export function warningListQuery(f: WarningFilters & { page: number; size: number }): WarningQuery {
  const q: WarningQuery = {
    unit: f.unit, level: f.level, rule: f.rule, status: f.status, case: f.case, person: f.person,
    from: f.from, to: f.to, page: f.page, size: f.size,
  }
  if (f.overdue === 'true') q.overdue = 'true'
  if (f.source === 'manual' || f.source === 'rule') q.source = f.source
  if (f.source === 'manual' && !f.rule) q.rule = MANUAL_RULE
  return q
}

/** Whether a warning was entered by hand (its source is set, its rule `manual`). */
export function isManual(w: Pick<Warning, 'rule' | 'source'>): boolean {
  return !!w.source || w.rule === MANUAL_RULE
}

/** Whether the warning's current stage is past its due time at `now` (never once 办结). */
export function isOverdue(w: Pick<Warning, 'due' | 'status'>, now: Date = new Date()): boolean {
  if (!w.due || w.status === CLOSED_STATUS) return false
  const due = Date.parse(w.due)
  return !Number.isNaN(due) && due < now.getTime()
}

/** The i18n key of a step's name, or null for an action this UI does not know (use action_name). */
export function stepActionKey(action: string): string | null {
  return (STEP_ACTIONS as readonly string[]).includes(action) ? `disposal.actions.${action}` : null
}

/** The i18n key of who took a step: the role, or the system for an escalation. */
export function actorRoleKey(by: Pick<StepActor, 'role'> | undefined): string | null {
  if (!by?.role) return null
  if (by.role === 'system') return 'disposal.system'
  return ['admin', 'unit_admin', 'handler', 'leader', 'inspector', 'integrator'].includes(by.role) ? `roles.${by.role}` : null
}

/** The timeline colour of a step. */
export function stepColor(action: string): string {
  switch (action) {
    case 'explain':
    case 'rectify': return '#409eff'
    case 'return': return '#e6a23c'
    case 'dispose': return '#f56c6c'
    case 'dismiss': return '#909399'
    case 'close': return '#67c23a'
    case 'reopen': return '#e6a23c'
    case 'escalate': return '#c45656'
    default: return '#909399'
  }
}
