// What each role may see and do (docs/api.md 角色). The server enforces it; the UI only hides
// what would be refused.
import type { Role } from '@/api/session/types'

export type Section = 'dashboard' | 'catalog' | 'cases' | 'tasks' | 'warnings' | 'ledger' | 'system'

export type Action =
  | 'catalog.import'
  | 'catalog.export'
  | 'case.handle'
  | 'case.evidence'
  | 'ledger.verify'
  | 'accounts.manage'

const SECTIONS: Record<Section, readonly Role[]> = {
  dashboard: ['admin', 'unit_admin', 'handler', 'leader', 'inspector'],
  catalog: ['admin', 'unit_admin', 'handler', 'leader', 'inspector'],
  cases: ['admin', 'unit_admin', 'handler', 'leader', 'inspector'],
  tasks: ['admin', 'handler', 'leader'],
  warnings: ['admin', 'unit_admin', 'leader', 'inspector'],
  ledger: ['admin', 'inspector'],
  system: ['admin'],
}

const ACTIONS: Record<Action, readonly Role[]> = {
  'catalog.import': ['admin', 'unit_admin'],
  'catalog.export': ['admin', 'unit_admin'],
  'case.handle': ['admin', 'handler', 'leader'],
  'case.evidence': ['admin', 'inspector'],
  'ledger.verify': ['admin', 'inspector'],
  'accounts.manage': ['admin'],
}

export function canSee(role: Role | null | undefined, section: Section): boolean {
  return !!role && SECTIONS[section].includes(role)
}

export function canDo(role: Role | null | undefined, action: Action): boolean {
  return !!role && ACTIONS[action].includes(role)
}

/** The first section a role may see: where to land after logging in with no target. */
export function homeSection(role: Role | null | undefined): Section | null {
  const order: Section[] = ['dashboard', 'tasks', 'cases', 'catalog', 'warnings', 'ledger', 'system']
  return order.find((s) => canSee(role, s)) ?? null
}
