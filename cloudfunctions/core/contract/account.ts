import { z } from 'zod';
import { ChineseName, Cursor, Id, Minutes, page, Phone, Role, RoleGrant } from './common';

export const UserView = z.object({
  id: Id,
  name: z.string(),
  communityId: Id,
  communityName: z.string(),
  roles: z.array(RoleGrant),
  managed: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

export const account = {
  me: {
    summary: '当前用户、角色与时间币余额',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      user: UserView,
      walletMinutes: Minutes,
      /** Elders the caller holds an active proxy link for (代持), to act for them. */
      elders: z.array(z.object({ id: Id, name: z.string() })),
    }),
  },
  register: {
    summary: '微信用户首次注册（姓名、手机、社区，是否做志愿者）',
    writes: true,
    input: z.object({ name: ChineseName, phone: Phone, communityId: Id, volunteer: z.boolean() }).strict(),
    output: z.object({ user: UserView }),
  },
  grantRole: {
    summary: '街道管理员给用户授予角色（带范围）',
    writes: true,
    input: z.object({ userId: Id, role: Role, scope: Id }).strict(),
    output: z.object({ user: UserView }),
  },
  lookup: {
    summary: '社工或街道管理员按手机号查找本街道的人（登记店员等）：列出每一位，供社工核对选择',
    writes: false,
    input: z.object({ phone: Phone }).strict(),
    output: z.object({
      items: z.array(
        z.object({
          id: Id,
          name: z.string(),
          communityName: z.string(),
          /** A managed account (no WeChat), which can only be a resident. */
          managed: z.boolean(),
          birthYear: z.number().int().optional(),
          /** Registered since (Beijing date), to tell two people of one name apart. */
          since: z.string(),
        }),
      ),
    }),
  },
  communities: {
    summary: '社区列表（注册时选择），分页',
    writes: false,
    input: z.object({ cursor: Cursor.optional() }).strict(),
    output: z.object(page(z.object({ id: Id, name: z.string(), streetId: Id }))),
  },
} as const;
