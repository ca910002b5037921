import type { Account, Role } from '../session/types'

export type { Account, Role }

export interface CreateAccountRequest {
  login: string
  name: string
  role: Role
  units: string[]
  person: string
  password: string
}

/** PUT /accounts/{login}: only the fields given change; `password` resets the password. */
export interface UpdateAccountRequest {
  name?: string
  role?: Role
  units?: string[]
  person?: string
  disabled?: boolean
  password?: string
}

/** An API key as listed (the key itself is never listed). */
export interface ApiKey {
  id: string
  name: string
  units: string[]
  created?: string
  revoked?: boolean
}

export interface CreateApiKeyRequest {
  name: string
  units: string[]
}

/** The answer to creating a key: `key` appears this once only. */
export interface CreatedApiKey extends ApiKey {
  key: string
}
