import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import type { Section } from '@/composables/access'
import { useAuthStore } from '@/stores/auth'
import { decide } from './guard'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    section?: Section
    /** i18n key of the page title */
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'),
    meta: { public: true, title: 'login.title' } },
  // The printable assessment: no menu or header, only what goes on paper.
  { path: '/assessment/print', name: 'assessment-print', component: () => import('@/views/assessment/AssessmentPrintView.vue'),
    meta: { section: 'assessment', title: 'assessment.title' } },
  // 阳光公开: the public portal, open to anyone without logging in.
  {
    path: '/',
    component: () => import('@/layouts/PortalLayout.vue'),
    meta: { public: true },
    children: [
      { path: '', name: 'portal', component: () => import('@/views/portal/PortalHomeView.vue'),
        meta: { public: true, title: 'portal.home.title' } },
      { path: 'power/:code', name: 'public-power', props: true,
        component: () => import('@/views/portal/PublicPowerView.vue'),
        meta: { public: true, title: 'portal.power.basic' } },
      { path: 'stats', name: 'public-stats', component: () => import('@/views/portal/PublicStatsView.vue'),
        meta: { public: true, title: 'portal.stats.title' } },
      { path: 'track', name: 'track', component: () => import('@/views/portal/TrackView.vue'),
        meta: { public: true, title: 'portal.track.title' } },
      { path: 'report', name: 'report', component: () => import('@/views/portal/ReportView.vue'),
        meta: { public: true, title: 'portal.report.title' } },
      { path: 'report/follow', name: 'report-follow', component: () => import('@/views/portal/FollowView.vue'),
        meta: { public: true, title: 'portal.follow.title' } },
      { path: 'verify', name: 'verify', component: () => import('@/views/portal/VerifyView.vue'),
        meta: { public: true, title: 'portal.verify.title' } },
    ],
  },
  // The staff's workspace: each page needs a login, and a role that sees its section.
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      { path: 'dashboard', name: 'dashboard', component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { section: 'dashboard', title: 'menu.dashboard' } },
      { path: 'catalog', name: 'catalog', component: () => import('@/views/catalog/CatalogView.vue'),
        meta: { section: 'catalog', title: 'menu.catalog' } },
      { path: 'catalog/powers/:code', name: 'power', props: true,
        component: () => import('@/views/catalog/PowerView.vue'),
        meta: { section: 'catalog', title: 'power.title' } },
      { path: 'cases', name: 'cases', component: () => import('@/views/cases/CasesView.vue'),
        meta: { section: 'cases', title: 'menu.cases' } },
      { path: 'cases/:id', name: 'case', props: true, component: () => import('@/views/cases/CaseView.vue'),
        meta: { section: 'cases', title: 'case.title' } },
      { path: 'tasks', name: 'tasks', component: () => import('@/views/tasks/TasksView.vue'),
        meta: { section: 'tasks', title: 'menu.tasks' } },
      { path: 'warnings', name: 'warnings', component: () => import('@/views/warnings/WarningsView.vue'),
        meta: { section: 'warnings', title: 'menu.warnings' } },
      { path: 'warnings/:seq(\\d+)', name: 'warning', props: (route) => ({ seq: Number(route.params.seq) }),
        component: () => import('@/views/warnings/WarningView.vue'),
        meta: { section: 'warnings', title: 'warning.title' } },
      { path: 'duties', name: 'duties', component: () => import('@/views/warnings/DutiesView.vue'),
        meta: { section: 'duties', title: 'menu.duties' } },
      { path: 'exceptions', name: 'exceptions', component: () => import('@/views/exceptions/ExceptionsView.vue'),
        meta: { section: 'exceptions', title: 'menu.exceptions' } },
      { path: 'assessment', name: 'assessment', component: () => import('@/views/assessment/AssessmentView.vue'),
        meta: { section: 'assessment', title: 'menu.assessment' } },
      { path: 'reviews', name: 'reviews', component: () => import('@/views/reviews/ReviewsView.vue'),
        meta: { section: 'reviews', title: 'menu.reviews' } },
      { path: 'ledger', name: 'ledger', component: () => import('@/views/ledger/LedgerView.vue'),
        meta: { section: 'ledger', title: 'menu.ledger' } },
      { path: 'system', name: 'system', component: () => import('@/views/system/SystemView.vue'),
        meta: { section: 'system', title: 'menu.system' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('@/views/ForbiddenView.vue'),
        meta: { title: 'errors.forbiddenTitle' } },
    ],
  },
  // An address nobody serves: said on the public site's frame, so a visitor is not asked to log in.
  {
    path: '/:rest(.*)*',
    component: () => import('@/layouts/PortalLayout.vue'),
    meta: { public: true },
    children: [
      { path: '', name: 'not-found', component: () => import('@/views/NotFoundView.vue'),
        meta: { public: true, title: 'errors.notFoundTitle' } },
    ],
  },
]

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes })
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    if (!to.meta.public) {
      try {
        await auth.ensureChecked()
      } catch {
        // The server is unreachable: the login page says so when the user tries.
      }
    }
    const d = decide({ public: to.meta.public, section: to.meta.section }, to.fullPath, auth.role)
    switch (d.kind) {
      case 'allow': return true
      case 'login': return { name: 'login', query: { redirect: d.redirect } }
      case 'redirect': return d.path
      case 'forbidden': return { name: 'forbidden', query: { from: to.fullPath } }
    }
  })
  return router
}
