import { z } from 'zod';
import { Cursor, Id, IsoTime, page } from './common';

export const ActivityView = z.object({
  id: Id,
  communityId: Id,
  communityName: z.string(),
  title: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  place: z.string().optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
  radiusM: z.number().int().optional(),
  capacity: z.number().int().optional(),
  maxMinutes: z.number().int().optional(),
  signedUp: z.number().int(),
  /** Whether the caller has signed up. */
  mine: z.boolean(),
  /** Whether the caller runs it (staff of its community or the street admin): codes, attendance. */
  canManage: z.boolean(),
  organiserId: Id,
});
export type ActivityView = z.infer<typeof ActivityView>;

export const activity = {
  create: {
    summary: '社工创建活动（时间、地点、名额、最长计时）',
    writes: true,
    input: z
      .object({
        communityId: Id,
        title: z.string().trim().min(2, '活动名称至少 2 个字').max(40, '活动名称太长'),
        startAt: IsoTime,
        endAt: IsoTime,
        place: z.string().trim().max(60, '地点太长').optional(),
        lat: z.number().min(-90, '位置不对').max(90, '位置不对').optional(),
        lng: z.number().min(-180, '位置不对').max(180, '位置不对').optional(),
        radiusM: z.number().int('范围请填整数米').min(20, '范围至少 20 米').max(5000, '范围最多 5000 米').optional(),
        capacity: z.number().int('名额请填整数').min(1, '名额至少 1 人').max(10_000, '名额最多 10000 人').optional(),
        // Typed in hours on the form, so its messages speak in hours; whole 15-minute units, as credit is counted.
        maxMinutes: z
          .number()
          .int('最长计时请按 0.25 小时为单位')
          .multipleOf(15, '最长计时请按 0.25 小时（15 分钟）为单位')
          .min(15, '每人最多计时至少 0.25 小时（15 分钟）')
          .max(24 * 60, '每人最多计时不能超过 24 小时')
          .optional(),
      })
      .strict()
      .refine((v) => v.radiusM === undefined || (v.lat !== undefined && v.lng !== undefined), {
        message: '设置签到范围需要活动地点的经纬度',
        path: ['radiusM'],
      }),
    output: z.object({ activity: ActivityView }),
  },
  list: {
    summary: '活动列表，分页（本街道或一个社区；即将开始和进行中的按开始时间，已结束的从近到远；也可按开始时间段）',
    writes: false,
    input: z
      .object({
        communityId: Id.optional(),
        when: z.enum(['upcoming', 'past']).optional(),
        from: IsoTime.optional(),
        to: IsoTime.optional(),
        cursor: Cursor.optional(),
      })
      .strict(),
    output: z.object(page(ActivityView)),
  },
  get: {
    summary: '活动详情',
    writes: false,
    input: z.object({ activityId: Id }).strict(),
    output: z.object({ activity: ActivityView }),
  },
  signup: {
    summary: '志愿者报名（名额内）',
    writes: true,
    input: z.object({ activityId: Id }).strict(),
    output: z.object({ activity: ActivityView }),
  },
} as const;
