import { pageAnswer, pageOf } from '../db/paging';
import type { Tx } from '../db/tx';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import { recordActFor } from '../identity/proxy-acts';
import { users } from '../identity/identity.repository';
import type { Deps } from '../runtime';
import type { Impls } from '../shell';
import { toIso } from '../time';
import { attendanceId, type Activity } from './attendance.model';
import { decideScan, type ScanCommand } from './attendance.deciders';
import { activityFor, attendance, attendanceViews, saveRecord, signups, staffActivity, toView } from './attendance.repository';
import { mayBeCheckedIn } from './attendance.deciders';
import { issueToken, verifyToken } from './qr-token';

/** Writes the scan's record when it changed anything, and answers with it. */
async function applyScan(deps: Deps, tx: Tx, activity: Activity, cmd: ScanCommand) {
  const prior = await attendance.get(tx, attendanceId(activity._id, cmd.userId));
  const { record, changed } = decideScan(activity, prior, cmd, deps.clock.now());
  if (changed) await (prior ? saveRecord(tx, record) : attendance.add(tx, record));
  const person = await users.get(tx, cmd.userId);
  return { attendance: toView(record, activity, person?.name ?? '') };
}

export const checkinActions: Impls<'checkin'> = {
  qr: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const _ = deps.db.command;
      const activity = await staffActivity(deps.db, user, input.activityId);
      const { token, expiresAt, refreshInSeconds } = issueToken(deps.secrets.qr(), activity._id, input.kind, deps.clock.now());
      // Counted from the index alone (no document is read): everyone in, and those out.
      const col = deps.db.collection(attendance.name);
      const checkedIn = (await col.where({ activityId: activity._id }).count()).total as number;
      const checkedOut = (await col.where({ activityId: activity._id, status: _.in(['pending', 'approved', 'rejected']) }).count()).total as number;
      return { token, expiresAt: toIso(expiresAt), refreshInSeconds, checkedIn, checkedOut };
    },
  },

  scan: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const { activityId, kind } = verifyToken(deps.secrets.qr(), input.token, deps.clock.now());
      const activity = await activityFor(tx, activityId, user.streetId);
      const subject = await actingFor(deps.db, tx, user, input.forUserId, 'checkin');
      mayBeCheckedIn(user, subject);
      const position = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : undefined;
      await recordActFor(tx, deps, user._id, subject._id, `代为${kind === 'in' ? '签到' : '签退'}：${activity.title}`, { activityId: activity._id });
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
      const person = await users.get(tx, input.userId);
      if (!person || person.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
      if (person._id === user._id) throw new DomainError('AUTH.FORBIDDEN', '不能给自己手工签到，请由其他社工办理');
      return applyScan(deps, tx, activity, { kind: input.kind, userId: person._id, operatorId: user._id, method: 'manual' });
    },
  },

  /** Who came (newest first, a page at a time), and who signed up but has not checked in. */
  attendees: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const activity = await staffActivity(deps.db, user, input.activityId);
      const now = deps.clock.now();
      const records = await pageOf(deps.db, attendance, cursors, {
        where: { activityId: activity._id },
        field: 'checkInAt',
        dir: 'desc',
        valueOf: (r) => r.checkInAt,
        cursor: input.cursor,
        scope: `attendees:${activity._id}`,
      });
      const signedUp = await pageOf(deps.db, signups, cursors, {
        where: { activityId: activity._id },
        field: 'at',
        dir: 'asc',
        valueOf: (s) => s.at,
        cursor: input.signupCursor,
        scope: `signups:${activity._id}`,
        limit: 50,
      });
      const present = await attendance.getMany(
        deps.db,
        signedUp.items.map((s) => attendanceId(activity._id, s.userId)),
      );
      const missing = signedUp.items.filter((s) => !present.has(attendanceId(activity._id, s.userId)));
      const names = await users.getMany(
        deps.db,
        missing.map((s) => s.userId),
      );
      return {
        ...pageAnswer(records, await attendanceViews(deps.db, records.items, now)),
        notCheckedIn: missing.map((s) => ({ userId: s.userId, userName: names.get(s.userId)?.name ?? '' })),
        ...(signedUp.nextCursor ? { signupCursor: signedUp.nextCursor } : {}),
      };
    },
  },
};
