// Importing the four lists from Excel as a unit admin: the unit's own export with a bad 办理时限
// is checked (dry run) and shows the problem's file, sheet, row, column and field; the same file
// fixed checks clean and imports. Both files are made here from GET /exports/catalog.xlsx.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { Api } from './support/api'
import { ARTIFACTS, DEMO } from './support/env'
import { byTest, openDialog, shot, switchUser, toast } from './support/ui'
import { Workbook } from './support/xlsx'

const SHEET = '权力清单'

interface PowerRow {
  code: string
  time_limit: string
}

test('an Excel list with an error is refused by the dry run, and imports once fixed', async ({ page }) => {
  // The unit admin's catalogue as the server exports it; one power's 办理时限 is the cell we change.
  const api = await Api.login(DEMO.unitAdmin)
  const exported = await api.bytes('/exports/catalog.xlsx')
  const powers = await api.get<{ items: PowerRow[] }>('/powers', { size: 200 })
  await api.dispose()
  const target = powers.items.find((p) => /^\d+\D+$/.test(p.time_limit))
  expect(target, 'a power of the unit with a time limit').toBeTruthy()
  const code = target?.code ?? ''
  const book = new Workbook(exported)
  const row = book.findRow(SHEET, '权力编码', code)
  const column = book.column(SHEET, '办理时限')
  const original = book.get(SHEET, '办理时限', row)
  // The fix is a real change (one day more), so the import has something to apply.
  const [, days = '0', unit = ''] = /^(\d+)\s*(?:个)?(\S+)$/.exec(original) ?? []
  const fixedValue = `${Number(days) + 1}个${unit}`

  const files = join(ARTIFACTS, 'files')
  mkdirSync(files, { recursive: true })
  const badFile = join(files, '四单-有错误.xlsx')
  const fixedFile = join(files, '四单-已改正.xlsx')
  writeFileSync(badFile, new Workbook(exported).set(SHEET, '办理时限', row, '五个工作日').toBuffer())
  writeFileSync(fixedFile, new Workbook(exported).set(SHEET, '办理时限', row, fixedValue).toBuffer())

  await switchUser(page, DEMO.unitAdmin)
  await page.goto('/catalog')
  await expect(byTest(page, 'powers-table')).toBeVisible()
  await byTest(page, 'catalog-import').click()
  const dialog = openDialog(page, 'import-dialog')
  await expect(dialog).toBeVisible()

  // The file with the error: the dry run lists the problem where it is; nothing can be imported.
  await dialog.locator('input[type=file]').setInputFiles(badFile)
  await expect(dialog).toContainText('四单-有错误.xlsx')
  await expect(byTest(page, 'import-confirm')).toBeDisabled()
  await byTest(page, 'import-check').click()
  await expect(byTest(page, 'import-result')).toContainText('发现 1 处错误')
  const problem = byTest(page, 'import-problems').locator('.el-table__body tr').first()
  await expect(problem).toContainText('错误')
  await expect(problem).toContainText(SHEET)
  await expect(problem).toContainText(String(row))
  await expect(problem).toContainText(column)
  await expect(problem).toContainText('办理时限')
  await expect(problem).toContainText('五个工作日')
  await expect(byTest(page, 'import-confirm')).toBeDisabled()
  await shot(page, '10-import-dry-run-error')

  // The same file fixed: the dry run is clean, then the import applies it.
  await dialog.locator('input[type=file]').setInputFiles(fixedFile)
  await expect(byTest(page, 'import-result')).toHaveCount(0)
  await byTest(page, 'import-check').click()
  await expect(byTest(page, 'import-result')).toContainText('校验通过：将写入 1 条变更')
  await expect(byTest(page, 'import-problems')).toHaveCount(0)
  await shot(page, '11-import-dry-run-ok')
  await byTest(page, 'import-confirm').click()
  await expect(toast(page, 'success')).toContainText('导入完成，写入 1 条变更')
  await expect(dialog).toBeHidden()

  // The list shows the new time limit.
  await byTest(page, 'filter-q').fill(code)
  await byTest(page, 'filter-search').click()
  const powerRow = byTest(page, 'powers-table').locator('.el-table__body tr').filter({ hasText: code })
  await expect(powerRow).toHaveCount(1)
  await expect(powerRow).toContainText(fixedValue.replace('个', ' '))
  await shot(page, '12-import-applied')
})
