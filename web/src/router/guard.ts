// Where a navigation may go, given who is logged in: the pure decision behind the router guard.
import type { Role } from '@/api/session/types'
import { canSee, homeSection, type Section } from '@/composables/access'

export interface RouteNeeds {
  /** the page is open without logging in (the login page, the public portal) */
  public?: boolean
  /** the section the page belongs to; the role must see it */
  section?: Section
}

export const SECTION_PATHS: Record<Section, string> = {
  dashboard: '/dashboard',
  catalog: '/catalog',
  reviews: '/reviews',
  cases: '/cases',
  tasks: '/tasks',
  warnings: '/warnings',
  exceptions: '/exceptions',
  duties: '/duties',
  assessment: '/assessment',
  ledger: '/ledger',
  system: '/system',
}

export type Decision =
  | { kind: 'allow' }
  | { kind: 'login'; redirect: string }
  | { kind: 'redirect'; path: string }
  | { kind: 'forbidden' }

/** The landing page of a role (its first visible section); `/` is the public portal, not a staff page. */
export function homePath(role: Role | null | undefined): string {
  const s = homeSection(role)
  return s ? SECTION_PATHS[s] : '/forbidden'
}

/**
 * A safe place to return to after logging in: a local path only, never /login itself, and not the
 * public portal's home (a person who logs in there means their own work).
 */
export function safeRedirect(target: unknown, role: Role | null | undefined): string {
  if (typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') &&
    !target.startsWith('/login') && target !== '/') {
    return target
  }
  return homePath(role)
}

export function decide(needs: RouteNeeds, fullPath: string, role: Role | null | undefined): Decision {
  if (needs.public) return { kind: 'allow' }
  if (!role) return { kind: 'login', redirect: fullPath }
  if (!needs.section || canSee(role, needs.section)) return { kind: 'allow' }
  // The dashboard is the default landing page; a role without it goes to its own first page.
  if (needs.section === 'dashboard') return { kind: 'redirect', path: homePath(role) }
  return { kind: 'forbidden' }
}
