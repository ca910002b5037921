import { describe, expect, it, vi } from 'vitest'
import {
  ApiError, buildQuery, createHttp, detailMessages, filenameFromDisposition, loginRedirectUrl, parseErrorBody,
  serverText, type HttpDeps,
} from './http'

interface Call {
  url: string
  init: RequestInit
}

function fakeServer(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: Call[] = []
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} })
    return new Response(status === 204 ? null : body, { status, headers })
  })
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch }
}

function deps(fetch: typeof globalThis.fetch, overrides: Partial<HttpDeps> = {}): HttpDeps {
  return {
    fetch,
    getCsrf: () => 'csrf-123',
    onUnauthorized: vi.fn(),
    currentPath: () => '/cases?page=2',
    ...overrides,
  }
}

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>
}

describe('parseErrorBody', () => {
  it('reads the server error shape', () => {
    const e = parseErrorBody(400, JSON.stringify({
      error: { code: 'invalid_argument', message: '第 3 行：办理时限必须是整数', details: [{ row: 3 }] },
    }))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(400)
    expect(e.code).toBe('invalid_argument')
    expect(e.message).toBe('第 3 行：办理时限必须是整数')
    expect(e.details).toEqual([{ row: 3 }])
  })

  it('falls back to the status when the body is not the error shape', () => {
    const e = parseErrorBody(502, '<html>Bad Gateway</html>')
    expect(e.code).toBe('http')
    expect(e.message).toBe('')
    expect(parseErrorBody(404, '').code).toBe('not_found')
    expect(parseErrorBody(403, '{"error":{"code":"no_such_code","message":"x"}}').code).toBe('permission_denied')
  })

  it('reads Retry-After in seconds', () => {
    const e = parseErrorBody(429, '{"error":{"code":"resource_exhausted","message":"登录尝试过多"}}', '30')
    expect(e.retryAfter).toBe(30)
    expect(parseErrorBody(429, '', 'Wed, 21 Oct 2026 07:28:00 GMT').retryAfter).toBeNull()
  })
})

describe('createHttp', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    const server = fakeServer(200, '{"ok":true}')
    const http = createHttp(deps(server.fetch))
    await http.get('/cases')
    await http.post('/cases/C1/suspend', { reason: '补正材料' })
    await http.del('/api-keys/k1')
    expect(headersOf(server.calls[0])['X-CSRF-Token']).toBeUndefined()
    expect(headersOf(server.calls[1])['X-CSRF-Token']).toBe('csrf-123')
    expect(headersOf(server.calls[2])['X-CSRF-Token']).toBe('csrf-123')
    expect(server.calls[1]?.init.body).toBe('{"reason":"补正材料"}')
    expect(headersOf(server.calls[1])['Content-Type']).toBe('application/json')
  })

  it('prefixes the API base and builds the query without empty values', async () => {
    const server = fakeServer(200, '{"items":[],"total":0,"page":1,"size":20}')
    const http = createHttp(deps(server.fetch))
    await http.get('/warnings', { unit: 'YX-SCJ', level: '红牌', rule: '', case: undefined, page: 2 })
    expect(server.calls[0]?.url).toBe(`/api/v1/warnings?unit=YX-SCJ&level=${encodeURIComponent('红牌')}&page=2`)
    expect(server.calls[0]?.init.credentials).toBe('same-origin')
  })

  it('leaves a path of another API (the public portal\'s) as it is', async () => {
    const server = fakeServer(200, '{"items":[]}')
    const http = createHttp(deps(server.fetch))
    await http.get('/api/public/v1/units')
    await http.get('/api/v1/cases')
    expect(server.calls.map((c) => c.url)).toEqual(['/api/public/v1/units', '/api/v1/cases'])
  })

  it('throws the server error as ApiError and redirects to login on 401', async () => {
    const server = fakeServer(401, '{"error":{"code":"unauthenticated","message":"会话已过期，请重新登录","details":[]}}')
    const onUnauthorized = vi.fn()
    const http = createHttp(deps(server.fetch, { onUnauthorized }))
    const error = await http.get('/cases').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('unauthenticated')
    expect((error as ApiError).message).toBe('会话已过期，请重新登录')
    expect(onUnauthorized).toHaveBeenCalledWith('/login?redirect=%2Fcases%3Fpage%3D2')
  })

  it('does not redirect when the request asks not to (login, session probe)', async () => {
    const server = fakeServer(401, '{"error":{"code":"unauthenticated","message":"账号或密码错误"}}')
    const onUnauthorized = vi.fn()
    const http = createHttp(deps(server.fetch, { onUnauthorized }))
    await expect(http.post('/session', { login: 'a', password: 'b' }, { noAuthRedirect: true }))
      .rejects.toMatchObject({ status: 401, message: '账号或密码错误' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not redirect on 403', async () => {
    const server = fakeServer(403, '{"error":{"code":"permission_denied","message":"单位不在账号范围内"}}')
    const onUnauthorized = vi.fn()
    const http = createHttp(deps(server.fetch, { onUnauthorized }))
    await expect(http.get('/units')).rejects.toMatchObject({ code: 'permission_denied' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('reports an unreachable server as a network error', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof globalThis.fetch
    const http = createHttp(deps(fetch))
    await expect(http.get('/cases')).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('returns undefined for an empty success body', async () => {
    const server = fakeServer(204, '')
    const http = createHttp(deps(server.fetch))
    await expect(http.del('/session')).resolves.toBeUndefined()
  })

  it('sends a raw file body with its content type', async () => {
    const server = fakeServer(200, '{"dry_run":true,"applied":false,"entries":3,"problems":[]}')
    const http = createHttp(deps(server.fetch))
    const file = new Blob(['{}'], { type: 'application/json' })
    await http.json('POST', '/imports/catalog', { query: { dry_run: 'true', format: 'json' }, body: file, contentType: 'application/json' })
    expect(server.calls[0]?.url).toBe('/api/v1/imports/catalog?dry_run=true&format=json')
    expect(server.calls[0]?.init.body).toBe(file)
    expect(headersOf(server.calls[0])['X-CSRF-Token']).toBe('csrf-123')
  })
})

describe('helpers', () => {
  it('builds the login redirect', () => {
    expect(loginRedirectUrl('/warnings?level=红牌')).toBe(`/login?redirect=${encodeURIComponent('/warnings?level=红牌')}`)
    expect(loginRedirectUrl('/login?redirect=%2F')).toBe('/login')
  })

  it('builds queries', () => {
    expect(buildQuery({})).toBe('')
    expect(buildQuery({ a: 0, b: false, c: null })).toBe('?a=0&b=false')
  })

  it('reads download filenames', () => {
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''${encodeURIComponent('四单.xlsx')}`)).toBe('四单.xlsx')
    expect(filenameFromDisposition('attachment; filename="catalog.xlsx"')).toBe('catalog.xlsx')
    expect(filenameFromDisposition(null)).toBeNull()
  })
})

describe('the server\'s words for a refusal', () => {
  // As POST /cases/{case}/steps answers a step by someone not holding the post.
  const refused = parseErrorBody(400, JSON.stringify({
    error: {
      code: 'invalid_argument', message: '校验未通过：1 处错误，未写入任何内容',
      details: [
        { entity: 'event', field: '事件', severity: 'error', message: '郭海涛 不在“执法监察大队大队长”岗位任职' },
        { entity: 'case', field: '时限', severity: 'warning', message: '无法计算办件的办理期限' },
      ],
    },
  }))

  it('lists the errors of details, or every message when none is marked', () => {
    expect(detailMessages(refused)).toEqual(['郭海涛 不在“执法监察大队大队长”岗位任职'])
    expect(detailMessages(new ApiError(400, 'invalid_argument', 'x', [{ message: 'a' }, { row: 3 }, 'b']))).toEqual(['a'])
    expect(detailMessages(new ApiError(400, 'invalid_argument', 'x'))).toEqual([])
  })
  it('puts the reasons before the summary', () => {
    expect(serverText(refused)).toBe('郭海涛 不在“执法监察大队大队长”岗位任职（校验未通过：1 处错误，未写入任何内容）')
    expect(serverText(new ApiError(401, 'unauthenticated', '登录名或密码不正确'))).toBe('登录名或密码不正确')
    expect(serverText(new ApiError(400, 'invalid_argument', '', [{ message: '第 3 行有误' }]))).toBe('第 3 行有误')
    expect(serverText(new ApiError(502, 'http', ''))).toBe('')
  })
  it('does not repeat the reasons the server already put in its message', () => {
    // as the server answers now: the reasons before the summary (src/server/server.cc ErrorReply)
    const reason = '郭海涛 不在“执法监察大队大队长”岗位任职'
    const details = [{ severity: 'error', message: reason }]
    expect(serverText(new ApiError(400, 'invalid_argument', `${reason}（校验未通过：1 处错误，未写入任何内容）`, details)))
      .toBe(`${reason}（校验未通过：1 处错误，未写入任何内容）`)
    // POST /exceptions: the summary is the reasons themselves
    const rule = '“重点岗位未按期轮岗”检查的是组织机构和四单，不能设例外'
    expect(serverText(new ApiError(400, 'invalid_argument', `${rule}（${rule}）`, [{ severity: 'error', message: rule }]))).toBe(rule)
    expect(serverText(new ApiError(400, 'invalid_argument', `a；b（a；b）`, [{ severity: 'error', message: 'a' }, { severity: 'error', message: 'b' }])))
      .toBe('a；b')
  })
})
