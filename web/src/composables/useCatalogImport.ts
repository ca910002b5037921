import { computed, ref, shallowRef } from 'vue'
import { importCatalog, importFormatOf, type ImportReport } from '@/api/catalog'
import { showError } from '@/utils/notify'
import { canApply, countBySeverity, reportFromError } from './catalogImport'

/** Import with a dry run first: check(file) validates; apply() imports the file checked. */
export function useCatalogImport() {
  const file = shallowRef<File | null>(null)
  const report = shallowRef<ImportReport | null>(null)
  const busy = ref(false)
  const done = shallowRef<ImportReport | null>(null)
  const format = computed(() => (file.value ? importFormatOf(file.value.name) : null))
  const counts = computed(() => countBySeverity(report.value?.problems ?? []))
  const applicable = computed(() => canApply(report.value) && !done.value)

  function choose(f: File | null): void {
    file.value = f
    report.value = null
    done.value = null
  }

  async function run(dryRun: boolean): Promise<ImportReport | null> {
    if (!file.value || !format.value) return null
    busy.value = true
    try {
      return await importCatalog(file.value, format.value, dryRun, file.value.name)
    } catch (e) {
      const refused = reportFromError(e, dryRun)
      if (!refused) showError(e)
      return refused
    } finally {
      busy.value = false
    }
  }

  async function check(): Promise<void> {
    report.value = await run(true)
  }

  async function apply(): Promise<boolean> {
    if (!applicable.value) return false
    const result = await run(false)
    if (!result) return false
    if (!result.applied && countBySeverity(result.problems).error > 0) {
      report.value = result
      return false
    }
    done.value = result
    return true
  }

  return { file, format, report, counts, busy, done, applicable, choose, check, apply }
}
