import { http } from '../http'
import { normalizePaged, seg, type Paged } from '../common'
import type { Warning, WarningDetail, WarningQuery } from './types'

export * from './types'

export async function listWarnings(query: WarningQuery): Promise<Paged<Warning>> {
  const data = await http.get<Paged<Warning>>('/warnings', { ...query })
  return normalizePaged(data, query.page, query.size)
}

export function getWarning(seq: number): Promise<WarningDetail> {
  return http.get<WarningDetail>(`/warnings/${seg(seq)}`)
}
