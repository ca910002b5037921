// The form of a hand-entered warning (人工录入: 巡视巡察, 审计, 信访举报 …) and its request,
// checked as the server checks it (src/oversight/manual.cc) before it is sent.
import {
  WARNING_LEVELS, WARNING_SOURCES, type ManualWarningRequest,
} from '@/api/warnings'
import { requestFiles, type FormError, type PickedFile } from './uploads'

export interface ManualForm {
  source: string
  level: string
  unit: string
  /** the main person concerned (person code), optional */
  person: string
  message: string
  /** links: case ids, person codes, power codes */
  cases: string[]
  persons: string[]
  powers: string[]
  files: PickedFile[]
}

export function emptyManualForm(): ManualForm {
  return { source: '', level: '黄牌', unit: '', person: '', message: '', cases: [], persons: [], powers: [], files: [] }
}

/** Codes as typed into a tag input: trimmed, without blanks and repeats. */
export function cleanCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.map((c) => c.trim()).filter(Boolean))]
}

export type BuiltManual = { ok: true; request: ManualWarningRequest } | { ok: false; error: FormError }

export function buildManualWarning(f: ManualForm): BuiltManual {
  if (!(WARNING_SOURCES as readonly string[]).includes(f.source)) return { ok: false, error: { key: 'manual.errors.source' } }
  if (!(WARNING_LEVELS as readonly string[]).includes(f.level)) return { ok: false, error: { key: 'manual.errors.level' } }
  if (!f.unit) return { ok: false, error: { key: 'manual.errors.unit' } }
  const message = f.message.trim()
  if (!message) return { ok: false, error: { key: 'manual.errors.message' } }
  const request: ManualWarningRequest = { source: f.source, level: f.level, unit: f.unit, message }
  const person = f.person.trim()
  if (person) request.person = person
  for (const key of ['cases', 'persons', 'powers'] as const) {
    const codes = cleanCodes(f[key])
    if (codes.length) request[key] = codes
  }
  const files = requestFiles(f.files)
  if (files) request.files = files
  return { ok: true, request }
}
