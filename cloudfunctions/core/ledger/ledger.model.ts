/**
 * The ledger's shapes (DOMAIN.md "Time coins: the ledger", "Community fund"). Two
 * currencies share it: time coins in integer minutes (60 minutes are one 时间币) and the
 * community fund's money in integer fen. An account holds one currency, fixed by its kind,
 * and an entry moves one currency only.
 */
export type AccountKind =
  | 'wallet'
  | 'merchant'
  | 'project'
  | 'issuance'
  | 'pool'
  | 'escrow'
  | 'settlement'
  // Money (fen): a project's money, where donated money comes from, where paid-out money goes.
  | 'fund'
  | 'donors'
  | 'payees';

export type Currency = 'minutes' | 'fen';
export const currencyOf = (kind: AccountKind): Currency => (kind === 'fund' || kind === 'donors' || kind === 'payees' ? 'fen' : 'minutes');

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
  'fund.donation': '善款捐赠',
  'fund.disburse': '项目支出',
  reversal: '冲正',
} as const;
export type EntryKind = keyof typeof ENTRY_LABELS;

/** A posting moves minutes or fen, never both: exactly one of the two amounts is present. */
export type Amount = { amountMinutes: number; amountFen?: undefined } | { amountFen: number; amountMinutes?: undefined };

export type Posting = Amount & {
  accountId: string;
  /** The account's balance right after this entry (balance-keeping accounts only). */
  balanceAfter?: number;
};

export const unitOf = (p: Amount): Currency => (p.amountFen !== undefined ? 'fen' : 'minutes');
export const amountOf = (p: Amount): number => (p.amountFen !== undefined ? p.amountFen : p.amountMinutes);
/** The same currency as `like`, another amount. */
export const amountIn = (unit: Currency, amount: number): Amount => (unit === 'fen' ? { amountFen: amount } : { amountMinutes: amount });

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
  postings: Array<Amount & { accountId: string }>;
  refs?: Record<string, string>;
  operatorId: string;
  actedForId?: string;
  memo?: string;
  reversalOf?: string;
}

/** Only where value enters from outside may an account go below zero (DOMAIN.md "No overspending"). */
export const mayGoNegative = (kind: AccountKind): boolean => kind === 'issuance' || kind === 'donors';

/**
 * Personal accounts (a wallet, a help request's escrow) keep a cached balance in their
 * document: one person's money, rarely contended. Shared accounts (issuance, a community
 * pool, a project, a merchant, a street's settlements) receive from many people at once, so
 * a credit never writes their document (DOMAIN.md "Avoid hot documents"); their balance is a
 * snapshot plus the postings since (ledger.repository.ts), and a debit bumps `debitSeq` so
 * two debits cannot both spend the same coins. A project's money (`fund`) keeps its balance
 * too: only staff record its donations and payments, and its page shows what is left.
 */
export const keepsBalance = (kind: AccountKind): boolean => kind === 'wallet' || kind === 'escrow' || kind === 'fund';

export const accountIds = {
  wallet: (userId: string) => `wallet:${userId}`,
  merchant: (merchantId: string) => `merchant:${merchantId}`,
  project: (projectId: string) => `project:${projectId}`,
  issuance: (communityId: string) => `issuance:${communityId}`,
  pool: (communityId: string) => `pool:${communityId}`,
  escrow: (helpId: string) => `escrow:${helpId}`,
  /** Where a street's merchant settlements go: what the fund has reimbursed to merchants. */
  settlement: (streetId: string) => `settlement:${streetId}`,
  /** A micro-project's money in fen (its coins are `project:`). */
  fund: (projectId: string) => `fund:${projectId}`,
  /** Money given to a street's projects through one channel: the outside world, so it goes below zero. */
  donors: (streetId: string, channel: string) => `donors:${streetId}:${channel}`,
  /** Money a street's projects paid out. */
  payees: (streetId: string) => `payees:${streetId}`,
};
