import { reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Paged } from '@/api/common'
import { DEFAULT_PAGE_SIZE } from '@/api/common'
import { showError } from '@/utils/notify'
import { queryFromState, sameQuery, stateFromQuery, type Filters } from './pagedQuery'

export interface PagedListOptions<F extends Filters, T> {
  /** every filter the list has, with its default ('' = none) */
  defaults: F
  /** loads one page; called whenever the route query changes */
  fetch: (params: F & { page: number; size: number }) => Promise<Paged<T>>
  size?: number
  onError?: (e: unknown) => void
}

export interface PagedList<F extends Filters, T> {
  /** the filter form's model; applied by search() */
  filters: F
  page: Ref<number>
  size: Ref<number>
  items: Ref<T[]>
  total: Ref<number>
  loading: Ref<boolean>
  /** the last load's error, null after a success */
  error: Ref<unknown>
  search(): Promise<void>
  reset(): Promise<void>
  setFilter(key: keyof F & string, value: string): Promise<void>
  setPage(page: number): Promise<void>
  setSize(size: number): Promise<void>
  reload(): Promise<void>
}

/**
 * A server-paged list whose filters, page and size are kept in the route query: the query is
 * the truth, the form edits a copy, and search() writes the copy to the query. Must be called
 * in a component's setup (or an app's runWithContext) under a named route.
 */
export function usePagedList<F extends Filters, T>(options: PagedListOptions<F, T>): PagedList<F, T> {
  const route = useRoute()
  const router = useRouter()
  const defaultSize = options.size ?? DEFAULT_PAGE_SIZE
  const ownRoute = route.name
  const onError = options.onError ?? showError

  const filters = reactive({ ...options.defaults }) as F
  const applied = shallowRef<F>({ ...options.defaults })
  const page = ref(1)
  const size = ref(defaultSize)
  const items = ref<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref<unknown>(null)
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const result = await options.fetch({ ...applied.value, page: page.value, size: size.value })
      if (mine !== generation) return
      items.value = result.items
      total.value = result.total
      error.value = null
    } catch (e) {
      if (mine !== generation) return
      items.value = []
      total.value = 0
      error.value = e
      onError(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function go(state: { filters: F; page: number; size: number }): Promise<void> {
    const query = queryFromState(state, options.defaults, defaultSize, route.query)
    if (sameQuery(query, route.query)) {
      await reload()
      return
    }
    await router.push({ query })
  }

  watch(
    () => route.query,
    (query) => {
      if (route.name !== ownRoute) return
      const state = stateFromQuery(query, options.defaults, defaultSize)
      applied.value = state.filters
      Object.assign(filters, state.filters)
      page.value = state.page
      size.value = state.size
      void reload()
    },
    { immediate: true },
  )

  return {
    filters,
    page,
    size,
    items,
    total,
    loading,
    error,
    reload,
    search: () => go({ filters: { ...filters }, page: 1, size: size.value }),
    reset: () => go({ filters: { ...options.defaults }, page: 1, size: size.value }),
    setFilter: (key, value) => {
      ;(filters as Filters)[key] = value
      return go({ filters: { ...filters }, page: 1, size: size.value })
    },
    setPage: (p) => go({ filters: applied.value, page: p, size: size.value }),
    setSize: (s) => go({ filters: applied.value, page: 1, size: s }),
  }
}
