// 考核评价 in the browser. The supervising inspector (jijian) opens the assessment of a quarter in
// which the demo's cases left facts behind the scores (the demo's cases lie in the months before
// today, so the quarter is found through GET /assessment): the ranked table agrees with the API,
// a unit's row opens its indicators, a case fact leads to the case's page, 导出Excel downloads the
// report and 打印 opens the printable page with its title. The unit admin sees 录入自查, not 录入检查.
//
// The second test enters a 检查 as the inspector through the dialog (an out-of-range deduction is
// refused on the form first), finds it in the list (GET /checks) and as a "check" fact under the
// unit's indicator, leading back to its row.
import { expect, test } from '@playwright/test'
import { Api } from './support/api'
import { DEMO } from './support/env'
import { byTest, choose, openDialog, shot, switchUser, toast } from './support/ui'

interface Fact {
  kind: string
  id: string
  note: string
}

interface Indicator {
  id: string
  name: string
  weight: number
  available: boolean
  facts: Fact[]
}

interface UnitScore {
  unit: string
  name: string
  rank: number
  total: number
  grade: string
  indicators: Indicator[]
}

interface Assessment {
  period: { code: string; label: string }
  units: UnitScore[]
}

/** The facts a unit's row shows before "展开其余" (FactList folds after five). */
const SHOWN_FACTS = 5

/** This quarter and the four before it, newest first, in Beijing. */
function recentQuarters(): string[] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  let year = Number(today.slice(0, 4))
  let quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const out: string[] = []
  for (let i = 0; i < 5; i++) {
    out.push(`${year}Q${quarter}`)
    quarter -= 1
    if (quarter === 0) {
      quarter = 4
      year -= 1
    }
  }
  return out
}

let assessment: Assessment
let unit: UnitScore
let caseFact: Fact

test.beforeAll(async () => {
  const inspector = await Api.login(DEMO.inspector)
  try {
    for (const code of recentQuarters()) {
      const a = await inspector.get<Assessment>('/assessment', { period: code })
      for (const u of a.units) {
        const fact = u.indicators.flatMap((i) => i.facts.slice(0, SHOWN_FACTS)).find((f) => f.kind === 'case')
        if (fact) {
          assessment = a
          unit = u
          caseFact = fact
          break
        }
      }
      if (assessment) break
    }
  } finally {
    await inspector.dispose()
  }
  expect(assessment, `a recent quarter (${recentQuarters().join(', ')}) whose assessment names a case: is the database the demo county?`)
    .toBeTruthy()
  test.info().annotations.push({ type: 'period', description: `${assessment.period.code} ${unit.name} ${caseFact.id}` })
})

test('the inspector reads the ranking, drills down to a case, exports and prints', async ({ page }) => {
  await switchUser(page, DEMO.inspector)
  const code = assessment.period.code
  await page.goto(`/assessment?period=${code}`)
  const table = byTest(page, 'assessment-table')
  await expect(table).toBeVisible()
  // The ranked table: every unit of the API, in its order, with its grade.
  const ranks = page.locator('[data-test^="assessment-row-"]')
  await expect(ranks).toHaveCount(assessment.units.length)
  expect(await ranks.evaluateAll((els) => els.map((e) => e.getAttribute('data-test')?.slice('assessment-row-'.length))))
    .toEqual(assessment.units.map((u) => u.unit))
  expect((await ranks.allInnerTexts()).map((s) => Number(s.trim()))).toEqual(assessment.units.map((u) => u.rank))
  await expect(byTest(page, `grade-${unit.unit}`)).toHaveText(unit.grade)
  await expect(byTest(page, 'assessment-summary')).toContainText(assessment.period.label)
  await shot(page, '60-assessment-ranking')

  // A row opens its indicators and the facts behind the scores.
  await byTest(page, `assessment-row-${unit.unit}`).click()
  const indicators = byTest(page, `indicators-${unit.unit}`)
  await expect(indicators).toBeVisible()
  for (const i of unit.indicators) await expect(indicators).toContainText(i.name)
  await shot(page, '61-assessment-unit')
  await indicators.locator(`[data-test="fact-case-${caseFact.id}"]`).click()
  await expect(page).toHaveURL(new RegExp(`/cases/${encodeURIComponent(caseFact.id)}$`))
  await expect(byTest(page, 'case-page')).toBeVisible()
  await expect(byTest(page, 'case-page')).toContainText(caseFact.id)

  await page.goBack()
  await expect(page).toHaveURL(new RegExp(`/assessment\\?period=${code}$`))
  await expect(byTest(page, 'assessment-table')).toBeVisible()

  // 导出Excel: the server's report of the same period.
  const downloading = page.waitForEvent('download')
  await byTest(page, 'assessment-export').click()
  const file = await downloading
  expect(file.suggestedFilename()).toMatch(new RegExp(`${code}.*\\.xlsx$`))

  // 打印: the page without the app's menu, titled with the period.
  await byTest(page, 'assessment-print').click()
  await expect(page).toHaveURL(new RegExp(`/assessment/print\\?period=${code}$`))
  await expect(byTest(page, 'print-title')).toHaveText(`${assessment.period.label} 权力运行考核结果`)
  await expect(byTest(page, 'print-ranking').locator('tbody tr')).toHaveCount(assessment.units.length)
  await expect(byTest(page, `print-unit-${unit.unit}`)).toContainText(caseFact.note)
  await expect(byTest(page, 'nav')).toHaveCount(0)
  await shot(page, '62-assessment-print')

  // Who enters what: the unit admin 自查, never 检查.
  await switchUser(page, DEMO.unitAdmin)
  await page.goto(`/assessment?period=${code}`)
  await expect(byTest(page, 'assessment-table')).toBeVisible()
  await expect(byTest(page, 'check-enter-self')).toBeVisible()
  await expect(byTest(page, 'check-enter-review')).toHaveCount(0)
})

test('the inspector enters a 检查 and finds it listed and deducted', async ({ page }) => {
  // An indicator of the unit with data and few facts, so the new one is among those shown.
  const target = unit.indicators.filter((i) => i.available).sort((a, b) => a.facts.length - b.facts.length)[0]
  expect(target, `an indicator of ${unit.name} with data`).toBeTruthy()
  if (!target) return
  const reason = `e2e 检查：台账记录不全（${Date.now()}）`
  await switchUser(page, DEMO.inspector)
  await page.goto(`/assessment?period=${assessment.period.code}`)
  await expect(byTest(page, 'assessment-table')).toBeVisible()
  await expect(byTest(page, 'check-enter-self')).toHaveCount(0)

  await byTest(page, 'check-enter-review').click()
  const dialog = openDialog(page, 'check-dialog')
  await expect(dialog).toBeVisible()
  await choose(page, byTest(dialog, 'check-unit'), unit.name)
  await choose(page, byTest(dialog, 'check-indicator'), `${target.name}（权重 ${target.weight} 分）`)
  // Checked on the form first: more than the indicator's weight, then no reason.
  await byTest(dialog, 'check-deduction').fill(String(target.weight + 1))
  await byTest(dialog, 'check-reason').fill(reason)
  await byTest(dialog, 'check-confirm').click()
  await expect(byTest(dialog, 'check-form-error')).toContainText(`扣分应为 0 到 ${target.weight} 之间的数`)
  await byTest(dialog, 'check-deduction').fill('1.5')
  await shot(page, '63-check-entry')
  await byTest(dialog, 'check-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(toast(page, 'success')).toBeVisible()

  const checks = byTest(page, 'checks-table')
  await expect(checks).toContainText(reason)
  const row = checks.locator('tr').filter({ hasText: reason })
  await expect(row).toContainText('检查')
  await expect(row).toContainText(unit.name)
  const seq = (await row.locator('[data-test^="check-row-"]').innerText()).trim()

  // The assessment now lists the entry as a fact of the indicator, leading back to the row.
  await byTest(page, `assessment-row-${unit.unit}`).click()
  const fact = byTest(page, `indicators-${unit.unit}`).locator(`[data-test="fact-check-${seq}"]`)
  await expect(fact).toBeVisible()
  await fact.click()
  await expect(checks.locator('tr.highlighted')).toContainText(reason)
  await shot(page, '64-check-listed')
})
