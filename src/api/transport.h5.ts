import type { Answer } from '@contract'
import type { CallData } from './transport'
import { TransportError } from './transport-error'
import { getDevToken } from './session'

/** H5: POST /api/<fn> on the local gateway, with the dev session token. */
export async function send(fn: string, data: CallData): Promise<Answer<unknown>> {
  const token = getDevToken()
  let res: Response
  try {
    res = await fetch(`${process.env.YQ_API_BASE || ''}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(data),
    })
  } catch (e) {
    throw new TransportError((e as Error).message)
  }
  try {
    return (await res.json()) as Answer<unknown>
  } catch {
    throw new TransportError(`HTTP ${res.status}`)
  }
}
