import { describe, expect, it } from 'vitest'
import { leadingZeroBits, likelyProgress, solveChallenge, solves } from './proofOfWork'

// The nonces below were found with Python's hashlib, independently of @noble/hashes:
// the first n with sha256(f"{token}:{n}") starting with `bits` zero bits.
describe('proof of work', () => {
  it('counts the leading zero bits of a digest', () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0)
    expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7)
    expect(leadingZeroBits(new Uint8Array([0, 0x0f, 0xff]))).toBe(12)
    expect(leadingZeroBits(new Uint8Array([0, 0, 0]))).toBe(24)
  })

  it('checks a nonce as the server does', () => {
    expect(solves({ token: 'daylight-test', bits: 8 }, '564')).toBe(true) // 007bd6ab…: 9 bits
    expect(solves({ token: 'daylight-test', bits: 10 }, '564')).toBe(false)
    expect(solves({ token: 'daylight-test', bits: 8 }, '0')).toBe(false) // 4a7c598f…
    expect(solves({ token: '阳光', bits: 8 }, '6')).toBe(true) // UTF-8 bytes of the token: 00cc30a0…
  })

  it('finds the first nonce for 8 bits, and the one it finds checks', async () => {
    const proof = await solveChallenge({ token: 'daylight-test', bits: 8 })
    expect(proof).toEqual({ token: 'daylight-test', nonce: '564' })
    expect(solves({ token: 'daylight-test', bits: 8 }, proof.nonce)).toBe(true)
    expect(await solveChallenge({ token: '阳光', bits: 8 })).toEqual({ token: '阳光', nonce: '6' })
  })

  it('gives the page the thread back between slices and reports progress', async () => {
    let clock = 0
    let pauses = 0
    const seen: number[] = []
    // Every reading of the clock moves it on a slice: one batch of 256 tries per slice.
    const proof = await solveChallenge({ token: 'daylight-test', bits: 16 }, {
      now: () => (clock += 10), slice: 5, pause: async () => { pauses++ }, onProgress: (n) => seen.push(n),
    })
    expect(proof.nonce).toBe('12395') // 0000dff3…
    expect(pauses).toBe(Math.floor(12395 / 256))
    expect(seen.at(-1)).toBe(12396)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
  })

  it('stops when the page is left, and refuses a challenge it cannot finish', async () => {
    const abort = new AbortController()
    const solving = solveChallenge({ token: 'x', bits: 30 }, { signal: abort.signal, slice: 1 })
    abort.abort(new Error('left'))
    await expect(solving).rejects.toThrow('left')
    await expect(solveChallenge({ token: 'x', bits: 40 })).rejects.toBeInstanceOf(RangeError)
    await expect(solveChallenge({ token: 'x', bits: 1.5 })).rejects.toBeInstanceOf(RangeError)
  })

  it('estimates progress as the chance of having found a nonce', () => {
    expect(likelyProgress(0, 16)).toBe(0)
    expect(likelyProgress(65536, 16)).toBeCloseTo(0.632, 3)
    expect(likelyProgress(10 * 65536, 16)).toBeGreaterThan(0.9999)
  })
})
