import { reactive, ref } from 'vue'
import { takeWarningStep, type UserStepAction, type Warning, type WarningDetail } from '@/api/warnings'
import { chinaToday } from '@/utils/format'
import { useFilePicker } from './useFilePicker'
import { useFormSubmit } from './useFormSubmit'
import { buildStepRequest, emptyDutyRow, emptyStepForm } from './warningSteps'

/**
 * The step dialog of a warning's page: which step, its form, sending it. A refusal (400, 403,
 * 409: the server says why, in Chinese) stays in the dialog; other errors are shown as a message.
 */
export function useWarningStep(detail: () => WarningDetail | null, onDone: (w: Warning) => void) {
  const action = ref<UserStepAction | null>(null)
  const form = reactive(emptyStepForm())
  // What was wrong is no longer shown once the person changes the form.
  const sending = useFormSubmit(form)
  const { formError, refusal, busy } = sending
  const files = useFilePicker(() => form.files)

  function start(a: UserStepAction): void {
    Object.assign(form, emptyStepForm(a, detail() ?? undefined))
    sending.clear()
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
    const a = action.value
    const w = detail()
    if (!a || !w || files.reading.value) return false
    return sending.submit(() => buildStepRequest(a, form, chinaToday()), (request) => takeWarningStep(w.seq, request),
      (after) => {
        action.value = null
        onDone(after)
      })
  }

  return { action, form, formError, refusal, busy, files, start, cancel, addDuty, removeDuty, submit }
}
