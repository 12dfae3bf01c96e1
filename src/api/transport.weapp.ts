import Taro from '@tarojs/taro'
import type { Answer } from '@contract'
import type { CallData } from './transport'
import { TransportError } from './transport-error'

let inited = false

/** Cloud functions and cloud storage of the one named environment (the build refuses to bake in none: config/index.ts). */
export function initCloud(): void {
  if (inited) return
  Taro.cloud.init({ env: process.env.YQ_CLOUD_ENV, traceUser: true })
  inited = true
}

/** WeChat: the cloud function itself; the platform tells it who the caller is (OPENID). */
export async function send(fn: string, data: CallData): Promise<Answer<unknown>> {
  initCloud()
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: data as unknown as Record<string, unknown> })
    return res.result as Answer<unknown>
  } catch (e) {
    throw new TransportError((e as { errMsg?: string }).errMsg ?? String(e))
  }
}
