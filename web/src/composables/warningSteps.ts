// The step form of a warning (预警处置) and the request it makes: what each step needs, checked
// before sending with the server's own rules (src/oversight/lifecycle.cc CheckStep), so a
// form that would be refused never leaves the page.
import {
  DEADLINE_MEASURES, DISPOSAL_MEASURES, DUTY_KINDS, PRINCIPAL_DUTY, SUPERVISORY_DUTY, USER_STEP_ACTIONS,
  type Duty, type DutyCandidate, type UserStepAction, type WarningDetail, type WarningStepRequest,
} from '@/api/warnings'
import { requestFiles, type FormError, type PickedFile } from './uploads'

/** What is done about a supervisor held to account when nothing more is (the usual case). */
export const DEFAULT_SUPERVISORY_MEASURE = '不予追究'

/** A row of the 两责 table: a duty, with the person's name when the server proposed them. */
export interface DutyRow {
  kind: string
  person: string
  /** the person's name ('' for a row added by hand: the code is typed in) */
  name: string
  unit: string
  unit_name: string
  role: string
  measure: string
  /** proposed by the server (the person is fixed; the row may still be removed) */
  proposed: boolean
}

export interface StepForm {
  text: string
  /** dispose: the measure */
  measure: string
  /** dispose with 责令纠错 / 督促整改: YYYY-MM-DD */
  deadline: string
  /** dispose: the 两责 */
  duties: DutyRow[]
  files: PickedFile[]
}

type DutyContext = Pick<WarningDetail, 'unit' | 'unit_name' | 'supervisor' | 'supervisor_name' | 'duty_candidates'>

/** An empty row of `kind`, in the unit that duty belongs to (the warning's, or its supervisor's). */
export function emptyDutyRow(kind: string, w?: DutyContext): DutyRow {
  const supervisory = kind === SUPERVISORY_DUTY
  return {
    kind,
    person: '',
    name: '',
    unit: (supervisory ? w?.supervisor : w?.unit) ?? '',
    unit_name: (supervisory ? w?.supervisor_name : w?.unit_name) ?? '',
    role: '',
    measure: supervisory ? DEFAULT_SUPERVISORY_MEASURE : '',
    proposed: false,
  }
}

function rowFrom(c: DutyCandidate): DutyRow {
  return {
    kind: c.kind,
    person: c.person,
    name: c.name,
    unit: c.unit,
    unit_name: c.unit_name,
    role: c.role,
    // The principal rows are the decision to make; the supervisor is usually not pursued.
    measure: c.kind === SUPERVISORY_DUTY ? DEFAULT_SUPERVISORY_MEASURE : '',
    proposed: true,
  }
}

/**
 * The 两责 table as the server proposes it: the unit's leaders (主体责任) first, then the
 * supervisor's head (监督责任); a kind nobody was proposed for gets an empty row to fill in.
 */
export function proposedDuties(w: DutyContext): DutyRow[] {
  const candidates = w.duty_candidates ?? []
  const rows: DutyRow[] = []
  for (const kind of DUTY_KINDS) {
    const mine = candidates.filter((c) => c.kind === kind).map(rowFrom)
    rows.push(...(mine.length ? mine : [emptyDutyRow(kind, w)]))
  }
  return rows
}

/** A fresh form for `action` on `w` (dispose: the 两责 prefilled). */
export function emptyStepForm(action: UserStepAction | null = null, w?: DutyContext): StepForm {
  return {
    text: '',
    measure: '',
    deadline: '',
    duties: action === 'dispose' && w ? proposedDuties(w) : [],
    files: [],
  }
}

export function needsDeadline(measure: string): boolean {
  return (DEADLINE_MEASURES as readonly string[]).includes(measure)
}

/** The steps of `allowed` this UI knows, in the server's order. */
export function allowedActions(allowed: readonly string[] | undefined): UserStepAction[] {
  return (allowed ?? []).filter((a): a is UserStepAction => (USER_STEP_ACTIONS as readonly string[]).includes(a))
}

/** Either the request, or what is wrong with the form. */
export type BuiltStep = { ok: true; request: WarningStepRequest } | { ok: false; error: FormError }

function dutiesOf(rows: readonly DutyRow[]): { duties: Duty[] } | { error: FormError } {
  const duties: Duty[] = []
  for (const [i, row] of rows.entries()) {
    const n = i + 1
    const person = row.person.trim()
    const measure = row.measure.trim()
    if (!(DUTY_KINDS as readonly string[]).includes(row.kind)) return { error: { key: 'disposal.errors.dutyKind', params: { n } } }
    if (!person) return { error: { key: 'disposal.errors.dutyPerson', params: { n } } }
    if (!measure) return { error: { key: 'disposal.errors.dutyMeasure', params: { n, name: row.name || person } } }
    duties.push({ kind: row.kind, person, unit: row.unit, role: row.role.trim(), measure })
  }
  const has = (kind: string) => duties.some((d) => d.kind === kind)
  if (!has(PRINCIPAL_DUTY) || !has(SUPERVISORY_DUTY)) return { error: { key: 'disposal.errors.bothDuties' } }
  return { duties }
}

/**
 * The request for `action` from the form, or the first thing wrong with it. `today` is the
 * Beijing date (YYYY-MM-DD): a deadline may not be before it.
 */
export function buildStepRequest(action: UserStepAction, form: StepForm, today: string): BuiltStep {
  const text = form.text.trim()
  const request: WarningStepRequest = { action, text }
  if (action === 'dispose') {
    if (!(DISPOSAL_MEASURES as readonly string[]).includes(form.measure)) {
      return { ok: false, error: { key: 'disposal.errors.measure' } }
    }
    request.measure = form.measure
    if (needsDeadline(form.measure)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.deadline)) {
        return { ok: false, error: { key: 'disposal.errors.deadline', params: { measure: form.measure } } }
      }
      if (form.deadline < today) {
        return { ok: false, error: { key: 'disposal.errors.deadlinePast', params: { date: form.deadline } } }
      }
      request.deadline = form.deadline
    }
  }
  if (!text) return { ok: false, error: { key: `disposal.errors.text.${action}` } }
  if (action === 'dispose') {
    const checked = dutiesOf(form.duties)
    if ('error' in checked) return { ok: false, error: checked.error }
    request.duties = checked.duties
  }
  const files = requestFiles(form.files)
  if (files) request.files = files
  return { ok: true, request }
}
