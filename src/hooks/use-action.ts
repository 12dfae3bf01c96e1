import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { ApiCallError, newRequestId } from '../api/client'

/**
 * A write from a screen: busy state, the Chinese error people read, the invalid fields, and
 * one requestId per intended action (kept while retrying, renewed after a refusal or success).
 * A second tap while the first is on its way does nothing, so nothing is sent twice.
 * `shownFields` names the fields the screen shows errors next to; what is wrong with any
 * other field is added to the error under the button, so no refusal goes unexplained.
 * `successToast` is shown after success: at most 7 characters (WeChat cuts longer ones).
 */
export function useAction<A extends unknown[], T>(
  act: (requestId: string, ...args: A) => Promise<T>,
  opts: { successToast?: string; shownFields?: string[] } = {},
) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const [fields, setFields] = useState<Record<string, string>>({})
  const requestId = useRef(newRequestId())
  const inFlight = useRef(false)
  const run = async (...args: A): Promise<T | undefined> => {
    if (inFlight.current) return undefined
    inFlight.current = true
    setBusy(true)
    setError(undefined)
    setFields({})
    try {
      const result = await act(requestId.current, ...args)
      requestId.current = newRequestId()
      if (opts.successToast) void Taro.showToast({ title: opts.successToast, icon: 'success' })
      return result
    } catch (e) {
      const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'INTERNAL', message: '操作没有成功，请再试一次' })
      const invalid = (err.details?.fields as Array<{ path: string; message: string }> | undefined) ?? []
      setFields(Object.fromEntries(invalid.map((f) => [f.path, f.message])))
      const elsewhere = invalid.filter((f) => !opts.shownFields?.includes(f.path)).map((f) => f.message)
      setError(elsewhere.length > 0 ? `${err.message}：${[...new Set(elsewhere)].join('；')}` : err.message)
      requestId.current = newRequestId()
      return undefined
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }
  return { run, busy, error, fields }
}
