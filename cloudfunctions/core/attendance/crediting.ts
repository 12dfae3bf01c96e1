import { EARLY_MS, FLAG_NO_CHECKOUT, GRACE_MS, UNIT_MINUTES, type Activity, type AttendanceRecord } from './attendance.model';

/**
 * Minutes credited = check-out − check-in, clipped to the activity's window (start − 15 min,
 * end + 30 min), rounded down to whole 15-minute units, capped by the activity's maximum.
 */
export function creditedMinutes(activity: Pick<Activity, 'startAt' | 'endAt' | 'maxMinutes'>, checkIn: Date, checkOut: Date): number {
  return creditBreakdown(activity, checkIn, checkOut).credited;
}

/**
 * The same, step by step, so a screen can say how the minutes became coins: the whole minutes
 * inside the window, and what they came to after rounding down and the cap.
 */
export function creditBreakdown(
  activity: Pick<Activity, 'startAt' | 'endAt' | 'maxMinutes'>,
  checkIn: Date,
  checkOut: Date,
): { countedMinutes: number; credited: number } {
  const from = Math.max(checkIn.getTime(), activity.startAt.getTime() - EARLY_MS);
  const to = Math.min(checkOut.getTime(), activity.endAt.getTime() + GRACE_MS);
  const countedMinutes = Math.max(0, Math.floor((to - from) / 60_000));
  const units = Math.floor(countedMinutes / UNIT_MINUTES) * UNIT_MINUTES;
  return { countedMinutes, credited: activity.maxMinutes !== undefined ? Math.min(units, activity.maxMinutes) : units };
}

/**
 * A record still open when the activity's end plus the grace period has passed closes at the
 * scheduled end and is flagged "no check-out" for staff. Pure: callers persist it when they
 * write the record for another reason (approval, rejection, a late scan).
 */
export function effectiveRecord(record: AttendanceRecord, activity: Pick<Activity, 'startAt' | 'endAt' | 'maxMinutes'>, now: Date): AttendanceRecord {
  if (record.status !== 'open' || now.getTime() <= activity.endAt.getTime() + GRACE_MS) return record;
  return {
    ...record,
    checkOutAt: activity.endAt,
    status: 'pending',
    creditedMinutes: creditedMinutes(activity, record.checkInAt, activity.endAt),
    flags: record.flags.includes(FLAG_NO_CHECKOUT) ? record.flags : [...record.flags, FLAG_NO_CHECKOUT],
  };
}
