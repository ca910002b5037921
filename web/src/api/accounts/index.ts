import { http } from '../http'
import { normalizePaged, seg, type Paged } from '../common'
import type {
  Account, ApiKey, CreateAccountRequest, CreateApiKeyRequest, CreatedApiKey, UpdateAccountRequest,
} from './types'

export * from './types'

export async function listAccounts(): Promise<Account[]> {
  return normalizePaged(await http.get<Paged<Account> | Account[]>('/accounts', { size: 200 })).items
}

export function createAccount(body: CreateAccountRequest): Promise<Account> {
  return http.post<Account>('/accounts', body)
}

export function updateAccount(login: string, body: UpdateAccountRequest): Promise<Account> {
  return http.put<Account>(`/accounts/${seg(login)}`, body)
}

export async function listApiKeys(): Promise<ApiKey[]> {
  return normalizePaged(await http.get<Paged<ApiKey> | ApiKey[]>('/api-keys', { size: 200 })).items
}

export function createApiKey(body: CreateApiKeyRequest): Promise<CreatedApiKey> {
  return http.post<CreatedApiKey>('/api-keys', body)
}

export function revokeApiKey(id: string): Promise<void> {
  return http.del<void>(`/api-keys/${seg(id)}`)
}
