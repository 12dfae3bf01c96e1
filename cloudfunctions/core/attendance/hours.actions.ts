import type { Impls } from '../shell';
import { DomainError } from '../errors';
import { getCommunity, getUser } from '../identity/identity.repository';
import { isStreetAdmin, requireStaffOf } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { postEntry } from '../ledger/ledger.repository';
import { decideApproval, decideRejection } from './attendance.deciders';
import { attendanceViews, recordsWhere, saveRecord, staffActivity, staffRecord, toView } from './attendance.repository';

/** The journal entry of an approval has a deterministic id: a record is credited at most once. */
export const hoursEntryId = (attendanceId: string): string => `hours-${attendanceId}`;

export const hoursActions: Impls<'hours'> = {
  pending: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const _ = deps.db.command;
      let where: Record<string, unknown>;
      if (input.activityId) {
        where = { activityId: (await staffActivity(deps.db, user, input.activityId))._id };
      } else if (input.communityId || user.roles.some((g) => g.role === 'staff')) {
        const communityId = input.communityId ?? user.roles.find((g) => g.role === 'staff')!.scope;
        const community = await getCommunity(deps.db, communityId);
        if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
        requireStaffOf(user, community);
        where = { communityId: community._id };
      } else {
        // The street admin, with no community named, sees the whole street.
        if (!isStreetAdmin(user, user.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有社工可以审核时长');
        where = { streetId: user.streetId };
      }
      const records = await recordsWhere(deps.db, { ...where, status: _.in(['open', 'pending']) });
      const views = await attendanceViews(deps.db, records, deps.clock.now());
      return { items: views.filter((v) => v.status === 'pending') };
    },
  },

  approve: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const now = deps.clock.now();
      let approved = 0;
      let creditedMinutes = 0;
      for (const id of [...new Set(input.attendanceIds)]) {
        const { record, activity } = await staffRecord(tx, user, id);
        const next = decideApproval(activity, record, user._id, now);
        if (!next) continue;
        await saveRecord(tx, next);
        if ((next.creditedMinutes ?? 0) > 0) {
          await postEntry(
            tx,
            {
              kind: 'hours.approved',
              postings: [
                { accountId: accountIds.issuance(activity.communityId), amountMinutes: -next.creditedMinutes! },
                { accountId: accountIds.wallet(next.userId), amountMinutes: next.creditedMinutes! },
              ],
              refs: { attendanceId: next._id, activityId: activity._id },
              operatorId: user._id,
              memo: activity.title,
            },
            { now, entryId: hoursEntryId(next._id), db: deps.db },
          );
        }
        approved++;
        creditedMinutes += next.creditedMinutes ?? 0;
      }
      return { approved, creditedMinutes };
    },
  },

  reject: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const { record, activity } = await staffRecord(tx, user, input.attendanceId);
      const next = decideRejection(activity, record, user._id, input.reason, deps.clock.now());
      await saveRecord(tx, next);
      const person = await getUser(tx, next.userId);
      return { attendance: toView(next, activity.title, person?.name ?? '') };
    },
  },

  mine: {
    auth: 'registered',
    async run({ deps, user }) {
      return { items: await attendanceViews(deps.db, await recordsWhere(deps.db, { userId: user._id }, 200), deps.clock.now()) };
    },
  },
};
