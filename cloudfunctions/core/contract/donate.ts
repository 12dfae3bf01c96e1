import { z } from 'zod';
import { Id, PositiveMinutes } from './common';

export const donate = {
  coins: {
    summary: '把自己的时间币捐给社区公益池（帮助有需要的居民）',
    writes: true,
    input: z.object({ poolCommunityId: Id, amountMinutes: PositiveMinutes }).strict(),
    output: z.object({ entryId: z.string(), balanceMinutes: z.number().int() }),
  },
} as const;
