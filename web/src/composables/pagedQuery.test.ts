import { describe, expect, it } from 'vitest'
import { queryFromState, sameQuery, stateFromQuery } from './pagedQuery'

const defaults = { unit: '', level: '', state: 'open' }

describe('stateFromQuery', () => {
  it('reads filters, page and size from the query', () => {
    const s = stateFromQuery({ unit: 'YX-SCJ', level: '红牌', page: '3', size: '50' }, defaults)
    expect(s).toEqual({ filters: { unit: 'YX-SCJ', level: '红牌', state: 'open' }, page: 3, size: 50 })
  })

  it('uses defaults for missing and bad values', () => {
    const s = stateFromQuery({ page: '-1', size: 'x', other: 'ignored' }, defaults)
    expect(s).toEqual({ filters: { unit: '', level: '', state: 'open' }, page: 1, size: 20 })
    expect(stateFromQuery({ page: '0' }, defaults).page).toBe(1)
  })

  it('keeps an explicitly cleared filter that has a default', () => {
    expect(stateFromQuery({ state: '' }, defaults).filters.state).toBe('')
  })

  it('clamps the size to the server maximum', () => {
    expect(stateFromQuery({ size: '1000' }, defaults).size).toBe(200)
  })

  it('takes the first of repeated values', () => {
    expect(stateFromQuery({ unit: ['A', 'B'] }, defaults).filters.unit).toBe('A')
  })
})

describe('queryFromState', () => {
  it('writes only what differs from the defaults', () => {
    const q = queryFromState({ filters: { unit: 'YX', level: '', state: 'open' }, page: 1, size: 20 }, defaults)
    expect(q).toEqual({ unit: 'YX' })
  })

  it('writes page, size and cleared defaults', () => {
    const q = queryFromState({ filters: { unit: '', level: '黄牌', state: '' }, page: 4, size: 100 }, defaults)
    expect(q).toEqual({ level: '黄牌', state: '', page: '4', size: '100' })
  })

  it('keeps keys that are not the list’s and trims values', () => {
    const q = queryFromState({ filters: { unit: ' YX ', level: '', state: 'open' }, page: 1, size: 20 }, defaults, 20,
      { seq: '7', unit: 'OLD', page: '9' })
    expect(q).toEqual({ seq: '7', unit: 'YX' })
  })

  it('round-trips through the query', () => {
    const state = { filters: { unit: 'YX-SCJ', level: '红牌', state: 'closed' }, page: 2, size: 50 }
    const q = queryFromState(state, defaults) as Record<string, string>
    expect(stateFromQuery(q, defaults)).toEqual(state)
  })
})

describe('sameQuery', () => {
  it('ignores key order only', () => {
    expect(sameQuery({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true)
    expect(sameQuery({ a: '1' }, { a: '2' })).toBe(false)
    expect(sameQuery({ a: '1' }, { a: '1', b: '' })).toBe(false)
  })
})
