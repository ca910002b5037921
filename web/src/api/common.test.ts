import { describe, expect, it } from 'vitest'
import { allPages, MAX_PAGES, normalizePaged, seg } from './common'

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

describe('allPages', () => {
  it('follows the total page by page at the largest size', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => i)
    const asked: string[] = []
    const got = await allPages(async (page, size) => {
      asked.push(`${page}/${size}`)
      return { items: rows.slice((page - 1) * size, page * size), total: rows.length, page, size }
    })
    expect(asked).toEqual(['1/200', '2/200', '3/200'])
    expect(got.items).toEqual(rows)
    expect(got.total).toBe(450)
  })
  it('stops at one short page, and takes a plain array as the whole list', async () => {
    let calls = 0
    expect(await allPages(async () => { calls++; return { items: [1, 2], total: 2, page: 1, size: 200 } }))
      .toEqual({ items: [1, 2], total: 2 })
    expect(await allPages(async () => { calls++; return ['a'] })).toEqual({ items: ['a'], total: 1 })
    expect(calls).toBe(2)
  })
  it('stops when a full page says it was the last one, and never runs away', async () => {
    let calls = 0
    const full = Array.from({ length: 200 }, (_, i) => i)
    expect((await allPages(async () => { calls++; return { items: full, total: 200, page: 1, size: 200 } })).items)
      .toHaveLength(200)
    expect(calls).toBe(1)
    calls = 0
    // a server that always answers a full page and a growing total
    await allPages(async (page) => { calls++; return { items: full, total: page * 1000, page, size: 200 } })
    expect(calls).toBe(MAX_PAGES)
  })
})
