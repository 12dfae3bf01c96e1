import type { Impls } from '../shell';
import { DomainError } from '../errors';
import { getCommunity } from '../identity/identity.repository';
import { requireStaffOf } from '../identity/identity.rules';
import { getDoc } from '../db/tx';
import { signupId, type Activity } from './attendance.model';
import { ACTIVITIES, activityFor, activityView, SIGNUPS } from './attendance.repository';

export const activityActions: Impls<'activity'> = {
  create: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      const startAt = new Date(input.startAt);
      const endAt = new Date(input.endAt);
      if (endAt.getTime() <= startAt.getTime()) throw new DomainError('ACTIVITY.INVALID_TIME', undefined, { fields: [{ path: 'endAt', message: '结束时间要晚于开始时间' }] });
      const activity: Activity = {
        _id: deps.ids.next('a'),
        communityId: community._id,
        streetId: community.streetId,
        title: input.title,
        startAt,
        endAt,
        ...(input.place ? { place: input.place } : {}),
        ...(input.lat !== undefined ? { lat: input.lat } : {}),
        ...(input.lng !== undefined ? { lng: input.lng } : {}),
        ...(input.radiusM !== undefined ? { radiusM: input.radiusM } : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.maxMinutes !== undefined ? { maxMinutes: input.maxMinutes } : {}),
        organiserId: user._id,
        signedUp: 0,
        createdAt: deps.clock.now(),
      };
      await tx.collection(ACTIVITIES).add(activity);
      return { activity: await activityView(tx, activity, user) };
    },
  },

  list: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const _ = deps.db.command;
      const where: Record<string, unknown> = { streetId: user.streetId };
      if (input.communityId) where.communityId = input.communityId;
      if (input.from && input.to) where.startAt = _.gte(new Date(input.from)).and(_.lt(new Date(input.to)));
      else if (input.from) where.startAt = _.gte(new Date(input.from));
      else if (input.to) where.startAt = _.lt(new Date(input.to));
      const res = await deps.db.collection(ACTIVITIES).where(where).orderBy('startAt', 'asc').limit(200).get();
      const items = [];
      for (const a of res.data as Activity[]) items.push(await activityView(deps.db, a, user));
      return { items };
    },
  },

  get: {
    auth: 'registered',
    async run({ deps, user, input }) {
      return { activity: await activityView(deps.db, await activityFor(deps.db, input.activityId, user.streetId), user) };
    },
  },

  signup: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      // Any volunteer of the street may join any of its activities (DOMAIN.md is silent).
      if (!user.roles.some((g) => g.role === 'volunteer')) throw new DomainError('AUTH.FORBIDDEN', '报名志愿活动需要先成为志愿者');
      const activity = await activityFor(tx, input.activityId, user.streetId);
      if (await getDoc(tx, SIGNUPS, signupId(activity._id, user._id))) return { activity: await activityView(tx, activity, user) };
      if (activity.endAt.getTime() < deps.clock.now().getTime()) throw new DomainError('CHECKIN.NOT_OPEN', '活动已经结束，不能报名');
      if (activity.capacity !== undefined && activity.signedUp >= activity.capacity) throw new DomainError('ACTIVITY.FULL');
      await tx.collection(SIGNUPS).add({ _id: signupId(activity._id, user._id), activityId: activity._id, userId: user._id, at: deps.clock.now() });
      await tx.collection(ACTIVITIES).doc(activity._id).update({ signedUp: activity.signedUp + 1 });
      return { activity: await activityView(tx, { ...activity, signedUp: activity.signedUp + 1 }, user) };
    },
  },
};
