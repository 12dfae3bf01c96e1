import Taro from '@tarojs/taro'
import { createContext, useCallback, useContext, useMemo, useState, type PropsWithChildren } from 'react'
import { platformFontScale } from './font-scale'

/**
 * 长辈模式 (DOMAIN.md "Elder mode"): text follows WeChat's font size everywhere, and the switch
 * turns on the sizes of the national 适老化 standard (app.css `.yq-elder`). The choice is kept
 * on the device across restarts, and can be made before registering.
 */
const KEY = 'yq.elderMode'

interface ElderMode {
  elder: boolean
  setElder(on: boolean): void
  /** WeChat's own font size relative to its standard (1 on H5, where the browser zooms). */
  fontScale: number
}

const Ctx = createContext<ElderMode>({ elder: false, setElder: () => undefined, fontScale: 1 })

export function ElderModeProvider({ children }: PropsWithChildren) {
  const [elder, setElderState] = useState<boolean>(() => Taro.getStorageSync(KEY) === true)
  const setElder = useCallback((on: boolean) => {
    Taro.setStorageSync(KEY, on)
    setElderState(on)
  }, [])
  const value = useMemo(() => ({ elder, setElder, fontScale: platformFontScale() }), [elder, setElder])
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

export const useElderMode = (): ElderMode => useContext(Ctx)
