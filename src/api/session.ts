import Taro from '@tarojs/taro'

/** The local gateway's dev session (H5 only; on WeChat the platform identifies the caller). */
const KEY = 'yq.devToken'

export const getDevToken = (): string | undefined => Taro.getStorageSync(KEY) || undefined
export const setDevToken = (token: string): void => Taro.setStorageSync(KEY, token)
export const clearDevToken = (): void => Taro.removeStorageSync(KEY)
