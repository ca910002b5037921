// What each role may see and do: the server's RoleAllows (src/access/account.cc) and route table
// (src/server/routes.cc) decide; the UI only hides what the server would refuse.
import type { Role } from '@/api/session/types'

export type Section =
  | 'dashboard' | 'catalog' | 'reviews' | 'cases' | 'tasks' | 'warnings' | 'exceptions' | 'duties' | 'assessment'
  | 'ledger' | 'system'

export type Action =
  | 'catalog.import'
  | 'catalog.export'
  | 'case.handle'
  | 'case.evidence'
  | 'ledger.verify'
  | 'accounts.manage'
  | 'warnings.enter'
  | 'checks.self'
  | 'checks.review'
  | 'exceptions.manage'
  | 'complaints.contact'

const SECTIONS: Record<Section, readonly Role[]> = {
  // GET /stats/dashboard needs the warnings (read_warnings): not a handler's
  dashboard: ['admin', 'unit_admin', 'leader', 'inspector'],
  catalog: ['admin', 'unit_admin', 'handler', 'leader', 'inspector'],
  // 动态管理 (GET /reviews/campaign, /catalog/changes): every signed-in person reads the lists
  reviews: ['admin', 'unit_admin', 'handler', 'leader', 'inspector'],
  cases: ['admin', 'unit_admin', 'handler', 'leader', 'inspector'],
  // GET /tasks and every handling route need handle_cases: handlers and leaders (acting as a person)
  tasks: ['handler', 'leader'],
  warnings: ['admin', 'unit_admin', 'leader', 'inspector'],
  // 例外管理 (GET /exceptions) reads as the warnings do
  exceptions: ['admin', 'unit_admin', 'leader', 'inspector'],
  // GET /duties (两责档案) needs read_warnings too
  duties: ['admin', 'unit_admin', 'leader', 'inspector'],
  // 考核 (GET /assessment, /checks) as the warnings
  assessment: ['admin', 'unit_admin', 'leader', 'inspector'],
  ledger: ['admin', 'inspector'],
  system: ['admin'],
}

const ACTIONS: Record<Action, readonly Role[]> = {
  'catalog.import': ['admin', 'unit_admin'],
  'catalog.export': ['admin', 'unit_admin'],
  'case.handle': ['handler', 'leader'],
  'case.evidence': ['admin', 'inspector'],
  'ledger.verify': ['admin', 'inspector'],
  'accounts.manage': ['admin'],
  // POST /warnings (人工录入): enter_warnings. Steps need no entry here: the warning's page
  // shows the steps the server lists in `allowed`.
  'warnings.enter': ['inspector'],
  // POST /checks: 自查 by the unit's own people (their units), 检查 by its supervisor
  'checks.self': ['unit_admin', 'leader'],
  'checks.review': ['inspector'],
  // POST /exceptions and /exceptions/{id}/revoke
  'exceptions.manage': ['inspector'],
  // GET /complaints/{id}/contact: the inspectors who handle the complaint's warning (a read recorded)
  'complaints.contact': ['inspector'],
}

export function canSee(role: Role | null | undefined, section: Section): boolean {
  return !!role && SECTIONS[section].includes(role)
}

export function canDo(role: Role | null | undefined, action: Action): boolean {
  return !!role && ACTIONS[action].includes(role)
}

/** The first section a role may see: where to land after logging in with no target. */
export function homeSection(role: Role | null | undefined): Section | null {
  const order: Section[] = ['dashboard', 'tasks', 'cases', 'catalog', 'warnings', 'duties', 'ledger', 'system',
    'reviews', 'exceptions', 'assessment']
  return order.find((s) => canSee(role, s)) ?? null
}
