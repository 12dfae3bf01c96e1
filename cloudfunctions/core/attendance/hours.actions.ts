import type { ErrorCode } from '../contract';
import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { getCommunity } from '../identity/identity.repository';
import { actingFor } from '../identity/acting-for';
import { isStreetAdmin, requireStaffOf } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { postEntry } from '../ledger/ledger.repository';
import { tellAbout } from '../messages/notify';
import type { ActionContext, Impls } from '../shell';
import type { Database } from '../db/app';
import { decideApproval, decideRejection } from './attendance.deciders';
import { attendance, attendanceViews, saveRecord, staffActivity, staffRecord, toView } from './attendance.repository';
import { users } from '../identity/identity.repository';

/** The journal entry of an approval has a deterministic id: a record is credited at most once. */
export const hoursEntryId = (attendanceId: string): string => `hours-${attendanceId}`;

/** A batch approval stops taking new records when less than this is left of its budget, and says there is more. */
const BATCH_RESERVE_MS = 1_500;

/** Which records a staff member reviews: one activity, one community, or (the street admin) the whole street. */
async function reviewScope(
  db: Database,
  user: User,
  input: { activityId?: string; communityId?: string },
): Promise<{ where: Record<string, unknown>; scope: string }> {
  if (input.activityId) return { where: { activityId: (await staffActivity(db, user, input.activityId))._id }, scope: `a:${input.activityId}` };
  const staffCommunity = user.roles.find((g) => g.role === 'staff')?.scope;
  if (input.communityId || staffCommunity) {
    const community = await getCommunity(db, input.communityId ?? staffCommunity!);
    if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
    requireStaffOf(user, community);
    return { where: { communityId: community._id }, scope: `c:${community._id}` };
  }
  // The street admin, with no community named, sees the whole street.
  if (!isStreetAdmin(user, user.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只有社工可以审核时长');
  return { where: { streetId: user.streetId }, scope: `s:${user.streetId}` };
}

/** Records waiting for review: checked out, or open past the activity's end and grace (closing by themselves). */
async function pendingPage(
  ctx: Pick<ActionContext<unknown>, 'deps' | 'user' | 'cursors'>,
  input: { activityId?: string; communityId?: string },
  cursor?: string,
  limit?: number,
) {
  const _ = ctx.deps.db.command;
  const { where, scope } = await reviewScope(ctx.deps.db, ctx.user, input);
  return pageOf(ctx.deps.db, attendance, ctx.cursors, {
    where: { ...where, status: _.in(['open', 'pending']), reviewAt: _.lte(ctx.deps.clock.now()) },
    field: 'reviewAt',
    dir: 'desc',
    valueOf: (r) => r.reviewAt,
    cursor,
    scope: `pending:${scope}`,
    limit,
  });
}

type ItemOutcome = { attendanceId: string; outcome: 'approved' | 'unchanged' | 'refused'; creditedMinutes?: number; code?: string; message?: string };

export const hoursActions: Impls<'hours'> = {
  pending: {
    auth: 'registered',
    async run(ctx) {
      const page = await pendingPage(ctx, ctx.input, ctx.input.cursor);
      return pageAnswer(page, await attendanceViews(ctx.deps.db, page.items, ctx.deps.clock.now()));
    },
  },

  /**
   * Approves records one by one, each in a transaction of its own (its status and its
   * credit commit together, under the deterministic entry id), and answers what happened to
   * each. With `activityId`, every record of the activity that waits for review, as many as
   * fit in this call; `more` says to call again.
   */
  approve: {
    auth: 'registered',
    batch: true,
    async run(ctx) {
      const { deps, user, input, budget } = ctx;
      const items: ItemOutcome[] = [];
      const approveOne = async (id: string): Promise<void> => {
        try {
          items.push(
            await ctx.inTx(async (tx) => {
              const now = deps.clock.now();
              const { record, activity } = await staffRecord(tx, user, id);
              const next = decideApproval(activity, record, user._id, now);
              if (!next) return { attendanceId: id, outcome: 'unchanged' as const };
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
              await tellAbout(tx, deps, next.userId, {
                kind: 'hours.approved',
                title: '服务时长已通过',
                body: `${activity.title}：${creditWords(next.creditedMinutes ?? 0)}`,
                link: '/pages/my-hours/index',
                templateKey: 'hours',
              });
              return { attendanceId: id, outcome: 'approved' as const, creditedMinutes: next.creditedMinutes ?? 0 };
            }),
          );
        } catch (e) {
          if (!(e instanceof DomainError) || e.code === 'REQUEST.BUSY') throw e;
          items.push({ attendanceId: id, outcome: 'refused', code: e.code, message: e.message });
        }
      };
      let more = false;
      if (input.attendanceIds) {
        for (const id of [...new Set(input.attendanceIds)]) {
          if (budget.leftMs < BATCH_RESERVE_MS) {
            more = true;
            break;
          }
          await approveOne(id);
        }
      } else {
        let cursor: string | undefined;
        do {
          const page = await pendingPage(ctx, { activityId: input.activityId }, cursor, 50);
          for (const r of page.items) {
            if (budget.leftMs < BATCH_RESERVE_MS) {
              more = true;
              break;
            }
            await approveOne(r._id);
          }
          cursor = page.nextCursor;
        } while (cursor && !more);
      }
      // Nothing could be approved, all for one reason (another community's records, say):
      // that is the answer to the call, as for any refusal.
      const refused = items.filter((i) => i.outcome === 'refused');
      if (refused.length > 0 && refused.length === items.length && refused.every((i) => i.code === refused[0].code)) {
        throw new DomainError(refused[0].code as ErrorCode, refused[0].message);
      }
      const approved = items.filter((i) => i.outcome === 'approved');
      return {
        approved: approved.length,
        creditedMinutes: approved.reduce((s, i) => s + (i.creditedMinutes ?? 0), 0),
        items,
        more,
      };
    },
  },

  reject: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const { record, activity } = await staffRecord(tx, user, input.attendanceId);
      const next = decideRejection(activity, record, user._id, input.reason, deps.clock.now());
      await saveRecord(tx, next);
      await tellAbout(tx, deps, next.userId, {
        kind: 'hours.rejected',
        title: '服务时长未通过',
        body: `${activity.title}：${input.reason}`,
        link: '/pages/my-hours/index',
        templateKey: 'hours',
      });
      const person = await users.get(tx, next.userId);
      return { attendance: toView(next, activity, person?.name ?? '') };
    },
  },

  mine: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      // An elder's hours are part of their 时间币 record: the same scope as their wallet.
      const owner = await actingFor(deps.db, deps.db, user, input.forUserId, 'wallet');
      const page = await pageOf(deps.db, attendance, cursors, {
        where: { userId: owner._id },
        field: 'checkInAt',
        dir: 'desc',
        valueOf: (r) => r.checkInAt,
        cursor: input.cursor,
        scope: `hours.mine:${owner._id}`,
      });
      return pageAnswer(page, await attendanceViews(deps.db, page.items, deps.clock.now()));
    },
  },
};

/** 入账 1.5 时间币 (or, for a record worth nothing, that nothing was credited). */
const creditWords = (minutes: number): string => (minutes > 0 ? `${Number((minutes / 60).toFixed(2))} 时间币已入账` : '没有可计入的时长');
