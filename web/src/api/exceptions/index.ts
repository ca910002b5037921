import { allPages, seg, type Paged } from '../common'
import { http } from '../http'
import type { ExceptionList, ExceptionQuery, ExceptionRecord, ExceptionRequest, RevokeRequest } from './types'

export * from './types'

/** Every exception of the unit (and its sections) with that status, all pages of them. */
export function listExceptions(query: ExceptionQuery): Promise<ExceptionList> {
  return allPages((page, size) => http.get<Paged<ExceptionRecord>>('/exceptions', { ...query, page, size }))
}

/** Grants an exception (the unit's supervising inspectors); the server answers with it as listed. */
export function createException(body: ExceptionRequest): Promise<ExceptionRecord> {
  return http.post<ExceptionRecord>('/exceptions', body)
}

/** Ends an exception before its date (its supervising inspectors); 409 when it no longer holds. */
export function revokeException(id: number, body: RevokeRequest): Promise<ExceptionRecord> {
  return http.post<ExceptionRecord>(`/exceptions/${seg(id)}/revoke`, body)
}
