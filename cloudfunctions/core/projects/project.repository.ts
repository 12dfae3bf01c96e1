import { z } from 'zod';
import { Channel, ProjectStatus, Quorum } from '../contract/fund';
import { DateField, defineCollection } from '../db/collection';
import type { CoinDonor, Disbursement, Donation, Project, ProjectUpdate } from './project.model';

const BallotRecord = z.object({
  memberId: z.string(),
  memberName: z.string(),
  decision: z.enum(['approve', 'reject', 'abstain', 'recused']),
  comment: z.string().optional(),
  at: DateField,
});

const TallyRecord = z.object({
  outcome: z.enum(['approved', 'rejected']),
  approvals: z.number().int(),
  rejects: z.number().int(),
  abstains: z.number().int(),
  recused: z.number().int(),
  notVoted: z.number().int(),
  counted: z.number().int(),
  needed: z.number().int(),
  closedBy: z.enum(['everyone-voted', 'deadline']),
  at: DateField,
});

export const projects = defineCollection<Project>(
  'projects',
  z.object({
    _id: z.string(),
    streetId: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    title: z.string(),
    need: z.string(),
    plan: z.string(),
    goalFen: z.number().int(),
    budget: z.array(z.object({ item: z.string(), amountFen: z.number().int() })),
    proposerId: z.string(),
    proposerName: z.string(),
    status: ProjectStatus,
    createdAt: DateField,
    submittedAt: DateField.optional(),
    voteDeadline: DateField.optional(),
    reviewers: z.array(z.string()),
    quorum: Quorum,
    ballots: z.array(BallotRecord),
    tally: TallyRecord.optional(),
    raisedFen: z.number().int().optional(),
    spentFen: z.number().int().optional(),
    goodsFen: z.number().int().optional(),
    donationCount: z.number().int().optional(),
    lastUpdateAt: DateField.optional(),
    closeReport: z.object({ text: z.string(), at: DateField }).optional(),
  }),
);

export const donations = defineCollection<Donation>(
  'donations',
  z.object({
    _id: z.string(),
    projectId: z.string(),
    streetId: z.string(),
    kind: z.enum(['money', 'goods', 'coins']),
    donorName: z.string(),
    anonymous: z.boolean(),
    donorId: z.string().optional(),
    amountFen: z.number().int().optional(),
    goods: z.string().optional(),
    valueFen: z.number().int().optional(),
    amountMinutes: z.number().int().optional(),
    channel: Channel.optional(),
    receiptNo: z.string().optional(),
    givenAt: DateField,
    recordedBy: z.string(),
    entryId: z.string().optional(),
    createdAt: DateField,
  }),
);

export const disbursements = defineCollection<Disbursement>(
  'disbursements',
  z.object({
    _id: z.string(),
    projectId: z.string(),
    streetId: z.string(),
    amountFen: z.number().int(),
    purpose: z.string(),
    payee: z.string(),
    evidence: z.array(z.string()),
    paidAt: DateField,
    recordedBy: z.string(),
    recordedByName: z.string(),
    entryId: z.string(),
    createdAt: DateField,
  }),
);

export const projectUpdates = defineCollection<ProjectUpdate>(
  'projectUpdates',
  z.object({
    _id: z.string(),
    projectId: z.string(),
    kind: z.enum(['update', 'close']),
    text: z.string(),
    photos: z.array(z.string()),
    authorName: z.string(),
    createdAt: DateField,
  }),
);

export const coinDonors = defineCollection<CoinDonor>(
  'coinDonors',
  z.object({
    _id: z.string(),
    streetId: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    donorName: z.string(),
    totalMinutes: z.number().int(),
    times: z.number().int(),
    lastAt: DateField,
  }),
);
