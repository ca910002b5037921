import { allPages, type Paged } from '../common'
import { download, http } from '../http'
import type { Assessment, CheckCreated, CheckEntry, CheckList, CheckQuery, CheckRequest } from './types'

export * from './types'

/** The units in the account's scope scored for `period` ("2026Q3", "2026"), by rank. */
export function getAssessment(period: string): Promise<Assessment> {
  return http.get<Assessment>('/assessment', { period })
}

/** Saves the Excel report of `period` (its sheets: 考核结果, 扣分明细, 考核方案). */
export function downloadAssessment(period: string): Promise<void> {
  return download('/assessment.xlsx', `考核结果-${period}.xlsx`, { period })
}

/**
 * Every 自查 / 检查 entry of a period (and unit), all pages of them. The period is a prefix on the
 * server: "2026" lists the whole year with its quarters and halves, "2026Q3" only that quarter.
 */
export function listChecks(query: CheckQuery): Promise<CheckList> {
  return allPages((page, size) => http.get<Paged<CheckEntry>>('/checks', { ...query, page, size }))
}

/** Enters a 自查 (unit admins, leaders: their own units) or a 检查 (inspectors). */
export function enterCheck(body: CheckRequest): Promise<CheckCreated> {
  return http.post<CheckCreated>('/checks', body)
}
