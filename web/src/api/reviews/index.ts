import { http } from '../http'
import type { Campaign, CampaignQuery, CatalogChanges, ChangesQuery } from './types'

export * from './types'

/** 年度评估清单: per unit, the risks whose assessment is due in `year` (or overdue). */
export function getCampaign(query: CampaignQuery): Promise<Campaign> {
  return http.get<Campaign>('/reviews/campaign', { ...query })
}

/** 权力变更统计: status changes of the powers counted per year, quarter or month, and the list. */
export function getCatalogChanges(query: ChangesQuery): Promise<CatalogChanges> {
  return http.get<CatalogChanges>('/catalog/changes', { ...query })
}
