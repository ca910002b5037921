import { download, http } from '../http'
import { normalizePaged, seg, type Paged } from '../common'
import type {
  CaseDetail, CaseQuery, CaseSummary, DecisionRequest, Handled, OpenCaseRequest, StepRequest,
} from './types'

export * from './types'

export async function listCases(query: CaseQuery): Promise<Paged<CaseSummary>> {
  const data = await http.get<Paged<CaseSummary>>('/cases', { ...query })
  return normalizePaged(data, query.page, query.size)
}

export function getCase(id: string): Promise<CaseDetail> {
  return http.get<CaseDetail>(`/cases/${seg(id)}`)
}

export function caseFlowUrl(id: string): string {
  return `/api/v1/cases/${seg(id)}/flow.svg`
}

export function downloadEvidence(id: string): Promise<void> {
  return download(`/cases/${seg(id)}/evidence`, `证据包-${id}.json`)
}

export function openCase(body: OpenCaseRequest): Promise<Handled> {
  return http.post<Handled>('/cases', body)
}

export function completeStep(id: string, body: StepRequest): Promise<Handled> {
  return http.post<Handled>(`/cases/${seg(id)}/steps`, body)
}

export function decide(id: string, body: DecisionRequest): Promise<Handled> {
  return http.post<Handled>(`/cases/${seg(id)}/decisions`, body)
}

export function suspendCase(id: string, reason: string): Promise<Handled> {
  return http.post<Handled>(`/cases/${seg(id)}/suspend`, { reason })
}

export function resumeCase(id: string): Promise<Handled> {
  return http.post<Handled>(`/cases/${seg(id)}/resume`, {})
}

export function closeCase(id: string, decision: string): Promise<Handled> {
  return http.post<Handled>(`/cases/${seg(id)}/close`, decision ? { decision } : {})
}
