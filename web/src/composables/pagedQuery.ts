// The route query ↔ list state mapping behind usePagedList: the filters, page and size of a
// list live in the address, so a list can be bookmarked, shared and reached from a chart.
import type { LocationQuery, LocationQueryRaw, LocationQueryValue } from 'vue-router'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@/api/common'

/** A list's filters: every value a string ('' = not filtered). */
export type Filters = Record<string, string>

export interface ListState<F extends Filters> {
  filters: F
  page: number
  size: number
}

export function firstValue(v: LocationQueryValue | LocationQueryValue[] | undefined): string | undefined {
  const one = Array.isArray(v) ? v[0] : v
  return one === null || one === undefined ? undefined : one
}

function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= 1 ? n : null
}

/** The state a query describes: filters not in the query take their defaults. */
export function stateFromQuery<F extends Filters>(query: LocationQuery, defaults: F,
  defaultSize = DEFAULT_PAGE_SIZE): ListState<F> {
  const filters = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const value = firstValue(query[key])
    if (value !== undefined) filters[key] = value as F[typeof key]
  }
  const size = positiveInt(firstValue(query.size))
  return {
    filters,
    page: positiveInt(firstValue(query.page)) ?? 1,
    size: size === null ? defaultSize : Math.min(size, MAX_PAGE_SIZE),
  }
}

/**
 * The query for a state: only what differs from the defaults, so the plain list has a plain
 * address. Other keys of `base` (not the list's) are kept.
 */
export function queryFromState<F extends Filters>(state: ListState<F>, defaults: F,
  defaultSize = DEFAULT_PAGE_SIZE, base: LocationQuery = {}): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  const managed = new Set<string>([...Object.keys(defaults), 'page', 'size'])
  for (const [key, value] of Object.entries(base)) {
    if (!managed.has(key)) query[key] = value
  }
  for (const key of Object.keys(defaults)) {
    const value = (state.filters[key] ?? '').trim()
    if (value !== defaults[key]) query[key] = value
  }
  if (state.page !== 1) query.page = String(state.page)
  if (state.size !== defaultSize) query.size = String(state.size)
  return query
}

/** Whether two queries say the same thing (order of keys aside). */
export function sameQuery(a: LocationQueryRaw, b: LocationQueryRaw): boolean {
  const norm = (q: LocationQueryRaw) =>
    JSON.stringify(Object.keys(q).sort().map((k) => [k, q[k] === undefined ? null : String(q[k])]))
  return norm(a) === norm(b)
}
