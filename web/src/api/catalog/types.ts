// The four lists (四单) as the server sends them; enum values are the Chinese words of
// docs/formats.md.

export interface Unit {
  code: string
  name: string
  level: string
  kind: string
  supervisor: string
  children: Unit[]
}

export const POWER_CATEGORIES = [
  '行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励',
  '行政裁决', '其他', '人事', '财务', '物资采购', '工程项目', '三重一大',
] as const
export const POWER_STATUSES = ['在用', '取消', '下放', '合并', '调整'] as const
export const DISCLOSURES = ['公开', '内部', '涉密'] as const

export interface TimeLimit {
  value: number
  unit: string
}

/** A row of GET /powers. */
export interface PowerSummary {
  code: string
  name: string
  category: string
  scope: string
  unit: string
  unit_name: string
  status: string
  disclosure: string
  version: number
  effective_from: string
  /** as text, e.g. "20工作日" ('' when none); the detail sends it as TimeLimit */
  time_limit: string
  risks: number
  high_risks: number
}

export interface PowerQuery {
  unit?: string
  category?: string
  status?: string
  disclosure?: string
  q?: string
  page?: number
  size?: number
}

export interface FlowNode {
  code: string
  name: string
  kind: string
  post: string
  time_limit: TimeLimit | null
  stage: string
  supervision: string
  collective: boolean
}

export interface FlowEdge {
  from: string
  to: string
  condition: string
}

export interface RiskFactors {
  importance: number
  discretion: number
  frequency: number
  likelihood: number
  harm: number
}

export interface Risk {
  code: string
  name: string
  description?: string
  node?: string
  category: string
  factors: RiskFactors
  level: string
  approved_on?: string | null
  approval_record?: string
  next_review?: string | null
}

export interface Control {
  code: string
  risk: string
  measure: string
  types: string[]
  post?: string
  supervision?: string
  rule?: string
}

export interface Benchmark {
  item?: string
  grade: string
  conditions?: string
  lower: number
  upper: number
  unit?: string
}

export interface StatusChange {
  date: string
  status: string
  reason: string
  target?: string
  document?: string
}

export interface PowerVersionInfo {
  version: number
  effective_from: string
  seq?: number
}

/** GET /powers/{code}: the version in force in full, its status history and versions. */
export interface PowerDetail {
  code: string
  name: string
  category: string
  unit: string
  unit_name?: string
  handling_unit?: string
  held_at?: string
  held_by_post?: string
  legal_basis: string[]
  content?: string
  fees?: string
  time_limit: TimeLimit | null
  disclosure: string
  effective_from: string
  status?: string
  version?: number
  flow?: { nodes: FlowNode[]; edges: FlowEdge[] } | null
  risks?: Risk[]
  controls?: Control[]
  benchmarks?: Benchmark[]
  status_history?: StatusChange[]
  versions?: PowerVersionInfo[]
}

/** One problem of an import report (docs/api.md names the severity `level`; the CLI's
 * JSON names it `severity`: both are read). */
export interface ImportProblem {
  level?: string
  severity?: string
  file: string
  sheet?: string
  row?: number
  column?: string
  field?: string
  message: string
}

export interface ImportReport {
  dry_run: boolean
  applied: boolean
  entries: number
  first_seq?: number
  last_seq?: number
  errors?: number
  warnings?: number
  problems: ImportProblem[]
}

export type ImportFormat = 'xlsx' | 'json'

/** A post a person holds today (GET /persons). */
export interface PersonPost {
  post: string
  post_name: string
  unit: string
  unit_name: string
  /** a leadership post (领导岗位) */
  leadership: boolean
  /** the unit's head (一把手) */
  head: boolean
}

/** A person holding at least one post today in a unit of the listing. */
export interface Person {
  code: string
  name: string
  posts: PersonPost[]
}

export interface PersonList {
  items: Person[]
  total: number
}
