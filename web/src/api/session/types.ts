export type Role = 'admin' | 'unit_admin' | 'handler' | 'leader' | 'inspector' | 'integrator'

export const ROLES: readonly Role[] = ['admin', 'unit_admin', 'handler', 'leader', 'inspector']

/** An account as the server returns it (docs/api.md `Account`). */
export interface Account {
  login: string
  name: string
  role: Role
  /** unit codes: the account's scope, each with all its subunits */
  units: string[]
  /** the person code the account acts as when handling cases ('' when none) */
  person: string
  disabled: boolean
}

export interface SessionInfo {
  account: Account
  csrf: string
}

export interface LoginRequest {
  login: string
  password: string
}

export interface ChangePasswordRequest {
  old_password: string
  new_password: string
}

/** The server's minimum (docs/api.md: 至少 10 个字符). */
export const MIN_PASSWORD_LENGTH = 10
