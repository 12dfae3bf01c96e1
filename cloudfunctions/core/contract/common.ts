import { z } from 'zod';

/** Building blocks shared by the action schemas. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不对');
export const RequestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '请求编号格式不对');
export const Minutes = z.number().int('时间币最小单位是 1 分钟');
/** An amount people type in 时间币 (60 minutes each): at most 1000 at once. */
export const PositiveMinutes = Minutes.positive('数额必须大于 0').max(60_000, '一次最多 1000 个时间币');
/** Times the service deals in: this century (2000–2099), so none leaves core outside ISO-8601's four-digit years. */
export const TIME_RANGE = { from: Date.parse('2000-01-01T00:00:00+08:00'), until: Date.parse('2100-01-01T00:00:00+08:00') };
export const IsoTime = z
  .string()
  .datetime({ offset: true, message: '时间格式不对' })
  .refine((s) => Date.parse(s) >= TIME_RANGE.from && Date.parse(s) < TIME_RANGE.until, '时间超出范围（2000 年到 2099 年）');
/** A list cursor: made by the server (signed), handed back to get the next page (API.md "Lists and files"). */
export const Cursor = z.string().min(1).max(1000);
/** Paged list answers carry `nextCursor` until the last page. */
export const page = <T extends z.ZodType>(item: T) => ({ items: z.array(item), nextCursor: Cursor.optional() });
export const ChineseName = z.string().trim().min(1, '请填写姓名').max(20, '姓名太长');
export const Phone = z.string().regex(/^1\d{10}$/, '请填写 11 位手机号');

export const Role = z.enum(['resident', 'volunteer', 'merchant', 'staff', 'admin', 'committee']);
export type Role = z.infer<typeof Role>;

export const RoleGrant = z.object({ role: Role, scope: Id });
export type RoleGrant = z.infer<typeof RoleGrant>;

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  merchant: '爱心商户',
  staff: '社工',
  admin: '街道管理员',
  committee: '管委会委员',
};
