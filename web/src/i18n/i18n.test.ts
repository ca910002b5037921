import { afterEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import { ROLES } from '@/api/session/types'
import { STEP_ACTIONS, USER_STEP_ACTIONS, WARNING_RULES } from '@/api/warnings/types'
import { SOURCE_FILTERS } from '@/composables/warningView'
import { LEVEL_KEYS } from '@/composables/dashboard'
import { FACT_KINDS } from '@/api/assessment'
import { EXCEPTION_KINDS } from '@/api/exceptions'
import { CHANGE_PERIODS } from '@/api/reviews'
import { COMPLAINT_KINDS } from '@/api/portal'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

const zh = flatten(zhCN as Tree)
const enFlat = flatten(en as Tree)

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()
}

describe('i18n completeness', () => {
  it('every zh-CN key exists in en', () => {
    expect([...zh.keys()].filter((k) => !enFlat.has(k))).toEqual([])
  })

  it('every en key exists in zh-CN', () => {
    expect([...enFlat.keys()].filter((k) => !zh.has(k))).toEqual([])
  })

  it('no message is empty and both locales use the same placeholders', () => {
    for (const [key, message] of zh) {
      const other = enFlat.get(key) ?? ''
      expect(message.trim(), key).not.toBe('')
      expect(other.trim(), key).not.toBe('')
      expect(placeholders(other), key).toEqual(placeholders(message))
    }
  })

  it('the keys built at run time exist', () => {
    const needed = [
      ...ROLES.map((r) => `roles.${r}`),
      ...LEVEL_KEYS.map((l) => `levels.${l}`),
      ...WARNING_RULES.map((r) => `rules.${r}`),
      ...['opened', 'started', 'completed', 'suspended', 'resumed', 'closed'].map((e) => `events.${e}`),
      ...['step', 'decision', 'suspend', 'resume', 'close'].map((k) => `action.kinds.${k}`),
      ...STEP_ACTIONS.map((a) => `disposal.actions.${a}`),
      ...USER_STEP_ACTIONS.flatMap((a) => [`disposal.actionHints.${a}`, `disposal.textLabel.${a}`,
        `disposal.textHint.${a}`, `disposal.errors.text.${a}`]),
      ...SOURCE_FILTERS.map((s) => `warnings.sources.${s}`),
      'disposal.system',
      ...['invalid_argument', 'unauthenticated', 'permission_denied', 'not_found', 'conflict', 'payload_too_large',
        'resource_exhausted', 'corrupt', 'internal', 'network', 'http'].map((c) => `errors.codes.${c}`),
      'locales.zh-CN', 'locales.en', 'import.severity.error', 'import.severity.warning',
      ...[1, 2, 3, 4].map((q) => `assessment.quarterNames.${q}`),
      'assessment.periods.quarter', 'assessment.periods.half1', 'assessment.periods.half2', 'assessment.periods.year',
      ...FACT_KINDS.map((k) => `assessment.factKinds.${k}`),
      ...EXCEPTION_KINDS.flatMap((k) => [`exceptions.kinds.${k}`, `exceptions.kindHints.${k}`]),
      ...CHANGE_PERIODS.map((b) => `reviews.byOptions.${b}`),
      ...COMPLAINT_KINDS.flatMap((k) => [`portal.report.kinds.${k}`, `portal.report.kindHints.${k}`]),
      ...[1, 2, 3, 4, 5].map((n) => `portal.rating.scores.${n}`),
    ]
    expect(needed.filter((k) => !zh.has(k))).toEqual([])
  })
})

describe('keys used in the source', () => {
  const sources = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts', '!../i18n/*.ts'],
    { query: '?raw', import: 'default', eager: true }) as Record<string, string>

  it('finds the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30)
  })

  it('every literal key passed to t() exists in zh-CN', () => {
    const missing: string[] = []
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/(?<![\w.])\$?t\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) {
        const key = m[1] ?? ''
        if (!zh.has(key)) missing.push(`${file}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('every i18n key named in menus, routes and forms exists', () => {
    const missing: string[] = []
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/(?:label|title|error|key): '([a-z]+(?:\.[\w-]+)+)'/g)) {
        const key = m[1] ?? ''
        if (!zh.has(key)) missing.push(`${file}: ${key}`)
      }
      for (const m of text.matchAll(/'((?:action|system)\.errors\.\w+)'/g)) {
        const key = m[1] ?? ''
        if (!zh.has(key)) missing.push(`${file}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})

describe('messages compile', () => {
  afterEach(() => vi.restoreAllMocks())

  it('every message of both locales renders without a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
    const params = { n: 1, seconds: 2, status: 502, id: 'C1', name: 'x', login: 'x', seq: 3, v: 1, date: '2026-01-01',
      errors: 1, warnings: 0, entries: 5, checkpoints: 2, from: 1, to: 2, mb: 10, action: '作出处置', level: '黄牌',
      days: 90, measure: '督促整改', year: 2026, q: '三', period: '2026年第三季度', max: 15, kind: '检查', overdue: 2,
      high: 1, reason: '没有这个地址', time: '2026-01-05 09:30', unit: '云溪县民政局' }
    for (const locale of ['zh-CN', 'en'] as const) {
      i18n.global.locale.value = locale
      for (const key of zh.keys()) {
        const text = i18n.global.t(key, params)
        expect(text, `${locale} ${key}`).not.toBe(key)
        expect(text, `${locale} ${key}`).not.toMatch(/\{\w+\}/)
      }
    }
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    i18n.global.locale.value = 'zh-CN'
    expect(i18n.global.t('rules.flow-deviation')).toBe('偏离流程')
    expect(i18n.global.t('locales.zh-CN')).toBe('简体中文')
  })
})
