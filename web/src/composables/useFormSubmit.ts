import { ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { refusalText } from '@/api/http'
import { showError } from '@/utils/notify'
import type { FormError } from './uploads'

/** What a form's pure builder gives: the request to send, or what is wrong with the form. */
export type Built<R> = { ok: true; request: R } | { ok: false; error: FormError }

/**
 * Sending a form: what is wrong with it (`formError`, cleared once `edited` changes), the server's
 * refusal (400, 403, 409: its reason, shown in the form; other errors as a message) and `busy`
 * while the request is out. submit() builds the request, sends it and hands the answer to onDone;
 * it is false when nothing was sent or the request failed. With `failureText`, every failure is
 * said in `refusal` in those words (never as a passing message).
 */
export function useFormSubmit(edited?: object, options: { failureText?: (e: unknown) => string } = {}) {
  const { t } = useI18n()
  const formError = ref('')
  const refusal = ref('')
  const busy = ref(false)
  if (edited) watch(edited, () => { formError.value = '' }, { deep: true })

  function clear(): void {
    formError.value = ''
    refusal.value = ''
  }

  async function submit<R, A>(build: () => Built<R>, send: (request: R) => Promise<A>,
    onDone: (answer: A) => void): Promise<boolean> {
    if (busy.value) return false
    const built = build()
    if (!built.ok) {
      formError.value = t(built.error.key, built.error.params ?? {})
      return false
    }
    clear()
    busy.value = true
    try {
      onDone(await send(built.request))
      return true
    } catch (e) {
      refusal.value = options.failureText ? options.failureText(e) : refusalText(e)
      if (!refusal.value) showError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { formError, refusal, busy, clear, submit }
}
