import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listUnits, type Unit } from '@/api/catalog'
import { indexUnits } from '@/utils/units'

/** The unit tree in the account's scope, loaded once and shared by every page. */
export const useUnitsStore = defineStore('units', () => {
  const tree = ref<Unit[]>([])
  const names = ref<Map<string, string>>(new Map())
  const loading = ref(false)
  let pending: Promise<void> | null = null

  function load(force = false): Promise<void> {
    if (pending && !force) return pending
    loading.value = true
    pending = listUnits()
      .then((units) => {
        tree.value = units
        names.value = indexUnits(units)
      })
      .catch((e: unknown) => {
        pending = null
        throw e
      })
      .finally(() => {
        loading.value = false
      })
    return pending
  }

  function nameOf(code: string): string {
    return names.value.get(code) ?? code
  }

  function reset(): void {
    tree.value = []
    names.value = new Map()
    pending = null
  }

  return { tree, names, loading, load, nameOf, reset }
})
