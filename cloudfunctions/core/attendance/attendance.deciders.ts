import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import {
  ACTIVITY_FUTURE_LIMIT_MS,
  ACTIVITY_PAST_LIMIT_MS,
  attendanceId,
  FLAG_NO_LOCATION,
  GRACE_MS,
  MAX_ACTIVITY_MS,
  type Activity,
  type AttendanceRecord,
  type Method,
} from './attendance.model';
import { creditedMinutes, effectiveRecord } from './crediting';

/** Pure rules of a check-in or check-out, approval and rejection. */
export interface ScanCommand {
  kind: 'in' | 'out';
  userId: string;
  operatorId: string;
  method: Method;
  /** The scanner's position, when the phone sent it. */
  position?: { lat: number; lng: number };
}

/**
 * Who scans in (DOMAIN.md roles): a volunteer for themselves, or a proxy for an elder they
 * hold (actingFor has checked the link and its `checkin` scope). Residents, shop staff,
 * committee members and staff who are not volunteers have no hours to earn here.
 */
export function mayBeCheckedIn(scanner: User, subject: User): void {
  if (subject._id !== scanner._id) return;
  if (!scanner.roles.some((g) => g.role === 'volunteer')) throw new DomainError('AUTH.FORBIDDEN', '只有志愿者可以扫码签到（代持人可以为代持的长者扫码）');
}

/**
 * When an activity may be: it ends after it starts, lasts at most 24 hours, starts no more
 * than 30 days ago (staff record one that happened, then check people in by hand) and no
 * more than a year ahead.
 */
export function checkActivityTimes(startAt: Date, endAt: Date, now: Date): void {
  const invalid = (path: 'startAt' | 'endAt', message: string, summary?: string): DomainError =>
    new DomainError('ACTIVITY.INVALID_TIME', summary ?? message, { fields: [{ path, message }] });
  if (endAt.getTime() <= startAt.getTime()) throw invalid('endAt', '结束时间要晚于开始时间');
  if (endAt.getTime() - startAt.getTime() > MAX_ACTIVITY_MS) throw invalid('endAt', '最长 24 小时', '一次活动最长 24 小时，更长的请分成几次发布');
  if (startAt.getTime() < now.getTime() - ACTIVITY_PAST_LIMIT_MS) throw invalid('startAt', '只能补登 30 天内的活动');
  if (startAt.getTime() > now.getTime() + ACTIVITY_FUTURE_LIMIT_MS) throw invalid('startAt', '最多提前一年发布');
}

/** Metres between two points (haversine). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/**
 * Returns the record to write, or the existing one unchanged when the scan repeats one
 * already made (scanning twice is harmless).
 */
export function decideScan(activity: Activity, existing: AttendanceRecord | null, cmd: ScanCommand, now: Date): { record: AttendanceRecord; changed: boolean } {
  const flags: string[] = [];
  if (activity.radiusM !== undefined && activity.lat !== undefined && activity.lng !== undefined && cmd.method !== 'manual') {
    if (!cmd.position) flags.push(FLAG_NO_LOCATION);
    else if (distanceM(cmd.position, { lat: activity.lat, lng: activity.lng }) > activity.radiusM) throw new DomainError('CHECKIN.OUT_OF_RANGE');
  }
  const current = existing ? effectiveRecord(existing, activity, now) : null;
  if (cmd.kind === 'in') {
    if (current) return { record: current, changed: current !== existing };
    if (now.getTime() > activity.endAt.getTime() + GRACE_MS) throw new DomainError('CHECKIN.NOT_OPEN');
    return {
      changed: true,
      record: {
        _id: attendanceId(activity._id, cmd.userId),
        activityId: activity._id,
        communityId: activity.communityId,
        streetId: activity.streetId,
        userId: cmd.userId,
        checkInAt: now,
        method: cmd.method,
        operatorId: cmd.operatorId,
        status: 'open',
        flags,
        reviewAt: new Date(activity.endAt.getTime() + GRACE_MS),
        createdAt: now,
      },
    };
  }
  if (!current) throw new DomainError('CHECKIN.NOT_CHECKED_IN');
  if (current.status !== 'open') return { record: current, changed: current !== existing };
  return {
    changed: true,
    record: {
      ...current,
      checkOutAt: now,
      checkOutMethod: cmd.method,
      checkOutOperatorId: cmd.operatorId,
      status: 'pending',
      creditedMinutes: creditedMinutes(activity, current.checkInAt, now),
      flags: [...new Set([...current.flags, ...flags])],
      reviewAt: now,
    },
  };
}

export function decideApproval(activity: Activity, record: AttendanceRecord, approverId: string, now: Date): AttendanceRecord | null {
  // Nobody approves their own hours (also staff who volunteered at their own activity).
  if (record.userId === approverId) throw new DomainError('HOURS.OWN_RECORD');
  const current = effectiveRecord(record, activity, now);
  if (current.status === 'approved') return null; // already credited: approving again changes nothing
  if (current.status === 'open') throw new DomainError('HOURS.STILL_OPEN');
  if (current.status === 'rejected') throw new DomainError('HOURS.NOT_PENDING', '这条记录已被驳回，不能再通过');
  return { ...current, status: 'approved', approverId, approvedAt: now };
}

export function decideRejection(activity: Activity, record: AttendanceRecord, staffId: string, reason: string, now: Date): AttendanceRecord {
  if (record.userId === staffId) throw new DomainError('HOURS.OWN_RECORD');
  const current = effectiveRecord(record, activity, now);
  if (current.status === 'open') throw new DomainError('HOURS.STILL_OPEN');
  if (current.status !== 'pending') throw new DomainError('HOURS.NOT_PENDING');
  return { ...current, status: 'rejected', rejectedBy: staffId, rejectedAt: now, rejectReason: reason };
}
