// 阳光公开: the public portal without login. A visitor searches the published powers and opens one
// with its flowchart; the statistics draw their charts; a checkpoint downloaded from 留痕验证
// passes the verification kit (and an altered one fails); on a phone an applicant tracks a case the
// staff took to its end (opened with the applicant's phone), rates it once, and is refused with a
// wrong check; a visitor files an anonymous complaint, keeps its code, follows it and adds to it;
// the inspector finds it as a 信访举报 warning with its text and no contact to show. And the home
// page fits a phone's width.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { Api, publicApi } from './support/api'
import { drawnPixels } from './support/charts'
import { ARTIFACTS, DEMO, demoPassword } from './support/env'
import { handleToClosed, openPlannedCase } from './support/handle'
import { planCase, type CasePlan } from './support/plan'
import { byTest, choose, shot, switchUser } from './support/ui'

const PHONE = { width: 375, height: 812 }
const APPLICANT_PHONE = '13800001234'
// Finding the proof of work takes a few seconds on a slow machine.
const PROOF_TIMEOUT = 60_000

interface PowerRow {
  code: string
  name: string
  unit: string
  unit_name: string
}

interface UnitRow {
  unit: string
  unit_name: string
  cases_closed: number
  on_time_rate: number | null
  satisfaction: number | null
}

interface StaffUnit {
  code: string
  name: string
  children: StaffUnit[]
}

/** Whether the page is wider than its viewport (a horizontal scroll bar). */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}

test('a visitor searches by keyword and opens a power with its flowchart', async ({ page }) => {
  const listed = await publicApi<{ items: PowerRow[]; total: number }>('GET', '/powers', undefined, { size: 20 })
  expect(listed.status).toBe(200)
  const power = listed.body.items[0]
  expect(power, 'the demo county publishes powers').toBeDefined()
  if (!power) return

  await page.goto('/')
  await expect(byTest(page, 'portal-home')).toBeVisible()
  await expect(byTest(page, 'portal-nav-home')).toHaveClass(/current/)
  await byTest(page, 'portal-search-q').fill(power.name)
  await byTest(page, 'portal-search-submit').click()
  await expect(page).toHaveURL(/\?q=/)
  const result = byTest(page, `portal-result-${power.code}`)
  await expect(result).toBeVisible()
  await expect(result).toContainText(power.unit_name)
  await shot(page, '84-portal-search')

  await result.click()
  await expect(page).toHaveURL(new RegExp(`/power/${encodeURIComponent(power.code)}$`))
  await expect(byTest(page, 'public-power-name')).toHaveText(power.name)
  const img = byTest(page, 'public-flow-img')
  await img.scrollIntoViewIfNeeded()
  await expect(img).toBeVisible()
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)),
    { message: 'the flowchart loads' }).toBeGreaterThan(0)
  await expect(byTest(page, 'public-supervision-phone')).not.toBeEmpty()
  await expect(byTest(page, 'portal-phone')).not.toBeEmpty()
  await shot(page, '85-portal-power')
})

test('工作人员登录 on the portal leads staff to the login, and then to their own home', async ({ page }) => {
  await page.goto('/')
  await byTest(page, 'portal-staff-login').click()
  await expect(page).toHaveURL(/\/login$/)
  await byTest(page, 'login-name').fill(DEMO.leader)
  await byTest(page, 'login-password').fill(demoPassword())
  await byTest(page, 'login-submit').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(byTest(page, 'dashboard')).toBeVisible()
})

test('the statistics page lists every unit the API does and draws its charts', async ({ page }) => {
  const units = (await publicApi<{ items: UnitRow[] }>('GET', '/units')).body.items
  expect(units.length).toBeGreaterThan(0)
  await page.goto('/stats')
  const rows = byTest(page, 'stats-table').locator('.el-table__body-wrapper tr')
  await expect(rows).toHaveCount(units.length)
  // Sorted by closed cases, most first.
  const most = [...units].sort((a, b) => b.cases_closed - a.cases_closed)[0]
  await expect(rows.first()).toContainText(most?.unit_name ?? '')
  const charts = ['chart-cases', 'chart-on-time']
  if (units.some((u) => u.satisfaction !== null)) charts.push('chart-satisfaction')
  for (const chart of charts) {
    const card = byTest(page, chart)
    await card.scrollIntoViewIfNeeded()
    await expect(card.locator('canvas').first(), chart).toBeVisible()
    await expect.poll(() => drawnPixels(card), { message: `${chart} draws` }).toBeGreaterThan(500)
  }
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, '86-portal-stats')
})

test('a checkpoint downloaded from 留痕验证 passes the verification kit offline; an altered one fails', async ({ page }) => {
  const files = join(ARTIFACTS, 'files')
  mkdirSync(files, { recursive: true })
  await page.goto('/verify')
  await expect(byTest(page, 'verify-public-key')).not.toBeEmpty()
  const download = byTest(page, 'verify-checkpoints').locator('[data-test^="checkpoint-download-"]').first()
  await expect(download).toBeVisible()
  await shot(page, '87-portal-verify')
  const [note] = await Promise.all([page.waitForEvent('download'), download.click()])
  const notePath = join(files, 'checkpoint.txt')
  await note.saveAs(notePath)
  // The kit is a shell script, which a browser holds back as a possibly harmful download: fetched
  // from the link's address instead.
  const href = await byTest(page, 'verify-kit').getAttribute('href')
  expect(href).toBe('/api/public/v1/verify-kit')
  const kit = await page.request.get(href ?? '')
  expect(kit.ok(), await kit.text()).toBe(true)
  const kitPath = join(files, 'daylight-verify-checkpoint.sh')
  writeFileSync(kitPath, await kit.body())

  const run = (path: string) => spawnSync('sh', [kitPath, path], { encoding: 'utf8' })
  const good = run(notePath)
  expect(good.status, good.stderr).toBe(0)
  expect(good.stdout).toContain('验证通过')
  // One more entry than was signed: the signature no longer matches.
  const lines = readFileSync(notePath, 'utf8').split('\n')
  lines[1] = String(Number(lines[1]) + 1)
  const altered = join(files, 'checkpoint-altered.txt')
  writeFileSync(altered, lines.join('\n'))
  const bad = run(altered)
  expect(bad.status).not.toBe(0)
  expect(bad.stderr).toContain('验证失败')
})

test.describe('on a phone', () => {
  test.use({ viewport: PHONE })

  test('the portal\'s home fits the width of a phone', async ({ page }) => {
    await page.goto('/')
    await expect(byTest(page, 'portal-results').locator('[data-test^="portal-result-"]').first()).toBeVisible()
    expect(await scrollsSideways(page), 'no horizontal scroll at 375 px').toBe(false)
    await shot(page, '88-portal-phone-home')
    for (const path of ['/track', '/report', '/stats', '/verify']) {
      await page.goto(path)
      await expect(byTest(page, 'portal-nav')).toBeVisible()
      await page.waitForLoadState('networkidle')
      expect(await scrollsSideways(page), `no horizontal scroll on ${path}`).toBe(false)
    }
    await shot(page, '89-portal-phone-verify')
  })
})

test.describe.serial('an applicant tracks a closed case on a phone and rates it', () => {
  test.use({ viewport: PHONE })
  let plan: CasePlan
  let caseId = ''

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    plan = await planCase()
    caseId = await openPlannedCase(plan, { applicant_phone: APPLICANT_PHONE })
    await handleToClosed(plan, caseId)
    test.info().annotations.push({ type: 'case', description: `${caseId} (${plan.power})` })
  })

  async function track(page: Page, check: string): Promise<void> {
    await page.goto('/track')
    await byTest(page, 'track-code').fill(caseId)
    await byTest(page, 'track-check').fill(check)
    await byTest(page, 'track-submit').click()
  }

  test('a wrong check is not found; the right one shows the steps, and a rating is given once', async ({ page }) => {
    const refused = await publicApi<{ error: { message: string } }>('POST', '/track', { code: caseId, check: '0000' })
    expect(refused.status).toBe(404)
    await track(page, '0000')
    const error = byTest(page, 'track-error')
    await expect(error).toBeVisible()
    await expect(error).toContainText(refused.body.error.message || '没有找到这个办件')
    await expect(byTest(page, 'track-result')).toHaveCount(0)
    await shot(page, '90-portal-phone-track-refused')

    await track(page, APPLICANT_PHONE.slice(-4))
    await expect(byTest(page, 'track-result')).toBeVisible()
    await expect(byTest(page, 'track-case')).toHaveText(caseId)
    const steps = byTest(page, 'track-steps')
    for (const step of plan.steps) await expect(steps).toContainText(step.name)
    await expect(byTest(page, 'rating-form')).toBeVisible()
    await shot(page, '91-portal-phone-track')

    await byTest(page, 'rating-score').locator('.el-rate__item').nth(3).click()
    const comment = `办理及时，窗口服务热情（e2e ${Date.now()}）`
    await byTest(page, 'rating-comment').fill(comment)
    await byTest(page, 'rating-submit').click()
    await expect(byTest(page, 'rating-thanks')).toBeVisible({ timeout: PROOF_TIMEOUT })
    await expect(byTest(page, 'rating-stars')).toHaveAttribute('aria-valuenow', '4')
    await expect(byTest(page, 'rating-comment-given')).toHaveText(comment)
    await expect(byTest(page, 'rating-form')).toHaveCount(0)
    await shot(page, '92-portal-phone-rated')

    // Tracked again: the rating is shown, no second one offered.
    await track(page, APPLICANT_PHONE.slice(-4))
    await expect(byTest(page, 'rating-given')).toBeVisible()
    await expect(byTest(page, 'rating-stars')).toHaveAttribute('aria-valuenow', '4')
    await expect(byTest(page, 'rating-form')).toHaveCount(0)
    await expect(byTest(page, 'rating-thanks')).toHaveCount(0)
    const again = await publicApi<{ can_rate: boolean; rating: { score: number } | null }>('POST', '/track',
      { code: caseId, check: APPLICANT_PHONE.slice(-4) })
    expect(again.body.can_rate).toBe(false)
    expect(again.body.rating?.score).toBe(4)
  })
})

test.describe.serial('an anonymous complaint, followed by its code, reaches the inspector', () => {
  let unit = { unit: '', unit_name: '' }
  let code = ''
  const marker = `e2e-${Date.now()}`
  const text = `${marker} 窗口工作人员要求提供清单以外的材料，并暗示可以“加急”。`
  const addition = `${marker} 补充：当天下午三点，二号窗口。`

  test.beforeAll(async () => {
    // A unit with public powers that the inspector supervises.
    const inspector = await Api.login(DEMO.inspector)
    const tree = await inspector.get<StaffUnit[]>('/units')
    await inspector.dispose()
    const codes = new Set<string>()
    const walk = (units: StaffUnit[]): void => units.forEach((u) => { codes.add(u.code); walk(u.children ?? []) })
    walk(tree)
    const units = (await publicApi<{ items: UnitRow[] }>('GET', '/units')).body.items
    const found = units.find((u) => codes.has(u.unit))
    expect(found, `a public unit in ${DEMO.inspector}'s scope`).toBeDefined()
    if (found) unit = found
  })

  test.describe('on a phone', () => {
    test.use({ viewport: PHONE })

    test('a visitor files it anonymously and is shown its code once', async ({ page }) => {
      await page.goto('/report')
      await byTest(page, 'report-kind-complaint').click()
      await choose(page, byTest(page, 'report-unit'), new RegExp(`^${unit.unit_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
      await byTest(page, 'report-text').fill(text)
      await expect(byTest(page, 'report-contact')).toBeVisible()
      // Not anonymous and no contact: the form says what is missing, nothing is sent.
      await byTest(page, 'report-submit').click()
      await expect(byTest(page, 'report-form-error')).toBeVisible()
      await byTest(page, 'report-anonymous').click()
      await expect(byTest(page, 'report-contact')).toHaveCount(0)
      await shot(page, '93-portal-phone-report')
      await byTest(page, 'report-submit').click()
      await expect(byTest(page, 'report-filed')).toBeVisible({ timeout: PROOF_TIMEOUT })
      code = (await byTest(page, 'report-code').innerText()).trim()
      expect(code).not.toBe('')
      await expect(byTest(page, 'report-once')).toContainText('请妥善保存查询码，它只显示这一次')
      await shot(page, '94-portal-phone-report-code')
    })

    test('it is followed by its code, and information is added', async ({ page }) => {
      test.skip(!code, 'no complaint was filed')
      await page.goto('/report/follow')
      await byTest(page, 'follow-code').fill(code)
      await byTest(page, 'follow-submit').click()
      await expect(byTest(page, 'follow-result')).toBeVisible()
      await expect(byTest(page, 'follow-text')).toHaveText(text)
      await expect(byTest(page, 'follow-result')).toContainText(unit.unit_name)
      await byTest(page, 'follow-add-text').fill(addition)
      await byTest(page, 'follow-add-submit').click()
      await expect(byTest(page, 'follow-added')).toBeVisible({ timeout: PROOF_TIMEOUT })
      await expect(byTest(page, 'follow-additions')).toContainText(addition)
      await shot(page, '95-portal-phone-follow')

      // An unknown code is not found.
      await byTest(page, 'follow-again').click()
      await byTest(page, 'follow-code').fill(`${code}X`)
      await byTest(page, 'follow-submit').click()
      await expect(byTest(page, 'follow-error')).toBeVisible()
    })
  })

  test('the inspector finds it as a 信访举报 warning, with its text and no contact', async ({ page }) => {
    test.skip(!code, 'no complaint was filed')
    await switchUser(page, DEMO.inspector)
    await page.goto(`/warnings?unit=${encodeURIComponent(unit.unit)}`)
    const row = byTest(page, 'warnings-table').locator('.el-table__body tr').filter({ hasText: marker })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('信访举报')
    await shot(page, '96-portal-complaint-warning')
    await row.locator('[data-test^="warning-row-"]').click()
    await expect(page).toHaveURL(/\/warnings\/\d+$/)
    const panel = byTest(page, 'complaint-panel')
    await expect(panel).toBeVisible()
    await expect(byTest(page, 'complaint-text')).toHaveText(text)
    await expect(byTest(page, 'complaint-additions')).toContainText(addition)
    await expect(byTest(page, 'complaint-identity')).toHaveText('匿名')
    await expect(byTest(page, 'complaint-show-contact')).toHaveCount(0)
    await panel.scrollIntoViewIfNeeded()
    await shot(page, '97-portal-complaint-on-warning')
  })
})
