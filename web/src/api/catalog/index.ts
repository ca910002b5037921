import { download, http } from '../http'
import { normalizePaged, seg, type Paged } from '../common'
import type {
  ImportFormat, ImportReport, PersonList, PowerDetail, PowerQuery, PowerSummary, Unit,
} from './types'

export * from './types'

export function listUnits(): Promise<Unit[]> {
  return http.get<Unit[]>('/units')
}

/** The persons holding a post today in `unit` or its sections (every unit of the account without one), with those posts. */
export async function listPersons(unit?: string): Promise<PersonList> {
  const data = await http.get<PersonList>('/persons', { unit })
  const items = Array.isArray(data?.items) ? data.items : []
  return { items, total: typeof data?.total === 'number' ? data.total : items.length }
}

export async function listPowers(query: PowerQuery): Promise<Paged<PowerSummary>> {
  const data = await http.get<Paged<PowerSummary>>('/powers', { ...query })
  return normalizePaged(data, query.page, query.size)
}

export function getPower(code: string): Promise<PowerDetail> {
  return http.get<PowerDetail>(`/powers/${seg(code)}`)
}

export function getPowerVersion(code: string, version: number): Promise<PowerDetail> {
  return http.get<PowerDetail>(`/powers/${seg(code)}/versions/${seg(version)}`)
}

/** The flowchart's address, for an <img> (same origin: the session cookie goes along). */
export function powerFlowUrl(code: string, version?: number): string {
  return `/api/v1/powers/${seg(code)}/flow.svg${version ? `?version=${version}` : ''}`
}

const CONTENT_TYPES: Record<ImportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
}

/** The format of an uploaded file by its name; null when neither .xlsx nor .json. */
export function importFormatOf(filename: string): ImportFormat | null {
  const lower = filename.toLowerCase()
  if (lower.endsWith('.xlsx')) return 'xlsx'
  if (lower.endsWith('.json')) return 'json'
  return null
}

/** POST /imports/catalog; with dryRun the server only validates. The file's own name is sent so
 *  the problems name the file the person chose. */
export function importCatalog(
  file: Blob,
  format: ImportFormat,
  dryRun: boolean,
  filename?: string,
): Promise<ImportReport> {
  return http.json<ImportReport>('POST', '/imports/catalog', {
    query: { format, dry_run: dryRun ? 'true' : undefined, filename },
    body: file,
    contentType: CONTENT_TYPES[format],
  })
}

export function exportCatalog(unit?: string): Promise<void> {
  return download('/exports/catalog.xlsx', unit ? `四单-${unit}.xlsx` : '四单.xlsx', { unit })
}
