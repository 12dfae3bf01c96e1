import Taro from '@tarojs/taro'
import type { ApiCallError } from '../api/client'
import { LOGIN_PAGE } from './login-page'

let leavingFor: string | undefined

/**
 * Goes to `url` once: a screen asks several things at a time, and each answer saying "not
 * registered" would otherwise open the page again on top of itself.
 */
function relaunchOnce(url: string): void {
  const pages = Taro.getCurrentPages()
  const here = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '').split('?')[0]
  if (leavingFor === url || (here && url.split('?')[0] === `/${here}`)) return
  leavingFor = url
  void Taro.reLaunch({ url }).finally(() => {
    leavingFor = undefined
  })
}

/**
 * Where a person goes when the answer says who they are not: to register when WeChat knows
 * them but we do not; to the dev login (H5 only) when there is no session at all.
 */
export function handleAuthError(e: ApiCallError): boolean {
  if (e.code === 'AUTH.NOT_REGISTERED') {
    relaunchOnce('/pages/register/index')
    return true
  }
  if (e.code === 'AUTH.UNAUTHENTICATED' && LOGIN_PAGE) {
    relaunchOnce(LOGIN_PAGE)
    return true
  }
  return false
}
