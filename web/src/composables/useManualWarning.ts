import { reactive } from 'vue'
import { enterWarning, type Warning } from '@/api/warnings'
import { buildManualWarning, emptyManualForm } from './manualWarning'
import { useFilePicker } from './useFilePicker'
import { useFormSubmit } from './useFormSubmit'

/** The 录入预警 form and sending it; a refusal (the server's reason) is kept to show in the form. */
export function useManualWarning(onDone: (w: Warning) => void) {
  const form = reactive(emptyManualForm())
  // What was wrong is no longer shown once the person changes the form.
  const sending = useFormSubmit(form)
  const { formError, refusal, busy } = sending
  const files = useFilePicker(() => form.files)

  function reset(): void {
    Object.assign(form, emptyManualForm())
    sending.clear()
    files.reset()
  }

  async function submit(): Promise<boolean> {
    if (files.reading.value) return false
    return sending.submit(() => buildManualWarning(form), enterWarning, onDone)
  }

  return { form, formError, refusal, busy, files, reset, submit }
}
