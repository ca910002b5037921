// Turning the case action form into the request the server expects (docs/api.md 办件与办理),
// checked before it is sent so an obviously incomplete form never reaches the server.
import type { DecisionRequest, MeetingRecord, StepRequest } from '@/api/cases'

export type ActionKind = 'step' | 'decision' | 'suspend' | 'resume' | 'close'

export interface ActionForm {
  node: string
  decision: string
  /** text fields: a number or '' */
  amount: string
  decided_value: string
  grade: string
  reason: string
  /** a meeting record as JSON text, or '' */
  meeting: string
  start_first: boolean
}

export function emptyActionForm(node = ''): ActionForm {
  return { node, decision: '', amount: '', decided_value: '', grade: '', reason: '', meeting: '', start_first: true }
}

export type ActionRequest =
  | { kind: 'step'; body: StepRequest }
  | { kind: 'decision'; body: DecisionRequest }
  | { kind: 'suspend'; reason: string }
  | { kind: 'resume' }
  | { kind: 'close'; decision: string }

/** Either the request, or the i18n key of what is wrong with the form. */
export type Built = { ok: true; request: ActionRequest } | { ok: false; error: string }

function number(text: string): number | undefined | null {
  const s = text.trim()
  if (!s) return undefined
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

function meeting(text: string): MeetingRecord | undefined | null {
  if (!text.trim()) return undefined
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as MeetingRecord) : null
  } catch {
    return null
  }
}

export function buildAction(kind: ActionKind, form: ActionForm): Built {
  const reason = form.reason.trim()
  const decision = form.decision.trim()
  switch (kind) {
    case 'step': {
      if (!form.node) return { ok: false, error: 'action.errors.node' }
      const amount = number(form.amount)
      if (amount === null || (amount !== undefined && amount < 0)) return { ok: false, error: 'action.errors.amount' }
      const body: StepRequest = { node: form.node, start_first: form.start_first }
      if (amount !== undefined) body.amount = amount
      if (decision) body.decision = decision
      if (reason) body.reason = reason
      return { ok: true, request: { kind, body } }
    }
    case 'decision': {
      if (!form.node) return { ok: false, error: 'action.errors.node' }
      if (!decision) return { ok: false, error: 'action.errors.decision' }
      const value = number(form.decided_value)
      if (value === null) return { ok: false, error: 'action.errors.decidedValue' }
      const m = meeting(form.meeting)
      if (m === null) return { ok: false, error: 'action.errors.meeting' }
      const body: DecisionRequest = { node: form.node, decision }
      if (value !== undefined) body.decided_value = value
      if (form.grade) body.grade = form.grade
      if (reason) body.reason = reason
      if (m) body.meeting = m
      return { ok: true, request: { kind, body } }
    }
    case 'suspend':
      if (!reason) return { ok: false, error: 'action.errors.reason' }
      return { ok: true, request: { kind, reason } }
    case 'resume':
      return { ok: true, request: { kind } }
    case 'close':
      return { ok: true, request: { kind, decision } }
  }
}
