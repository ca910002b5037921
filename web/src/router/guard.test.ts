import { describe, expect, it } from 'vitest'
import { decide, homePath, safeRedirect } from './guard'

describe('route guard', () => {
  it('sends a visitor to login with the page asked for', () => {
    expect(decide({ section: 'cases' }, '/cases?unit=YX', null)).toEqual({ kind: 'login', redirect: '/cases?unit=YX' })
  })
  it('lets anyone see the login page and the public portal', () => {
    expect(decide({ public: true }, '/login', null)).toEqual({ kind: 'allow' })
    expect(decide({ public: true }, '/', null)).toEqual({ kind: 'allow' })
    expect(decide({ public: true }, '/track', 'handler')).toEqual({ kind: 'allow' })
  })
  it('allows a section the role may see and forbids one it may not', () => {
    expect(decide({ section: 'warnings' }, '/warnings', 'leader')).toEqual({ kind: 'allow' })
    expect(decide({ section: 'warnings' }, '/warnings', 'handler')).toEqual({ kind: 'forbidden' })
    expect(decide({ section: 'system' }, '/system', 'inspector')).toEqual({ kind: 'forbidden' })
  })
  it('sends a handler asking for the dashboard to 我的待办, not to an error', () => {
    expect(decide({ section: 'dashboard' }, '/dashboard', 'handler')).toEqual({ kind: 'redirect', path: '/tasks' })
    expect(decide({ section: 'dashboard' }, '/dashboard', 'leader')).toEqual({ kind: 'allow' })
  })
  it('forbids 我的待办 to an admin, who acts as no person', () => {
    expect(decide({ section: 'tasks' }, '/tasks', 'admin')).toEqual({ kind: 'forbidden' })
  })
  it('allows pages without a section to any logged-in user', () => {
    expect(decide({}, '/forbidden', 'handler')).toEqual({ kind: 'allow' })
  })
})

describe('redirect after login', () => {
  it('returns to a local page', () => {
    expect(safeRedirect('/warnings?level=红牌', 'leader')).toBe('/warnings?level=红牌')
  })
  it('refuses other sites and the login page itself', () => {
    expect(safeRedirect('//evil.example/x', 'leader')).toBe('/dashboard')
    expect(safeRedirect('https://evil.example/', 'leader')).toBe('/dashboard')
    expect(safeRedirect('/login?redirect=/', 'leader')).toBe('/dashboard')
    expect(safeRedirect(undefined, 'admin')).toBe('/dashboard')
    expect(safeRedirect(['/cases'], 'admin')).toBe('/dashboard')
    expect(safeRedirect(undefined, 'handler')).toBe('/tasks')
    expect(safeRedirect('/', 'leader')).toBe('/dashboard')
  })
  it('has a home for every role that can log in', () => {
    expect(homePath('inspector')).toBe('/dashboard')
    expect(homePath('handler')).toBe('/tasks')
    expect(homePath('integrator')).toBe('/forbidden')
  })
})
