import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

/**
 * Time as people in the street read it: Beijing time (Asia/Shanghai), with dayjs and its
 * utc and timezone plugins (STYLE.md "Time is dayjs"). Times leave core as ISO-8601 with the
 * +08:00 offset (API.md).
 */
dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';

export const inShanghai = (d: Date): dayjs.Dayjs => dayjs(d).tz(ZONE);

export function toIso(d: Date): string {
  return inShanghai(d).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The start of the Beijing calendar day `d` falls in. */
export const startOfDay = (d: Date): Date => inShanghai(d).startOf('day').toDate();

/** The Beijing calendar day `d` falls in, as `YYYY-MM-DD`. */
export const dayOf = (d: Date): string => inShanghai(d).format('YYYY-MM-DD');

/** The Beijing calendar month `d` falls in, as `YYYY-MM`. */
export const monthOf = (d: Date): string => inShanghai(d).format('YYYY-MM');
