// Shapes shared by every API module.

/** A page of a list route: {"items","total","page","size"} (docs/api.md 分页). */
export interface Paged<T> {
  items: T[]
  total: number
  page: number
  size: number
}

/** page (from 1) and size (default 20, at most 200). */
export interface PageQuery {
  page?: number
  size?: number
}

export const MAX_PAGE_SIZE = 200
export const DEFAULT_PAGE_SIZE = 20

/**
 * A list as the server sent it: the paged object, or a plain array (some routes are
 * documented as arrays; this keeps the UI working with either form).
 */
export function normalizePaged<T>(data: Paged<T> | T[] | null | undefined, page = 1,
  size = DEFAULT_PAGE_SIZE): Paged<T> {
  if (Array.isArray(data)) return { items: data, total: data.length, page, size }
  if (!data || !Array.isArray(data.items)) return { items: [], total: 0, page, size }
  return {
    items: data.items,
    total: typeof data.total === 'number' ? data.total : data.items.length,
    page: typeof data.page === 'number' ? data.page : page,
    size: typeof data.size === 'number' ? data.size : size,
  }
}

/** A path segment, escaped (case ids and power codes are free text). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value))
}

/** Pages fetched at most by allPages (200 × 50 = 10 000 rows): a guard, not a limit met in use. */
export const MAX_PAGES = 50

/**
 * Every row of a paged list route: asks for MAX_PAGE_SIZE rows a page and follows `total` until
 * it has them all (or a page comes back short). `fetchPage` gets the page number (from 1) and the size.
 */
export async function allPages<T>(fetchPage: (page: number, size: number) => Promise<Paged<T> | T[] | null | undefined>,
  size = MAX_PAGE_SIZE): Promise<{ items: T[]; total: number }> {
  const items: T[] = []
  let total = 0
  for (let page = 1; page <= MAX_PAGES; page++) {
    const got = normalizePaged(await fetchPage(page, size), page, size)
    items.push(...got.items)
    total = Math.max(got.total, items.length)
    if (got.items.length < size || items.length >= got.total) break
  }
  return { items, total }
}
