import { describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, nextTick } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { Paged } from '@/api/common'
import { usePagedList, type PagedList } from './usePagedList'

vi.mock('@/utils/notify', () => ({ showError: vi.fn() }))

type F = { unit: string; level: string }
type Params = F & { page: number; size: number }

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve()
    await nextTick()
  }
}

async function setup(path: string, fetch: (p: Params) => Promise<Paged<string>>) {
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/warnings', name: 'warnings', component: defineComponent({ render: () => null }) },
      { path: '/other', name: 'other', component: defineComponent({ render: () => null }) },
    ],
  })
  await router.push(path)
  await router.isReady()
  const app = createApp({ render: () => null })
  app.use(router)
  const list = app.runWithContext(() =>
    usePagedList<F, string>({ defaults: { unit: '', level: '' }, fetch, onError: vi.fn() }),
  ) as PagedList<F, string>
  await flush()
  return { router, list }
}

function page(items: string[], total = items.length): Paged<string> {
  return { items, total, page: 1, size: 20 }
}

describe('usePagedList', () => {
  it('loads with the filters and page of the route query', async () => {
    const fetch = vi.fn(async (_p: Params) => page(['w1', 'w2'], 42))
    const { list } = await setup('/warnings?unit=YX-SCJ&level=%E7%BA%A2%E7%89%8C&page=3', fetch)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenLastCalledWith({ unit: 'YX-SCJ', level: '红牌', page: 3, size: 20 })
    expect(list.filters).toEqual({ unit: 'YX-SCJ', level: '红牌' })
    expect(list.items.value).toEqual(['w1', 'w2'])
    expect(list.total.value).toBe(42)
    expect(list.page.value).toBe(3)
  })

  it('search writes the form to the query, back on page 1, and reloads', async () => {
    const fetch = vi.fn(async (_p: Params) => page([]))
    const { router, list } = await setup('/warnings?page=5', fetch)
    list.filters.level = '黄牌'
    await list.search()
    await flush()
    expect(router.currentRoute.value.query).toEqual({ level: '黄牌' })
    expect(fetch).toHaveBeenLastCalledWith({ unit: '', level: '黄牌', page: 1, size: 20 })
  })

  it('paging keeps the applied filters, not unsaved form edits', async () => {
    const fetch = vi.fn(async (_p: Params) => page([]))
    const { router, list } = await setup('/warnings?unit=A', fetch)
    list.filters.unit = 'B'
    await list.setPage(2)
    await flush()
    expect(router.currentRoute.value.query).toEqual({ unit: 'A', page: '2' })
    expect(fetch).toHaveBeenLastCalledWith({ unit: 'A', level: '', page: 2, size: 20 })
  })

  it('follows back/forward navigation of the query', async () => {
    const fetch = vi.fn(async (_p: Params) => page([]))
    const { router, list } = await setup('/warnings', fetch)
    await router.push('/warnings?unit=YX')
    await flush()
    expect(list.filters.unit).toBe('YX')
    expect(fetch).toHaveBeenLastCalledWith({ unit: 'YX', level: '', page: 1, size: 20 })
  })

  it('a search with nothing changed reloads instead of navigating', async () => {
    const fetch = vi.fn(async (_p: Params) => page([]))
    const { list } = await setup('/warnings?unit=YX', fetch)
    const before = fetch.mock.calls.length
    await list.search()
    await flush()
    expect(fetch.mock.calls.length).toBe(before + 1)
  })

  it('ignores query changes of another page', async () => {
    const fetch = vi.fn(async (_p: Params) => page([]))
    const { router } = await setup('/warnings', fetch)
    const before = fetch.mock.calls.length
    await router.push('/other?unit=X')
    await flush()
    expect(fetch.mock.calls.length).toBe(before)
  })

  it('keeps the newest answer when an older one arrives late', async () => {
    const resolvers: ((p: Paged<string>) => void)[] = []
    const fetch = vi.fn((_p: Params) => new Promise<Paged<string>>((resolve) => resolvers.push(resolve)))
    const { router, list } = await setup('/warnings', fetch)
    await router.push('/warnings?unit=NEW')
    await flush()
    resolvers[1]?.(page(['new']))
    await flush()
    resolvers[0]?.(page(['old']))
    await flush()
    expect(list.items.value).toEqual(['new'])
    expect(list.loading.value).toBe(false)
  })

  it('empties the list and reports a failed load', async () => {
    const onError = vi.fn()
    const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/warnings', name: 'warnings', component: defineComponent({ render: () => null }) }] })
    await router.push('/warnings')
    const app = createApp({ render: () => null })
    app.use(router)
    const failure = new Error('boom')
    const list = app.runWithContext(() => usePagedList<F, string>({
      defaults: { unit: '', level: '' }, fetch: async () => { throw failure }, onError,
    }))
    await flush()
    expect(onError).toHaveBeenCalledWith(failure)
    expect(list.items.value).toEqual([])
    expect(list.error.value).toBe(failure)
  })
})
