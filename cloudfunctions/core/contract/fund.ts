import { z } from 'zod';
import { Cursor, Id, IsoTime, page } from './common';
import { FileId, FileRef } from './files';
import { HistoryItem } from './wallet';

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

/** How donated money came (DOMAIN.md "Community fund"). The app records it; it never collects it. */
export const Channel = z.enum(['cash', 'bank', 'tencent', 'campaign', 'unit']);
export type Channel = z.infer<typeof Channel>;
export const CHANNEL_LABELS: Record<Channel, string> = {
  cash: '线下现金',
  bank: '银行转账',
  tencent: '腾讯公益/99公益日',
  campaign: '其他平台募捐',
  unit: '单位捐赠',
};

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
  /** Money (fen) and coins: raised and spent are kept as they happen, left is the ledger's balance. */
  money: z
    .object({
      raisedFen: z.number().int(),
      spentFen: z.number().int(),
      leftFen: z.number().int(),
      goodsFen: z.number().int(),
      /** Money and goods donations recorded by staff. */
      donations: z.number().int(),
      /** Coins given to the project (its page only; lists leave it out). */
      coinsMinutes: z.number().int().optional(),
    })
    .optional(),
  /** When it last told the public what happened (activation, an update, the close). */
  lastUpdateAt: z.string().optional(),
  /** Active with no update for 90 days: staff owe the public a disclosure (DOMAIN.md). */
  stale: z.boolean().optional(),
  closeReport: z.object({ text: z.string(), at: z.string() }).optional(),
  /** What the caller may do now (pages show exactly these). */
  can: z.array(z.enum(['edit', 'submit', 'vote', 'declareConflict', 'closeVote', 'record', 'disburse', 'update', 'close', 'donateCoins'])),
  /** The caller's own ballot while the vote is open. */
  myBallot: Ballot.optional(),
});
export type ProjectView = z.infer<typeof ProjectView>;
const ProjectRef = z.object({ projectId: Id }).strict();
const ProjectAnswer = z.object({ project: ProjectView });

export const DonationKind = z.enum(['money', 'goods', 'coins']);
export const DonationView = z.object({
  id: Id,
  kind: DonationKind,
  /** The donor's name, or 匿名. */
  donorName: z.string(),
  amountFen: z.number().int().optional(),
  goods: z.string().optional(),
  valueFen: z.number().int().optional(),
  amountMinutes: z.number().int().optional(),
  channel: Channel.optional(),
  receiptNo: z.string().optional(),
  /** When it was given (the receipt's date for money and goods). */
  at: z.string(),
});
export type DonationView = z.infer<typeof DonationView>;
export const DisbursementView = z.object({
  id: Id,
  amountFen: z.number().int(),
  purpose: z.string(),
  payee: z.string(),
  evidence: z.array(FileRef),
  at: z.string(),
  recordedBy: z.string(),
});
export type DisbursementView = z.infer<typeof DisbursementView>;
export const UpdateView = z.object({
  id: Id,
  kind: z.enum(['update', 'close']),
  text: z.string(),
  photos: z.array(FileRef),
  authorName: z.string(),
  at: z.string(),
});
export type UpdateView = z.infer<typeof UpdateView>;
const PublicPage = z.object({ projectId: Id, cursor: Cursor.optional() }).strict();
const Photos = z.array(FileId).max(9, '最多 9 张照片');

const Donor = z.string().trim().min(1, '请填写捐赠人，或选匿名').max(40, '捐赠人最多 40 个字');
const RecordInput = z
  .object({
    projectId: Id,
    kind: z.enum(['money', 'goods']),
    donorName: Donor.optional(),
    anonymous: z.boolean().optional(),
    amountFen: Fen.optional(),
    goods: z.string().trim().min(2, '请写明物品').max(100, '物品最多 100 个字').optional(),
    valueFen: Fen.optional(),
    channel: Channel,
    receiptNo: z.string().trim().max(40, '收据号最多 40 个字').optional(),
    at: IsoTime.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!v.anonymous && !v.donorName) need('donorName', '请填写捐赠人，或选匿名');
    if (v.kind === 'money') {
      if (v.amountFen === undefined) need('amountFen', '请填写金额');
      if (v.goods !== undefined || v.valueFen !== undefined) need('goods', '捐款不填物品');
    } else {
      if (!v.goods) need('goods', '请写明物品');
      if (v.valueFen === undefined) need('valueFen', '请填写估价');
      if (v.amountFen !== undefined) need('amountFen', '捐物不填金额，请填估价');
    }
  });
export type RecordInput = z.infer<typeof RecordInput>;

const StreetRef = z.object({ streetId: Id.optional() }).strict();
export const FundOverview = z.object({
  streetId: Id,
  streetName: z.string(),
  projects: z.array(z.object({ status: ProjectStatus, count: z.number().int() })),
  /** Money given, by channel (fen). */
  moneyIn: z.array(z.object({ channel: Channel, fen: z.number().int() })),
  spentFen: z.number().int(),
  /** The community pools of coins (minutes) that staff grant from. */
  pools: z.array(z.object({ communityId: Id, communityName: z.string(), minutes: z.number().int() })),
});
export type FundOverview = z.infer<typeof FundOverview>;

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
  record: {
    summary: '社工登记捐款（金额、渠道、收据号、日期）或捐物（物品和估价）；只给筹款中的项目',
    writes: true,
    input: RecordInput,
    output: z.object({ project: ProjectView, donation: DonationView }),
  },
  disburse: {
    summary: '社工登记项目支出（金额、用途、收款方、凭证照片）；不能超过项目现有的钱',
    writes: true,
    input: z
      .object({
        projectId: Id,
        amountFen: Fen,
        purpose: z.string().trim().min(2, '请写明用途').max(100, '用途最多 100 个字'),
        payee: z.string().trim().min(1, '请填写收款方').max(40, '收款方最多 40 个字'),
        evidence: Photos.optional(),
        at: IsoTime.optional(),
      })
      .strict(),
    output: z.object({ project: ProjectView, disbursement: DisbursementView }),
  },
  update: {
    summary: '社工发布项目进展（文字和照片），三个月至少一次',
    writes: true,
    input: z.object({ projectId: Id, text: z.string().trim().min(5, '进展至少写 5 个字').max(1000, '最多 1000 个字'), photos: Photos.optional() }).strict(),
    output: ProjectAnswer,
  },
  close: {
    summary: '社工结项：写结项报告，项目不再收捐和支出',
    writes: true,
    input: z
      .object({ projectId: Id, report: z.string().trim().min(20, '结项报告至少写 20 个字').max(3000, '最多 3000 个字'), photos: Photos.optional() })
      .strict(),
    output: ProjectAnswer,
  },
  donations: {
    summary: '项目收到的每一笔捐赠（公开，不用登录），分页',
    writes: false,
    public: true,
    input: PublicPage,
    output: z.object(page(DonationView)),
  },
  disbursements: {
    summary: '项目的每一笔支出和凭证（公开，不用登录），分页',
    writes: false,
    public: true,
    input: PublicPage,
    output: z.object(page(DisbursementView)),
  },
  updates: {
    summary: '项目进展和结项报告（公开，不用登录），分页',
    writes: false,
    public: true,
    input: PublicPage,
    output: z.object(page(UpdateView)),
  },
  overview: {
    summary: '街道社区基金总览（公开）：各状态项目数、各渠道善款、支出、公益池',
    writes: false,
    public: true,
    input: StreetRef,
    output: FundOverview,
  },
  pool: {
    summary: '一个社区公益池的每一笔进出（公开，不用登录）：谁捐了多少、社工补助了多少和理由，分页',
    writes: false,
    public: true,
    input: z.object({ communityId: Id, cursor: Cursor.optional() }).strict(),
    output: z.object({ communityName: z.string(), balanceMinutes: z.number().int(), ...page(HistoryItem) }),
  },
  projects: {
    summary: '微项目列表，分页：本街道的，可按社区和状态筛选（草稿只给本社区社工看）',
    writes: false,
    input: z.object({ communityId: Id.optional(), status: ProjectStatus.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(ProjectView)),
  },
  project: {
    summary: '一个微项目（有链接就能看，不用登录）：申请内容、评审进度、筹款和支出；结果出来后公开计票和每一票',
    writes: false,
    public: true,
    input: ProjectRef,
    output: ProjectAnswer,
  },
} as const;
