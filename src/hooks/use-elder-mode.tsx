import Taro from '@tarojs/taro'
import { createContext, useCallback, useContext, useMemo, useState, type PropsWithChildren } from 'react'
import { platformFontScale } from './font-scale'

/**
 * 长辈模式 (DOMAIN.md "Elder mode"): text follows WeChat's font scale everywhere, and the
 * in-app switch enlarges text and tap targets further. The choice is kept across restarts.
 */
const KEY = 'yq.elderMode'
export const ELDER_FACTOR = 1.3

interface ElderMode {
  elder: boolean
  setElder(on: boolean): void
  /** Multiplier for every size: the platform's font scale, times ELDER_FACTOR when on. */
  scale: number
}

const Ctx = createContext<ElderMode>({ elder: false, setElder: () => undefined, scale: 1 })

export function ElderModeProvider({ children }: PropsWithChildren) {
  const [elder, setElderState] = useState<boolean>(() => Taro.getStorageSync(KEY) === true)
  const setElder = useCallback((on: boolean) => {
    Taro.setStorageSync(KEY, on)
    setElderState(on)
  }, [])
  const value = useMemo(() => ({ elder, setElder, scale: platformFontScale() * (elder ? ELDER_FACTOR : 1) }), [elder, setElder])
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

export const useElderMode = (): ElderMode => useContext(Ctx)
