import { http, saveBlob } from '../http'
import { normalizePaged, type PageQuery, type Paged } from '../common'
import type { Checkpoint, ConsistencyProof, InclusionProof, VerifyReport } from './types'

export * from './types'

export async function listCheckpoints(query: PageQuery): Promise<Paged<Checkpoint>> {
  const data = await http.get<Paged<Checkpoint> | Checkpoint[]>('/ledger/checkpoints', { ...query })
  return normalizePaged(data, query.page, query.size)
}

export function getPublicKey(): Promise<string> {
  return http.text('/ledger/public-key')
}

export async function downloadPublicKey(): Promise<void> {
  const text = await getPublicKey()
  saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), 'daylight-public-key.txt')
}

export function inclusionProof(seq: number, size?: number): Promise<InclusionProof> {
  return http.get<InclusionProof>('/ledger/proofs/inclusion', { seq, size })
}

export function consistencyProof(oldSize: number, newSize: number): Promise<ConsistencyProof> {
  return http.get<ConsistencyProof>('/ledger/proofs/consistency', { old: oldSize, new: newSize })
}

export function verifyLedger(): Promise<VerifyReport> {
  return http.post<VerifyReport>('/ledger/verify', {})
}
