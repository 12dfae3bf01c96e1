import Taro from '@tarojs/taro'
import type { ApiCallError } from '../api/client'
import { LOGIN_PAGE } from './login-page'

/**
 * Where a person goes when the answer says who they are not: to register when WeChat knows
 * them but we do not; to the dev login (H5 only) when there is no session at all.
 */
export function handleAuthError(e: ApiCallError): boolean {
  if (e.code === 'AUTH.NOT_REGISTERED') {
    void Taro.reLaunch({ url: '/pages/register/index' })
    return true
  }
  if (e.code === 'AUTH.UNAUTHENTICATED' && LOGIN_PAGE) {
    void Taro.reLaunch({ url: LOGIN_PAGE })
    return true
  }
  return false
}
