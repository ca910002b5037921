import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/session/types'
import { activeMenuPath, visibleMenu } from '@/layouts/menu'
import { canDo, canSee, homeSection } from './access'

function menu(role: Role | null): string[] {
  return visibleMenu(role).map((i) => i.section)
}

describe('menu by role', () => {
  it('admin sees everything but 我的待办 (an admin acts as no person and may not handle cases)', () => {
    expect(menu('admin')).toEqual(['dashboard', 'catalog', 'reviews', 'cases', 'warnings', 'exceptions', 'duties', 'assessment',
      'ledger', 'system'])
  })
  it('unit_admin: lists, cases, warnings and the assessment, no tasks, ledger or system', () => {
    expect(menu('unit_admin')).toEqual(['dashboard', 'catalog', 'reviews', 'cases', 'warnings', 'exceptions', 'duties', 'assessment'])
  })
  it('handler: no dashboard, warnings, exceptions or assessment (all read the warnings); the reviews of the lists', () => {
    expect(menu('handler')).toEqual(['catalog', 'reviews', 'cases', 'tasks'])
  })
  it('leader: as handler plus warnings', () => {
    expect(menu('leader')).toEqual(['dashboard', 'catalog', 'reviews', 'cases', 'tasks', 'warnings', 'exceptions', 'duties',
      'assessment'])
  })
  it('inspector: warnings and the ledger, no tasks or system', () => {
    expect(menu('inspector')).toEqual(['dashboard', 'catalog', 'reviews', 'cases', 'warnings', 'exceptions', 'duties',
      'assessment', 'ledger'])
  })
  it('nobody logged in, or an integrator, sees nothing', () => {
    expect(menu(null)).toEqual([])
    expect(menu('integrator')).toEqual([])
  })
  it('highlights the section of a nested page', () => {
    expect(activeMenuPath('/cases/C-1')).toBe('/cases')
    expect(activeMenuPath('/catalog/powers/XK-001')).toBe('/catalog')
    expect(activeMenuPath('/dashboard')).toBe('/dashboard')
    expect(activeMenuPath('/casesX')).toBe('')
    expect(activeMenuPath('/forbidden')).toBe('')
    expect(activeMenuPath('/warnings/31401')).toBe('/warnings')
    expect(activeMenuPath('/duties')).toBe('/duties')
    expect(activeMenuPath('/assessment/print')).toBe('/assessment')
    expect(activeMenuPath('/exceptions')).toBe('/exceptions')
  })
})

describe('actions by role', () => {
  it('only admins and unit admins import and export the lists', () => {
    expect(canDo('unit_admin', 'catalog.import')).toBe(true)
    expect(canDo('admin', 'catalog.export')).toBe(true)
    expect(canDo('inspector', 'catalog.import')).toBe(false)
    expect(canDo('handler', 'catalog.export')).toBe(false)
  })
  it('only inspectors read a complainant\'s contact', () => {
    expect(canDo('inspector', 'complaints.contact')).toBe(true)
    for (const role of ['admin', 'unit_admin', 'leader', 'handler'] as const) expect(canDo(role, 'complaints.contact')).toBe(false)
  })
  it('only handlers and leaders handle cases; admins, unit admins and inspectors do not', () => {
    expect(canDo('handler', 'case.handle')).toBe(true)
    expect(canDo('leader', 'case.handle')).toBe(true)
    expect(canDo('admin', 'case.handle')).toBe(false)
    expect(canDo('inspector', 'case.handle')).toBe(false)
    expect(canDo('unit_admin', 'case.handle')).toBe(false)
    expect(canSee('admin', 'tasks')).toBe(false)
  })
  it('the dashboard and the warnings go together: admin, unit_admin, leader, inspector', () => {
    for (const role of ['admin', 'unit_admin', 'leader', 'inspector'] as const) {
      expect(canSee(role, 'dashboard')).toBe(true)
      expect(canSee(role, 'warnings')).toBe(true)
    }
    expect(canSee('handler', 'dashboard')).toBe(false)
    expect(canSee('handler', 'warnings')).toBe(false)
  })
  it('inspectors and admins take evidence and verify the ledger; nobody else', () => {
    for (const role of ['inspector', 'admin'] as const) {
      expect(canDo(role, 'case.evidence')).toBe(true)
      expect(canDo(role, 'ledger.verify')).toBe(true)
    }
    for (const role of ['unit_admin', 'handler', 'leader'] as const) {
      expect(canDo(role, 'case.evidence')).toBe(false)
      expect(canDo(role, 'ledger.verify')).toBe(false)
    }
  })
  it('only inspectors enter warnings by hand; 两责档案 goes with the warnings', () => {
    expect(canDo('inspector', 'warnings.enter')).toBe(true)
    for (const role of ['admin', 'unit_admin', 'leader', 'handler'] as const) expect(canDo(role, 'warnings.enter')).toBe(false)
    for (const role of ['admin', 'unit_admin', 'leader', 'inspector', 'handler'] as const) {
      expect(canSee(role, 'duties')).toBe(canSee(role, 'warnings'))
    }
  })
  it('the assessment and the exceptions are read with the warnings; the reviews by everyone who reads the lists', () => {
    for (const role of ['admin', 'unit_admin', 'leader', 'inspector', 'handler', 'integrator'] as const) {
      expect(canSee(role, 'assessment'), role).toBe(canSee(role, 'warnings'))
      expect(canSee(role, 'exceptions'), role).toBe(canSee(role, 'warnings'))
      expect(canSee(role, 'reviews'), role).toBe(canSee(role, 'catalog'))
    }
    expect(canSee('handler', 'reviews')).toBe(true)
    expect(canSee('integrator', 'reviews')).toBe(false)
  })
  it('自查 by unit admins and leaders, 检查 and exceptions by inspectors only', () => {
    const who = (action: 'checks.self' | 'checks.review' | 'exceptions.manage') =>
      (['admin', 'unit_admin', 'handler', 'leader', 'inspector', 'integrator'] as const).filter((r) => canDo(r, action))
    expect(who('checks.self')).toEqual(['unit_admin', 'leader'])
    expect(who('checks.review')).toEqual(['inspector'])
    expect(who('exceptions.manage')).toEqual(['inspector'])
  })
  it('only admins manage accounts', () => {
    expect(canDo('admin', 'accounts.manage')).toBe(true)
    expect(canSee('unit_admin', 'system')).toBe(false)
    expect(canDo(null, 'accounts.manage')).toBe(false)
  })
  it('lands each role on its first section: a handler on 我的待办', () => {
    expect(homeSection('handler')).toBe('tasks')
    expect(homeSection('leader')).toBe('dashboard')
    expect(homeSection('admin')).toBe('dashboard')
    expect(homeSection('integrator')).toBeNull()
  })
})
