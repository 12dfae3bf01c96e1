import { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiCallError } from '../api/client'
import { handleAuthError } from './auth-redirect'
import { useRefresh } from './use-refresh'

export interface Page<T> {
  items: T[]
  nextCursor?: string
}

/**
 * A list that pages by key (API.md "Lists and files"): the first page, then the next one
 * when the person scrolls to the bottom (or taps 加载更多), until the server says there is
 * no more. Nothing is cut off at a limit; a failed page shows its error and can be retried.
 * `atBottom: false` leaves scrolling to another list of the same screen.
 */
export function usePagedQuery<P extends Page<unknown>>(load: (cursor?: string) => Promise<P>, deps: unknown[] = [], opts: { atBottom?: boolean } = {}) {
  type T = P['items'][number]
  const [items, setItems] = useState<T[] | undefined>(undefined)
  /** The first page's whole answer (a list may come with totals). */
  const [first, setFirst] = useState<P | undefined>(undefined)
  const [nextCursor, setNextCursor] = useState<string | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiCallError | undefined>(undefined)
  const [moreError, setMoreError] = useState<string | undefined>(undefined)
  const alive = useRef(true)
  const generation = useRef(0)
  useEffect(() => () => void (alive.current = false), [])

  const asError = (e: unknown): ApiCallError => (e instanceof ApiCallError ? e : new ApiCallError({ code: 'INTERNAL', message: '系统出了点问题，请稍后再试' }))

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    setError(undefined)
    setMoreError(undefined)
    try {
      const page = await load()
      if (!alive.current || mine !== generation.current) return
      setItems(page.items)
      setFirst(page)
      setNextCursor(page.nextCursor)
    } catch (e) {
      const err = asError(e)
      if (handleAuthError(err)) return
      if (alive.current) setError(err)
    } finally {
      if (alive.current && mine === generation.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  const loadMore = useCallback(async () => {
    if (!nextCursor || loadingMore || loading) return
    const mine = generation.current
    setLoadingMore(true)
    setMoreError(undefined)
    try {
      const page = await load(nextCursor)
      if (!alive.current || mine !== generation.current) return
      setItems((xs) => [...(xs ?? []), ...page.items])
      setNextCursor(page.nextCursor)
    } catch (e) {
      if (alive.current) setMoreError(asError(e).message)
    } finally {
      if (alive.current) setLoadingMore(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextCursor, loadingMore, loading, ...deps])

  useEffect(() => {
    void reload()
  }, [reload])
  useRefresh(reload)
  // A screen with several lists lets only the last one grow on reaching the bottom; the others have 加载更多.
  useReachBottom(() => void (opts.atBottom !== false && loadMore()))

  return { items, first, data: items, nextCursor, loading, loadingMore, error, moreError, reload, loadMore }
}
