import { z } from 'zod';
import { Cursor, Id, Minutes } from './common';

export const HistoryItem = z.object({
  entryId: z.string(),
  kind: z.string(),
  label: z.string(),
  amountMinutes: Minutes,
  balanceAfterMinutes: Minutes.optional(),
  at: z.string(),
  reversalOf: z.string().optional(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;

export const wallet = {
  balance: {
    summary: '时间币余额（可代长者查询）',
    writes: false,
    input: z.object({ forUserId: Id.optional() }).strict(),
    output: z.object({ balanceMinutes: Minutes }),
  },
  history: {
    summary: '时间币流水，按时间倒序分页',
    writes: false,
    input: z.object({ forUserId: Id.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object({ items: z.array(HistoryItem), nextCursor: Cursor.optional() }),
  },
} as const;
