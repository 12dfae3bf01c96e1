import { z } from 'zod';
import { Cursor, Id, page } from './common';

export const Attendance = z.object({
  id: z.string(),
  activityId: Id,
  activityTitle: z.string(),
  userId: Id,
  userName: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().optional(),
  method: z.enum(['qr', 'manual', 'proxy']),
  status: z.enum(['open', 'pending', 'approved', 'rejected']),
  creditedMinutes: z.number().int().optional(),
  /** Whole minutes between check-in and check-out inside the activity's window (start − 15 min, end + 30 min), before rounding. */
  countedMinutes: z.number().int().optional(),
  /** The activity's per-person cap, when it has one. */
  maxMinutes: z.number().int().optional(),
  flags: z.array(z.string()),
  rejectReason: z.string().optional(),
});
export type Attendance = z.infer<typeof Attendance>;

export const Kind = z.enum(['in', 'out']);

export const checkin = {
  qr: {
    summary: '社工取得活动的签到/签退码（每 30 秒更换）',
    writes: false,
    input: z.object({ activityId: Id, kind: Kind }).strict(),
    output: z.object({
      token: z.string(),
      expiresAt: z.string(),
      refreshInSeconds: z.number().int(),
      checkedIn: z.number().int(),
      checkedOut: z.number().int(),
    }),
  },
  scan: {
    summary: '志愿者扫码签到或签退（代持人可为在场长者扫码）',
    writes: true,
    input: z
      .object({
        token: z.string().min(1, '请扫描活动现场的二维码').max(300, '这不是活动签到码'),
        lat: z.number().min(-90, '位置不对').max(90, '位置不对').optional(),
        lng: z.number().min(-180, '位置不对').max(180, '位置不对').optional(),
        forUserId: Id.optional(),
      })
      .strict(),
    output: z.object({ attendance: Attendance }),
  },
  manual: {
    summary: '社工为没有手机的人手工签到或签退',
    writes: true,
    input: z.object({ activityId: Id, userId: Id, kind: Kind }).strict(),
    output: z.object({ attendance: Attendance }),
  },
  attendees: {
    summary: '活动的签到名单（分页）和已报名未签到的人（社工）',
    writes: false,
    input: z.object({ activityId: Id, cursor: Cursor.optional(), signupCursor: Cursor.optional() }).strict(),
    output: z.object({
      ...page(Attendance),
      notCheckedIn: z.array(z.object({ userId: Id, userName: z.string() })),
      signupCursor: Cursor.optional(),
    }),
  },
} as const;

export const hours = {
  pending: {
    summary: '待审核的时长，分页（按活动、社区，或街道管理员看全街道）',
    writes: false,
    input: z.object({ activityId: Id.optional(), communityId: Id.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(Attendance)),
  },
  approve: {
    summary: '审核通过，时间币入账（每条只入一次）：选中的记录，或一个活动的全部待审记录；逐条办理，答复每条的结果',
    writes: true,
    input: z
      .object({
        attendanceIds: z.array(z.string().min(1).max(200)).min(1, '请至少选择一条记录').max(200, '一次最多审核 200 条').optional(),
        activityId: Id.optional(),
      })
      .strict()
      .refine((v) => (v.attendanceIds === undefined) !== (v.activityId === undefined), { message: '请选择要通过的记录，或一个活动', path: ['attendanceIds'] }),
    output: z.object({
      approved: z.number().int(),
      creditedMinutes: z.number().int(),
      items: z.array(
        z.object({
          attendanceId: z.string(),
          outcome: z.enum(['approved', 'unchanged', 'refused']),
          creditedMinutes: z.number().int().optional(),
          code: z.string().optional(),
          message: z.string().optional(),
        }),
      ),
      /** This call stopped before the end of the activity's records: call again for the rest. */
      more: z.boolean(),
    }),
  },
  reject: {
    summary: '驳回一条时长记录（必须填写原因）',
    writes: true,
    input: z.object({ attendanceId: z.string().min(1).max(200), reason: z.string().trim().min(2, '请写明驳回原因').max(200, '原因太长') }).strict(),
    output: z.object({ attendance: Attendance }),
  },
  mine: {
    summary: '我的服务时长记录与审核状态，分页（代持人或社工可查长者的）',
    writes: false,
    input: z.object({ forUserId: Id.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(Attendance)),
  },
} as const;
