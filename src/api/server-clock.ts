/**
 * The server's clock, as screens should count on it (a code's countdown, a settlement's
 * cut-off): every answer says when the server answered (`now`), and the offset from this
 * device's clock is kept. A phone set ten minutes wrong still counts down correctly.
 */
let offsetMs = 0

export function noteServerTime(nowIso: string | undefined, sentAt: number, receivedAt: number): void {
  if (!nowIso) return
  const t = Date.parse(nowIso)
  if (Number.isNaN(t)) return
  // The answer was stamped somewhere between sending and receiving; its second is truncated.
  offsetMs = t + 500 - (sentAt + receivedAt) / 2
}

export const serverNow = (): Date => new Date(Date.now() + offsetMs)
