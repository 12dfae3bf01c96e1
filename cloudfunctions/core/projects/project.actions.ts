import type { DbLike } from '../db/tx';
import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { getCommunity } from '../identity/identity.repository';
import { requireStaffOf } from '../identity/identity.rules';
import { notify } from '../messages/notify';
import type { Deps } from '../runtime';
import type { Impls } from '../shell';
import { committeeRules, DEFAULT_QUORUM, membersOf } from './committee';
import { decideClose, decideSubmit, decideVote } from './fund.deciders';
import type { Project } from './project.model';
import { projects } from './project.repository';
import { maySee, projectView } from './project.views';
import { projectBalances } from './money';

/** A project the caller may act on: another street's project, or a draft of someone else's community, does not exist for them. */
export async function projectFor(db: DbLike, projectId: string, viewer: User): Promise<Project> {
  const p = await projects.get(db, projectId);
  if (!p || p.streetId !== viewer.streetId || !maySee(p, viewer)) throw new DomainError('FUND.NOT_FOUND');
  return p;
}

/** A project anyone with its link may read (DOMAIN.md "public page"): everything but drafts. */
export async function publicProject(db: DbLike, projectId: string, viewer: User | null): Promise<Project> {
  const p = await projects.get(db, projectId);
  if (!p || !maySee(p, viewer)) throw new DomainError('FUND.NOT_FOUND');
  return p;
}

const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** Tells the people of a review what happened (DOMAIN.md "Messages"), in the transaction. */
async function tellReview(tx: DbLike, deps: Deps, p: Project, to: string[], actorId: string): Promise<void> {
  const decidedNow = p.tally && p.status !== 'review';
  const title = decidedNow ? (p.status === 'active' ? '微项目已通过评审' : '微项目未通过评审') : '有微项目等您评审';
  const body = decidedNow
    ? `《${p.title}》：同意 ${p.tally!.approvals}，反对 ${p.tally!.rejects}，弃权 ${p.tally!.abstains}，回避 ${p.tally!.recused}`
    : `《${p.title}》（${p.communityName}，目标 ${yuan(p.goalFen)}），请在 7 天内投票`;
  await notify(
    tx,
    deps,
    [...new Set(to)]
      .filter((id) => id !== actorId)
      .map((userId) => ({
        userId,
        kind: decidedNow ? 'fund.decided' : 'fund.review',
        title,
        body,
        link: `/pages/project/index?id=${p._id}`,
        templateKey: 'fund' as const,
      })),
  );
}

/** Saves a review move; when it decided the project, tells the proposer and every reviewer. */
async function saveReview(tx: DbLike, deps: Deps, before: Project, after: Project, actor: User): Promise<void> {
  await projects.put(tx, after);
  if (before.status === 'review' && after.status !== 'review') await tellReview(tx, deps, after, [after.proposerId, ...after.reviewers], actor._id);
}

/**
 * Micro-projects and the committee's review (DOMAIN.md "Community fund"): staff propose and
 * submit; the committee of the moment is asked and told; each member votes or steps aside;
 * the decision comes with the last answer, or when staff close the vote after its deadline.
 */
export const projectActions: Pick<Impls<'fund'>, 'propose' | 'submit' | 'declareConflict' | 'vote' | 'closeVote' | 'projects' | 'project'> = {
  propose: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      const fields = { title: input.title, need: input.need, plan: input.plan, goalFen: input.goalFen, budget: input.budget };
      let p: Project;
      if (input.projectId) {
        const draft = await projectFor(tx, input.projectId, user);
        if (draft.status !== 'draft') throw new DomainError('FUND.BAD_STATE', '提交评审后不能再修改');
        if (draft.communityId !== community._id) throw new DomainError('FUND.BAD_STATE', '不能把微项目改到别的社区');
        p = { ...draft, ...fields };
      } else {
        p = {
          _id: deps.ids.next('pj'),
          streetId: community.streetId,
          communityId: community._id,
          communityName: community.name,
          ...fields,
          proposerId: user._id,
          proposerName: user.name,
          status: 'draft',
          createdAt: deps.clock.now(),
          reviewers: [],
          quorum: DEFAULT_QUORUM,
          ballots: [],
        };
      }
      await projects.put(tx, p);
      return { project: projectView(p, user, deps.clock.now()) };
    },
  },

  submit: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await projectFor(tx, input.projectId, user);
      requireStaffOf(user, { _id: p.communityId, streetId: p.streetId });
      // The committee of the moment: read before the transaction's writes (a query), its rule in it.
      const members = await membersOf(deps.db, p.streetId);
      const rule = await committeeRules.get(tx, p.streetId);
      const next = decideSubmit(
        p,
        members.map((m) => m._id),
        rule?.quorum ?? DEFAULT_QUORUM,
        deps.clock.now(),
      );
      await projects.put(tx, next);
      await tellReview(tx, deps, next, next.reviewers, user._id);
      return { project: projectView(next, user, deps.clock.now()) };
    },
  },

  declareConflict: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await projectFor(tx, input.projectId, user);
      const next = decideVote(p, { id: user._id, name: user.name }, 'recused', input.reason, deps.clock.now());
      await saveReview(tx, deps, p, next, user);
      return { project: projectView(next, user, deps.clock.now()) };
    },
  },

  vote: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await projectFor(tx, input.projectId, user);
      const next = decideVote(p, { id: user._id, name: user.name }, input.decision, input.comment, deps.clock.now());
      await saveReview(tx, deps, p, next, user);
      return { project: projectView(next, user, deps.clock.now()) };
    },
  },

  closeVote: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const p = await projectFor(tx, input.projectId, user);
      requireStaffOf(user, { _id: p.communityId, streetId: p.streetId });
      const next = decideClose(p, deps.clock.now());
      await saveReview(tx, deps, p, next, user);
      return { project: projectView(next, user, deps.clock.now()) };
    },
  },

  projects: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const _ = deps.db.command;
      let community: { _id: string; streetId: string } | null = null;
      if (input.communityId) {
        community = await getCommunity(deps.db, input.communityId);
        if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      }
      if (input.status === 'draft') {
        if (!community) throw new DomainError('INPUT.INVALID', '草稿要按社区查看', { fields: [{ path: 'communityId', message: '请选择社区' }] });
        requireStaffOf(user, community);
      }
      // Drafts only when asked for: the public list starts at review.
      const status = input.status ?? _.in(['review', 'approved', 'rejected', 'active', 'closed']);
      const where = community ? { communityId: community._id, status } : { streetId: user.streetId, status };
      const page = await pageOf(deps.db, projects, cursors, {
        where,
        field: 'createdAt',
        dir: 'desc',
        valueOf: (p) => p.createdAt,
        cursor: input.cursor,
        scope: `fund.projects:${community?._id ?? user.streetId}:${input.status ?? ''}`,
      });
      const now = deps.clock.now();
      return pageAnswer(
        page,
        page.items.map((p) => projectView(p, user, now)),
      );
    },
  },

  project: {
    auth: 'public',
    async run({ deps, viewer, input }) {
      const p = await publicProject(deps.db, input.projectId, viewer);
      const now = deps.clock.now();
      const raising = p.status === 'active' || p.status === 'closed';
      return { project: projectView(p, viewer, now, raising ? await projectBalances(deps, p._id) : undefined) };
    },
  },
};
