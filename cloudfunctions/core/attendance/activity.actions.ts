import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import { getCommunity } from '../identity/identity.repository';
import { requireStaffOf } from '../identity/identity.rules';
import type { Impls } from '../shell';
import { checkActivityTimes } from './attendance.deciders';
import { MAX_ACTIVITY_MS, signupId, type Activity } from './attendance.model';
import { activities, activityFor, activityViews, oneActivityView, signups } from './attendance.repository';

const leaseOf = (activityId: string): string => `activity:${activityId}`;

export const activityActions: Impls<'activity'> = {
  create: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      const startAt = new Date(input.startAt);
      const endAt = new Date(input.endAt);
      checkActivityTimes(startAt, endAt, deps.clock.now());
      const activity: Activity = {
        _id: deps.ids.next('a'),
        communityId: community._id,
        communityName: community.name,
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
      await activities.add(tx, activity);
      return { activity: await oneActivityView(tx, activity, user) };
    },
  },

  /**
   * Activities of my street (or one community), by the server's clock: upcoming and running
   * ones soonest first, or past ones latest first; a page at a time. An activity lasts at
   * most a day, so "running or upcoming" starts at most a day ago and the index on the start
   * time serves both lists.
   */
  list: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const _ = deps.db.command;
      const now = deps.clock.now();
      const base: Record<string, unknown> = input.communityId ? { communityId: input.communityId, streetId: user.streetId } : { streetId: user.streetId };
      let where: Record<string, unknown>;
      let dir: 'asc' | 'desc';
      if (input.from || input.to) {
        const from = input.from ? new Date(input.from) : new Date(0);
        where = { ...base, startAt: input.to ? _.gte(from).and(_.lt(new Date(input.to))) : _.gte(from) };
        dir = 'asc';
      } else if (input.when === 'past') {
        where = { ...base, startAt: _.lt(now), endAt: _.lt(now) };
        dir = 'desc';
      } else {
        where = { ...base, startAt: _.gte(new Date(now.getTime() - MAX_ACTIVITY_MS)), endAt: _.gte(now) };
        dir = 'asc';
      }
      const page = await pageOf(deps.db, activities, cursors, {
        where,
        field: 'startAt',
        dir,
        valueOf: (a) => a.startAt,
        cursor: input.cursor,
        scope: `activities:${user.streetId}:${input.communityId ?? ''}:${input.when ?? ''}:${input.from ?? ''}:${input.to ?? ''}`,
      });
      return pageAnswer(page, await activityViews(deps.db, page.items, user));
    },
  },

  get: {
    auth: 'registered',
    async run({ deps, user, input }) {
      return { activity: await oneActivityView(deps.db, await activityFor(deps.db, input.activityId, user.streetId), user) };
    },
  },

  signup: {
    auth: 'registered',
    // A rush for the last places: racers queue on the activity instead of conflicting on its
    // count, and once the places are gone the queue is told so at once.
    async leases({ deps, user, input }) {
      const stillWorthIt = async (): Promise<void> => {
        const a = await activityFor(deps.db, input.activityId, user.streetId);
        if (a.capacity !== undefined && a.signedUp >= a.capacity && !(await signups.get(deps.db, signupId(a._id, user._id))))
          throw new DomainError('ACTIVITY.FULL');
      };
      await stillWorthIt();
      return { keys: [leaseOf(input.activityId)], stillWorthIt };
    },
    async run({ deps, user, input, tx }) {
      // Any volunteer of the street may join any of its activities (DOMAIN.md is silent).
      if (!user.roles.some((g) => g.role === 'volunteer')) throw new DomainError('AUTH.FORBIDDEN', '报名志愿活动需要先成为志愿者');
      const activity = await activityFor(tx, input.activityId, user.streetId);
      if (await signups.get(tx, signupId(activity._id, user._id))) return { activity: await oneActivityView(tx, activity, user) };
      if (activity.endAt.getTime() < deps.clock.now().getTime()) throw new DomainError('CHECKIN.NOT_OPEN', '活动已经结束，不能报名');
      if (activity.capacity !== undefined && activity.signedUp >= activity.capacity) throw new DomainError('ACTIVITY.FULL');
      await signups.add(tx, { _id: signupId(activity._id, user._id), activityId: activity._id, userId: user._id, at: deps.clock.now() });
      await activities.patch(tx, activity._id, { signedUp: activity.signedUp + 1 });
      return { activity: await oneActivityView(tx, { ...activity, signedUp: activity.signedUp + 1 }, user) };
    },
  },
};
