import { describe, expect, it } from 'vitest'
import { normalizePaged, seg } from './common'

describe('normalizePaged', () => {
  it('keeps a paged answer', () => {
    expect(normalizePaged({ items: [1, 2], total: 40, page: 2, size: 2 })).toEqual({ items: [1, 2], total: 40, page: 2, size: 2 })
  })
  it('wraps a plain array', () => {
    expect(normalizePaged(['a', 'b'], 1, 20)).toEqual({ items: ['a', 'b'], total: 2, page: 1, size: 20 })
  })
  it('turns nothing into an empty page', () => {
    expect(normalizePaged<number>(null, 3, 50)).toEqual({ items: [], total: 0, page: 3, size: 50 })
  })
  it('escapes path segments', () => {
    expect(seg('XK/001 a')).toBe('XK%2F001%20a')
  })
})
