import { z } from 'zod';
import { ProjectStatus, Quorum } from '../contract/fund';
import { DateField, defineCollection } from '../db/collection';
import type { Project } from './project.model';

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
  }),
);
