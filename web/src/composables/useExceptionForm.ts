import { reactive, ref, shallowRef, watch } from 'vue'
import { getPower, listPersons, listPowers } from '@/api/catalog'
import { createException, type ExceptionRecord } from '@/api/exceptions'
import { allPages } from '@/api/common'
import { chinaToday } from '@/utils/format'
import { showError } from '@/utils/notify'
import {
  buildExceptionRequest, emptyExceptionForm, ownerChoices, powerChoices, riskChoices, type OwnerChoice,
} from './exceptionForm'
import { useFormSubmit } from './useFormSubmit'

/**
 * The 新增例外 form: the unit's powers and the persons holding its posts are loaded when the unit
 * is chosen, the power's risks when the power is; a refusal (the server's reason) is kept to show
 * in the form.
 */
export function useExceptionForm(onDone: (created: ExceptionRecord) => void) {
  const form = reactive(emptyExceptionForm())
  const sending = useFormSubmit(form)
  const { formError, refusal, busy } = sending
  const powers = shallowRef<{ code: string; name: string }[]>([])
  const risks = shallowRef<{ code: string; name: string; level: string }[]>([])
  const owners = shallowRef<OwnerChoice[]>([])
  const loadingPowers = ref(false)
  const loadingRisks = ref(false)
  const loadingOwners = ref(false)

  watch(() => form.unit, (unit) => {
    form.power = ''
    form.owner = ''
    powers.value = []
    owners.value = []
    if (!unit) return
    void loadPowers(unit)
    void loadOwners(unit)
  })

  async function loadPowers(unit: string): Promise<void> {
    loadingPowers.value = true
    try {
      const all = await allPages((page, size) => listPowers({ unit, page, size }))
      if (form.unit === unit) powers.value = powerChoices(all.items)
    } catch (e) {
      showError(e)
    } finally {
      loadingPowers.value = false
    }
  }

  async function loadOwners(unit: string): Promise<void> {
    loadingOwners.value = true
    try {
      const persons = await listPersons(unit)
      if (form.unit === unit) owners.value = ownerChoices(persons.items)
    } catch (e) {
      showError(e)
    } finally {
      loadingOwners.value = false
    }
  }

  watch(() => form.power, async (code) => {
    form.risk = ''
    risks.value = []
    if (!code) return
    loadingRisks.value = true
    try {
      const detail = await getPower(code)
      if (form.power === code) risks.value = riskChoices(detail)
    } catch (e) {
      showError(e)
    } finally {
      loadingRisks.value = false
    }
  })

  function reset(): void {
    Object.assign(form, emptyExceptionForm())
    sending.clear()
  }

  function submit(): Promise<boolean> {
    return sending.submit(() => buildExceptionRequest(form, chinaToday()), createException, onDone)
  }

  return {
    form, formError, refusal, busy, powers, risks, owners, loadingPowers, loadingRisks, loadingOwners, reset, submit,
  }
}
