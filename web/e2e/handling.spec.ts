// Handling a case through its steps in the browser, each step by the person whose post it is
// (found by support/plan.ts), with a suspension on the way. The collective-decision step is
// recorded without a meeting record, which the server answers with a red card (未经集体决策):
// the result dialog shows it, so do the case page and the inspector's list of warnings.
import { expect, test, type Page } from '@playwright/test'
import { DEMO } from './support/env'
import { planCase, type CasePlan, type PlannedStep } from './support/plan'
import { byTest, openDialog, shot, switchUser } from './support/ui'

const RULE_NAME = '未经集体决策'

test.describe.serial('a case handled through its steps', () => {
  let plan: CasePlan
  let caseId = ''

  test.beforeAll(async () => {
    plan = await planCase()
    test.info().annotations.push({ type: 'plan', description: `${plan.power} after ${plan.model}: ` +
      plan.steps.map((s) => `${s.node}/${s.login}`).join(' → ') })
  })

  /** Confirms the open action dialog and returns the result dialog. */
  async function confirmAction(page: Page): Promise<ReturnType<typeof openDialog>> {
    const dialog = openDialog(page, 'action-dialog')
    await dialog.locator('[data-test="action-confirm"]').click()
    await expect(dialog).toBeHidden()
    const result = openDialog(page, 'action-result')
    await expect(result).toBeVisible()
    return result
  }

  async function closeResult(page: Page): Promise<void> {
    await openDialog(page, 'action-result').locator('[data-test="action-result-close"]').click()
    await expect(openDialog(page, 'action-result')).toBeHidden()
  }

  async function expectNext(page: Page, step: PlannedStep | undefined): Promise<void> {
    if (step) await expect(byTest(page, `next-${step.node}`)).toBeVisible()
  }

  test('the handler opens a case and takes its first step', async ({ page }) => {
    const first = plan.steps[0]
    expect(first?.login).toBe(DEMO.handler)
    await switchUser(page, DEMO.handler)
    await page.goto('/cases')
    await byTest(page, 'case-open').click()
    const dialog = openDialog(page, 'open-dialog')
    await byTest(dialog, 'open-power').fill(plan.power)
    await byTest(dialog, 'open-applicant').fill('云溪县测试申请单位')
    if (plan.amount !== undefined) await byTest(dialog, 'open-amount').fill(String(plan.amount))
    await shot(page, '20-case-open')
    await byTest(dialog, 'open-confirm').click()

    await expect(page).toHaveURL(new RegExp(`/cases/${plan.power}-`))
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
    await expect(byTest(page, 'case-page')).toContainText(caseId)
    await expectNext(page, first)
    await byTest(page, `step-${first?.node}`).click()
    const result = await confirmAction(page)
    await expect(result).toContainText('本次办理没有产生预警')
    await closeResult(page)
    await expectNext(page, plan.steps[1])
    await shot(page, '21-case-first-step')

    // The next step is not his post's: the server refuses it and the dialog says why.
    const second = plan.steps[1]
    if (second && second.person !== first?.person) {
      await byTest(page, `step-${second.node}`).click()
      const action = openDialog(page, 'action-dialog')
      await action.locator('[data-test="action-confirm"]').click()
      const refusal = action.locator('[data-test="action-refusal"]')
      await expect(refusal).toBeVisible()
      await expect(refusal).toContainText('岗位任职')
      await shot(page, '22-case-step-refused')
      await action.getByRole('button', { name: '取消' }).click()
      await expect(action).toBeHidden()
    }
  })

  test('each next handler finds the step in 我的待办 and takes it; the collective decision without a meeting ' +
    'raises a red card', async ({ page }) => {
    let suspended = false
    for (const step of plan.steps.slice(1)) {
      await switchUser(page, step.login)
      await page.goto('/tasks')
      await expect(byTest(page, `task-row-${caseId}-${step.node}`), `${step.login} has ${step.node}`).toBeVisible()

      if (!suspended) {
        // The first of them waits for papers: the clock stops, and runs again.
        suspended = true
        await byTest(page, `task-row-${caseId}-${step.node}`).click()
        await byTest(page, 'case-suspend').click()
        await openDialog(page, 'action-dialog').locator('[data-test="action-reason"]').fill('申请人补正材料')
        await confirmAction(page)
        await closeResult(page)
        await expect(byTest(page, 'case-page')).toContainText('暂停计时中')
        await expect(byTest(page, `step-${step.node}`)).toHaveCount(0)
        await shot(page, '23-case-suspended')
        await byTest(page, 'case-resume').click()
        await confirmAction(page)
        await closeResult(page)
        await expect(byTest(page, `step-${step.node}`)).toBeVisible()
        await page.goto('/tasks')
      }

      const action = step.collective ? 'decide' : 'step'
      await byTest(page, `task-${action}-${caseId}-${step.node}`).click()
      await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`))
      const dialog = openDialog(page, 'action-dialog')
      await expect(dialog).toBeVisible()
      if (step.collective) {
        // A collective decision taken by one person: no meeting record.
        await dialog.locator('[data-test="action-decision"]').fill('同意')
        await shot(page, '24-case-collective-decision')
      }
      const result = await confirmAction(page)
      if (step.collective) {
        await expect(result.locator('[data-test="raised-warnings"]')).toContainText(RULE_NAME)
        await expect(result).toContainText('红牌')
        await shot(page, '25-case-warning-raised')
      } else {
        await expect(result).toContainText('本次办理没有产生预警')
      }
      await closeResult(page)
    }
  })

  test('the handler closes the case; its page shows the warning', async ({ page }) => {
    await switchUser(page, DEMO.handler)
    await page.goto(`/cases/${caseId}`)
    await expect(byTest(page, 'case-close')).toBeEnabled()
    await byTest(page, 'case-close').click()
    await openDialog(page, 'action-dialog').locator('[data-test="action-decision"]').fill('同意')
    await confirmAction(page)
    await closeResult(page)
    await expect(byTest(page, 'case-page')).toContainText('已办结')
    await expect(byTest(page, 'next-steps')).toHaveCount(0)
    const warnings = byTest(page, 'warnings-table').locator('.el-table__body tr')
    await expect(warnings).toHaveCount(1)
    await expect(warnings.first()).toContainText(RULE_NAME)
    await expect(warnings.first()).toContainText('红牌')
    await byTest(page, 'warnings-table').scrollIntoViewIfNeeded()
    await shot(page, '26-case-closed-with-warning')
  })

  test('the inspector finds the warning in the list and opens its page with the evidence', async ({ page }) => {
    await switchUser(page, DEMO.inspector)
    await page.goto('/warnings')
    await byTest(page, 'filter-case').fill(caseId)
    await byTest(page, 'filter-search').click()
    await expect(page).toHaveURL(/case=/)
    const rows = byTest(page, 'warnings-table').locator('.el-table__body tr')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText(RULE_NAME)
    await expect(rows.first()).toContainText(caseId)
    await shot(page, '27-warnings-inspector')
    await rows.first().locator('[data-test^="warning-row-"]').click()
    await expect(page).toHaveURL(/\/warnings\/\d+$/)
    const warning = byTest(page, 'warning-page')
    await expect(warning).toContainText('collective-missing')
    await expect(warning).toContainText(caseId)
    await expect(byTest(page, 'warning-status')).toHaveText('待处置')
    const evidence = byTest(page, 'evidence-entries')
    await expect(evidence).toBeVisible()
    await evidence.scrollIntoViewIfNeeded()
    await shot(page, '28-warning-evidence')
  })
})
