import { z } from 'zod';
import { DateField, defineCollection } from '../db/collection';
import { ENTRY_LABELS, type AccountKind, type EntryKind, type JournalEntry, type LedgerAccount } from './ledger.model';

/**
 * The ledger's collections. Only the ledger module may import this file (dependency-cruiser,
 * .dependency-cruiser.cjs "only-the-ledger-writes-the-ledger"), and no other code in
 * cloudfunctions/ names these collections (ESLint no-restricted-syntax): every write that
 * moves value goes through ledger.repository.ts (ARCHITECTURE.md).
 */
const AccountRecord = z.object({
  _id: z.string(),
  kind: z.enum(['wallet', 'merchant', 'project', 'issuance', 'pool', 'escrow', 'settlement', 'fund', 'donors', 'payees']) satisfies z.ZodType<AccountKind>,
  ownerId: z.string(),
  communityId: z.string().optional(),
  streetId: z.string(),
  balance: z.number().int().optional(),
  debitSeq: z.number().int().optional(),
  createdAt: DateField,
});

const EntryRecord = z.object({
  _id: z.string(),
  kind: z.enum(Object.keys(ENTRY_LABELS) as [EntryKind, ...EntryKind[]]),
  postings: z
    .array(
      z.union([
        z.object({ accountId: z.string(), amountMinutes: z.number().int(), balanceAfter: z.number().int().optional() }).strict(),
        z.object({ accountId: z.string(), amountFen: z.number().int(), balanceAfter: z.number().int().optional() }).strict(),
      ]),
    )
    .min(2),
  refs: z.record(z.string(), z.string()),
  operatorId: z.string(),
  actedForId: z.string().optional(),
  memo: z.string().optional(),
  reversalOf: z.string().optional(),
  createdAt: DateField,
});

/** A shared account's balance up to a moment (`through`, exclusive): what its postings before then sum to. */
export interface BalanceSnapshot {
  _id: string;
  balance: number;
  through: Date;
}
const SnapshotRecord = z.object({ _id: z.string(), balance: z.number().int(), through: DateField });

export const accounts = defineCollection<LedgerAccount>('ledgerAccounts', AccountRecord);
export const journal = defineCollection<JournalEntry>('journal', EntryRecord);
export const snapshots = defineCollection<BalanceSnapshot>('balanceSnapshots', SnapshotRecord);
