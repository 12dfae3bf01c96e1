/** 60 minutes are one 时间币, shown as hours with at most two decimals (DOMAIN.md). */
export function coins(minutes: number): string {
  const v = Math.round((minutes / 60) * 100) / 100
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0$/, '')
}

export function signedCoins(minutes: number): string {
  return `${minutes > 0 ? '+' : minutes < 0 ? '−' : ''}${coins(Math.abs(minutes))}`
}

/** "11月21日 13:49" from an ISO time with offset, in Beijing time whatever the device says. */
export function shortTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[2])}月${Number(m[3])}日 ${m[4]}:${m[5]}`
}

/** Date and time fields in Beijing time, as the date/time pickers show them. */
export function beijingParts(d: Date): { date: string; time: string } {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString()
  return { date: s.slice(0, 10), time: s.slice(11, 16) }
}

/** The ISO time (+08:00) of a Beijing date and time picked on screen. */
export function fromBeijing(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** "11月21日 14:00–16:00" for an activity's times. */
export function timeRange(startIso: string, endIso: string): string {
  const end = /T(\d{2}:\d{2})/.exec(endIso)?.[1] ?? ''
  return `${shortTime(startIso)}–${end}`
}

export const STATUS_LABEL: Record<string, string> = {
  open: '已签到，未签退',
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
}

export const FLAG_LABEL: Record<string, string> = {
  'no-checkout': '没有签退，按活动结束时间计',
  'no-location': '扫码时没有提供位置',
}
