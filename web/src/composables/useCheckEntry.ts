import { reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { refusalText } from '@/api/http'
import { enterCheck, type CheckKind } from '@/api/assessment'
import { chinaToday } from '@/utils/format'
import { showError } from '@/utils/notify'
import type { IndicatorChoice } from './assessment'
import { buildCheckRequest, emptyCheckForm } from './checkForm'

/** The 录入自查 / 录入检查 form and sending it; a refusal (the server's reason) is kept to show in the form. */
export function useCheckEntry(indicators: Ref<IndicatorChoice[]>, onDone: (seq: number) => void) {
  const { t } = useI18n()
  const form = reactive(emptyCheckForm())
  const formError = ref('')
  const refusal = ref('')
  const busy = ref(false)
  watch(form, () => { formError.value = '' }, { deep: true })

  function reset(kind: CheckKind, period: string, unit = ''): void {
    Object.assign(form, emptyCheckForm(kind, period, chinaToday()), { unit })
    formError.value = ''
    refusal.value = ''
  }

  async function submit(): Promise<boolean> {
    if (busy.value) return false
    const built = buildCheckRequest(form, indicators.value, chinaToday())
    if (!built.ok) {
      formError.value = t(built.error.key, built.error.params ?? {})
      return false
    }
    refusal.value = ''
    busy.value = true
    try {
      onDone((await enterCheck(built.request)).seq)
      return true
    } catch (e) {
      refusal.value = refusalText(e)
      if (!refusal.value) showError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { form, formError, refusal, busy, reset, submit }
}
