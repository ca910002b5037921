// 预警处置 in the browser: the unit admin (danwei) finds a 待处置 warning of his unit with the
// list's status filter and answers it with a 情况说明 and a file; the supervising inspector
// (jijian) disposes of it (督促整改 with a deadline) with the 两责 the server proposes, filling in
// the measures about the principal persons, then closes it. The page's timeline shows each step;
// 两责档案 lists the duties recorded, each leading back to the warning. Last, the inspector enters
// a warning by hand (信访举报) with a linked case and a file.
import { expect, test } from '@playwright/test'
import { Api } from './support/api'
import { DEMO } from './support/env'
import { byTest, choose, openDialog, shot, switchUser, toast } from './support/ui'

interface Candidate {
  kind: string
  person: string
  name: string
}

interface WarningRow {
  seq: number
  status: string
  rule_name: string
}

interface UnitNode {
  code: string
  name: string
  children?: UnitNode[]
}

function findUnit(units: UnitNode[], code: string): UnitNode | undefined {
  for (const u of units) {
    const found = u.code === code ? u : findUnit(u.children ?? [], code)
    if (found) return found
  }
  return undefined
}

interface WarningPage extends WarningRow {
  allowed: string[]
  duty_candidates: Candidate[]
}

const EXPLANATION = '经核查，该环节因申请材料补正延误，已督促经办人加快办理。'
const FILE_NAME = '情况说明附件.txt'

/** A date `days` from today in Beijing, YYYY-MM-DD (the server checks deadlines there). */
function beijingDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d)
}

/** The option whose whole text is `label`. */
function exactly(label: string): RegExp {
  return new RegExp(`^${label}$`)
}

test.describe.serial('a warning answered by its unit, disposed of and closed by its supervisor', () => {
  let unit = ''
  let warning: WarningPage

  test.beforeAll(async () => {
    // A 待处置 warning of danwei's unit that danwei may explain and jijian may dispose of, for
    // which the server proposes both duties (so the 两责 table needs only the measures).
    const unitAdmin = await Api.login(DEMO.unitAdmin)
    const inspector = await Api.login(DEMO.inspector)
    try {
      unit = unitAdmin.account.units[0] ?? ''
      const open = await unitAdmin.get<{ items: WarningRow[] }>('/warnings', { status: '待处置', unit, size: 200 })
      for (const row of open.items) {
        const mine = await unitAdmin.get<WarningPage>(`/warnings/${row.seq}`)
        if (!mine.allowed.includes('explain')) continue
        const theirs = await inspector.get<WarningPage>(`/warnings/${row.seq}`)
        const kinds = new Set(theirs.duty_candidates.map((c) => c.kind))
        if (theirs.allowed.includes('dispose') && kinds.has('主体责任') && kinds.has('监督责任')) {
          warning = theirs
          break
        }
      }
    } finally {
      await unitAdmin.dispose()
      await inspector.dispose()
    }
    expect(warning, `a 待处置 warning of ${unit} that ${DEMO.unitAdmin} and ${DEMO.inspector} may work on`).toBeTruthy()
    test.info().annotations.push({ type: 'warning', description: `${warning.seq} ${warning.rule_name}` })
  })

  test('the unit admin filters the list by status and submits a 情况说明 with a file', async ({ page }) => {
    await switchUser(page, DEMO.unitAdmin)
    await page.goto(`/warnings?unit=${encodeURIComponent(unit)}&size=200`)
    await expect(byTest(page, 'warnings-table')).toBeVisible()
    // Only inspectors enter warnings by hand.
    await expect(byTest(page, 'warning-enter')).toHaveCount(0)
    await choose(page, byTest(page, 'filter-status'), exactly('待处置'))
    await byTest(page, 'filter-search').click()
    await expect(page).toHaveURL(/status=/)
    const row = byTest(page, `warning-row-${warning.seq}`)
    await expect(row).toBeVisible()
    const statuses = await byTest(page, 'warnings-table').locator('.el-table__body tr td:nth-child(8)').allInnerTexts()
    expect(new Set(statuses.map((s) => s.trim()))).toEqual(new Set(['待处置']))
    await shot(page, '40-warnings-unit-open')

    await row.click()
    await expect(page).toHaveURL(new RegExp(`/warnings/${warning.seq}$`))
    await expect(byTest(page, 'warning-status')).toHaveText('待处置')
    await expect(byTest(page, 'take-explain')).toBeVisible()
    await expect(byTest(page, 'take-rectify')).toBeVisible()
    await expect(byTest(page, 'take-dispose')).toHaveCount(0)

    await byTest(page, 'take-explain').click()
    const dialog = openDialog(page, 'step-dialog')
    await expect(dialog).toBeVisible()
    // Checked before sending: the explanation is required.
    await byTest(dialog, 'step-confirm').click()
    await expect(byTest(dialog, 'step-form-error')).toContainText('请填写情况说明')
    await byTest(dialog, 'step-text').fill(EXPLANATION)
    await dialog.locator('input[type="file"]').setInputFiles({
      name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from('补正材料清单：1. 申请书 2. 权属证明\n'),
    })
    await expect(byTest(dialog, 'picked-files')).toContainText(FILE_NAME)
    await shot(page, '41-warning-explain')
    await byTest(dialog, 'step-confirm').click()
    await expect(dialog).toBeHidden()
    await expect(toast(page, 'success')).toBeVisible()

    await expect(byTest(page, 'warning-status')).toHaveText('待审核')
    const timeline = byTest(page, 'warning-timeline')
    await expect(timeline.locator('[data-test="step-action-explain"]')).toHaveText('情况说明')
    await expect(timeline).toContainText(EXPLANATION)
    await expect(timeline.locator('[data-test="attachments"]')).toContainText(FILE_NAME)
    // Now it is the supervisor's turn: nothing for the unit to do.
    await expect(byTest(page, 'no-actions')).toBeVisible()
    await shot(page, '42-warning-explained')
  })

  test('the inspector disposes of it with the proposed 两责, then closes it', async ({ page }) => {
    await switchUser(page, DEMO.inspector)
    await page.goto(`/warnings/${warning.seq}`)
    await expect(byTest(page, 'warning-status')).toHaveText('待审核')
    for (const a of ['dispose', 'return', 'dismiss']) await expect(byTest(page, `take-${a}`)).toBeVisible()

    await byTest(page, 'take-dispose').click()
    const dialog = openDialog(page, 'step-dialog')
    await expect(dialog).toBeVisible()
    await choose(page, byTest(dialog, 'step-measure'), exactly('督促整改'))
    await byTest(dialog, 'step-text').fill('情况属实，责令单位督促整改，按期报告整改情况。')
    // 督促整改 needs a deadline: refused on the form until it has one.
    await byTest(dialog, 'step-confirm').click()
    await expect(byTest(dialog, 'step-form-error')).toContainText('督促整改须规定完成期限')
    const deadline = beijingDate(14)
    const date = byTest(dialog, 'step-deadline').locator('input')
    await date.fill(deadline)
    await date.press('Enter')
    await expect(date).toHaveValue(deadline)

    // The 两责 table as proposed: the unit's leaders, then the supervisor's head (不予追究).
    const principal = warning.duty_candidates.filter((c) => c.kind === '主体责任')
    const supervisory = warning.duty_candidates.filter((c) => c.kind === '监督责任')
    const table = byTest(dialog, 'step-duties')
    await expect(table.locator('.el-table__body tr')).toHaveCount(principal.length + supervisory.length)
    for (const [i, c] of principal.entries()) {
      await expect(byTest(dialog, `duty-person-${i}`)).toContainText(c.name)
      await expect(byTest(dialog, `duty-measure-${i}`)).toHaveValue('')
    }
    for (const i of supervisory.keys()) {
      await expect(byTest(dialog, `duty-measure-${principal.length + i}`)).toHaveValue('不予追究')
    }
    // A principal row without its measure is refused on the form.
    await byTest(dialog, 'step-confirm').click()
    await expect(byTest(dialog, 'step-form-error')).toContainText('两责第 1 行')
    for (const [i, c] of principal.entries()) {
      await byTest(dialog, `duty-measure-${i}`).fill(i === 0 ? '约谈提醒' : `批评教育（${c.name}）`)
    }
    await shot(page, '43-warning-dispose')
    await byTest(dialog, 'step-confirm').click()
    await expect(dialog).toBeHidden()

    await expect(byTest(page, 'warning-status')).toHaveText('已处置')
    await expect(byTest(page, 'warning-measure')).toHaveText('督促整改')
    const timeline = byTest(page, 'warning-timeline')
    await expect(timeline.locator('[data-test="step-action-dispose"]')).toHaveText('作出处置')
    await expect(timeline.locator('[data-test="step-duties-list"]')).toContainText(principal[0]?.name ?? '')
    await expect(timeline.locator('[data-test="step-duties-list"]')).toContainText('约谈提醒')
    await expect(timeline).toContainText(deadline)

    await byTest(page, 'take-close').click()
    const closing = openDialog(page, 'step-dialog')
    await byTest(closing, 'step-text').fill('整改已落实，单位报告了整改措施和长效机制。')
    await byTest(closing, 'step-confirm').click()
    await expect(closing).toBeHidden()

    await expect(byTest(page, 'warning-status')).toHaveText('办结')
    for (const a of ['explain', 'dispose', 'close']) {
      await expect(timeline.locator(`[data-test="step-action-${a}"]`)).toBeVisible()
    }
    await expect(timeline.locator('.el-timeline-item')).toHaveCount(4)
    await expect(byTest(page, 'take-reopen')).toBeVisible()
    await shot(page, '44-warning-closed')
  })

  test('两责档案 lists the duties of the disposal, and leads back to the warning', async ({ page }) => {
    const person = warning.duty_candidates.find((c) => c.kind === '主体责任')
    await switchUser(page, DEMO.inspector)
    await page.goto('/duties')
    await byTest(page, 'filter-person').fill(person?.person ?? '')
    await byTest(page, 'filter-search').click()
    await expect(page).toHaveURL(/person=/)
    const rows = byTest(page, 'duties-table').locator('.el-table__body tr')
    const row = rows.filter({ has: byTest(page, `duty-warning-${warning.seq}`) })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(person?.name ?? '')
    await expect(row).toContainText('约谈提醒')
    await expect(row).toContainText('督促整改')
    await shot(page, '45-duties')
    await byTest(page, `duty-warning-${warning.seq}`).click()
    await expect(page).toHaveURL(new RegExp(`/warnings/${warning.seq}$`))
    await expect(byTest(page, 'warning-status')).toHaveText('办结')
  })

  test('the inspector enters a warning by hand; it opens on its own page, 待处置', async ({ page }) => {
    const api = await Api.login(DEMO.inspector)
    const unitName = findUnit(await api.get<UnitNode[]>('/units'), unit)?.name ?? unit
    const linked = (await api.get<{ items: { case: string }[] }>('/cases', { unit, size: 1 })).items[0]?.case ?? ''
    await api.dispose()
    expect(linked, `a case of ${unit}`).not.toBe('')

    await switchUser(page, DEMO.inspector)
    await page.goto('/warnings')
    await byTest(page, 'warning-enter').click()
    const dialog = openDialog(page, 'manual-dialog')
    await expect(dialog).toBeVisible()
    await byTest(dialog, 'manual-confirm').click()
    await expect(byTest(dialog, 'manual-form-error')).toContainText('请选择问题来源')
    await choose(page, byTest(dialog, 'manual-source'), exactly('信访举报'))
    await byTest(dialog, 'manual-level').getByText('红牌').click()
    await byTest(dialog, 'manual-unit').click()
    await page.locator('.el-tree-node__content').filter({ hasText: unitName }).filter({ visible: true }).first().click()
    await byTest(dialog, 'manual-message').fill('群众来信反映：临时用地审批久拖不办，经办人要求申请人多次补正材料。')
    const cases = byTest(dialog, 'manual-cases')
    await cases.fill(linked)
    await cases.press('Enter')
    await dialog.locator('input[type="file"]').setInputFiles({
      name: '来信.txt', mimeType: 'text/plain', buffer: Buffer.from('来信内容（测试）\n'),
    })
    await expect(byTest(dialog, 'picked-files')).toContainText('来信.txt')
    await shot(page, '46-warning-enter')
    await byTest(dialog, 'manual-confirm').click()
    await expect(dialog).toBeHidden()

    await expect(page).toHaveURL(/\/warnings\/\d+$/)
    await expect(byTest(page, 'warning-status')).toHaveText('待处置')
    const summary = byTest(page, 'warning-summary')
    await expect(summary).toContainText('信访举报')
    await expect(summary).toContainText('人工录入')
    await expect(byTest(page, 'warning-links')).toContainText(linked)
    await expect(summary.locator('[data-test="attachments"]')).toContainText('来信.txt')
    await expect(byTest(page, 'take-dispose')).toBeVisible()
    await shot(page, '47-warning-entered')
  })
})
