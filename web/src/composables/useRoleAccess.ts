import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import { canDo, canSee, type Action, type Section } from './access'

/** The logged-in role's permissions, reactive. */
export function useRoleAccess() {
  const { role, account } = storeToRefs(useAuthStore())
  return {
    role,
    /** the account acts as a person (needed to handle cases) */
    hasPerson: computed(() => !!account.value?.person),
    can: (action: Action) => canDo(role.value, action),
    sees: (section: Section) => canSee(role.value, section),
  }
}
