import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getPublicPower, listPublicPowers, listPublicUnits, type PublicUnit } from '@/api/portal'

/**
 * What several pages of the public portal share, loaded once: the units with public powers (the
 * search filter, the complaint form, the statistics) and the supervision phone (the footer; the
 * API gives it with each power).
 */
export const usePortalStore = defineStore('portal', () => {
  const units = ref<PublicUnit[]>([])
  const phone = ref('')
  let pendingUnits: Promise<PublicUnit[]> | null = null
  let pendingPhone: Promise<void> | null = null

  /** The units (again from the server with `force`); a failure is thrown and the next call retries. */
  function loadUnits(force = false): Promise<PublicUnit[]> {
    if (pendingUnits && !force) return pendingUnits
    pendingUnits = listPublicUnits()
      .then((items) => {
        units.value = items
        return items
      })
      .catch((e: unknown) => {
        pendingUnits = null
        throw e
      })
    return pendingUnits
  }

  function notePhone(value: string | undefined): void {
    if (value) phone.value = value
  }

  /** The supervision phone, from the first public power ('' while there is none). */
  function loadPhone(): Promise<void> {
    if (phone.value) return Promise.resolve()
    pendingPhone ??= (async () => {
      const first = (await listPublicPowers({ page: 1, size: 1 })).items[0]
      if (first) notePhone((await getPublicPower(first.code)).supervision_phone)
    })().catch(() => {
      pendingPhone = null
    })
    return pendingPhone
  }

  function unitName(code: string): string {
    return units.value.find((u) => u.unit === code)?.unit_name ?? code
  }

  return { units, phone, loadUnits, notePhone, loadPhone, unitName }
})
