import Taro from '@tarojs/taro'
import type { Located, LocationRefusal } from '.'

/** Which refusal a getLocation failure is, from its errMsg (auth deny, privacy, system switch). */
export function refusalOf(errMsg: string): LocationRefusal {
  if (/auth den|authorize|privacy|scope/i.test(errMsg)) return 'denied'
  if (/system permission|LOCATIONSWITCHOFF|location service/i.test(errMsg)) return 'system'
  return 'unavailable'
}

export async function locate(): Promise<Located> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84' })
    return { ok: true, lat: r.latitude, lng: r.longitude }
  } catch (e) {
    return { ok: false, why: refusalOf((e as { errMsg?: string }).errMsg ?? '') }
  }
}

export function howToAllow(why: LocationRefusal): string {
  if (why === 'denied') return '您没有允许益圈使用位置。请点「去开启定位」，打开「位置信息」，再扫一次。'
  if (why === 'system') return '手机的定位没有打开，或没有允许微信使用位置。请在手机的「设置」里打开定位，再扫一次。'
  return '这次没有取得您的位置（可能信号弱）。可以走到窗边或室外再扫一次。'
}

export const openLocationSettings = async (): Promise<void> => {
  await Taro.openSetting()
}
