// Handling a planned case (support/plan.ts) through the API, as the browser test of handling does
// through the pages: opened by the demo handler, each step by the person whose post it is (the
// collective one decided without a meeting record, as there), then closed. For tests that need a
// closed case to look at, not to handle.
import { Api } from './api'
import { DEMO } from './env'
import type { CasePlan } from './plan'

export interface OpenedCase {
  case: string
}

/** Opens a case of the plan's power with `opening` added to the body; answers its id. */
export async function openPlannedCase(plan: CasePlan, opening: Record<string, unknown> = {}): Promise<string> {
  const handler = await Api.login(DEMO.handler)
  try {
    const body: Record<string, unknown> = { power: plan.power, applicant: '云溪县测试申请人', ...opening }
    if (plan.amount !== undefined) body.amount = plan.amount
    return (await handler.send<OpenedCase>('POST', '/cases', body)).case
  } finally {
    await handler.dispose()
  }
}

/** Takes every step of the plan on case `id`, each as its person, and closes the case. */
export async function handleToClosed(plan: CasePlan, id: string): Promise<void> {
  const path = `/cases/${encodeURIComponent(id)}`
  const sessions = new Map<string, Api>()
  const as = async (login: string): Promise<Api> => {
    let api = sessions.get(login)
    if (!api) {
      api = await Api.login(login)
      sessions.set(login, api)
    }
    return api
  }
  try {
    for (const step of plan.steps) {
      const api = await as(step.login)
      if (step.collective) await api.send('POST', `${path}/decisions`, { node: step.node, decision: '同意' })
      else await api.send('POST', `${path}/steps`, { node: step.node, start_first: true })
    }
    await (await as(DEMO.handler)).send('POST', `${path}/close`, { decision: '同意' })
  } finally {
    for (const api of sessions.values()) await api.dispose()
  }
}
