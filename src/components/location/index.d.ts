/**
 * The phone's position, or why there is none, and how a person lets 益圈 use it. WeChat:
 * Taro.getLocation (declared in app.config.ts: requiredPrivateInfos, permission); H5: the
 * browser's geolocation.
 */
export type Located = { ok: true; lat: number; lng: number } | { ok: false; why: LocationRefusal }

/** denied: 益圈 (or this page) is not allowed; system: the phone's location is off; unavailable: no fix in time. */
export type LocationRefusal = 'denied' | 'system' | 'unavailable'

export function locate(): Promise<Located>

/** What to do about a refusal on this platform, in plain Chinese. */
export function howToAllow(why: LocationRefusal): string

/** Opens the page where location is allowed, where the platform has one (WeChat's settings); null elsewhere. */
export const openLocationSettings: (() => Promise<void>) | null
