import type { Answer } from '@contract'

/**
 * One call to a cloud function. Platform files implement it: transport.weapp.ts
 * (Taro.cloud.callFunction) and transport.h5.ts (fetch to the local gateway); Taro picks the
 * file for the platform being built.
 */
export interface CallData {
  action: string
  input?: Record<string, unknown>
  requestId?: string
}

export function send(fn: string, data: CallData): Promise<Answer<unknown>>
