/** Activities, check-in and hours (DOMAIN.md "Activities, check-in and hours"). */
export interface Activity {
  _id: string;
  communityId: string;
  /** Copied at creation, so a list of activities needs no community per row. */
  communityName?: string;
  streetId: string;
  title: string;
  startAt: Date;
  endAt: Date;
  place?: string;
  lat?: number;
  lng?: number;
  radiusM?: number;
  capacity?: number;
  maxMinutes?: number;
  organiserId: string;
  signedUp: number;
  createdAt: Date;
}

export type Method = 'qr' | 'manual' | 'proxy';
export type AttendanceStatus = 'open' | 'pending' | 'approved' | 'rejected';

export interface AttendanceRecord {
  /** `${activityId}:${userId}`: one record per person per activity, by construction. */
  _id: string;
  activityId: string;
  communityId: string;
  streetId: string;
  userId: string;
  checkInAt: Date;
  checkOutAt?: Date;
  method: Method;
  /** Who made the check-in: the person, their proxy, or staff. */
  operatorId: string;
  checkOutMethod?: Method;
  checkOutOperatorId?: string;
  status: AttendanceStatus;
  creditedMinutes?: number;
  flags: string[];
  approverId?: string;
  approvedAt?: Date;
  rejectedBy?: string;
  rejectedAt?: Date;
  rejectReason?: string;
  /**
   * When the record can be reviewed: its check-out, or for a record still open, the
   * activity's end plus the grace period (when it closes by itself). Pending lists read
   * `reviewAt <= now`, so records of activities still running are not read at all.
   */
  reviewAt: Date;
  createdAt: Date;
}

export const attendanceId = (activityId: string, userId: string): string => `${activityId}:${userId}`;
export const signupId = (activityId: string, userId: string): string => `${activityId}:${userId}`;

export const FLAG_NO_CHECKOUT = 'no-checkout';
export const FLAG_NO_LOCATION = 'no-location';

/** Window of credit: earliest start − 15 min to latest end + 30 min (DOMAIN.md). */
export const EARLY_MS = 15 * 60_000;
export const GRACE_MS = 30 * 60_000;
export const UNIT_MINUTES = 15;
/** An activity lasts at most a day (lists of upcoming activities rely on it). */
export const MAX_ACTIVITY_MS = 24 * 60 * 60_000;
/** An activity may be published for one that happened up to 30 days ago (hand check-in) and up to a year ahead. */
export const ACTIVITY_PAST_LIMIT_MS = 30 * 24 * 60 * 60_000;
export const ACTIVITY_FUTURE_LIMIT_MS = 366 * 24 * 60 * 60_000;
