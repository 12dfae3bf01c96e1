import { z } from 'zod';
import { Cursor, Id, PositiveMinutes } from './common';

const BoardRow = z.object({ donorName: z.string(), communityName: z.string(), totalMinutes: z.number().int(), times: z.number().int() });

export const donate = {
  coins: {
    summary: '把时间币捐给一个微项目或社区公益池（代持人可以替长辈捐）',
    writes: true,
    input: z
      .object({
        projectId: Id.optional(),
        poolCommunityId: Id.optional(),
        amountMinutes: PositiveMinutes,
        forUserId: Id.optional(),
        /** Left off the thanks board and shown as 匿名 on the project's page. */
        anonymous: z.boolean().optional(),
      })
      .strict()
      .refine((v) => (v.projectId === undefined) !== (v.poolCommunityId === undefined), { message: '请选择捐给哪个项目或哪个公益池', path: ['projectId'] }),
    output: z.object({ entryId: z.string(), balanceMinutes: z.number().int() }),
  },
  board: {
    summary: '时间币捐赠感谢榜（公开）：按捐赠总数从多到少，分页',
    writes: false,
    public: true,
    input: z.object({ streetId: Id.optional(), communityId: Id.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object({ streetName: z.string(), items: z.array(BoardRow), nextCursor: Cursor.optional() }),
  },
} as const;
