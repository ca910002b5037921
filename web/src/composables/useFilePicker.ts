import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { readUpload, uploadProblem, type PickedFile } from './uploads'

/**
 * Adding files to a form's list: each checked against the limits (with those still being read),
 * then read into base64. `problem` says why the last file was refused ('' when none).
 */
export function useFilePicker(files: () => PickedFile[]) {
  const { t } = useI18n()
  const problem = ref('')
  const reading = ref(0)
  let pending: { size: number }[] = []

  async function add(file: File): Promise<void> {
    const refused = uploadProblem(file, [...files(), ...pending])
    if (refused) {
      problem.value = t(refused.key, refused.params ?? {})
      return
    }
    problem.value = ''
    const mark = { size: file.size }
    pending.push(mark)
    reading.value++
    try {
      files().push(await readUpload(file))
    } catch {
      problem.value = t('files.errors.unreadable', { name: file.name })
    } finally {
      pending = pending.filter((p) => p !== mark)
      reading.value--
    }
  }

  function remove(index: number): void {
    files().splice(index, 1)
    problem.value = ''
  }

  function reset(): void {
    problem.value = ''
  }

  return { problem, reading, add, remove, reset }
}
