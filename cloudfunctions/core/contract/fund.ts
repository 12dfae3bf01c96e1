import { z } from 'zod';
import { Id } from './common';

/**
 * How many of the counted members (the recused do not count) must approve a micro-project
 * (DOMAIN.md "Community fund": default more than half).
 */
export const Quorum = z.enum(['majority', 'two-thirds', 'all']);
export type Quorum = z.infer<typeof Quorum>;
export const QUORUM_LABELS: Record<Quorum, string> = { majority: '超过半数同意', 'two-thirds': '三分之二以上同意', all: '全体委员同意' };

const CommitteeMember = z.object({ id: Id, name: z.string(), communityName: z.string() });
const CommitteeView = z.object({
  members: z.array(CommitteeMember),
  quorum: Quorum,
  /** Approvals a decision needs when every member counts. */
  approvalsNeeded: z.number().int(),
  updatedAt: z.string().optional(),
});
export type CommitteeView = z.infer<typeof CommitteeView>;

export const fund = {
  committee: {
    summary: '管委会：委员和通过规则（本街道的人都能看）',
    writes: false,
    input: z.object({}).strict(),
    output: CommitteeView,
  },
  setCommittee: {
    summary: '街道管理员设定管委会委员和通过规则（不选则超过半数同意）',
    writes: true,
    input: z
      .object({
        memberIds: z
          .array(Id)
          .min(3, '管委会至少要有 3 名委员')
          .max(30, '管委会最多 30 名委员')
          .refine((ids) => new Set(ids).size === ids.length, '同一个人选了两次'),
        quorum: Quorum.optional(),
      })
      .strict(),
    output: CommitteeView,
  },
} as const;
