import type { DisbursementView, DonationView, ProjectView, UpdateView } from '../contract/fund';
import { fileRefs, type FileStore } from '../files/file-store';
import type { User } from '../identity/identity.model';
import { isStaffOf } from '../identity/identity.rules';
import { isStale, lastToldAt } from './fund.deciders';
import type { Ballot, Disbursement, Donation, Project, ProjectUpdate } from './project.model';

const ballotView = (b: Ballot) => ({
  memberId: b.memberId,
  memberName: b.memberName,
  decision: b.decision,
  ...(b.comment ? { comment: b.comment } : {}),
  at: b.at.toISOString(),
});

const staffOf = (p: Project, viewer: User | null): boolean => !!viewer && isStaffOf(viewer, { _id: p.communityId, streetId: p.streetId });

/** Drafts are their community's staff's business; everything after submitting is public (to anyone with the link). */
export const maySee = (p: Project, viewer: User | null): boolean => p.status !== 'draft' || staffOf(p, viewer);

/** What the caller may do now: exactly what the deciders would allow. */
function movesOf(p: Project, viewer: User | null, now: Date): ProjectView['can'] {
  if (!viewer) return [];
  const staff = staffOf(p, viewer);
  if (p.status === 'draft') return staff ? ['edit', 'submit'] : [];
  // Coins come from anyone of the street; staff record money and goods, pay out, tell and close.
  if (p.status === 'active')
    return [...(viewer.streetId === p.streetId ? (['donateCoins'] as const) : []), ...(staff ? (['record', 'disburse', 'update', 'close'] as const) : [])];
  if (p.status !== 'review') return [];
  const can: ProjectView['can'] = [];
  if (p.reviewers.includes(viewer._id) && !p.ballots.some((b) => b.memberId === viewer._id)) can.push('vote', 'declareConflict');
  if (staff && p.voteDeadline && now.getTime() >= p.voteDeadline.getTime()) can.push('closeVote');
  return can;
}

/**
 * A project as a person sees it: the tally and every ballot only once decided (DOMAIN.md).
 * `balances` — the ledger's money left and coins given — are read for a project's own page;
 * a list shows left as raised minus spent, which the ledger check holds equal.
 */
export function projectView(p: Project, viewer: User | null, now: Date, balances?: { leftFen: number; coinsMinutes: number }): ProjectView {
  const mine = p.status === 'review' && viewer ? p.ballots.find((b) => b.memberId === viewer._id) : undefined;
  const raised = p.raisedFen ?? 0;
  const spent = p.spentFen ?? 0;
  const told = lastToldAt(p);
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
    ...(p.status === 'active' || p.status === 'closed'
      ? {
          money: {
            raisedFen: raised,
            spentFen: spent,
            leftFen: balances?.leftFen ?? raised - spent,
            goodsFen: p.goodsFen ?? 0,
            donations: p.donationCount ?? 0,
            ...(balances ? { coinsMinutes: balances.coinsMinutes } : {}),
          },
        }
      : {}),
    ...(told ? { lastUpdateAt: told.toISOString() } : {}),
    ...(staffOf(p, viewer) && isStale(p, now) ? { stale: true } : {}),
    ...(p.closeReport ? { closeReport: { text: p.closeReport.text, at: p.closeReport.at.toISOString() } } : {}),
    can: movesOf(p, viewer, now),
    ...(mine ? { myBallot: ballotView(mine) } : {}),
  };
}

export function donationView(d: Donation): DonationView {
  return {
    id: d._id,
    kind: d.kind,
    donorName: d.anonymous ? '匿名' : d.donorName,
    ...(d.amountFen !== undefined ? { amountFen: d.amountFen } : {}),
    ...(d.goods !== undefined ? { goods: d.goods } : {}),
    ...(d.valueFen !== undefined ? { valueFen: d.valueFen } : {}),
    ...(d.amountMinutes !== undefined ? { amountMinutes: d.amountMinutes } : {}),
    ...(d.channel ? { channel: d.channel } : {}),
    ...(d.receiptNo ? { receiptNo: d.receiptNo } : {}),
    at: d.givenAt.toISOString(),
  };
}

/** Evidence is shown to everyone: the photos' URLs are fetched for a page at a time, in one call. */
export async function disbursementViews(files: FileStore, list: Disbursement[]): Promise<DisbursementView[]> {
  const refs = new Map((await fileRefs(files, [...new Set(list.flatMap((d) => d.evidence))])).map((r) => [r.fileId, r]));
  return list.map((d) => ({
    id: d._id,
    amountFen: d.amountFen,
    purpose: d.purpose,
    payee: d.payee,
    evidence: d.evidence.map((id) => refs.get(id)!),
    at: d.paidAt.toISOString(),
    recordedBy: d.recordedByName,
  }));
}

export async function updateViews(files: FileStore, list: ProjectUpdate[]): Promise<UpdateView[]> {
  const refs = new Map((await fileRefs(files, [...new Set(list.flatMap((u) => u.photos))])).map((r) => [r.fileId, r]));
  return list.map((u) => ({
    id: u._id,
    kind: u.kind,
    text: u.text,
    photos: u.photos.map((id) => refs.get(id)!),
    authorName: u.authorName,
    at: u.createdAt.toISOString(),
  }));
}
