import { api, messageOf, type ActionName, type ApiError, type FunctionName, type InputOf, type OutputOf } from '@contract'
import { noteServerTime } from './server-clock'
import { send } from './transport'
import { TransportError } from './transport-error'

/**
 * The one typed client for every function and action (STYLE.md "Front end"). A write gets
 * its requestId before the first try and keeps it on every retry, so a retry can never do
 * the work twice (DOMAIN.md "Idempotency"). It retries only what is safe: calls that never
 * reached the function, and REQUEST.BUSY.
 */
export class ApiCallError extends Error {
  readonly code: string
  readonly details?: Record<string, unknown>
  constructor(error: ApiError | { code: string; message?: string; details?: Record<string, unknown> }) {
    super(error.message || messageOf(error.code))
    this.name = 'ApiCallError'
    this.code = error.code
    this.details = error.details
  }
}

export function newRequestId(): string {
  let s = Date.now().toString(36)
  while (s.length < 24) s += Math.floor(Math.random() * 36).toString(36)
  return s
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ATTEMPTS = 3

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input?: InputOf<F, A>,
  opts: { requestId?: string } = {},
): Promise<OutputOf<F, A>> {
  const def = (api[fn] as Record<string, { writes: boolean }>)[action]
  const requestId = def?.writes ? (opts.requestId ?? newRequestId()) : undefined
  for (let attempt = 1; ; attempt++) {
    try {
      const sentAt = Date.now()
      const answer = await send(fn, { action, ...(input ? { input: input as Record<string, unknown> } : {}), ...(requestId ? { requestId } : {}) })
      noteServerTime(answer.now, sentAt, Date.now())
      if (answer.ok) return answer.data as OutputOf<F, A>
      if (answer.error.code === 'REQUEST.BUSY' && attempt < ATTEMPTS) {
        await sleep(300 * attempt)
        continue
      }
      throw new ApiCallError(answer.error)
    } catch (e) {
      if (e instanceof TransportError) {
        if (attempt < ATTEMPTS) {
          await sleep(500 * attempt)
          continue
        }
        throw new ApiCallError({ code: 'NETWORK', message: '网络不太好，请检查网络后再试' })
      }
      throw e
    }
  }
}
