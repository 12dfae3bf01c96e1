/**
 * The coin ledger's shapes (DOMAIN.md "Time coins: the ledger"). Amounts are integer
 * minutes; 60 minutes are one 时间币.
 */
export type AccountKind = 'wallet' | 'merchant' | 'project' | 'issuance' | 'pool' | 'escrow' | 'settlement';

export interface LedgerAccount {
  _id: string;
  kind: AccountKind;
  ownerId: string;
  communityId?: string;
  streetId: string;
  /** Cached sum of the account's postings; only personal accounts keep one (see keepsBalance). */
  balance?: number;
  /** Bumped by every debit of a shared account, so racing debits conflict in the database. */
  debitSeq?: number;
  createdAt: Date;
}

export const ENTRY_LABELS = {
  'opening.balance': '历史时长导入',
  'hours.approved': '志愿服务时长入账',
  redeem: '商户兑换',
  'help.escrow': '求助酬谢托管',
  'help.pay': '求助酬谢',
  'help.refund': '求助酬谢退回',
  'donate.coins': '捐赠时间币',
  'pool.fund': '公益池资助',
  'merchant.settle': '商户结算',
  reversal: '冲正',
} as const;
export type EntryKind = keyof typeof ENTRY_LABELS;

export interface Posting {
  accountId: string;
  amountMinutes: number;
  /** The account's balance right after this entry (balance-keeping accounts only). */
  balanceAfter?: number;
}

export interface JournalEntry {
  _id: string;
  kind: EntryKind;
  postings: Posting[];
  refs: Record<string, string>;
  operatorId: string;
  /** The elder a proxy acted for, when one did (DOMAIN.md: both people are recorded). */
  actedForId?: string;
  memo?: string;
  reversalOf?: string;
  createdAt: Date;
}

export interface EntryCommand {
  kind: EntryKind;
  postings: Array<{ accountId: string; amountMinutes: number }>;
  refs?: Record<string, string>;
  operatorId: string;
  actedForId?: string;
  memo?: string;
  reversalOf?: string;
}

/** Only issuance accounts may go below zero (DOMAIN.md "No overspending"). */
export const mayGoNegative = (kind: AccountKind): boolean => kind === 'issuance';

/**
 * Personal accounts (a wallet, a help request's escrow) keep a cached balance in their
 * document: one person's money, rarely contended. Shared accounts (issuance, a community
 * pool, a project, a merchant, a street's settlements) receive from many people at once, so
 * a credit never writes their document (DOMAIN.md "Avoid hot documents"); their balance is a
 * snapshot plus the postings since (ledger.repository.ts), and a debit bumps `debitSeq` so
 * two debits cannot both spend the same coins.
 */
export const keepsBalance = (kind: AccountKind): boolean => kind === 'wallet' || kind === 'escrow';

export const accountIds = {
  wallet: (userId: string) => `wallet:${userId}`,
  merchant: (merchantId: string) => `merchant:${merchantId}`,
  project: (projectId: string) => `project:${projectId}`,
  issuance: (communityId: string) => `issuance:${communityId}`,
  pool: (communityId: string) => `pool:${communityId}`,
  escrow: (helpId: string) => `escrow:${helpId}`,
  /** Where a street's merchant settlements go: what the fund has reimbursed to merchants. */
  settlement: (streetId: string) => `settlement:${streetId}`,
};
