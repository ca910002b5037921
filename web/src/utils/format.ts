// Formatting for display. Times are shown in China Standard Time (Asia/Shanghai) whatever the
// browser's zone: a deadline or a late record means the same to every user.

export const TIME_ZONE = 'Asia/Shanghai'
export const EMPTY = '—'

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parts(date: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of dateTimeFormat.formatToParts(date)) out[p.type] = p.value
  return out
}

function parse(value: string | null | undefined): Date | null {
  if (!value) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** "2026-11-23 09:30:00" in Beijing time; EMPTY for a missing or unreadable value. */
export function formatDateTime(value: string | null | undefined, withSeconds = false): string {
  const d = parse(value)
  if (!d) return value ? value : EMPTY
  const p = parts(d)
  const time = `${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`
  return `${p.year}-${p.month}-${p.day} ${time}`
}

/** "2026-11-23": a date as is; an instant as its Beijing date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const d = parse(value)
  if (!d) return value
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day}`
}

/**
 * A due time as people say it: an instant at Beijing midnight is the end of the day before
 * ("2026-12-01 24:00", as the server's messages write it); any other as formatDateTime.
 */
export function formatDeadline(value: string | null | undefined): string {
  const d = parse(value)
  if (!d) return value ? value : EMPTY
  const p = parts(d)
  if (p.hour === '00' && p.minute === '00' && p.second === '00') {
    return `${formatDate(new Date(d.getTime() - 1000).toISOString())} 24:00`
  }
  return formatDateTime(value)
}

/** Today's date in Beijing, YYYY-MM-DD (deadlines are dates there). */
export function chinaToday(now: Date = new Date()): string {
  return formatDate(now.toISOString())
}

/** Whether `value` is a real calendar date written YYYY-MM-DD ("2026-02-30" is not). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** The date `days` after a YYYY-MM-DD date (before it when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The first and last day of a month "YYYY-MM" as YYYY-MM-DD. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) return null
  const year = Number(m[1])
  const mon = Number(m[2])
  if (mon < 1 || mon > 12) return null
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

export const BACKDATING_HOURS = 24

/** An event recorded more than `hours` after it occurred (the backdating rule: exactly 24 h
 * is not late). */
export function isLateRecorded(occurred: string, recorded: string, hours = BACKDATING_HOURS): boolean {
  const o = parse(occurred)
  const r = parse(recorded)
  if (!o || !r) return false
  return r.getTime() - o.getTime() > hours * 3600_000
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** Element Plus tag colour of a warning level: 提醒 blue-grey, 黄牌 yellow, 红牌 red. */
export function levelTagType(level: string): TagType {
  switch (level) {
    case '红牌':
    case 'red':
      return 'danger'
    case '黄牌':
    case 'yellow':
      return 'warning'
    case '提醒':
    case 'notice':
      return 'info'
    default:
      return 'primary'
  }
}

/** Tag colour of a warning's status: waiting on the unit, on the supervisor, disposed, closed. */
export function warningStatusTagType(status: string): TagType {
  switch (status) {
    case '待处置': return 'danger'
    case '待审核': return 'warning'
    case '已处置': return 'primary'
    case '办结': return 'success'
    default: return 'info'
  }
}

/** Tag colour of a risk level 高 / 中 / 低. */
export function riskTagType(level: string): TagType {
  return level === '高' ? 'danger' : level === '中' ? 'warning' : level === '低' ? 'success' : 'info'
}

/** Tag colour of a power status: only 在用 and 调整 may be exercised. */
export function powerStatusTagType(status: string): TagType {
  return status === '在用' ? 'success' : status === '调整' ? 'primary' : 'info'
}

/** Tag colour of an assessment grade: 优秀 green, 良好 blue, 合格 yellow, 不合格 red. */
export function gradeTagType(grade: string): TagType {
  switch (grade) {
    case '优秀': return 'success'
    case '良好': return 'primary'
    case '合格': return 'warning'
    case '不合格': return 'danger'
    default: return 'info'
  }
}

/** The chart colours of the three levels, matching the tags. */
export const LEVEL_COLORS = { notice: '#909399', yellow: '#e6a23c', red: '#f56c6c' } as const

/**
 * A time limit: the detail's `{value, unit}`, or the list's text ("20工作日", "" for none),
 * both shown as "20 工作日".
 */
export function formatTimeLimit(limit: { value: number; unit: string } | string | null | undefined): string {
  if (typeof limit === 'string') {
    const text = limit.trim()
    const m = /^(\d+)\s*(\S+)$/.exec(text)
    return m ? `${m[1]} ${m[2]}` : text || EMPTY
  }
  return limit ? `${limit.value} ${limit.unit}` : EMPTY
}

/** 0.934 → "93.4%" */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return EMPTY
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`
}
