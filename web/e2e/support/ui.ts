// Browser helpers: logging in (through the form, or by a session cookie for the accounts a test
// only needs to be), the data-test selectors of web/README.md, and screenshots as artifacts.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Browser, type Locator, type Page } from '@playwright/test'
import { ARTIFACTS, demoPassword } from './env'

const SHOTS = join(ARTIFACTS, 'screenshots')

/** `[data-test="name"]` (Element Plus inputs carry it on the <input> itself). */
export function byTest(page: Page | Locator, name: string): Locator {
  return page.locator(`[data-test="${name}"]`)
}

/** Saves a screenshot of the viewport as e2e-artifacts/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' })
}

/** Logs in through the login page and waits until the app has left it. */
export async function loginWithForm(page: Page, login: string, password = demoPassword()): Promise<void> {
  await page.goto('/login')
  await byTest(page, 'login-name').fill(login)
  await byTest(page, 'login-password').fill(password)
  await byTest(page, 'login-submit').click()
  await expect(page).not.toHaveURL(/\/login/)
}

/**
 * Logs the page's browser context in as `login` by the API: the session cookie is replaced, and
 * the app asks GET /session for the rest at the next page load (navigate after this). One context
 * for several users keeps the scripts cached: a fresh context pays seconds to compile them again.
 */
export async function switchUser(page: Page, login: string, password = demoPassword()): Promise<void> {
  const response = await page.context().request.post('/api/v1/session', { data: { login, password } })
  expect(response.ok(), `login ${login}: ${await response.text()}`).toBe(true)
}

/** A page in a fresh browser context, logged in as `login` by the API. */
export async function pageAs(browser: Browser, login: string, password = demoPassword()): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await switchUser(page, login, password)
  return page
}

/** The visible Element Plus message (toast) of `type`. */
export function toast(page: Page, type: 'success' | 'error'): Locator {
  return page.locator(`.el-message--${type}`)
}

/** The dialog that is open (Element Plus keeps closed dialogs in the DOM, hidden). */
export function openDialog(page: Page, name: string): Locator {
  return page.locator(`.el-dialog[data-test="${name}"]`).filter({ visible: true })
}

/**
 * Picks the option of the Element Plus select `select` whose text has `label` (a string, or a
 * RegExp for an exact match); the dropdown lives in <body>, so the visible one is taken.
 */
export async function choose(page: Page, select: Locator, label: string | RegExp): Promise<void> {
  const option = page.locator('.el-select-dropdown__item').filter({ hasText: label })
  // A click that lands while the dropdown is still opening can be lost (seen in CI on a phone-
  // sized page): click until the select itself shows the option as its value. (Asking for a
  // selected item in any dropdown of the page once let a lost click pass: CI, 录入预警.)
  await expect(async () => {
    if ((await option.filter({ visible: true }).count()) === 0) await select.click()
    await option.filter({ visible: true }).first().click({ timeout: 5_000 })
    await expect(select.locator('.el-select__selected-item:not(.is-transparent)')
      .filter({ hasText: label })).not.toHaveCount(0, { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
}

/** Picks `name` in the unit tree of the UnitSelect `select` (an Element Plus tree select). */
export async function chooseUnit(page: Page, select: Locator, name: string): Promise<void> {
  await select.click()
  await page.locator('.el-tree-node__content').filter({ hasText: name }).filter({ visible: true }).first().click()
}
