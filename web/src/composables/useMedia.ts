import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Whether a CSS media query matches now, kept current (false where there is no window). */
export function useMedia(query: string): Ref<boolean> {
  const matches = ref(false)
  if (typeof window === 'undefined' || !window.matchMedia) return matches
  const list = window.matchMedia(query)
  matches.value = list.matches
  const onChange = (e: MediaQueryListEvent): void => { matches.value = e.matches }
  list.addEventListener('change', onChange)
  onBeforeUnmount(() => list.removeEventListener('change', onChange))
  return matches
}

/** The portal's phone-sized layout. */
export const NARROW = '(max-width: 640px)'
