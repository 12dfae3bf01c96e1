import { z } from 'zod';
import { Cursor, Id, IsoTime, Minutes, page, PositiveMinutes } from './common';

/** DOMAIN.md "Help requests (求助)": the categories an elder picks from, in the order shown. */
export const HelpCategory = z.enum(['chat', 'shopping', 'meal', 'medical', 'cleaning', 'haircut', 'other']);
export type HelpCategory = z.infer<typeof HelpCategory>;
export const HELP_CATEGORY_LABELS: Record<HelpCategory, string> = {
  chat: '陪伴聊天',
  shopping: '代买代办',
  meal: '助餐',
  medical: '陪同就医',
  cleaning: '保洁',
  haircut: '理发',
  other: '其他',
};

export const HelpStatus = z.enum(['open', 'accepted', 'done', 'completed', 'cancelled', 'expired', 'disputed']);
export type HelpStatus = z.infer<typeof HelpStatus>;
export const HELP_STATUS_LABELS: Record<HelpStatus, string> = {
  open: '等人接单',
  accepted: '已有人接单',
  done: '志愿者已完成，等确认',
  completed: '已完成',
  cancelled: '已取消',
  expired: '无人接单，已过期',
  disputed: '有异议，社工处理中',
};

/** What a viewer may do with a request, as core's rules answer it (pages show exactly these). */
export const HelpMove = z.enum(['accept', 'withdraw', 'done', 'confirm', 'dispute', 'cancel', 'rebook', 'resolve']);
export type HelpMove = z.infer<typeof HelpMove>;

export const HelpView = z.object({
  id: Id,
  requesterId: Id,
  requesterName: z.string(),
  postedBy: Id,
  /** Posted by staff on the phone (社工代录). */
  viaStaff: z.boolean(),
  /** Posted by a proxy (代持人) for the requester. */
  viaProxy: z.boolean(),
  communityId: Id,
  communityName: z.string(),
  category: HelpCategory,
  description: z.string(),
  when: z.string(),
  durationMinutes: z.number().int(),
  /** `address` only for those DOMAIN.md "Privacy" allows; everyone else sees the area. */
  place: z.object({ area: z.string(), address: z.string().optional() }),
  requesterPhone: z.string().optional(),
  rewardMinutes: Minutes,
  status: HelpStatus,
  volunteerId: Id.optional(),
  volunteerName: z.string().optional(),
  /** Book again: offered first to this volunteer until `offeredUntil`. */
  offeredTo: Id.optional(),
  offeredUntil: z.string().optional(),
  rating: z.number().int().optional(),
  comment: z.string().optional(),
  disputeReason: z.string().optional(),
  resolution: z.object({ outcome: z.enum(['pay', 'refund']), note: z.string() }).optional(),
  autoCompleted: z.boolean().optional(),
  /** When `done` becomes `completed` by itself (three days after done). */
  autoCompleteAt: z.string().optional(),
  createdAt: z.string(),
  rebookOf: Id.optional(),
  can: z.array(HelpMove),
});
export type HelpView = z.infer<typeof HelpView>;

const HelpRef = z.object({ helpId: Id }).strict();
const ForUser = { forUserId: Id.optional() };
const HelpAnswer = z.object({ help: HelpView });
const Place = z
  .object({
    area: z.string().trim().min(2, '请写上小区或楼号').max(40, '最多 40 个字'),
    address: z.string().trim().min(2, '请写清门牌').max(80, '最多 80 个字'),
  })
  .strict();

export const help = {
  post: {
    summary: '发布求助（本人、代持人为长者，或社工电话代录），酬谢的时间币在发布时预留',
    writes: true,
    input: z
      .object({
        category: HelpCategory,
        description: z.string().trim().min(2, '请说说需要帮什么').max(200, '最多 200 个字'),
        when: IsoTime,
        durationMinutes: z
          .number()
          .int('请填写整数')
          .min(15, '至少 15 分钟')
          .max(8 * 60, '最多 8 小时'),
        place: Place,
        rewardMinutes: PositiveMinutes,
        ...ForUser,
      })
      .strict(),
    output: HelpAnswer,
  },
  list: {
    summary: '求助列表，分页：不填为附近等人接单的（先本社区，再全街道）；mine 为我接的；forUserId 为这位居民发的；社工可按社区和状态查看',
    writes: false,
    input: z
      .object({ communityId: Id.optional(), status: HelpStatus.optional(), mine: z.boolean().optional(), forUserId: Id.optional(), cursor: Cursor.optional() })
      .strict(),
    output: z.object(page(HelpView)),
  },
  get: { summary: '一条求助（地址和电话只给有权看的人）', writes: false, input: HelpRef, output: HelpAnswer },
  accept: { summary: '志愿者接单', writes: true, input: HelpRef, output: HelpAnswer },
  withdraw: { summary: '志愿者在完成前退单，求助重新等人接', writes: true, input: HelpRef, output: HelpAnswer },
  done: { summary: '志愿者说明已完成，等求助人确认', writes: true, input: HelpRef, output: HelpAnswer },
  confirm: {
    summary: '求助人（或代持人）确认完成并评价 1–5 星，时间币付给志愿者',
    writes: true,
    input: z
      .object({
        helpId: Id,
        rating: z.number().int('请选择 1 到 5 颗星').min(1, '请选择 1 到 5 颗星').max(5, '请选择 1 到 5 颗星'),
        comment: z.string().trim().max(200, '最多 200 个字').optional(),
        ...ForUser,
      })
      .strict(),
    output: HelpAnswer,
  },
  dispute: {
    summary: '求助人说没有完成，交社工处理',
    writes: true,
    input: z.object({ helpId: Id, reason: z.string().trim().min(2, '请说明哪里没有完成').max(200, '最多 200 个字'), ...ForUser }).strict(),
    output: HelpAnswer,
  },
  resolve: {
    summary: '社工处理异议：付给志愿者或退回求助人，写明说明',
    writes: true,
    input: z.object({ helpId: Id, outcome: z.enum(['pay', 'refund']), note: z.string().trim().min(2, '请写明处理说明').max(200, '最多 200 个字') }).strict(),
    output: HelpAnswer,
  },
  cancel: { summary: '求助人取消（接单前后都可以，时间币退回）', writes: true, input: z.object({ helpId: Id, ...ForUser }).strict(), output: HelpAnswer },
  rebook: {
    summary: '再约一次：同样的求助再发一次，先留给上次的志愿者 24 小时',
    writes: true,
    input: z.object({ helpId: Id, when: IsoTime, ...ForUser }).strict(),
    output: HelpAnswer,
  },
  poolGrant: {
    summary: '社工从社区公益池给困难居民补助时间币（写明原因，公开可查）',
    writes: true,
    input: z.object({ userId: Id, amountMinutes: PositiveMinutes, reason: z.string().trim().min(2, '请写明补助原因').max(100, '最多 100 个字') }).strict(),
    output: z.object({ entryId: z.string(), balanceMinutes: Minutes }),
  },
} as const;
