// The public portal's forms as data: what a person typed → the request to send, or the first
// thing to fix (an i18n key). Checked as the server checks them, before any proof of work is spent.
import type {
  ComplaintKind, ComplaintRequest, TrackRequest,
} from '@/api/portal/types'
import { COMPLAINT_KINDS } from '@/api/portal/types'
import type { Built } from './useFormSubmit'

/** Characters of a complaint's text and of an addition. */
export const MAX_COMPLAINT_TEXT = 2000
/** Characters of a rating's comment. */
export const MAX_RATING_COMMENT = 500
/** Characters of the short fields (name of the person concerned, contact name, receipt code). */
export const MAX_SHORT_TEXT = 50

/** Characters as a person counts them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length
}

export interface TrackForm {
  code: string
  check: string
}

export function buildTrack(f: TrackForm): Built<TrackRequest> {
  const code = f.code.trim()
  const check = f.check.trim()
  if (!code) return { ok: false, error: { key: 'portal.errors.code' } }
  if (!/^\d{4}$/.test(check)) return { ok: false, error: { key: 'portal.errors.check' } }
  return { ok: true, request: { code, check } }
}

export interface RatingForm {
  score: number
  comment: string
}

export function buildRating(f: RatingForm): Built<{ score: number; comment: string }> {
  if (!Number.isInteger(f.score) || f.score < 1 || f.score > 5) return { ok: false, error: { key: 'portal.errors.score' } }
  const comment = f.comment.trim()
  if (charCount(comment) > MAX_RATING_COMMENT) {
    return { ok: false, error: { key: 'portal.errors.comment', params: { n: MAX_RATING_COMMENT } } }
  }
  return { ok: true, request: { score: f.score, comment } }
}

export interface ComplaintForm {
  kind: ComplaintKind | ''
  unit: string
  power: string
  case: string
  person_name: string
  text: string
  anonymous: boolean
  name: string
  phone: string
  email: string
}

export function emptyComplaintForm(): ComplaintForm {
  return {
    kind: 'complaint', unit: '', power: '', case: '', person_name: '', text: '', anonymous: false,
    name: '', phone: '', email: '',
  }
}

/** A phone number as people write it: 7–15 digits, with an optional +, spaces and dashes. */
export function isPhone(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '')
  return /^\+?\d{7,15}$/.test(digits)
}

export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
}

/** The complaint without its proof (added when it is sent). */
export type ComplaintDraft = Omit<ComplaintRequest, 'proof'>

export function buildComplaint(f: ComplaintForm): Built<ComplaintDraft> {
  if (!(COMPLAINT_KINDS as readonly string[]).includes(f.kind)) return { ok: false, error: { key: 'portal.errors.kind' } }
  if (!f.unit) return { ok: false, error: { key: 'portal.errors.unit' } }
  const text = f.text.trim()
  if (!text) return { ok: false, error: { key: 'portal.errors.text' } }
  if (charCount(text) > MAX_COMPLAINT_TEXT) {
    return { ok: false, error: { key: 'portal.errors.textTooLong', params: { n: MAX_COMPLAINT_TEXT } } }
  }
  const short = { case: f.case.trim(), person_name: f.person_name.trim() }
  if (charCount(short.case) > MAX_SHORT_TEXT || charCount(short.person_name) > MAX_SHORT_TEXT) {
    return { ok: false, error: { key: 'portal.errors.tooLong', params: { n: MAX_SHORT_TEXT } } }
  }
  const request: ComplaintDraft = { kind: f.kind as ComplaintKind, unit: f.unit, text, anonymous: f.anonymous }
  if (f.power) request.power = f.power
  if (short.case) request.case = short.case
  if (short.person_name) request.person_name = short.person_name
  if (!f.anonymous) {
    const contact = { name: f.name.trim(), phone: f.phone.trim(), email: f.email.trim() }
    if (!contact.name) return { ok: false, error: { key: 'portal.errors.contactName' } }
    if (charCount(contact.name) > MAX_SHORT_TEXT) {
      return { ok: false, error: { key: 'portal.errors.tooLong', params: { n: MAX_SHORT_TEXT } } }
    }
    if (!isPhone(contact.phone)) return { ok: false, error: { key: 'portal.errors.contactPhone' } }
    if (contact.email && !isEmail(contact.email)) return { ok: false, error: { key: 'portal.errors.email' } }
    request.contact = contact
  }
  return { ok: true, request }
}

export function buildFollow(code: string): Built<string> {
  const c = code.trim()
  return c ? { ok: true, request: c } : { ok: false, error: { key: 'portal.errors.followCode' } }
}

export function buildAddition(text: string): Built<string> {
  const t = text.trim()
  if (!t) return { ok: false, error: { key: 'portal.errors.addText' } }
  if (charCount(t) > MAX_COMPLAINT_TEXT) {
    return { ok: false, error: { key: 'portal.errors.addTooLong', params: { n: MAX_COMPLAINT_TEXT } } }
  }
  return { ok: true, request: t }
}
