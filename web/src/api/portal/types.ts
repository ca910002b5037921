// 阳光公开: what the public portal's API (/api/public/v1, docs/open-data.md) sends and takes. No
// login; nothing here is 内部 or 涉密. Timestamps are RFC 3339, dates YYYY-MM-DD.
import type { TimeLimit } from '../catalog/types'

export type { TimeLimit }

/** A row of GET /powers: a power marked 公开 in its version in force. */
export interface PublicPowerSummary {
  code: string
  name: string
  category: string
  /** 外部 / 内部 (whom the power acts on, not its disclosure) */
  scope: string
  unit: string
  unit_name: string
  time_limit: TimeLimit | null
  fees: string
  status: string
}

export interface PublicPowerQuery {
  unit?: string
  category?: string
  /** a word of the name or the code */
  q?: string
  page?: number
  size?: number
}

export interface PublicFlowNode {
  code: string
  name: string
  kind: string
  time_limit: TimeLimit | null
  collective: boolean
}

export interface PublicBenchmark {
  item: string
  grade: string
  conditions: string
  lower: number
  upper: number
  unit: string
}

/** GET /powers/{code}: the summary with what a citizen needs to apply and to check the handling. */
export interface PublicPower extends PublicPowerSummary {
  legal_basis: string[]
  /** the power's content, the conditions of applying */
  content: string
  handling_unit_name: string
  held_at: string
  effective_from: string
  flow: { nodes: PublicFlowNode[]; edges: { from: string; to: string; condition: string }[] }
  benchmarks: PublicBenchmark[]
  supervision_phone: string
}

/** A unit with public powers, and how it handles its cases (GET /units). */
export interface PublicUnit {
  unit: string
  unit_name: string
  /** public powers */
  powers: number
  cases_closed: number
  /** 0–1; null without closed cases */
  on_time_rate: number | null
  /** mean rating 1–5; null without ratings */
  satisfaction: number | null
  /** how many ratings the mean is of */
  ratings?: number
}

/** A signed checkpoint of the ledger. */
export interface PublicCheckpoint {
  size: number
  /** base64 root hash */
  root: string
  time: string
  /** the signed note, as `daylight-verify` reads it */
  note: string
}

/** GET /challenge: find a `nonce` with SHA-256(token ":" nonce) starting with `bits` zero bits. */
export interface Challenge {
  token: string
  bits: number
}

/** A solved challenge, sent with every public POST that writes. */
export interface Proof {
  token: string
  nonce: string
}

export type TrackStatus = 'open' | 'suspended' | 'closed'

export interface TrackStep {
  name: string
  started: string | null
  completed: string | null
  due: string | null
  late: boolean
}

export interface Rating {
  /** 1–5 */
  score: number
  comment: string
  at: string
}

/** POST /track {code, check}: the applicant's view of their case. */
export interface TrackedCase {
  case: string
  power: string
  power_name: string
  unit: string
  unit_name: string
  status: TrackStatus
  status_name: string
  opened: string
  closed: string | null
  decision: string | null
  /** as text, e.g. "20个工作日" */
  time_limit: string | null
  due: string | null
  late: boolean
  steps: TrackStep[]
  rating: Rating | null
  can_rate: boolean
}

export interface TrackRequest {
  /** the receipt code (受理编号) */
  code: string
  /** the last four digits of the applicant's phone */
  check: string
}

export interface RatingRequest extends TrackRequest {
  score: number
  comment: string
  proof: Proof
}

export const COMPLAINT_KINDS = ['complaint', 'report'] as const
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]

export interface ComplaintContact {
  name: string
  phone: string
  email: string
}

/** POST /complaints: 投诉 or 举报 about a unit (and optionally a power, a case, a person). */
export interface ComplaintRequest {
  kind: ComplaintKind
  unit: string
  power?: string
  case?: string
  person_name?: string
  text: string
  anonymous: boolean
  contact?: ComplaintContact
  proof: Proof
}

/** The answer to a complaint: its tracking code, shown this once. */
export interface ComplaintFiled {
  code: string
  filed: string
}

export type ComplaintStatus = 'received' | 'handling' | 'closed'

export interface ComplaintAddition {
  text: string
  at: string
}

/** POST /complaints/follow {code}: a complaint as its author may see it. */
export interface FollowedComplaint {
  kind: ComplaintKind
  kind_name: string
  unit: string
  unit_name: string
  power: string | null
  case: string | null
  person_name: string | null
  text: string
  filed: string
  status: ComplaintStatus
  status_name: string
  closed: string | null
  additions: ComplaintAddition[]
}
