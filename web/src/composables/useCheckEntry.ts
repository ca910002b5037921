import { reactive, type Ref } from 'vue'
import { enterCheck, type CheckKind } from '@/api/assessment'
import { chinaToday } from '@/utils/format'
import type { IndicatorChoice } from './assessment'
import { buildCheckRequest, emptyCheckForm } from './checkForm'
import { useFormSubmit } from './useFormSubmit'

/** The 录入自查 / 录入检查 form and sending it; a refusal (the server's reason) is kept to show in the form. */
export function useCheckEntry(indicators: Ref<IndicatorChoice[]>, onDone: (seq: number) => void) {
  const form = reactive(emptyCheckForm())
  const sending = useFormSubmit(form)
  const { formError, refusal, busy } = sending

  function reset(kind: CheckKind, period: string, unit = ''): void {
    Object.assign(form, emptyCheckForm(kind, period, chinaToday()), { unit })
    sending.clear()
  }

  function submit(): Promise<boolean> {
    return sending.submit(() => buildCheckRequest(form, indicators.value, chinaToday()), enterCheck,
      (entered) => onDone(entered.seq))
  }

  return { form, formError, refusal, busy, reset, submit }
}
