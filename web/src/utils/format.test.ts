import { describe, expect, it } from 'vitest'
import {
  addDays, EMPTY, formatDate, gradeTagType, isIsoDate, formatDateTime, formatPercent, formatTimeLimit, isLateRecorded, levelTagType, monthRange,
  powerStatusTagType, riskTagType,
} from './format'

describe('dates in Asia/Shanghai', () => {
  it('shows an instant in Beijing time whatever its offset', () => {
    expect(formatDateTime('2026-11-23T01:30:00Z')).toBe('2026-11-23 09:30')
    expect(formatDateTime('2026-11-23T09:30:00+08:00')).toBe('2026-11-23 09:30')
    expect(formatDateTime('2026-11-23T09:30:05+08:00', true)).toBe('2026-11-23 09:30:05')
  })

  it('crosses the date line into the next Beijing day', () => {
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30')
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01')
  })

  it('uses a 24-hour clock', () => {
    expect(formatDateTime('2026-03-02T10:00:00Z')).toBe('2026-03-02 18:00')
  })

  it('keeps plain dates and shows missing values as a dash', () => {
    expect(formatDate('2026-01-10')).toBe('2026-01-10')
    expect(formatDate(null)).toBe(EMPTY)
    expect(formatDateTime(undefined)).toBe(EMPTY)
    expect(formatDateTime('not a time')).toBe('not a time')
  })

  it('gives the days of a month', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(monthRange('2026-13')).toBeNull()
  })
})

describe('late recording (backdating: more than 24 h)', () => {
  it('is not late at exactly 24 hours', () => {
    expect(isLateRecorded('2026-03-02T09:00:00+08:00', '2026-03-03T09:00:00+08:00')).toBe(false)
  })
  it('is late one second after', () => {
    expect(isLateRecorded('2026-03-02T09:00:00+08:00', '2026-03-03T09:00:01+08:00')).toBe(true)
  })
  it('compares instants across offsets', () => {
    expect(isLateRecorded('2026-03-02T09:00:00+08:00', '2026-03-03T02:00:00Z')).toBe(true)
    expect(isLateRecorded('2026-03-02T09:00:00+08:00', '2026-03-02T09:00:00+08:00')).toBe(false)
  })
})

describe('tag colours', () => {
  it('maps warning levels', () => {
    expect(levelTagType('提醒')).toBe('info')
    expect(levelTagType('黄牌')).toBe('warning')
    expect(levelTagType('红牌')).toBe('danger')
    expect(levelTagType('red')).toBe('danger')
    expect(levelTagType('其他')).toBe('primary')
  })
  it('maps risk levels and power status', () => {
    expect(riskTagType('高')).toBe('danger')
    expect(riskTagType('中')).toBe('warning')
    expect(riskTagType('低')).toBe('success')
    expect(powerStatusTagType('在用')).toBe('success')
    expect(powerStatusTagType('取消')).toBe('info')
  })
})

describe('numbers', () => {
  it('formats rates and time limits', () => {
    expect(formatPercent(0.934)).toBe('93.4%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(null)).toBe(EMPTY)
    expect(formatTimeLimit({ value: 20, unit: '工作日' })).toBe('20 工作日')
    expect(formatTimeLimit(null)).toBe(EMPTY)
    // GET /powers sends the limit as text
    expect(formatTimeLimit('90自然日')).toBe('90 自然日')
    expect(formatTimeLimit('4小时')).toBe('4 小时')
    expect(formatTimeLimit('')).toBe(EMPTY)
  })
})

describe('dates typed in forms and grades', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2026-2-1')).toBe(false)
    expect(isIsoDate('')).toBe(false)
  })
  it('counts days across months and leap years', () => {
    expect(addDays('2026-11-24', 366)).toBe('2027-11-25')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
  })
  it('colours the grades', () => {
    expect(['优秀', '良好', '合格', '不合格', ''].map(gradeTagType)).toEqual(['success', 'primary', 'warning', 'danger', 'info'])
  })
})
