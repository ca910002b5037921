import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from './index'

// Which page an address opens: the public portal at / (no login), the staff's pages beside it.
describe('routes', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })
  const at = (path: string) => {
    const r = router.resolve(path)
    return { name: r.name, public: !!r.meta.public, section: r.meta.section }
  }

  it('opens the public portal at / and its pages without a login', () => {
    expect(at('/')).toEqual({ name: 'portal', public: true, section: undefined })
    expect(at('/power/XK-001')).toMatchObject({ name: 'public-power', public: true })
    expect(router.resolve('/power/XK-001').params.code).toBe('XK-001')
    for (const [path, name] of [['/stats', 'public-stats'], ['/track', 'track'], ['/report', 'report'],
      ['/report/follow', 'report-follow'], ['/verify', 'verify'], ['/login', 'login']]) {
      expect(at(path!), path).toMatchObject({ name, public: true })
    }
  })

  it('keeps the staff pages where they were, the dashboard at /dashboard', () => {
    expect(at('/dashboard')).toEqual({ name: 'dashboard', public: false, section: 'dashboard' })
    expect(at('/cases/C-1')).toEqual({ name: 'case', public: false, section: 'cases' })
    expect(at('/catalog/powers/XK-001')).toEqual({ name: 'power', public: false, section: 'catalog' })
    expect(at('/warnings/12')).toEqual({ name: 'warning', public: false, section: 'warnings' })
    expect(at('/forbidden')).toEqual({ name: 'forbidden', public: false, section: undefined })
  })

  it('says an unknown address is not found without asking for a login', () => {
    expect(at('/no/such/page')).toMatchObject({ name: 'not-found', public: true })
    expect(at('/casesX')).toMatchObject({ name: 'not-found', public: true })
  })
})
