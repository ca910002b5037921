import { http } from '../http'
import type { Dashboard, DashboardQuery } from './types'

export * from './types'

export function getDashboard(query: DashboardQuery = {}): Promise<Dashboard> {
  return http.get<Dashboard>('/stats/dashboard', { ...query })
}
