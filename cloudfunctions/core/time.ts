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

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/** A time as it leaves core: ISO-8601 in Beijing time; a date that cannot be written so is a bug. */
export function toIso(d: Date): string {
  const text = inShanghai(d).format('YYYY-MM-DDTHH:mm:ssZ');
  if (!ISO.test(text)) throw new Error(`not a time core can answer with: ${String(d)}`);
  return text;
}

/** The start of the Beijing calendar day `d` falls in. */
export const startOfDay = (d: Date): Date => inShanghai(d).startOf('day').toDate();

/** The Beijing calendar day `d` falls in, as `YYYY-MM-DD`. */
export const dayOf = (d: Date): string => inShanghai(d).format('YYYY-MM-DD');

/** The Beijing calendar month `d` falls in, as `YYYY-MM`. */
export const monthOf = (d: Date): string => inShanghai(d).format('YYYY-MM');
