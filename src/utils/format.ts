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
