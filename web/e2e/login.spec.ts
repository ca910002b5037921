// Logging in: a wrong password is refused with the server's message on the form; the right one
// lands each role on its own first page, with the menu its role allows (src/composables/access.ts,
// which follows the server's RoleAllows).
import { expect, test } from '@playwright/test'
import { DEMO, demoPassword } from './support/env'
import { byTest, shot, switchUser } from './support/ui'

test('a wrong password is refused on the form; the right one lands a handler on 我的待办', async ({ page }) => {
  await page.goto('/dashboard')
  await expect(page).toHaveURL(/\/login\?redirect=/)

  await byTest(page, 'login-name').fill(DEMO.handler)
  await byTest(page, 'login-password').fill('not-the-password')
  await byTest(page, 'login-submit').click()
  const error = byTest(page, 'login-error')
  await expect(error).toBeVisible()
  await expect(error).toContainText('登录名或密码不正确')
  await expect(page).toHaveURL(/\/login/)
  await expect(byTest(page, 'login-password')).toHaveValue('')
  await shot(page, '01-login-wrong-password')

  await byTest(page, 'login-password').fill(demoPassword())
  await byTest(page, 'login-submit').click()
  // A handler reads no warnings, so the dashboard (/dashboard) sends him to 我的待办.
  await expect(page).toHaveURL(/\/tasks$/)
  await expect(byTest(page, 'header-role')).toHaveText('经办人')
  await expect(byTest(page, 'nav-tasks')).toBeVisible()
  await expect(byTest(page, 'nav-dashboard')).toHaveCount(0)
  await expect(byTest(page, 'nav-warnings')).toHaveCount(0)
  await expect(byTest(page, 'tasks-table')).toBeVisible()
  await shot(page, '02-login-handler-tasks')

  await byTest(page, 'user-menu').click()
  await byTest(page, 'logout').click()
  await expect(page).toHaveURL(/\/login/)
})

const MENUS: { login: string; home: RegExp; menu: string[] }[] = [
  { login: DEMO.admin, home: /\/dashboard$/, menu: ['dashboard', 'catalog', 'reviews', 'cases', 'warnings', 'exceptions', 'duties',
    'assessment', 'ledger', 'system'] },
  { login: DEMO.unitAdmin, home: /\/dashboard$/, menu: ['dashboard', 'catalog', 'reviews', 'cases', 'warnings', 'exceptions', 'duties',
    'assessment'] },
  { login: DEMO.handler, home: /\/tasks$/, menu: ['catalog', 'reviews', 'cases', 'tasks'] },
  { login: DEMO.leader, home: /\/dashboard$/, menu: ['dashboard', 'catalog', 'reviews', 'cases', 'tasks', 'warnings', 'exceptions',
    'duties', 'assessment'] },
  { login: DEMO.inspector, home: /\/dashboard$/, menu: ['dashboard', 'catalog', 'reviews', 'cases', 'warnings', 'exceptions', 'duties',
    'assessment', 'ledger'] },
]

test('each role lands on its first page and sees the menu the server allows it', async ({ page }) => {
  for (const { login, home, menu } of MENUS) {
    await switchUser(page, login)
    await page.goto('/dashboard')
    await expect(page, login).toHaveURL(home)
    await expect(byTest(page, 'user-menu'), login).not.toBeEmpty()
    const nav = page.locator('[data-test^="nav-"]')
    await expect(nav.first()).toBeVisible()
    const sections = await nav.evaluateAll((items) => items.map((i) => i.getAttribute('data-test')?.slice(4)))
    expect(sections, login).toEqual(menu)
  }
})

test('an admin may not handle cases: no 受理 button, and 我的待办 is refused', async ({ page }) => {
  await switchUser(page, DEMO.admin)
  await page.goto('/cases')
  await expect(byTest(page, 'cases-table')).toBeVisible()
  await expect(byTest(page, 'case-open')).toHaveCount(0)
  await page.goto('/tasks')
  await expect(page).toHaveURL(/\/forbidden/)
})
