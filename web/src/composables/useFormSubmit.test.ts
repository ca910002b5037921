import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import { ApiError } from '@/api/http'
import { showError } from '@/utils/notify'
import { useFormSubmit, type Built } from './useFormSubmit'

vi.mock('@/utils/notify', () => ({ showError: vi.fn() }))
// useI18n needs a component; the composable only uses `t`, here a composer of its own.
vi.mock('vue-i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('vue-i18n')>()
  const i18n = actual.createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { form: { reason: '请填写理由', max: '扣分应为 0 到 {max} 之间的数' } } },
  })
  return { ...actual, useI18n: () => i18n.global }
})

type Request = { reason: string }

function builder(form: { reason: string; max?: number }): () => Built<Request> {
  return () => {
    if (form.max !== undefined) return { ok: false, error: { key: 'form.max', params: { max: form.max } } }
    return form.reason ? { ok: true, request: { reason: form.reason } } : { ok: false, error: { key: 'form.reason' } }
  }
}

beforeEach(() => {
  vi.mocked(showError).mockClear()
})

describe('useFormSubmit', () => {
  it('sends the built request, hands the answer to onDone and clears what was shown', async () => {
    const s = useFormSubmit()
    s.formError.value = 'old'
    s.refusal.value = 'old'
    const send = vi.fn(async (r: Request) => ({ id: 7, reason: r.reason }))
    const onDone = vi.fn()
    const sent = s.submit(builder({ reason: '到期' }), send, onDone)
    expect(s.busy.value).toBe(true)
    expect(s.formError.value).toBe('')
    expect(s.refusal.value).toBe('')
    expect(await sent).toBe(true)
    expect(send).toHaveBeenCalledWith({ reason: '到期' })
    expect(onDone).toHaveBeenCalledWith({ id: 7, reason: '到期' })
    expect(s.busy.value).toBe(false)
  })

  it('sends nothing while busy', async () => {
    const s = useFormSubmit()
    let answer!: (v: number) => void
    const send = vi.fn(() => new Promise<number>((resolve) => { answer = resolve }))
    const onDone = vi.fn()
    const first = s.submit(builder({ reason: 'a' }), send, onDone)
    expect(await s.submit(builder({ reason: 'b' }), send, onDone)).toBe(false)
    expect(send).toHaveBeenCalledTimes(1)
    answer(1)
    expect(await first).toBe(true)
    expect(onDone).toHaveBeenCalledTimes(1)
    expect(onDone).toHaveBeenCalledWith(1)
  })

  it('a form the builder refuses sets formError (with its parameters) and sends nothing', async () => {
    const s = useFormSubmit()
    const send = vi.fn(async () => 1)
    const onDone = vi.fn()
    expect(await s.submit(builder({ reason: '' }), send, onDone)).toBe(false)
    expect(s.formError.value).toBe('请填写理由')
    expect(await s.submit(builder({ reason: 'x', max: 5 }), send, onDone)).toBe(false)
    expect(s.formError.value).toBe('扣分应为 0 到 5 之间的数')
    expect(send).not.toHaveBeenCalled()
    expect(onDone).not.toHaveBeenCalled()
    expect(s.busy.value).toBe(false)
  })

  it('a refused request keeps the server\'s reason in refusal, without a message', async () => {
    const s = useFormSubmit()
    const onDone = vi.fn()
    const refused = new ApiError(409, 'conflict', '', [{ message: '预警已办结' }])
    expect(await s.submit(builder({ reason: 'x' }), async () => { throw refused }, onDone)).toBe(false)
    expect(s.refusal.value).toBe('预警已办结')
    expect(showError).not.toHaveBeenCalled()
    expect(onDone).not.toHaveBeenCalled()
    expect(s.busy.value).toBe(false)
  })

  it('other failures are shown as a message, not as a refusal', async () => {
    const s = useFormSubmit()
    const failed = new ApiError(502, 'http', '')
    expect(await s.submit(builder({ reason: 'x' }), async () => { throw failed }, vi.fn())).toBe(false)
    expect(s.refusal.value).toBe('')
    expect(showError).toHaveBeenCalledWith(failed)
  })

  it('formError goes once the form is edited; clear() empties both', async () => {
    const form = reactive({ reason: '' })
    const s = useFormSubmit(form)
    await s.submit(builder(form), vi.fn(), vi.fn())
    expect(s.formError.value).toBe('请填写理由')
    form.reason = 'x'
    await nextTick()
    expect(s.formError.value).toBe('')
    s.formError.value = 'e'
    s.refusal.value = 'r'
    s.clear()
    expect([s.formError.value, s.refusal.value]).toEqual(['', ''])
  })
})
