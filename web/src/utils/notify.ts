import { ElMessage } from 'element-plus'
import { isApiError, serverText } from '@/api/http'
import { i18n } from '@/i18n'

/** The text to show for a failed request: the server's own words (reasons, message) when it sent some. */
export function errorText(e: unknown): string {
  const t = i18n.global.t
  if (isApiError(e)) {
    const said = serverText(e)
    if (said) return said
    if (e.code === 'network') return t('errors.network')
    if (e.code === 'resource_exhausted' && e.retryAfter !== null) {
      return t('errors.retryAfter', { seconds: e.retryAfter })
    }
    return t(`errors.codes.${e.code}`, { status: e.status })
  }
  return t('errors.unexpected')
}

/** Shows a failed request as an error message. */
export function showError(e: unknown): void {
  if (!isApiError(e)) console.error(e)
  ElMessage({ type: 'error', message: errorText(e), showClose: true, duration: 6000 })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message })
}
