import type { ProjectView } from '../contract/fund';
import type { User } from '../identity/identity.model';
import { isStaffOf } from '../identity/identity.rules';
import type { Ballot, Project } from './project.model';

const ballotView = (b: Ballot) => ({
  memberId: b.memberId,
  memberName: b.memberName,
  decision: b.decision,
  ...(b.comment ? { comment: b.comment } : {}),
  at: b.at.toISOString(),
});

/** Drafts are their community's staff's business; everything after submitting is public. */
export const maySee = (p: Project, viewer: User): boolean => p.status !== 'draft' || isStaffOf(viewer, { _id: p.communityId, streetId: p.streetId });

/** What the caller may do now: exactly what the deciders would allow. */
function movesOf(p: Project, viewer: User, now: Date): ProjectView['can'] {
  const staff = isStaffOf(viewer, { _id: p.communityId, streetId: p.streetId });
  if (p.status === 'draft') return staff ? ['edit', 'submit'] : [];
  if (p.status !== 'review') return [];
  const can: ProjectView['can'] = [];
  if (p.reviewers.includes(viewer._id) && !p.ballots.some((b) => b.memberId === viewer._id)) can.push('vote', 'declareConflict');
  if (staff && p.voteDeadline && now.getTime() >= p.voteDeadline.getTime()) can.push('closeVote');
  return can;
}

/** A project as a person sees it: the tally and every ballot only once decided (DOMAIN.md). */
export function projectView(p: Project, viewer: User, now: Date): ProjectView {
  const mine = p.status === 'review' ? p.ballots.find((b) => b.memberId === viewer._id) : undefined;
  return {
    id: p._id,
    title: p.title,
    communityId: p.communityId,
    communityName: p.communityName,
    need: p.need,
    plan: p.plan,
    goalFen: p.goalFen,
    budget: p.budget,
    status: p.status,
    proposerName: p.proposerName,
    createdAt: p.createdAt.toISOString(),
    ...(p.submittedAt ? { submittedAt: p.submittedAt.toISOString() } : {}),
    ...(p.voteDeadline ? { voteDeadline: p.voteDeadline.toISOString() } : {}),
    ...(p.status !== 'draft' ? { reviewers: p.reviewers.length, answered: p.ballots.length } : {}),
    ...(p.tally ? { tally: { ...p.tally, at: p.tally.at.toISOString() }, ballots: p.ballots.map(ballotView) } : {}),
    can: movesOf(p, viewer, now),
    ...(mine ? { myBallot: ballotView(mine) } : {}),
  };
}
