// The one HTTP wrapper: every API module calls the server through it. It owns the base path
// (/api/v1; a path under /api/ of its own, such as the public portal's /api/public/v1, as is),
// cookies, the CSRF header on state-changing requests, the error shape
// {"error":{"code","message","details"}} → ApiError, and the redirect to /login on 401.

export const API_BASE = '/api/v1'

/** Error codes the server sends (docs/api.md), plus two the client makes itself. */
export type ApiErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'resource_exhausted'
  | 'corrupt'
  | 'internal'
  /** the server could not be reached */
  | 'network'
  /** an error response without the JSON error shape (a proxy's 502 page, …) */
  | 'http'

const SERVER_CODES: ReadonlySet<string> = new Set([
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'conflict',
  'payload_too_large',
  'resource_exhausted',
  'corrupt',
  'internal',
])

/**
 * A failed request. `message` is the server's (Chinese, actionable) message, or '' when
 * the server gave none: the UI then shows a translated text for `code` and `status`.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly details: unknown[]
  /** seconds, from Retry-After on 429 */
  readonly retryAfter: number | null

  constructor(status: number, code: ApiErrorCode, message: string, details: unknown[] = [],
    retryAfter: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.retryAfter = retryAfter
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/**
 * What `details` say, for the user: the server refuses a step or an import with a summary
 * message ("校验未通过：1 处错误…") and puts each reason in a detail `{"severity","message",…}`.
 * The errors' messages, or every message when none is marked an error.
 */
export function detailMessages(e: ApiError): string[] {
  const items = e.details.filter((d): d is { message: string; severity?: unknown; level?: unknown } =>
    isRecord(d) && typeof d.message === 'string' && d.message !== '')
  const errors = items.filter((d) => d.severity === 'error' || d.level === 'error')
  return (errors.length ? errors : items).map((d) => d.message)
}

/**
 * The server's own words: the reasons from `details`, then the summary ('' when it said nothing).
 * The server already puts the reasons before its summary in `message` ("理由（校验未通过…）"): those
 * are not repeated, and a message that only repeats its reasons ("理由（理由）") is said once.
 */
export function serverText(e: ApiError): string {
  const doubled = /^(.+)（\1）$/su.exec(e.message)
  const message = doubled ? doubled[1]! : e.message
  const reasons = detailMessages(e).filter((m) => !message.includes(m))
  if (!reasons.length) return message
  return message ? `${reasons.join('；')}（${message}）` : reasons.join('；')
}

/**
 * The server's reasons when it refused what the person asked (400 invalid, 403 not theirs to do,
 * 409 not in this state): shown beside the form they can fix. '' for other failures, which are
 * shown as a message (network, 5xx, a refusal without words).
 */
export function refusalText(e: unknown): string {
  if (!isApiError(e) || ![400, 403, 409].includes(e.status)) return ''
  return serverText(e)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400: return 'invalid_argument'
    case 401: return 'unauthenticated'
    case 403: return 'permission_denied'
    case 404: return 'not_found'
    case 409: return 'conflict'
    case 413: return 'payload_too_large'
    case 429: return 'resource_exhausted'
    default: return 'http'
  }
}

/** Turns an error response body into an ApiError (never throws). */
export function parseErrorBody(status: number, body: string, retryAfter: string | null = null): ApiError {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null
  let parsed: unknown = null
  try {
    parsed = body ? JSON.parse(body) : null
  } catch {
    parsed = null
  }
  if (isRecord(parsed) && isRecord(parsed.error)) {
    const e = parsed.error
    const code = typeof e.code === 'string' && SERVER_CODES.has(e.code)
      ? (e.code as ApiErrorCode) : codeForStatus(status)
    const message = typeof e.message === 'string' ? e.message : ''
    const details = Array.isArray(e.details) ? (e.details as unknown[]) : []
    return new ApiError(status, code, message, details, seconds)
  }
  return new ApiError(status, codeForStatus(status), '', [], seconds)
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** `?a=1&b=x` from the set values (empty strings, null and undefined are left out). */
export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** The login page's address that brings the user back to `path` afterwards. */
export function loginRedirectUrl(path: string): string {
  if (!path || path.startsWith('/login')) return '/login'
  return `/login?redirect=${encodeURIComponent(path)}`
}

export interface RequestOptions {
  query?: Query
  /** a JSON body (serialised here) */
  json?: unknown
  /** a raw body (an uploaded file) and its type */
  body?: Blob | string
  contentType?: string
  /** do not redirect to /login on 401 (the session probe and the login itself) */
  noAuthRedirect?: boolean
}

export interface HttpDeps {
  fetch: typeof fetch
  /** the session's CSRF token ('' when not logged in) */
  getCsrf: () => string
  /** called on 401 with the login URL to go to */
  onUnauthorized: (loginUrl: string) => void
  /** the path (with query) the user is on, to come back to after logging in */
  currentPath: () => string
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface Http {
  request(method: Method, path: string, options?: RequestOptions): Promise<Response>
  json<T>(method: Method, path: string, options?: RequestOptions): Promise<T>
  get<T>(path: string, query?: Query, options?: RequestOptions): Promise<T>
  post<T>(path: string, json?: unknown, options?: RequestOptions): Promise<T>
  put<T>(path: string, json?: unknown, options?: RequestOptions): Promise<T>
  del<T>(path: string, options?: RequestOptions): Promise<T>
  text(path: string, query?: Query): Promise<string>
  blob(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }>
}

/** A filename from Content-Disposition (RFC 6266, filename* first). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      return star[1].trim()
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain?.[1]?.trim() ?? null
}

export function createHttp(deps: HttpDeps): Http {
  async function request(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    let body: BodyInit | undefined
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.body !== undefined) {
      body = options.body
      if (options.contentType) headers['Content-Type'] = options.contentType
    }
    if (method !== 'GET') {
      const csrf = deps.getCsrf()
      if (csrf) headers['X-CSRF-Token'] = csrf
    }
    const url = (path.startsWith('/') && !path.startsWith('/api/') && !path.startsWith('/healthz')
      ? API_BASE + path : path) + buildQuery(options.query)
    let response: Response
    try {
      response = await deps.fetch(url, { method, headers, body, credentials: 'same-origin' })
    } catch (e) {
      throw new ApiError(0, 'network', '', [e instanceof Error ? e.message : String(e)])
    }
    if (response.ok) return response
    const text = await response.text().catch(() => '')
    const error = parseErrorBody(response.status, text, response.headers.get('Retry-After'))
    if (response.status === 401 && !options.noAuthRedirect) {
      deps.onUnauthorized(loginRedirectUrl(deps.currentPath()))
    }
    throw error
  }

  async function json<T>(method: Method, path: string, options?: RequestOptions): Promise<T> {
    const response = await request(method, path, options)
    const text = await response.text()
    if (!text) return undefined as T
    try {
      return JSON.parse(text) as T
    } catch {
      throw new ApiError(response.status, 'http', '', ['invalid JSON'])
    }
  }

  return {
    request,
    json,
    get: <T>(path: string, query?: Query, options?: RequestOptions) =>
      json<T>('GET', path, { ...options, query }),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
      json<T>('POST', path, { ...options, json: body }),
    put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
      json<T>('PUT', path, { ...options, json: body }),
    del: <T>(path: string, options?: RequestOptions) => json<T>('DELETE', path, options),
    async text(path: string, query?: Query) {
      return (await request('GET', path, { query })).text()
    },
    async blob(path: string, query?: Query) {
      const response = await request('GET', path, { query })
      return {
        blob: await response.blob(),
        filename: filenameFromDisposition(response.headers.get('Content-Disposition')),
      }
    },
  }
}

// The application's instance. main.ts wires it to the auth store and the router; until then
// (and in tests that do not configure it) a 401 sends the browser to the login page.
const settings: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  getCsrf: () => '',
  onUnauthorized: (loginUrl) => {
    if (typeof window !== 'undefined' && !window.location.pathname.startsWith('/login')) {
      window.location.assign(loginUrl)
    }
  },
  currentPath: () =>
    typeof window !== 'undefined' ? window.location.pathname + window.location.search : '/',
}

export function configureHttp(overrides: Partial<HttpDeps>): void {
  Object.assign(settings, overrides)
}

export const http: Http = createHttp({
  fetch: (input, init) => settings.fetch(input, init),
  getCsrf: () => settings.getCsrf(),
  onUnauthorized: (url) => settings.onUnauthorized(url),
  currentPath: () => settings.currentPath(),
})

/** Writes a blob to the user's downloads under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Downloads a GET route as a file (errors come back as ApiError like any request). */
export async function download(path: string, fallbackName: string, query?: Query): Promise<void> {
  const { blob, filename } = await http.blob(path, query)
  saveBlob(blob, filename ?? fallbackName)
}
