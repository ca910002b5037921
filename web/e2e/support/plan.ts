// Finds, through the API, a case the browser test can handle from start to end: a power of the
// demo handler's unit whose first step is his, whose flow has a collective-decision step
// (集体决策), and whose branches depend on the amount only. The demo's assignments (who holds
// which post) are not in the API, so the plan replays a closed demo case of that power that went
// through the collective step without a deviation: its amount takes the same branches, and the
// person who took each step then holds the post now. Each of those persons gets a handler
// account (made by the admin) so the test can log in as them.
import { Api, ApiFailure, type ApiAccount } from './api'
import { DEMO, demoPassword } from './env'

interface FlowNode {
  code: string
  name: string
  kind: string
  post: string
  collective: boolean
}

interface PowerDetail {
  code: string
  name: string
  unit: string
  status?: string
  flow?: { nodes: FlowNode[]; edges: { from: string; to: string; condition: string }[] } | null
}

interface CaseRow {
  case: string
  deviations: number
}

interface CaseEvent {
  type: string
  node?: string
  actor?: string
  amount?: number
}

export interface PlannedStep {
  node: string
  name: string
  /** the person who takes it, and the account that acts as them */
  person: string
  login: string
  /** the collective-decision step: the test records it without a meeting record */
  collective: boolean
}

export interface CasePlan {
  power: string
  powerName: string
  unit: string
  amount: number | undefined
  /** the demo case the plan replays */
  model: string
  steps: PlannedStep[]
}

/** A branch that depends on the amount alone (or none): the replayed amount takes it again. */
function amountOnly(condition: string): boolean {
  return !condition.trim() || /^amount\s*(>=|<=|>|<|==|!=)\s*\d+(\.\d+)?$/.test(condition.trim())
}

function stepsOf(events: CaseEvent[]): { node: string; person: string }[] {
  return events.filter((e) => e.type === 'completed' && e.node && e.actor)
    .map((e) => ({ node: e.node ?? '', person: e.actor ?? '' }))
}

async function modelCase(admin: Api, power: PowerDetail, person: string):
  Promise<{ id: string; events: CaseEvent[] } | null> {
  const nodes = power.flow?.nodes ?? []
  if (!power.flow || !power.flow.edges.every((e) => amountOnly(e.condition))) return null
  const collective = new Set(nodes.filter((n) => n.collective).map((n) => n.code))
  if (!collective.size) return null
  const closed = await admin.get<{ items: CaseRow[] }>('/cases', { power: power.code, state: 'closed', size: 50 })
  for (const row of closed.items) {
    if (row.deviations) continue
    const detail = await admin.get<{ events: CaseEvent[] }>(`/cases/${encodeURIComponent(row.case)}`)
    const steps = stepsOf(detail.events)
    if (steps[0]?.person === person && steps.some((s) => collective.has(s.node))) {
      return { id: row.case, events: detail.events }
    }
  }
  return null
}

/** An account acting as `person` within `unit`: an existing handler or leader, else a new handler. */
async function accountFor(admin: Api, accounts: ApiAccount[], person: string, unit: string): Promise<string> {
  const existing = accounts.find((a) => a.person === person && (a.role === 'handler' || a.role === 'leader'))
  if (existing) return existing.login
  const login = `e2e-${person.toLowerCase()}`
  const account = { login, name: `测试经办人 ${person}`, role: 'handler', units: [unit], person, password: demoPassword() }
  try {
    await admin.send('POST', '/accounts', account)
  } catch (e) {
    // Left by an earlier run against the same database: make it what this run expects.
    if (!(e instanceof ApiFailure) || e.status !== 409) throw e
    await admin.send('PUT', `/accounts/${login}`, account)
  }
  return login
}

export async function planCase(): Promise<CasePlan> {
  const handler = await Api.login(DEMO.handler)
  const admin = await Api.login(DEMO.admin)
  try {
    const person = handler.account.person
    const powers = await handler.get<{ items: { code: string; status: string }[] }>('/powers', { size: 200 })
    for (const { code, status } of powers.items) {
      if (status !== '在用') continue
      const power = await handler.get<PowerDetail>(`/powers/${encodeURIComponent(code)}`)
      const model = await modelCase(admin, power, person)
      if (!model) continue
      const accounts = (await admin.get<ApiAccount[] | { items: ApiAccount[] }>('/accounts'))
      const list = Array.isArray(accounts) ? accounts : accounts.items
      const names = new Map((power.flow?.nodes ?? []).map((n) => [n.code, n]))
      const steps: PlannedStep[] = []
      for (const s of stepsOf(model.events)) {
        steps.push({
          node: s.node,
          name: names.get(s.node)?.name ?? s.node,
          person: s.person,
          login: s.person === person ? DEMO.handler : await accountFor(admin, list, s.person, power.unit),
          collective: names.get(s.node)?.collective ?? false,
        })
      }
      const amount = model.events.find((e) => e.type === 'opened')?.amount
      return { power: power.code, powerName: power.name, unit: power.unit, amount, model: model.id, steps }
    }
    throw new Error(`no power of ${DEMO.handler}'s units has a closed demo case through a collective step ` +
      'whose first step he took: is the database the demo county (daylight demo)?')
  } finally {
    await handler.dispose()
    await admin.dispose()
  }
}
