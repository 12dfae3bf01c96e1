import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * What a screen shows is fetched again when the person comes back to it (from another
 * screen, or from another app) and when they pull it down (pages set enablePullDownRefresh),
 * so a balance or a list is never the one from before.
 */
export function useRefresh(reload: () => Promise<unknown>): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}
