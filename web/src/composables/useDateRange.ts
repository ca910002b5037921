import { computed, type WritableComputedRef } from 'vue'

/** A [from, to] pair for el-date-picker type="daterange" over two string filters. */
export function useDateRange<F extends Record<string, string>>(filters: F, fromKey: keyof F & string,
  toKey: keyof F & string): WritableComputedRef<[string, string] | null> {
  return computed({
    get: (): [string, string] | null => {
      const from = filters[fromKey] ?? ''
      const to = filters[toKey] ?? ''
      return from || to ? [from, to] : null
    },
    set: (v: [string, string] | null) => {
      const f = filters as Record<string, string>
      f[fromKey] = v?.[0] ?? ''
      f[toKey] = v?.[1] ?? ''
    },
  })
}
