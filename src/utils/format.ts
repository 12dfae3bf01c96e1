import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import utc from 'dayjs/plugin/utc'

/**
 * How numbers and times read on screen. Time is dayjs in Beijing time (UTC+8, zh-cn) whatever
 * the device's zone. The app pins the offset with the utc plugin rather than naming
 * Asia/Shanghai through the timezone plugin: that one needs Intl time-zone data, which some
 * phones' WeChat engines lack, and Beijing has kept +08:00 without daylight saving since 1991.
 * (Core, on Node, uses the timezone plugin: cloudfunctions/core/time.ts.)
 */
dayjs.extend(utc)
dayjs.locale('zh-cn')

const BEIJING_MINUTES = 8 * 60
export const beijing = (t: string | Date): dayjs.Dayjs => dayjs(t).utcOffset(BEIJING_MINUTES)

/** 60 minutes are one 时间币, shown as hours with at most two decimals (DOMAIN.md). */
export function coins(minutes: number): string {
  const v = Math.round((minutes / 60) * 100) / 100
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0$/, '')
}

export function signedCoins(minutes: number): string {
  return `${minutes > 0 ? '+' : minutes < 0 ? '−' : ''}${coins(Math.abs(minutes))}`
}

/** "11月21日 13:49". */
export const shortTime = (iso: string): string => beijing(iso).format('M月D日 HH:mm')

/** Money as people read it: ¥20,000.00 (grouped by hand: some phones' WeChat engines lack Intl). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** What a person typed in 元 ("1200", "35.5", "0.05") as fen; NaN when it is not an amount of money. */
export function fenOf(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim())
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN
}

/** A time said the way one tells an elder: "明天上午 9:00", "今天下午 2:30", "11月25日晚上 7:00". */
export function spokenTime(iso: string, nowIso: string): string {
  const t = beijing(iso)
  const days = t.startOf('day').diff(beijing(nowIso).startOf('day'), 'day')
  const day = days === 0 ? '今天' : days === 1 ? '明天' : days === 2 ? '后天' : t.format('M月D日')
  const h = t.hour()
  const part = h < 5 ? '凌晨' : h < 12 ? '上午' : h < 13 ? '中午' : h < 18 ? '下午' : '晚上'
  return `${day}${part} ${h % 12 === 0 && h !== 0 ? 12 : h % 12}:${t.format('mm')}`
}

/** When a record's service ran: "11月21日 13:55 – 11月21日 15:50", or only the check-in while it is open. */
export const serviceSpan = (checkInAt: string, checkOutAt?: string): string => `${shortTime(checkInAt)}${checkOutAt ? ` – ${shortTime(checkOutAt)}` : ''}`

/** "11月21日 14:00–16:00", or both dates when the activity crosses midnight. */
export function timeRange(startIso: string, endIso: string): string {
  const start = beijing(startIso)
  const end = beijing(endIso)
  return `${start.format('M月D日 HH:mm')}–${end.isSame(start, 'day') ? end.format('HH:mm') : end.format('M月D日 HH:mm')}`
}

/**
 * The wall-clock fields a picker shows, as a Date whose *local* fields are Beijing's (the
 * pickers read a Date's local fields), and back.
 */
export const pickerDate = (iso: Date): Date => {
  const b = beijing(iso)
  return new Date(b.year(), b.month(), b.date(), b.hour(), b.minute())
}
export const pickerShown = (d: Date): string => dayjs(d).format('YYYY年M月D日 HH:mm')
export const fromPickerDate = (d: Date): string => `${dayjs(d).format('YYYY-MM-DDTHH:mm:00')}+08:00`

/** "9 分 05 秒" for a countdown. */
export const countdown = (seconds: number): string => `${Math.floor(seconds / 60)} 分 ${String(seconds % 60).padStart(2, '0')} 秒`

export const STATUS_LABEL: Record<string, string> = {
  open: '已签到，未签退',
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
}

export const FLAG_LABEL: Record<string, string> = {
  'no-checkout': '没有签退，按活动结束时间计',
  'no-location': '扫码时没有提供位置，需要社工核对',
}

/**
 * How a record's minutes became coins, in words (DOMAIN.md: whole 15-minute units inside the
 * activity's window, at most its cap). Nothing for a record not yet closed or turned down.
 */
export function creditExplained(r: { status: string; countedMinutes?: number; creditedMinutes?: number; maxMinutes?: number }): string | undefined {
  if (r.status === 'rejected' || r.status === 'open' || r.countedMinutes === undefined || r.creditedMinutes === undefined) return undefined
  const units = Math.floor(r.countedMinutes / 15) * 15
  const capped = r.maxMinutes !== undefined && units > r.maxMinutes
  return `在活动时间内服务 ${r.countedMinutes} 分钟，每满 15 分钟计一次，计 ${units} 分钟${capped ? `，本活动每人最多计 ${r.maxMinutes} 分钟` : ''}，即 ${coins(r.creditedMinutes)} 时间币`
}
