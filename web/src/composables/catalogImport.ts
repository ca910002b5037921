// Reading an import report: which problems block the import.
import { isApiError } from '@/api/http'
import type { ImportProblem, ImportReport } from '@/api/catalog'

export type Severity = 'error' | 'warning'

/** A problem's severity, from `level` (docs/api.md) or `severity` (the CLI), in English or Chinese. */
export function problemSeverity(p: ImportProblem): Severity {
  const v = (p.level ?? p.severity ?? 'error').toLowerCase()
  return v === 'warning' || v === '警告' ? 'warning' : 'error'
}

export function countBySeverity(problems: readonly ImportProblem[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0 }
  for (const p of problems) out[problemSeverity(p)]++
  return out
}

/** A dry run may be followed by the real import only when it found no errors. */
export function canApply(report: ImportReport | null): boolean {
  return !!report && report.dry_run && countBySeverity(report.problems).error === 0
}

function isProblem(v: unknown): v is ImportProblem {
  return typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string'
}

/**
 * A refused import as a report: the server may answer a file with errors as 400 whose
 * details list the problems, rather than as a report; both are shown the same way.
 */
export function reportFromError(e: unknown, dryRun: boolean): ImportReport | null {
  if (!isApiError(e) || e.status !== 400) return null
  const problems = e.details.filter(isProblem)
  if (!problems.length) return null
  return { dry_run: dryRun, applied: false, entries: 0, problems }
}
