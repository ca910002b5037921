// The public portal's API (/api/public/v1): no login, no CSRF token, and a 401 never sends anyone
// to the login page. The POSTs that write carry a solved challenge (see composables/proofOfWork).
import { http, type RequestOptions } from '../http'
import { normalizePaged, seg, type Paged } from '../common'
import type {
  Challenge, ComplaintAddition, ComplaintFiled, ComplaintRequest, FollowedComplaint, Proof, PublicCheckpoint,
  PublicPower, PublicPowerQuery, PublicPowerSummary, PublicUnit, Rating, RatingRequest, TrackedCase, TrackRequest,
} from './types'

export * from './types'

export const PUBLIC_API = '/api/public/v1'
const PUBLIC: RequestOptions = { noAuthRedirect: true }

export async function listPublicPowers(query: PublicPowerQuery): Promise<Paged<PublicPowerSummary>> {
  const data = await http.get<Paged<PublicPowerSummary>>(`${PUBLIC_API}/powers`, { ...query }, PUBLIC)
  return normalizePaged(data, query.page, query.size)
}

/** A public power; 404 for one not public (or not there). */
export function getPublicPower(code: string): Promise<PublicPower> {
  return http.get<PublicPower>(`${PUBLIC_API}/powers/${seg(code)}`, undefined, PUBLIC)
}

/** The flowchart (SVG, no risks or posts), for an <img>. */
export function publicFlowUrl(code: string): string {
  return `${PUBLIC_API}/powers/${seg(code)}/flow.svg`
}

/** The units with public powers and their statistics. */
export async function listPublicUnits(): Promise<PublicUnit[]> {
  const data = await http.get<{ items?: PublicUnit[] }>(`${PUBLIC_API}/units`, undefined, PUBLIC)
  return Array.isArray(data?.items) ? data.items : []
}

/** The ledger's signed checkpoints, newest first. */
export async function listPublicCheckpoints(page: number, size: number): Promise<Paged<PublicCheckpoint>> {
  const data = await http.get<Paged<PublicCheckpoint>>(`${PUBLIC_API}/checkpoints`, { page, size }, PUBLIC)
  return normalizePaged(data, page, size)
}

/** The address of the checkpoints' public key (text), to show and to download. */
export const PUBLIC_KEY_URL = `${PUBLIC_API}/public-key`
/** The verification kit: a README and a small tool to check the checkpoints independently. */
export const VERIFY_KIT_URL = `${PUBLIC_API}/verify-kit`
/** Open data (docs/open-data.md). */
export const OPEN_DATA = {
  powersJson: '/open/v1/powers.json',
  powersCsv: '/open/v1/powers.csv',
  unitsJson: '/open/v1/units.json',
  unitsCsv: '/open/v1/units.csv',
} as const

export function getPublicKeyText(): Promise<string> {
  return http.text(PUBLIC_KEY_URL)
}

/** A fresh proof-of-work challenge for one POST. */
export function getChallenge(): Promise<Challenge> {
  return http.get<Challenge>(`${PUBLIC_API}/challenge`, undefined, PUBLIC)
}

/** The applicant's case by its receipt code and the last four digits of their phone; 404 when they do not match. */
export function trackCase(body: TrackRequest): Promise<TrackedCase> {
  return http.post<TrackedCase>(`${PUBLIC_API}/track`, body, PUBLIC)
}

/** Rates a closed case; 409 when it is rated already or not closed. */
export async function rateCase(body: RatingRequest): Promise<Rating> {
  return (await http.post<{ rating: Rating }>(`${PUBLIC_API}/ratings`, body, PUBLIC)).rating
}

export function fileComplaint(body: ComplaintRequest): Promise<ComplaintFiled> {
  return http.post<ComplaintFiled>(`${PUBLIC_API}/complaints`, body, PUBLIC)
}

/** A complaint by its tracking code; 404 when there is none. */
export function followComplaint(code: string): Promise<FollowedComplaint> {
  return http.post<FollowedComplaint>(`${PUBLIC_API}/complaints/follow`, { code }, PUBLIC)
}

/** Adds information to a complaint; answers when it was recorded. */
export async function addToComplaint(code: string, text: string, proof: Proof): Promise<ComplaintAddition> {
  const answer = await http.post<{ at: string }>(`${PUBLIC_API}/complaints/add`, { code, text, proof }, PUBLIC)
  return { text, at: answer.at }
}
