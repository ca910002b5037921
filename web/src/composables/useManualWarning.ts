import { reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { refusalText } from '@/api/http'
import { enterWarning, type Warning } from '@/api/warnings'
import { showError } from '@/utils/notify'
import { buildManualWarning, emptyManualForm } from './manualWarning'
import { useFilePicker } from './useFilePicker'

/** The 录入预警 form and sending it; a refusal (the server's reason) is kept to show in the form. */
export function useManualWarning(onDone: (w: Warning) => void) {
  const { t } = useI18n()
  const form = reactive(emptyManualForm())
  const formError = ref('')
  const refusal = ref('')
  const busy = ref(false)
  const files = useFilePicker(() => form.files)
  // What was wrong is no longer shown once the person changes the form.
  watch(form, () => { formError.value = '' }, { deep: true })

  function reset(): void {
    Object.assign(form, emptyManualForm())
    formError.value = ''
    refusal.value = ''
    files.reset()
  }

  async function submit(): Promise<boolean> {
    if (busy.value || files.reading.value) return false
    const built = buildManualWarning(form)
    if (!built.ok) {
      formError.value = t(built.error.key, built.error.params ?? {})
      return false
    }
    formError.value = ''
    refusal.value = ''
    busy.value = true
    try {
      onDone(await enterWarning(built.request))
      return true
    } catch (e) {
      refusal.value = refusalText(e)
      if (!refusal.value) showError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { form, formError, refusal, busy, files, reset, submit }
}
