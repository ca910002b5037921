// 例外管理 and 动态管理 in the browser. The supervising inspector (jijian) grants a rule exception
// to a unit he supervises: the unit from the tree, 环节超期 from the rules an exception may suspend
// (not the organisation's: 重点岗位未按期轮岗 is not offered), the person responsible from those in
// post in the unit (GET /persons), a reason and an end date; the form refuses a missing reason
// first. The exception is listed 有效; he revokes it (the reason is required) and it shows 已撤销.
// Then /reviews: the yearly review campaign lists the units the API lists, the change chart draws
// and its table has the API's periods; a click on a bar of 调整 lists those changes; no error on the way.
import { expect, test, type Page } from '@playwright/test'
import { Api } from './support/api'
import { drawnPixels, topmostBar } from './support/charts'
import { DEMO } from './support/env'
import { byTest, chooseUnit, openDialog, shot, switchUser, toast } from './support/ui'

interface UnitNode {
  code: string
  name: string
  supervisor: string
  children?: UnitNode[]
}

interface Person {
  code: string
  name: string
  posts: { post_name: string; head: boolean }[]
}

interface ExceptionRow {
  id: number
  unit: string
  rule: string
  owner: string
  reason: string
  until: string
  status: string
  end_reason: string
}

interface Campaign {
  year: number
  units: { unit: string; unit_name: string; items: unknown[] }[]
}

interface Changes {
  rows: { period: string; counts: Record<string, number>; total: number }[]
  items: { power: string; period: string; status: string }[]
}

/** A date `days` from today in Beijing, YYYY-MM-DD (the server checks end dates there). */
function beijingDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000))
}

function flatten(units: UnitNode[]): UnitNode[] {
  return units.flatMap((u) => [u, ...flatten(u.children ?? [])])
}

/** "2026Q3" → 2026年第三季度, as the change table names a quarter. */
function quarterName(period: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period)
  return m ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : period
}

/** Fails the test on an uncaught error in the page or a failed API call. */
function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`))
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) errors.push(`${r.request().method()} ${r.url()} → ${r.status()}`)
  })
  return errors
}

test('the inspector grants a rule exception with a person responsible, then revokes it', async ({ page }) => {
  // A unit the inspector supervises (its name unique in the tree) and the head of it, in post today.
  const api = await Api.login(DEMO.inspector)
  let unit: UnitNode | undefined
  let owner: Person | undefined
  try {
    const all = flatten(await api.get<UnitNode[]>('/units'))
    const unique = all.filter((u) => all.filter((v) => v.name === u.name).length === 1)
    for (const u of unique.filter((x) => api.account.units.includes(x.supervisor))) {
      const persons = (await api.get<{ items: Person[] }>('/persons', { unit: u.code })).items
      owner = persons.find((p) => p.posts.some((x) => x.head)) ?? persons[0]
      if (owner) {
        unit = u
        break
      }
    }
  } finally {
    await api.dispose()
  }
  expect(unit && owner, 'a unit the demo inspector supervises, with persons in post').toBeTruthy()
  if (!unit || !owner) return
  const reason = `e2e 例外：系统改造期间环节时限暂按纸质流程计（${Date.now()}）`
  const until = beijingDate(30)

  const errors = watchErrors(page)
  await switchUser(page, DEMO.inspector)
  await page.goto('/exceptions')
  await expect(byTest(page, 'exceptions-table')).toBeVisible()
  await byTest(page, 'exception-new').click()
  const dialog = openDialog(page, 'exception-dialog')
  await expect(dialog).toBeVisible()

  await chooseUnit(page, byTest(dialog, 'exception-unit'), unit.name)
  // The rules of events, windows and deadlines only: not those judging the organisation.
  await byTest(dialog, 'exception-rule').click()
  const rules = page.locator('.el-select-dropdown__item').filter({ visible: true })
  await expect(rules.filter({ hasText: '环节超期（overdue-step）' })).toHaveCount(1)
  await expect(rules.filter({ hasText: 'rotation' })).toHaveCount(0)
  await expect(rules.filter({ hasText: 'review-overdue' })).toHaveCount(0)
  await rules.filter({ hasText: '环节超期（overdue-step）' }).click()
  // The person responsible: picked by name among those in post in the unit, each with the posts held.
  await byTest(dialog, 'exception-owner').click()
  const persons = page.locator('.el-select-dropdown__item').filter({ visible: true })
  await expect(persons.filter({ hasText: `${owner.name}（${owner.code}）` })).toContainText(owner.posts[0]?.post_name ?? '')
  await shot(page, '70-exception-owner')
  await persons.filter({ hasText: `${owner.name}（${owner.code}）` }).click()
  await expect(byTest(dialog, 'exception-owner')).toContainText(`${owner.name}（${owner.code}）`)
  const date = byTest(dialog, 'exception-until').locator('input')
  await date.fill(until)
  await date.press('Enter')
  await expect(date).toHaveValue(until)

  // Checked on the form first: a reason is required.
  await byTest(dialog, 'exception-confirm').click()
  await expect(byTest(dialog, 'exception-form-error')).toContainText('请填写例外理由')
  await byTest(dialog, 'exception-reason').fill(reason)
  await shot(page, '71-exception-grant')
  await byTest(dialog, 'exception-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(toast(page, 'success')).toBeVisible()

  // Listed 有效, with the unit, the rule, the person and the dates.
  const row = byTest(page, 'exceptions-table').locator('tr').filter({ hasText: reason })
  await expect(row).toHaveCount(1)
  const id = (await row.locator('[data-test^="exception-row-"]').getAttribute('data-test'))?.slice('exception-row-'.length) ?? ''
  expect(id).toMatch(/^\d+$/)
  await expect(byTest(page, `exception-status-${id}`)).toHaveText('有效')
  await expect(row).toContainText(unit.name)
  await expect(row).toContainText('环节超期')
  await expect(row).toContainText(owner.name)
  await expect(row).toContainText(until)
  const check = await Api.login(DEMO.inspector)
  try {
    const listed = (await check.get<{ items: ExceptionRow[] }>('/exceptions', { unit: unit.code, size: 200 })).items
      .find((e) => e.id === Number(id))
    expect(listed).toMatchObject({ unit: unit.code, rule: 'overdue-step', owner: owner.code, reason, until, status: '有效' })
  } finally {
    await check.dispose()
  }
  await shot(page, '72-exception-listed')

  // Revoked with a reason (required on the form first).
  await byTest(page, `exception-revoke-${id}`).click()
  const revoke = openDialog(page, 'revoke-dialog')
  await expect(revoke).toBeVisible()
  await byTest(revoke, 'revoke-confirm').click()
  await expect(byTest(revoke, 'revoke-form-error')).toContainText('请填写撤销理由')
  await byTest(revoke, 'revoke-reason').fill('系统改造已完成，恢复预警')
  await byTest(revoke, 'revoke-confirm').click()
  await expect(revoke).toBeHidden()
  await expect(byTest(page, `exception-status-${id}`)).toHaveText('已撤销')
  await expect(byTest(page, `exception-revoke-${id}`)).toHaveCount(0)
  await shot(page, '73-exception-revoked')
  expect(errors, 'no failed request or page error').toEqual([])
})

test('动态管理 shows the review campaign and the power changes', async ({ page }) => {
  const api = await Api.login(DEMO.inspector)
  const campaign = await api.get<Campaign>('/reviews/campaign')
  const changes = await api.get<Changes>('/catalog/changes', { by: 'quarter' })
  await api.dispose()
  const listed = campaign.units.filter((u) => u.items.length)
  expect(listed.length, 'the demo has risks to review this year').toBeGreaterThan(0)
  expect(changes.rows.length, 'the demo has power changes').toBeGreaterThan(0)

  const errors = watchErrors(page)
  await switchUser(page, DEMO.inspector)
  await page.goto('/reviews')
  // 年度评估清单: a table per unit the API lists, this year's.
  const panel = byTest(page, 'campaign')
  await expect(byTest(panel, 'campaign-title')).toContainText(`${campaign.year}年度风险点评估清单`)
  const sections = panel.locator('[data-test^="campaign-unit-"]')
  await expect(sections).toHaveCount(listed.length)
  for (const u of listed) {
    const section = byTest(panel, `campaign-unit-${u.unit}`)
    await expect(section).toContainText(u.unit_name)
    await expect(section.locator('.el-table__body tr')).toHaveCount(u.items.length)
  }
  await shot(page, '74-reviews-campaign')

  // 权力变更统计: the chart draws, the table has a row per period of the API.
  await page.getByRole('tab', { name: '权力变更统计' }).click()
  await expect(page).toHaveURL(/tab=changes/)
  const chart = byTest(page, 'chart-changes')
  await expect(chart.locator('canvas').first()).toBeVisible()
  await expect.poll(() => drawnPixels(chart), { message: 'the change chart draws' }).toBeGreaterThan(500)
  const rows = byTest(page, 'changes-table').locator('.el-table__body tr')
  await expect(rows).toHaveCount(changes.rows.length)
  await expect(rows.first()).toContainText(quarterName(changes.rows[0]!.period))
  await expect(byTest(page, 'changes-list').locator('.el-table__body tr')).toHaveCount(changes.items.length)
  await shot(page, '75-reviews-changes')

  // A bar of 调整 (the top of the stack, green; the legend above the bars is skipped) lists those changes.
  const adjusted = changes.rows.filter((r) => (r.counts['调整'] ?? 0) > 0)
  if (adjusted.length) {
    const bar = await topmostBar(chart, [0x67, 0xc2, 0x3a], 40)
    await page.mouse.click(bar.x, bar.y)
    const tag = byTest(page, 'changes-filter')
    await expect(tag).toContainText('调整')
    const text = await tag.innerText()
    const row = adjusted.find((r) => text.includes(quarterName(r.period)))
    expect(row, `the filter "${text}" names a quarter with 调整`).toBeTruthy()
    const list = byTest(page, 'changes-list').locator('.el-table__body tr')
    await expect(list).toHaveCount(row?.counts['调整'] ?? -1)
    expect(new Set((await list.locator('td:nth-child(2)').allInnerTexts()).map((s) => s.trim()))).toEqual(new Set(['调整']))
    await shot(page, '76-reviews-changes-filtered')
  }

  // By month: periods named as months.
  await byTest(page, 'changes-by').getByText('按月').click()
  await expect(rows.first()).toContainText(/\d{4}年\d{1,2}月/)
  await expect(toast(page, 'error')).toHaveCount(0)
  expect(errors, 'no failed request or page error').toEqual([])
})
