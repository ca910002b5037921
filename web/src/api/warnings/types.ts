// Warnings (预警) and their disposal (预警处置), as the server sends them; enum values are the
// Chinese words of the API (src/oversight/lifecycle.h, src/oversight/manual.h).

export const WARNING_LEVELS = ['提醒', '黄牌', '红牌'] as const
export type WarningLevel = (typeof WARNING_LEVELS)[number]

/** A warning's life: the unit answers 待处置, the supervisor reviews 待审核, … */
export const WARNING_STATUSES = ['待处置', '待审核', '已处置', '办结'] as const
export type WarningStatus = (typeof WARNING_STATUSES)[number]
export const CLOSED_STATUS: WarningStatus = '办结'

/** Where a hand-entered warning comes from (its rule is `manual`, its rule_name the source). */
export const WARNING_SOURCES = ['巡视巡察', '审计', '干部考察', '述职述廉', '信访举报', '舆论监督', '案件分析'] as const
export type WarningSource = (typeof WARNING_SOURCES)[number]
export const MANUAL_RULE = 'manual'

/** 处置方式 the supervisor may decide. */
export const DISPOSAL_MEASURES = ['风险提示', '诫勉谈话', '责令纠错', '督促整改', '通报', '移送审查'] as const
export type DisposalMeasure = (typeof DISPOSAL_MEASURES)[number]
/** The measures that leave the unit work to do by a date: the step must give a deadline. */
export const DEADLINE_MEASURES: readonly DisposalMeasure[] = ['责令纠错', '督促整改']
/** The `measure` of a warning dismissed (不予处置). */
export const DISMISSED_MEASURE = '不予处置'

/** 两责: the unit's duty and the supervisor's. */
export const DUTY_KINDS = ['主体责任', '监督责任'] as const
export type DutyKind = (typeof DUTY_KINDS)[number]
export const PRINCIPAL_DUTY: DutyKind = '主体责任'
export const SUPERVISORY_DUTY: DutyKind = '监督责任'

/** The steps of a warning's life; `escalate` is taken by the system when a due time passes. */
export const STEP_ACTIONS = ['explain', 'rectify', 'return', 'dispose', 'dismiss', 'close', 'reopen', 'escalate'] as const
export type StepAction = (typeof STEP_ACTIONS)[number]
/** The steps a person may take (POST /warnings/{seq}/steps). */
export type UserStepAction = Exclude<StepAction, 'escalate'>
export const USER_STEP_ACTIONS: readonly UserStepAction[] = ['explain', 'rectify', 'return', 'dispose', 'dismiss', 'close', 'reopen']

/** docs/api.md `Warning`; a case's own warnings leave out the disposal fields. */
export interface Warning {
  seq: number
  rule: string
  rule_name: string
  level: string
  /** the level it was raised at (escalation raises `level`) */
  base_level?: string
  message: string
  case?: string
  power?: string
  unit?: string
  unit_name?: string
  supervisor?: string
  supervisor_name?: string
  person?: string
  person_name?: string
  raised: string
  status: string
  /** the source of a hand-entered warning ('' for the rules') */
  source?: string
  /** RFC 3339 due time of the current stage ('' when 办结) */
  due?: string
  /** times escalated for missing a due time */
  escalations?: number
  /** the disposal measure, or 不予处置 ('' before) */
  measure?: string
  updated?: string
  evidence: number[]
}

/** A ledger entry in full (docs/formats.md 留痕记录). */
export interface LedgerEntry {
  seq: number
  kind: string
  subject: string
  actor: string
  time: string
  payload: unknown
  leaf_hash?: string
}

/** A file of a warning or a step, as the ledger describes it (the bytes: attachmentUrl). */
export interface Attachment {
  name: string
  type: string
  size: number
  sha256: string
}

/** Who took a step or entered a warning; role "system" for an escalation. */
export interface StepActor {
  login: string
  name: string
  person: string
  role: string
}

/** A person held to account in a disposal. */
export interface Duty {
  kind: string
  person: string
  unit: string
  role: string
  measure: string
}

/** A step of a warning's history (oldest first). */
export interface WarningStep {
  seq: number
  time: string
  action: string
  action_name?: string
  from: string
  to: string
  by: StepActor
  text: string
  attachments?: Attachment[]
  /** YYYY-MM-DD, for 责令纠错 / 督促整改 */
  deadline?: string
  measure?: string
  duties?: Duty[]
  /** where the warning stood after the step */
  level?: string
  supervisor?: string
  due?: string
  escalations?: number
}

/** A person the server proposes to hold to account (the unit's leaders, the supervisor's head). */
export interface DutyCandidate {
  kind: string
  person: string
  name: string
  unit: string
  unit_name: string
  role: string
}

/** Raised red because it was the n-th yellow card of the unit and rule within `days` days. */
export interface Promotion {
  from: string
  count: number
  days: number
}

/** The deadline an overdue rule found missed. */
export interface RuleDeadline {
  due?: string
  node?: string
  since?: string
  stage?: string
}

export interface WarningLinks {
  cases?: string[]
  persons?: string[]
  powers?: string[]
}

/** The complaint or report (信访举报, from the public portal) a warning was raised from; no contact. */
export interface WarningComplaint {
  id: number | string
  kind: string
  kind_name: string
  unit: string
  power: string | null
  case: string | null
  person_name: string | null
  text: string
  filed: string
  anonymous: boolean
  additions: { text: string; at: string }[]
}

/** A complainant's contact (GET /complaints/{id}/contact: the read is recorded). */
export interface ComplainantContact {
  name: string
  phone: string
  email: string
}

export interface WarningDetail extends Warning {
  evidence_entries: LedgerEntry[]
  links?: WarningLinks
  attachments?: Attachment[]
  entered_by?: StepActor
  promoted?: Promotion
  /** exception-lapsed: the id of the exception whose end raised it */
  exception?: number
  deadline?: RuleDeadline
  steps?: WarningStep[]
  /** the steps the signed-in account may take now */
  allowed?: string[]
  duty_candidates?: DutyCandidate[]
  /** a warning raised from a complaint of the public portal */
  complaint?: WarningComplaint
}

export interface WarningQuery {
  unit?: string
  level?: string
  rule?: string
  case?: string
  status?: string
  person?: string
  supervisor?: string
  /** 'true': only those past their due time */
  overdue?: string
  /** 'rule' | 'manual' (see warningListQuery) */
  source?: string
  from?: string
  to?: string
  page?: number
  size?: number
}

/** A file sent with a request: its bytes in base64. */
export interface UploadFile {
  name: string
  type: string
  data: string
}

/** POST /warnings/{seq}/steps */
export interface WarningStepRequest {
  action: UserStepAction
  text: string
  /** YYYY-MM-DD */
  deadline?: string
  measure?: string
  duties?: Duty[]
  files?: UploadFile[]
}

/** POST /warnings (inspectors only). */
export interface ManualWarningRequest {
  source: string
  level: string
  unit: string
  person?: string
  message: string
  cases?: string[]
  persons?: string[]
  powers?: string[]
  files?: UploadFile[]
}

/** A row of GET /duties (两责档案). */
export interface DutyRecord {
  /** the ledger entry of the disposal that recorded it */
  seq: number
  warning: number
  kind: string
  person: string
  person_name: string
  unit: string
  unit_name: string
  role: string
  measure: string
  time: string
  warning_unit: string
  warning_unit_name: string
  level: string
  rule_name: string
  message: string
  /** the disposal measure of the warning */
  disposal: string
}

export interface DutyQuery {
  person?: string
  /** the unit whose duty it is */
  unit?: string
  /** the warnings' unit (with its subunits) */
  warning_unit?: string
  page?: number
  size?: number
}

/**
 * What a rule judges (src/monitor/rules.h RuleKind): an event of a case, the cases of a window of
 * time, a deadline, or the organisation and the lists themselves (posts held, risks reviewed).
 */
export type RuleKind = 'event' | 'window' | 'deadline' | 'catalog'

/** The built-in monitor rules (docs/rules.md, kBuiltinRules) and what each judges; users may add their own ("lua:…"). */
export const RULE_KINDS = {
  'flow-deviation': 'event', 'actor-post': 'event', 'power-not-in-force': 'event', 'sod-pair': 'event',
  'sod-applicant': 'event', 'sod-static': 'catalog', recusal: 'event', 'head-direct': 'event',
  'collective-missing': 'event', 'collective-quorum': 'event', 'collective-last-speaker': 'event',
  discretion: 'event', backdating: 'event', splitting: 'window', concentration: 'window',
  'overdue-step': 'deadline', 'overdue-case': 'deadline', rotation: 'catalog', 'review-overdue': 'catalog',
} as const satisfies Record<string, RuleKind>
export type BuiltinRule = keyof typeof RULE_KINDS
export const BUILTIN_RULES = Object.keys(RULE_KINDS) as BuiltinRule[]

/** The warning raised when an exception lapses (例外到期, a 提醒): not a monitor rule, the writer's. */
export const EXCEPTION_LAPSED_RULE = 'exception-lapsed'

/** The rules a warning may carry, to filter the list by (hand-entered ones have rule `manual`). */
export const WARNING_RULES: readonly string[] = [...BUILTIN_RULES, EXCEPTION_LAPSED_RULE]

/** The prefix of a custom rule's id (a Lua script, docs/rules.md). */
export const CUSTOM_RULE_PREFIX = 'lua:'
