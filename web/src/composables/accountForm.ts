// The account dialog's form and the request it makes: on edit only what changed is sent.
import type { Account, CreateAccountRequest, Role, UpdateAccountRequest } from '@/api/accounts'
import { MIN_PASSWORD_LENGTH } from '@/api/session/types'

export interface AccountForm {
  login: string
  name: string
  role: Role
  units: string[]
  person: string
  disabled: boolean
  /** create: the password; edit: a new password, or '' to keep it */
  password: string
}

export function accountForm(a?: Account): AccountForm {
  return a
    ? { login: a.login, name: a.name, role: a.role, units: [...a.units], person: a.person ?? '', disabled: a.disabled, password: '' }
    : { login: '', name: '', role: 'handler', units: [], person: '', disabled: false, password: '' }
}

/** The i18n key of the first thing wrong with the form, or null. */
export function accountFormError(f: AccountForm, creating: boolean): string | null {
  if (creating && !f.login.trim()) return 'system.errors.login'
  if (!f.name.trim()) return 'system.errors.name'
  if (f.role !== 'admin' && !f.units.length) return 'system.errors.units'
  // The server's rule too: handlers and leaders act as a person when they handle cases.
  if ((f.role === 'handler' || f.role === 'leader') && !f.person.trim()) return 'system.errors.person'
  if ((creating || f.password) && f.password.length < MIN_PASSWORD_LENGTH) return 'system.errors.password'
  return null
}

export function createRequest(f: AccountForm): CreateAccountRequest {
  return { login: f.login.trim(), name: f.name.trim(), role: f.role, units: f.units, person: f.person.trim(), password: f.password }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}

/** The fields that differ from the account as it was. */
export function updateRequest(before: Account, f: AccountForm): UpdateAccountRequest {
  const body: UpdateAccountRequest = {}
  if (f.name.trim() !== before.name) body.name = f.name.trim()
  if (f.role !== before.role) body.role = f.role
  if (!sameSet(f.units, before.units)) body.units = f.units
  if (f.person.trim() !== (before.person ?? '')) body.person = f.person.trim()
  if (f.disabled !== before.disabled) body.disabled = f.disabled
  if (f.password) body.password = f.password
  return body
}
