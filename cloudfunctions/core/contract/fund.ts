import { z } from 'zod';
import { Cursor, Id, page } from './common';

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

/** Money in fen (分): whole, positive, at most ¥10,000,000 at once. */
export const Fen = z.number().int('金额最小到分').positive('金额必须大于 0').max(1_000_000_000, '金额太大');

export const ProjectStatus = z.enum(['draft', 'review', 'approved', 'rejected', 'active', 'closed']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '草稿',
  review: '管委会评审中',
  approved: '已通过',
  rejected: '未通过',
  active: '筹款和执行中',
  closed: '已结项',
};
export const VoteDecision = z.enum(['approve', 'reject', 'abstain']);
export type VoteDecision = z.infer<typeof VoteDecision>;
export const VOTE_LABELS: Record<VoteDecision | 'recused', string> = { approve: '同意', reject: '反对', abstain: '弃权', recused: '回避' };

const BudgetLine = z.object({
  item: z.string().trim().min(1, '请填写预算项目').max(40, '预算项目最多 40 个字'),
  amountFen: Fen,
});
const Ballot = z.object({
  memberId: Id,
  memberName: z.string(),
  decision: z.enum(['approve', 'reject', 'abstain', 'recused']),
  comment: z.string().optional(),
  at: z.string(),
});
const Tally = z.object({
  outcome: z.enum(['approved', 'rejected']),
  approvals: z.number().int(),
  rejects: z.number().int(),
  abstains: z.number().int(),
  recused: z.number().int(),
  notVoted: z.number().int(),
  counted: z.number().int(),
  needed: z.number().int(),
  closedBy: z.enum(['everyone-voted', 'deadline']),
  at: z.string(),
});
export const ProjectView = z.object({
  id: Id,
  title: z.string(),
  communityId: Id,
  communityName: z.string(),
  need: z.string(),
  plan: z.string(),
  goalFen: z.number().int(),
  budget: z.array(BudgetLine),
  status: ProjectStatus,
  proposerName: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().optional(),
  voteDeadline: z.string().optional(),
  /** Members asked to review, and how many have voted or declared a conflict so far. */
  reviewers: z.number().int().optional(),
  answered: z.number().int().optional(),
  /** The tally and every ballot: public once decided, never before. */
  tally: Tally.optional(),
  ballots: z.array(Ballot).optional(),
  /** What the caller may do now (pages show exactly these). */
  can: z.array(z.enum(['edit', 'submit', 'vote', 'declareConflict', 'closeVote'])),
  /** The caller's own ballot while the vote is open. */
  myBallot: Ballot.optional(),
});
export type ProjectView = z.infer<typeof ProjectView>;
const ProjectRef = z.object({ projectId: Id }).strict();
const ProjectAnswer = z.object({ project: ProjectView });

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
  propose: {
    summary: '社工写微项目申请（需求、目标金额、计划、预算）；先存为草稿，带 projectId 则修改草稿',
    writes: true,
    input: z
      .object({
        projectId: Id.optional(),
        communityId: Id,
        title: z.string().trim().min(2, '请填写项目名称').max(40, '项目名称最多 40 个字'),
        need: z.string().trim().min(10, '请写清社区的需要（至少 10 个字）').max(1000, '最多 1000 个字'),
        goalFen: Fen,
        plan: z.string().trim().min(10, '请写清怎么做（至少 10 个字）').max(2000, '最多 2000 个字'),
        budget: z.array(BudgetLine).min(1, '至少一项预算').max(30, '预算最多 30 项'),
      })
      .strict(),
    output: ProjectAnswer,
  },
  submit: {
    summary: '提交管委会评审：委员会收到消息，7 天内投票',
    writes: true,
    input: ProjectRef,
    output: ProjectAnswer,
  },
  declareConflict: {
    summary: '委员声明有利益关系并回避（不投票，不计入人数）',
    writes: true,
    input: z.object({ projectId: Id, reason: z.string().trim().min(2, '请说明是什么关系').max(200, '最多 200 个字') }).strict(),
    output: ProjectAnswer,
  },
  vote: {
    summary: '委员投票：同意、反对或弃权，可附意见；所有计入的委员投完即出结果',
    writes: true,
    input: z.object({ projectId: Id, decision: VoteDecision, comment: z.string().trim().max(200, '意见最多 200 个字').optional() }).strict(),
    output: ProjectAnswer,
  },
  closeVote: {
    summary: '投票截止后社工结束投票并计票',
    writes: true,
    input: ProjectRef,
    output: ProjectAnswer,
  },
  projects: {
    summary: '微项目列表，分页：本街道的，可按社区和状态筛选（草稿只给本社区社工看）',
    writes: false,
    input: z.object({ communityId: Id.optional(), status: ProjectStatus.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(ProjectView)),
  },
  project: {
    summary: '一个微项目：申请内容、评审进度；结果出来后公开计票和每一票',
    writes: false,
    input: ProjectRef,
    output: ProjectAnswer,
  },
} as const;
