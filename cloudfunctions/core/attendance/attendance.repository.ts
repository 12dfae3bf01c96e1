import type { Attendance, ActivityView } from '../contract';
import type { Database } from '../db/app';
import { getDoc, type DbLike, type Tx } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { getCommunity, USERS } from '../identity/identity.repository';
import { isStaffOf, requireStaffOf } from '../identity/identity.rules';
import { toIso } from '../time';
import { signupId, type Activity, type AttendanceRecord } from './attendance.model';
import { effectiveRecord } from './crediting';

export const ACTIVITIES = 'activities';
export const ATTENDANCE = 'attendance';
export const SIGNUPS = 'signups';

/** An activity of the caller's street; another street's activities do not exist for them. */
export async function activityFor(db: DbLike, activityId: string, streetId: string): Promise<Activity> {
  const a = await getDoc<Activity>(db, ACTIVITIES, activityId);
  if (!a || a.streetId !== streetId) throw new DomainError('ACTIVITY.NOT_FOUND');
  return { ...a, startAt: new Date(a.startAt), endAt: new Date(a.endAt) };
}

/** An activity as `viewer` sees it: whether they signed up, and whether they run it (staff). */
export async function activityView(db: DbLike, a: Activity, viewer: User): Promise<ActivityView> {
  const community = await getCommunity(db, a.communityId);
  const mine = !!(await getDoc(db, SIGNUPS, signupId(a._id, viewer._id)));
  return {
    id: a._id,
    communityId: a.communityId,
    communityName: community?.name ?? '',
    title: a.title,
    startAt: toIso(new Date(a.startAt)),
    endAt: toIso(new Date(a.endAt)),
    ...(a.place ? { place: a.place } : {}),
    ...(a.lat !== undefined ? { lat: a.lat } : {}),
    ...(a.lng !== undefined ? { lng: a.lng } : {}),
    ...(a.radiusM !== undefined ? { radiusM: a.radiusM } : {}),
    ...(a.capacity !== undefined ? { capacity: a.capacity } : {}),
    ...(a.maxMinutes !== undefined ? { maxMinutes: a.maxMinutes } : {}),
    signedUp: a.signedUp,
    mine,
    canManage: isStaffOf(viewer, { _id: a.communityId, streetId: a.streetId }),
    organiserId: a.organiserId,
  };
}

/** Records as people see them: overdue open records are shown closed at the scheduled end. */
export async function attendanceViews(db: Database, records: AttendanceRecord[], now: Date): Promise<Attendance[]> {
  const _ = db.command;
  const userIds = [...new Set(records.map((r) => r.userId))];
  const activityIds = [...new Set(records.map((r) => r.activityId))];
  const users = new Map<string, User>();
  for (let i = 0; i < userIds.length; i += 100) {
    const res = await db.collection(USERS).where({ _id: _.in(userIds.slice(i, i + 100)) }).limit(100).get();
    for (const u of res.data as User[]) users.set(u._id, u);
  }
  const activities = new Map<string, Activity>();
  for (let i = 0; i < activityIds.length; i += 100) {
    const res = await db.collection(ACTIVITIES).where({ _id: _.in(activityIds.slice(i, i + 100)) }).limit(100).get();
    for (const a of res.data as Activity[]) activities.set(a._id, { ...a, startAt: new Date(a.startAt), endAt: new Date(a.endAt) });
  }
  return records.map((raw) => {
    const activity = activities.get(raw.activityId);
    const r = activity ? effectiveRecord(normalise(raw), activity, now) : normalise(raw);
    return toView(r, activity?.title ?? '', users.get(r.userId)?.name ?? '');
  });
}

export function normalise(r: AttendanceRecord): AttendanceRecord {
  return { ...r, checkInAt: new Date(r.checkInAt), ...(r.checkOutAt ? { checkOutAt: new Date(r.checkOutAt) } : {}) };
}

export function toView(r: AttendanceRecord, activityTitle: string, userName: string): Attendance {
  return {
    id: r._id,
    activityId: r.activityId,
    activityTitle,
    userId: r.userId,
    userName,
    checkInAt: toIso(new Date(r.checkInAt)),
    ...(r.checkOutAt ? { checkOutAt: toIso(new Date(r.checkOutAt)) } : {}),
    method: r.method,
    status: r.status,
    ...(r.creditedMinutes !== undefined ? { creditedMinutes: r.creditedMinutes } : {}),
    flags: r.flags,
    ...(r.rejectReason ? { rejectReason: r.rejectReason } : {}),
  };
}

export async function recordsWhere(db: Database, where: object, limit = 1000): Promise<AttendanceRecord[]> {
  const res = await db.collection(ATTENDANCE).where(where).orderBy('checkInAt', 'desc').limit(limit).get();
  return (res.data as AttendanceRecord[]).map(normalise);
}

/** An activity of the caller's street that the caller runs (staff of its community or the street admin). */
export async function staffActivity(db: DbLike, user: User, activityId: string): Promise<Activity> {
  const activity = await activityFor(db, activityId, user.streetId);
  requireStaffOf(user, { _id: activity.communityId, streetId: activity.streetId });
  return activity;
}

/** A record staff may decide on: it exists in the caller's street and they run its activity. */
export async function staffRecord(db: DbLike, user: User, recordId: string): Promise<{ record: AttendanceRecord; activity: Activity }> {
  const raw = await getDoc<AttendanceRecord>(db, ATTENDANCE, recordId);
  if (!raw || raw.streetId !== user.streetId) throw new DomainError('NOT_FOUND', `没有找到这条时长记录：${recordId}`);
  return { record: normalise(raw), activity: await staffActivity(db, user, raw.activityId) };
}

export async function saveRecord(tx: Tx, record: AttendanceRecord): Promise<void> {
  const { _id, ...rest } = record;
  await tx.collection(ATTENDANCE).doc(_id).set(rest);
}
