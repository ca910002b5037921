import { reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { refusalText } from '@/api/http'
import { takeWarningStep, type UserStepAction, type Warning, type WarningDetail } from '@/api/warnings'
import { chinaToday } from '@/utils/format'
import { showError } from '@/utils/notify'
import { useFilePicker } from './useFilePicker'
import { buildStepRequest, emptyDutyRow, emptyStepForm } from './warningSteps'

/**
 * The step dialog of a warning's page: which step, its form, sending it. A refusal (400, 403,
 * 409: the server says why, in Chinese) stays in the dialog; other errors are shown as a message.
 */
export function useWarningStep(detail: () => WarningDetail | null, onDone: (w: Warning) => void) {
  const { t } = useI18n()
  const action = ref<UserStepAction | null>(null)
  const form = reactive(emptyStepForm())
  const formError = ref('')
  const refusal = ref('')
  const busy = ref(false)
  const files = useFilePicker(() => form.files)
  // What was wrong is no longer shown once the person changes the form.
  watch(form, () => { formError.value = '' }, { deep: true })

  function start(a: UserStepAction): void {
    Object.assign(form, emptyStepForm(a, detail() ?? undefined))
    formError.value = ''
    refusal.value = ''
    files.reset()
    action.value = a
  }

  function cancel(): void {
    action.value = null
  }

  function addDuty(kind: string): void {
    form.duties.push(emptyDutyRow(kind, detail() ?? undefined))
  }

  function removeDuty(index: number): void {
    form.duties.splice(index, 1)
  }

  async function submit(): Promise<boolean> {
    const w = detail()
    if (!action.value || !w || busy.value || files.reading.value) return false
    const built = buildStepRequest(action.value, form, chinaToday())
    if (!built.ok) {
      formError.value = t(built.error.key, built.error.params ?? {})
      return false
    }
    formError.value = ''
    refusal.value = ''
    busy.value = true
    try {
      const after = await takeWarningStep(w.seq, built.request)
      action.value = null
      onDone(after)
      return true
    } catch (e) {
      refusal.value = refusalText(e)
      if (!refusal.value) showError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { action, form, formError, refusal, busy, files, start, cancel, addDuty, removeDuty, submit }
}
