import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiCallError } from '../api/client'
import { handleAuthError } from './auth-redirect'
import { useRefresh } from './use-refresh'

/**
 * Loads data for a screen: loading, error (as the Chinese message people read) and reload;
 * loaded again when the screen shows again or is pulled down (useRefresh).
 */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiCallError | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const alive = useRef(true)
  useEffect(() => () => void (alive.current = false), [])
  const reload = useCallback(async () => {
    setLoading(true)
    setError(undefined)
    try {
      const d = await load()
      if (alive.current) setData(d)
    } catch (e) {
      const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'INTERNAL', message: '系统出了点问题，请稍后再试' })
      if (handleAuthError(err)) return
      if (alive.current) setError(err)
    } finally {
      if (alive.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(() => {
    void reload()
  }, [reload])
  useRefresh(reload)
  return { data, error, loading, reload }
}
