import type { Component } from 'vue'
import {
  Bell, Calendar, CircleClose, DataAnalysis, Document, Files, Lock, Medal, Setting, Stamp, Tickets,
} from '@element-plus/icons-vue'
import type { Role } from '@/api/session/types'
import { canSee, type Section } from '@/composables/access'

export interface MenuItem {
  section: Section
  path: string
  /** i18n key of the label */
  label: string
  icon: Component
}

export const MENU: readonly MenuItem[] = [
  { section: 'dashboard', path: '/dashboard', label: 'menu.dashboard', icon: DataAnalysis },
  { section: 'catalog', path: '/catalog', label: 'menu.catalog', icon: Files },
  { section: 'reviews', path: '/reviews', label: 'menu.reviews', icon: Calendar },
  { section: 'cases', path: '/cases', label: 'menu.cases', icon: Document },
  { section: 'tasks', path: '/tasks', label: 'menu.tasks', icon: Tickets },
  { section: 'warnings', path: '/warnings', label: 'menu.warnings', icon: Bell },
  { section: 'exceptions', path: '/exceptions', label: 'menu.exceptions', icon: CircleClose },
  { section: 'duties', path: '/duties', label: 'menu.duties', icon: Stamp },
  { section: 'assessment', path: '/assessment', label: 'menu.assessment', icon: Medal },
  { section: 'ledger', path: '/ledger', label: 'menu.ledger', icon: Lock },
  { section: 'system', path: '/system', label: 'menu.system', icon: Setting },
]

/** The menu a role sees, in order. */
export function visibleMenu(role: Role | null | undefined, items: readonly MenuItem[] = MENU): MenuItem[] {
  return items.filter((item) => canSee(role, item.section))
}

/** The menu item a path belongs to ("/cases/C1" → 办件), for highlighting; '' for none. */
export function activeMenuPath(path: string, items: readonly MenuItem[] = MENU): string {
  let best = ''
  for (const item of items) {
    if (path === item.path || path.startsWith(`${item.path}/`)) best = item.path
  }
  return best
}
