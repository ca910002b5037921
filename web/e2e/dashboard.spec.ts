// The dashboard (首页) of an inspector: the counts agree with GET /stats/dashboard, the four
// charts draw, and a click on a bar or a card leads to the list behind it, filtered.
import { expect, test, type Locator } from '@playwright/test'
import { Api } from './support/api'
import { DEMO } from './support/env'
import { byTest, shot, switchUser } from './support/ui'

interface Dashboard {
  warnings_by_level: Record<string, number>
  top_red: { unit: string; unit_name: string; red: number }[]
  cases_open: number
  cases_closed: number
}

/** How many pixels of the chart's canvas are drawn (not blank or white). */
async function drawnPixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')
    if (!ctx) return 0
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    let n = 0
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]]
      if (a > 0 && (r < 240 || g < 240 || b < 240)) n++
    }
    return n
  })
}

/**
 * Where on the page the topmost bar of `rgb` colour is drawn (the middle of its top rows), found
 * in the canvas's pixels: ECharts draws on a canvas, so there is no element to click.
 */
interface Point {
  x: number
  y: number
}

async function topmostBar(chart: Locator, rgb: [number, number, number]): Promise<Point> {
  const canvas = chart.locator('canvas').first()
  const find = () => canvas.evaluate((c: HTMLCanvasElement, color: number[]): Point | null => {
    const ctx = c.getContext('2d')
    if (!ctx) return null
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height)
    const near = (i: number) => color.every((v, k) => Math.abs((data[i + k] ?? 0) - v) <= 6) && (data[i + 3] ?? 0) > 200
    for (let y = 0; y < height; y++) {
      let left = -1
      let right = -1
      for (let x = 0; x < width; x++) {
        if (near((y * width + x) * 4)) {
          if (left < 0) left = x
          right = x
        }
      }
      // A bar, not an anti-aliased edge: a few pixels wide; click a little below its top edge.
      if (right - left >= 4) {
        const scale = c.width / c.getBoundingClientRect().width
        return { x: (left + right) / 2 / scale, y: (y + 4) / scale }
      }
    }
    return null
  }, rgb)
  // The bars grow in (ECharts animates them): wait until the bar is drawn and has stopped moving.
  const seen: (Point | null)[] = [null]
  await expect.poll(async () => {
    const [before, now] = [seen[seen.length - 1], await find()]
    seen.push(now)
    return !!now && !!before && now.x === before.x && now.y === before.y
  }, { message: 'a bar of the colour is drawn', intervals: [250] }).toBe(true)
  const hit = seen[seen.length - 1]
  const box = await canvas.boundingBox()
  return { x: (box?.x ?? 0) + (hit?.x ?? 0), y: (box?.y ?? 0) + (hit?.y ?? 0) }
}

test('the dashboard draws its charts, and a click on a bar or a card opens the filtered list', async ({ page }) => {
  const api = await Api.login(DEMO.inspector)
  const data = await api.get<Dashboard>('/stats/dashboard')
  await api.dispose()
  expect(data.top_red.length, 'the demo has red cards in the inspector\'s units').toBeGreaterThan(0)

  await switchUser(page, DEMO.inspector)
  await page.goto('/')
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
