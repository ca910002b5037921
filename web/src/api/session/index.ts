import { http } from '../http'
import type { ChangePasswordRequest, LoginRequest, SessionInfo } from './types'

export * from './types'

/** Logs in; a wrong password is a 401 shown on the form, not a redirect. */
export function login(body: LoginRequest): Promise<SessionInfo> {
  return http.post<SessionInfo>('/session', body, { noAuthRedirect: true })
}

/** The current session; rejects with ApiError 401 when not logged in. */
export function currentSession(): Promise<SessionInfo> {
  return http.get<SessionInfo>('/session', undefined, { noAuthRedirect: true })
}

export function logout(): Promise<void> {
  return http.del<void>('/session', { noAuthRedirect: true })
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return http.post<void>('/session/password', body)
}
