import { download, http } from '../http'
import { normalizePaged, seg, type Paged } from '../common'
import type {
  Attachment, ComplainantContact, DutyQuery, DutyRecord, ManualWarningRequest, Warning, WarningDetail,
  WarningQuery, WarningStepRequest,
} from './types'

export * from './types'

export async function listWarnings(query: WarningQuery): Promise<Paged<Warning>> {
  const data = await http.get<Paged<Warning>>('/warnings', { ...query })
  return normalizePaged(data, query.page, query.size)
}

/** A warning with its evidence, steps, the steps the caller may take and the duty candidates. */
export function getWarning(seq: number): Promise<WarningDetail> {
  return http.get<WarningDetail>(`/warnings/${seg(seq)}`)
}

/** Takes a step; answers the warning as it now stands. Refusals: 400 / 403 / 409 with the reason. */
export function takeWarningStep(seq: number, body: WarningStepRequest): Promise<Warning> {
  return http.post<Warning>(`/warnings/${seg(seq)}/steps`, body)
}

/** Enters a warning by hand (inspectors, for a unit in their scope); answers the new warning. */
export function enterWarning(body: ManualWarningRequest): Promise<Warning> {
  return http.post<Warning>('/warnings', body)
}

/** The address of an attachment's bytes (same origin: the session cookie goes along). */
export function attachmentUrl(seq: number, sha256: string): string {
  return `/api/v1/warnings/${seg(seq)}/attachments/${seg(sha256)}`
}

/** Saves an attachment under its own name (errors come back as ApiError). */
export function downloadAttachment(seq: number, file: Attachment): Promise<void> {
  return download(`/warnings/${seg(seq)}/attachments/${seg(file.sha256)}`, file.name)
}

/** 两责档案: the duties recorded by disposals. */
export async function listDuties(query: DutyQuery): Promise<Paged<DutyRecord>> {
  const data = await http.get<Paged<DutyRecord>>('/duties', { ...query })
  return normalizePaged(data, query.page, query.size)
}

/** The contact of a complaint's author (not for an anonymous one); the server records who read it. */
export function getComplainantContact(id: number | string): Promise<ComplainantContact> {
  return http.get<ComplainantContact>(`/complaints/${seg(id)}/contact`)
}
