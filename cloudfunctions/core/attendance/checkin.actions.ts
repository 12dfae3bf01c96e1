import type { Deps } from '../runtime';
import type { Impls } from '../shell';
import type { Tx } from '../db/tx';
import { getDoc } from '../db/tx';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import { getUser } from '../identity/identity.repository';
import { toIso } from '../time';
import { attendanceId, type Activity, type AttendanceRecord } from './attendance.model';
import { decideScan, type ScanCommand } from './attendance.deciders';
import { activityFor, ATTENDANCE, attendanceViews, normalise, recordsWhere, saveRecord, SIGNUPS, staffActivity, toView } from './attendance.repository';
import { issueToken, verifyToken } from './qr-token';

/** Writes the scan's record when it changed anything, and answers with it. */
async function applyScan(deps: Deps, tx: Tx, activity: Activity, cmd: ScanCommand) {
  const id = attendanceId(activity._id, cmd.userId);
  const prior = await getDoc<AttendanceRecord>(tx, ATTENDANCE, id);
  const { record, changed } = decideScan(activity, prior ? normalise(prior) : null, cmd, deps.clock.now());
  if (changed) await (prior ? saveRecord(tx, record) : tx.collection(ATTENDANCE).add(record));
  const person = await getUser(tx, cmd.userId);
  return { attendance: toView(record, activity.title, person?.name ?? '') };
}

export const checkinActions: Impls<'checkin'> = {
  qr: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const activity = await staffActivity(deps.db, user, input.activityId);
      const { token, expiresAt, refreshInSeconds } = issueToken(deps.secrets.qr(), activity._id, input.kind, deps.clock.now());
      const col = deps.db.collection(ATTENDANCE);
      const checkedIn = (await col.where({ activityId: activity._id }).count()).total as number;
      const checkedOut = (await col.where({ activityId: activity._id, checkOutAt: deps.db.command.exists(true) }).count()).total as number;
      return { token, expiresAt: toIso(expiresAt), refreshInSeconds, checkedIn, checkedOut };
    },
  },

  scan: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const { activityId, kind } = verifyToken(deps.secrets.qr(), input.token, deps.clock.now());
      const activity = await activityFor(tx, activityId, user.streetId);
      const subject = await actingFor(deps.db, tx, user, input.forUserId, 'checkin');
      const position = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : undefined;
      return applyScan(deps, tx, activity, {
        kind,
        userId: subject._id,
        operatorId: user._id,
        method: subject === user ? 'qr' : 'proxy',
        ...(position ? { position } : {}),
      });
    },
  },

  manual: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const activity = await staffActivity(tx, user, input.activityId);
      const person = await getUser(tx, input.userId);
      if (!person || person.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
      return applyScan(deps, tx, activity, { kind: input.kind, userId: person._id, operatorId: user._id, method: 'manual' });
    },
  },

  attendees: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const activity = await staffActivity(deps.db, user, input.activityId);
      const items = await attendanceViews(deps.db, await recordsWhere(deps.db, { activityId: activity._id }), deps.clock.now());
      const present = new Set(items.map((i) => i.userId));
      const signups = (await deps.db.collection(SIGNUPS).where({ activityId: activity._id }).limit(1000).get()).data as Array<{ userId: string }>;
      const missing = signups.map((s) => s.userId).filter((u) => !present.has(u));
      const notCheckedIn = [];
      for (const userId of missing) notCheckedIn.push({ userId, userName: (await getUser(deps.db, userId))?.name ?? '' });
      return { items, notCheckedIn };
    },
  },
};
