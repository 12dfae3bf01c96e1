import { z } from 'zod';
import type { Attendance, ActivityView } from '../contract';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { DbLike, Tx } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { communities, users } from '../identity/identity.repository';
import { isStaffOf, requireStaffOf } from '../identity/identity.rules';
import { toIso } from '../time';
import { signupId, type Activity, type AttendanceRecord } from './attendance.model';
import { creditBreakdown, effectiveRecord } from './crediting';

const ActivityRecord = z.object({
  _id: z.string(),
  communityId: z.string(),
  communityName: z.string().optional(),
  streetId: z.string(),
  title: z.string(),
  startAt: DateField,
  endAt: DateField,
  place: z.string().optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
  radiusM: z.number().int().optional(),
  capacity: z.number().int().optional(),
  maxMinutes: z.number().int().optional(),
  organiserId: z.string(),
  signedUp: z.number().int(),
  createdAt: DateField,
});

const Method = z.enum(['qr', 'manual', 'proxy']);
const AttendanceRecordSchema = z.object({
  _id: z.string(),
  activityId: z.string(),
  communityId: z.string(),
  streetId: z.string(),
  userId: z.string(),
  checkInAt: DateField,
  checkOutAt: DateField.optional(),
  method: Method,
  operatorId: z.string(),
  checkOutMethod: Method.optional(),
  checkOutOperatorId: z.string().optional(),
  status: z.enum(['open', 'pending', 'approved', 'rejected']),
  creditedMinutes: z.number().int().optional(),
  flags: z.array(z.string()),
  approverId: z.string().optional(),
  approvedAt: DateField.optional(),
  rejectedBy: z.string().optional(),
  rejectedAt: DateField.optional(),
  rejectReason: z.string().optional(),
  reviewAt: DateField,
  createdAt: DateField,
});

export interface Signup {
  _id: string;
  activityId: string;
  userId: string;
  at: Date;
}

export const activities = defineCollection<Activity>('activities', ActivityRecord);
export const attendance = defineCollection<AttendanceRecord>('attendance', AttendanceRecordSchema);
export const signups = defineCollection<Signup>('signups', z.object({ _id: z.string(), activityId: z.string(), userId: z.string(), at: DateField }));
export const ACTIVITIES = activities.name;
export const ATTENDANCE = attendance.name;
export const SIGNUPS = signups.name;

/** An activity of the caller's street; another street's activities do not exist for them. */
export async function activityFor(db: DbLike, activityId: string, streetId: string): Promise<Activity> {
  const a = await activities.get(db, activityId);
  if (!a || a.streetId !== streetId) throw new DomainError('ACTIVITY.NOT_FOUND');
  return a;
}

/** Activities as `viewer` sees them: whether they signed up, and whether they run it; look-ups batched. */
export async function activityViews(db: Database, list: Activity[], viewer: User): Promise<ActivityView[]> {
  const names = await communities.getMany(
    db,
    list.filter((a) => a.communityName === undefined).map((a) => a.communityId),
  );
  const mine = await signups.getMany(
    db,
    list.map((a) => signupId(a._id, viewer._id)),
  );
  return list.map((a) => activityView(a, viewer, a.communityName ?? names.get(a.communityId)?.name ?? '', mine.has(signupId(a._id, viewer._id))));
}

export function activityView(a: Activity, viewer: User, communityName: string, mine: boolean): ActivityView {
  return {
    id: a._id,
    communityId: a.communityId,
    communityName,
    title: a.title,
    startAt: toIso(a.startAt),
    endAt: toIso(a.endAt),
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

/** One activity as its viewer sees it (reads inside a transaction when given one). */
export async function oneActivityView(db: DbLike, a: Activity, viewer: User): Promise<ActivityView> {
  const name = a.communityName ?? (await communities.get(db, a.communityId))?.name ?? '';
  const mine = !!(await signups.get(db, signupId(a._id, viewer._id)));
  return activityView(a, viewer, name, mine);
}

/** Records as people see them: overdue open records are shown closed at the scheduled end. */
export async function attendanceViews(db: Database, records: AttendanceRecord[], now: Date): Promise<Attendance[]> {
  const people = await users.getMany(
    db,
    records.map((r) => r.userId),
  );
  const acts = await activities.getMany(
    db,
    records.map((r) => r.activityId),
  );
  return records.map((raw) => {
    const activity = acts.get(raw.activityId);
    const r = activity ? effectiveRecord(raw, activity, now) : raw;
    return toView(r, activity, people.get(r.userId)?.name ?? '');
  });
}

/** A record as screens show it; with its activity, how its minutes were counted. */
export function toView(r: AttendanceRecord, activity: Activity | undefined, userName: string): Attendance {
  const counted = activity && r.checkOutAt ? creditBreakdown(activity, r.checkInAt, r.checkOutAt).countedMinutes : undefined;
  return {
    id: r._id,
    activityId: r.activityId,
    activityTitle: activity?.title ?? '',
    userId: r.userId,
    userName,
    checkInAt: toIso(r.checkInAt),
    ...(r.checkOutAt ? { checkOutAt: toIso(r.checkOutAt) } : {}),
    method: r.method,
    status: r.status,
    ...(r.creditedMinutes !== undefined ? { creditedMinutes: r.creditedMinutes } : {}),
    ...(counted !== undefined ? { countedMinutes: counted } : {}),
    ...(activity?.maxMinutes !== undefined ? { maxMinutes: activity.maxMinutes } : {}),
    flags: r.flags,
    ...(r.rejectReason ? { rejectReason: r.rejectReason } : {}),
  };
}

/** An activity of the caller's street that the caller runs (staff of its community or the street admin). */
export async function staffActivity(db: DbLike, user: User, activityId: string): Promise<Activity> {
  const activity = await activityFor(db, activityId, user.streetId);
  requireStaffOf(user, { _id: activity.communityId, streetId: activity.streetId });
  return activity;
}

/** A record staff may decide on: it exists in the caller's street and they run its activity. */
export async function staffRecord(db: DbLike, user: User, recordId: string): Promise<{ record: AttendanceRecord; activity: Activity }> {
  const record = await attendance.get(db, recordId);
  if (!record || record.streetId !== user.streetId) throw new DomainError('NOT_FOUND', `没有找到这条时长记录：${recordId}`);
  return { record, activity: await staffActivity(db, user, record.activityId) };
}

export const saveRecord = (tx: Tx, record: AttendanceRecord): Promise<void> => attendance.put(tx, record);
