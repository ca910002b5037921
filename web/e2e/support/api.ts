// The API as the tests' setup uses it (docs/api.md): a logged-in session with its CSRF token.
// The browser does the things under test; this finds test data and prepares what the demo lacks.
import { request, type APIRequestContext, type APIResponse } from '@playwright/test'
import { BASE_URL, demoPassword } from './env'

export interface ApiAccount {
  login: string
  name: string
  role: string
  units: string[]
  person: string
}

/** A failed request, with the server's own message ({"error":{"code","message","details"}}). */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: unknown[]) {
    super(message)
    this.name = 'ApiFailure'
  }
}

async function failure(method: string, path: string, response: APIResponse): Promise<ApiFailure> {
  const text = await response.text()
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown[] } }
    const e = body.error ?? {}
    const details = e.details ?? []
    const said = [e.message ?? '', ...details.map((d) => JSON.stringify(d))].filter(Boolean).join('; ')
    return new ApiFailure(response.status(), e.code ?? 'http', `${method} ${path} → ${response.status()}: ${said}`, details)
  } catch {
    return new ApiFailure(response.status(), 'http', `${method} ${path} → ${response.status()}: ${text.slice(0, 200)}`, [])
  }
}

export class Api {
  private constructor(private readonly ctx: APIRequestContext, private readonly csrf: string,
    readonly account: ApiAccount) {}

  /** Logs in as `login`; throws with the server's message when refused. */
  static async login(login: string, password = demoPassword()): Promise<Api> {
    const ctx = await request.newContext({ baseURL: BASE_URL })
    const response = await ctx.post('/api/v1/session', { data: { login, password } })
    if (!response.ok()) throw await failure('POST', '/session', response)
    const session = (await response.json()) as { account: ApiAccount; csrf: string }
    return new Api(ctx, session.csrf, session.account)
  }

  async get<T>(path: string, params?: Record<string, string | number>): Promise<T> {
    const response = await this.ctx.get(`/api/v1${path}`, { params })
    if (!response.ok()) throw await failure('GET', path, response)
    return (await response.json()) as T
  }

  async bytes(path: string, params?: Record<string, string | number>): Promise<Buffer> {
    const response = await this.ctx.get(`/api/v1${path}`, { params })
    if (!response.ok()) throw await failure('GET', path, response)
    return response.body()
  }

  async send<T>(method: 'POST' | 'PUT', path: string, data: unknown): Promise<T> {
    const response = await this.ctx.fetch(`/api/v1${path}`, {
      method, data, headers: { 'X-CSRF-Token': this.csrf },
    })
    if (!response.ok()) throw await failure(method, path, response)
    return (await response.json()) as T
  }

  async dispose(): Promise<void> {
    await this.ctx.dispose()
  }
}

/** An answer of the public portal's API: its status and JSON body (an error's too). */
export interface PublicAnswer<T> {
  status: number
  body: T
}

/**
 * The public portal's API (/api/public/v1) as anyone calls it, without a login: a GET, or a POST
 * with a JSON body. Errors come back as answers, not thrown: tests look at them.
 */
export async function publicApi<T>(method: 'GET' | 'POST', path: string, data?: unknown,
  params?: Record<string, string | number>): Promise<PublicAnswer<T>> {
  const ctx = await request.newContext({ baseURL: BASE_URL })
  try {
    const response = await ctx.fetch(`/api/public/v1${path}`, { method, data, params })
    const text = await response.text()
    return { status: response.status(), body: (text ? JSON.parse(text) : null) as T }
  } finally {
    await ctx.dispose()
  }
}
