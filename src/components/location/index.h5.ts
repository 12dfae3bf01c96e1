import type { Located, LocationRefusal } from '.'

export function locate(): Promise<Located> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve({ ok: false, why: 'unavailable' })
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ ok: true, lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => resolve({ ok: false, why: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { timeout: 3000, maximumAge: 60_000 },
    )
  })
}

export function howToAllow(why: LocationRefusal): string {
  if (why === 'denied') return '您没有允许这个网页使用位置。请点地址栏左边的图标，把「位置」改为允许，再扫一次。'
  if (why === 'system') return '手机的定位没有打开。请在手机的「设置」里打开定位，再扫一次。'
  return '这次没有取得您的位置（可能信号弱）。可以走到窗边或室外再扫一次。'
}

export const openLocationSettings = null
