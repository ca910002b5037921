// The public portal's proof of work: before a POST that writes (a complaint, an addition, a
// rating) the browser finds a decimal `nonce` such that SHA-256 of the UTF-8 bytes of
// `token + ":" + nonce` starts with `bits` zero bits, for a token the server handed out
// (GET /api/public/v1/challenge). @noble/hashes, not crypto.subtle: the latter is missing on a
// plain-HTTP deployment. The search runs in time slices with a pause between them so the page
// stays responsive.
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import type { Challenge, Proof } from '@/api/portal/types'

/** The most bits the client attempts: 2^32 tries would take hours; the server asks far fewer. */
export const MAX_BITS = 32

/** Zero bits at the start of `digest`. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

/** Whether `nonce` solves the challenge (what the server checks). */
export function solves(challenge: Challenge, nonce: string): boolean {
  return leadingZeroBits(sha256(utf8ToBytes(`${challenge.token}:${nonce}`))) >= challenge.bits
}

/** How far a search of `tries` has likely come: the chance it would have found a nonce by now, 0–1. */
export function likelyProgress(tries: number, bits: number): number {
  return 1 - Math.exp(-tries / 2 ** Math.max(0, bits))
}

export interface SolveOptions {
  /** called between slices with the tries so far */
  onProgress?: (tries: number) => void
  /** stops the search (the page was left): the promise rejects with the signal's reason */
  signal?: AbortSignal
  /** milliseconds of hashing before the page gets the thread back */
  slice?: number
  /** lets the page run between slices (default: a macrotask) */
  pause?: () => Promise<void>
  /** a clock in milliseconds (default: performance.now) */
  now?: () => number
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * The first nonce 0, 1, 2, … that solves the challenge, as a proof to send. Throws RangeError for
 * a challenge the client cannot solve in reasonable time (bits outside 0–MAX_BITS).
 */
export async function solveChallenge(challenge: Challenge, options: SolveOptions = {}): Promise<Proof> {
  const { bits, token } = challenge
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_BITS) throw new RangeError(`challenge bits ${bits}`)
  const now = options.now ?? (() => performance.now())
  const pause = options.pause ?? macrotask
  const slice = options.slice ?? 25
  // The token's bytes are hashed once; each try continues from a copy of that state.
  const prefix = sha256.create().update(utf8ToBytes(`${token}:`))
  let work = prefix.clone()
  const digest = new Uint8Array(32)
  let nonce = 0
  for (;;) {
    options.signal?.throwIfAborted()
    const end = now() + slice
    do {
      for (let i = 0; i < 256; i++, nonce++) {
        work = prefix._cloneInto(work)
        work.update(utf8ToBytes(String(nonce)))
        work.digestInto(digest)
        if (leadingZeroBits(digest) >= bits) {
          options.onProgress?.(nonce + 1)
          return { token, nonce: String(nonce) }
        }
      }
    } while (now() < end)
    options.onProgress?.(nonce)
    await pause()
  }
}
