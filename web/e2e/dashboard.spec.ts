// The dashboard (首页) of an inspector: the counts agree with GET /stats/dashboard, the four
// charts draw, and a click on a bar or a card leads to the list behind it, filtered.
import { expect, test } from '@playwright/test'
import { Api } from './support/api'
import { drawnPixels, topmostBar } from './support/charts'
import { DEMO } from './support/env'
import { byTest, shot, switchUser } from './support/ui'

interface Dashboard {
  warnings_by_level: Record<string, number>
  top_red: { unit: string; unit_name: string; red: number }[]
  cases_open: number
  cases_closed: number
}

test('the dashboard draws its charts, and a click on a bar or a card opens the filtered list', async ({ page }) => {
  const api = await Api.login(DEMO.inspector)
  const data = await api.get<Dashboard>('/stats/dashboard')
  await api.dispose()
  expect(data.top_red.length, 'the demo has red cards in the inspector\'s units').toBeGreaterThan(0)

  await switchUser(page, DEMO.inspector)
  await page.goto('/dashboard')
  await expect(byTest(page, 'dashboard')).toBeVisible()
  const counts: [string, number][] = [
    ['card-cases-open', data.cases_open], ['card-cases-closed', data.cases_closed],
    ['card-notice', data.warnings_by_level['提醒'] ?? 0], ['card-yellow', data.warnings_by_level['黄牌'] ?? 0],
    ['card-red', data.warnings_by_level['红牌'] ?? 0],
  ]
  for (const [card, n] of counts) await expect(byTest(page, card).locator('.stat-value'), card).toHaveText(String(n))
  for (const chart of ['chart-by-unit', 'chart-trend', 'chart-on-time', 'chart-top-red']) {
    const card = byTest(page, chart)
    await card.scrollIntoViewIfNeeded()
    await expect(card.locator('canvas').first(), chart).toBeVisible()
    await expect.poll(() => drawnPixels(card), { message: `${chart} draws` }).toBeGreaterThan(500)
  }
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, '30-dashboard')

  // 红牌最多的单位: the top bar is the first unit; its red cards are listed.
  const topRed = byTest(page, 'chart-top-red')
  await topRed.scrollIntoViewIfNeeded()
  await shot(page, '31-dashboard-charts')
  const bar = await topmostBar(topRed, [0xf5, 0x6c, 0x6c])
  await page.mouse.click(bar.x, bar.y)
  const first = data.top_red[0]
  await expect(page).toHaveURL(/\/warnings\?/)
  const query = new URL(page.url()).searchParams
  expect(query.get('unit')).toBe(first?.unit)
  expect(query.get('level')).toBe('红牌')
  const rows = byTest(page, 'warnings-table').locator('.el-table__body tr')
  await expect(rows.first()).toBeVisible()
  const levels = await rows.locator('td:nth-child(2)').allInnerTexts()
  expect(levels.length).toBeGreaterThan(0)
  expect(new Set(levels.map((l) => l.trim()))).toEqual(new Set(['红牌']))
  await expect(rows.first()).toContainText(first?.unit_name ?? '')
  await shot(page, '32-dashboard-to-red-cards')

  // A card: the yellow cards of every unit.
  await page.goBack()
  await expect(byTest(page, 'dashboard')).toBeVisible()
  await byTest(page, 'card-yellow').click()
  await expect(page).toHaveURL(/\/warnings\?level=/)
  expect(new URL(page.url()).searchParams.get('level')).toBe('黄牌')
  expect(new URL(page.url()).searchParams.get('unit')).toBeNull()
  await expect(rows.first()).toContainText('黄牌')
})
