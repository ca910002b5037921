import { reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { closeCase, completeStep, decide, resumeCase, suspendCase, type Handled } from '@/api/cases'
import { isApiError, serverText } from '@/api/http'
import { showError } from '@/utils/notify'
import { buildAction, emptyActionForm, type ActionKind, type ActionRequest } from './caseActions'

function send(id: string, r: ActionRequest): Promise<Handled> {
  switch (r.kind) {
    case 'step': return completeStep(id, r.body)
    case 'decision': return decide(id, r.body)
    case 'suspend': return suspendCase(id, r.reason)
    case 'resume': return resumeCase(id)
    case 'close': return closeCase(id, r.decision)
  }
}

/**
 * The action dialog of a case page: which action, its form, sending it, and what came back.
 * A refusal (400) is shown in the dialog with the server's message (which names the steps
 * that may come next); other errors as a message.
 */
export function useCaseActions(caseId: () => string, onDone: (h: Handled) => void) {
  const { t } = useI18n()
  const kind = ref<ActionKind | null>(null)
  const form = reactive(emptyActionForm())
  const formError = ref('')
  const refusal = ref('')
  const busy = ref(false)
  const result = shallowRef<Handled | null>(null)

  function start(k: ActionKind, node = ''): void {
    Object.assign(form, emptyActionForm(node))
    formError.value = ''
    refusal.value = ''
    kind.value = k
  }

  function cancel(): void {
    kind.value = null
  }

  async function submit(): Promise<boolean> {
    if (!kind.value) return false
    const built = buildAction(kind.value, form)
    if (!built.ok) {
      formError.value = t(built.error)
      return false
    }
    formError.value = ''
    refusal.value = ''
    busy.value = true
    try {
      const handled = await send(caseId(), built.request)
      result.value = handled
      kind.value = null
      onDone(handled)
      return true
    } catch (e) {
      if (isApiError(e) && e.status === 400 && serverText(e)) refusal.value = serverText(e)
      else showError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { kind, form, formError, refusal, busy, result, start, cancel, submit }
}
