import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as session from '@/api/session'
import type { Account } from '@/api/session'
import { isApiError } from '@/api/http'

/** Who is logged in, and the CSRF token the HTTP wrapper sends on state-changing requests. */
export const useAuthStore = defineStore('auth', () => {
  const account = ref<Account | null>(null)
  const csrf = ref('')
  /** whether the session has been asked for since the page loaded */
  const checked = ref(false)

  const loggedIn = computed(() => account.value !== null)
  const role = computed(() => account.value?.role ?? null)

  function set(info: session.SessionInfo): void {
    account.value = info.account
    csrf.value = info.csrf
    checked.value = true
  }

  function clear(): void {
    account.value = null
    csrf.value = ''
  }

  async function login(login: string, password: string): Promise<void> {
    set(await session.login({ login, password }))
  }

  /** Asks the server once for the current session (a cookie may outlive the page). */
  async function ensureChecked(): Promise<void> {
    if (checked.value) return
    try {
      set(await session.currentSession())
    } catch (e) {
      if (!isApiError(e) || e.status !== 401) throw e
      clear()
    } finally {
      checked.value = true
    }
  }

  async function logout(): Promise<void> {
    try {
      await session.logout()
    } finally {
      clear()
    }
  }

  return { account, csrf, checked, loggedIn, role, set, clear, login, ensureChecked, logout }
})
