import { onBeforeUnmount, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { isApiError, serverText } from '@/api/http'
import { getChallenge, type Proof } from '@/api/portal'
import { errorText } from '@/utils/notify'
import { likelyProgress, solveChallenge } from './proofOfWork'
import { useFormSubmit, type Built } from './useFormSubmit'

/**
 * Sending a form of the public portal: what is wrong with it (`formError`, cleared once `edited`
 * changes), why it failed (`failure`: the server's words, or a translated text; shown beside the
 * form, not as a passing message: a person on a phone reads it there), `busy` while out.
 * submitProved fetches and solves a challenge first (`proving`, `progress` 0–100) and hands the
 * proof to `send`; leaving the page stops the search. `notFound` (an i18n key) says a 404 the
 * server gave no words for.
 */
export function usePortalForm(edited?: object, options: { notFound?: string } = {}) {
  const { t } = useI18n()
  const form = useFormSubmit(edited, {
    failureText: (e) => {
      const unsaid = isApiError(e) && e.status === 404 && !serverText(e)
      return unsaid && options.notFound ? t(options.notFound) : errorText(e)
    },
  })
  const proving = ref(false)
  const progress = ref(0)
  let abort: AbortController | null = null
  onBeforeUnmount(() => abort?.abort(new Error('the page was left')))

  async function prove(): Promise<Proof> {
    proving.value = true
    progress.value = 0
    abort = new AbortController()
    try {
      const challenge = await getChallenge()
      const proof = await solveChallenge(challenge, {
        signal: abort.signal,
        onProgress: (tries) => { progress.value = Math.min(99, Math.floor(likelyProgress(tries, challenge.bits) * 100)) },
      })
      progress.value = 100
      return proof
    } finally {
      proving.value = false
      abort = null
    }
  }

  /** As submit, with a proof of work found first (only once the form is right). */
  function submitProved<R, A>(build: () => Built<R>, send: (request: R, proof: Proof) => Promise<A>,
    onDone: (answer: A) => void): Promise<boolean> {
    return form.submit(build, async (request) => send(request, await prove()), onDone)
  }

  return {
    formError: form.formError, failure: form.refusal, busy: form.busy, proving, progress,
    clear: form.clear, submit: form.submit, submitProved,
  }
}
