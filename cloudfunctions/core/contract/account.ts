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

export const ProxyScope = z.enum(['wallet', 'help', 'redeem', 'checkin']);
export type ProxyScope = z.infer<typeof ProxyScope>;
export const PROXY_SCOPE_LABELS: Record<ProxyScope, string> = { wallet: '查看时间币', help: '代发求助', redeem: '代为兑换', checkin: '代为签到' };

const BirthYear = z.number().int('请填写四位数的出生年份').min(1900, '出生年份不对').max(2025, '出生年份不对');
const Address = z.string().trim().min(2, '请写清楼号和门牌').max(60, '地址太长');

/**
 * An elder as staff and proxies see them (DOMAIN.md "Managed accounts and proxies"). The
 * phone is whole only for staff of the elder's community, masked (138****1234) for others.
 */
export const ElderView = z.object({
  id: Id,
  name: z.string(),
  communityId: Id,
  communityName: z.string(),
  managed: z.boolean(),
  birthYear: z.number().int().optional(),
  phone: z.string().optional(),
  /** Home address (the default place of their help requests); staff and their proxies only. */
  address: z.string().optional(),
  createdAt: z.string(),
});
export type ElderView = z.infer<typeof ElderView>;

export const ProxyLinkView = z.object({
  id: Id,
  proxyId: Id,
  proxyName: z.string(),
  elderId: Id,
  elderName: z.string(),
  scopes: z.array(ProxyScope),
  status: z.enum(['requested', 'active', 'revoked']),
  requestedAt: z.string(),
  verifiedBy: Id.optional(),
  verifiedAt: z.string().optional(),
  /** How it became active: staff verified it, or the proxy typed the code the elder held. */
  verifiedHow: z.enum(['staff', 'code']).optional(),
  revokedBy: Id.optional(),
  revokedAt: z.string().optional(),
});
export type ProxyLinkView = z.infer<typeof ProxyLinkView>;

export const ProxyAct = z.object({
  id: Id,
  actorId: Id,
  actorName: z.string(),
  /** What was done, in words (e.g. 发布求助：代买代办). */
  what: z.string(),
  at: z.string(),
});
export type ProxyAct = z.infer<typeof ProxyAct>;

const LinkInput = z.object({ linkId: Id }).strict();

export const account = {
  me: {
    summary: '当前用户、角色与时间币余额',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      user: UserView,
      walletMinutes: Minutes,
      /** Elders the caller holds an active proxy link for (代持), to act for them. */
      elders: z.array(z.object({ id: Id, name: z.string(), scopes: z.array(ProxyScope) })),
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
  createManaged: {
    summary: '社工为没有微信的居民（多为长者）建代管账户',
    writes: true,
    input: z.object({ name: ChineseName, phone: Phone.optional(), communityId: Id, birthYear: BirthYear, address: Address.optional() }).strict(),
    output: z.object({ user: ElderView }),
  },
  updateManaged: {
    summary: '社工修改代管账户的信息（姓名、电话、出生年份、住址）',
    writes: true,
    input: z
      .object({
        userId: Id,
        name: ChineseName.optional(),
        phone: Phone.nullable().optional(),
        birthYear: BirthYear.optional(),
        address: Address.nullable().optional(),
      })
      .strict(),
    output: z.object({ user: ElderView }),
  },
  managed: {
    summary: '社工查看本社区的代管账户，分页（按姓名）',
    writes: false,
    input: z.object({ communityId: Id.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(ElderView)),
  },
  elder: {
    summary: '一位长者的概况（社工或代持人）：余额、进行中的求助、代持人',
    writes: false,
    input: z.object({ userId: Id }).strict(),
    output: z.object({
      elder: ElderView,
      /** Present when the caller may see the wallet (staff of a managed account, or the wallet scope). */
      balanceMinutes: Minutes.optional(),
      openHelps: z.number().int(),
      /** What the caller may do for this person (empty for someone who only sees them). */
      scopes: z.array(ProxyScope),
      staff: z.boolean(),
      links: z.array(ProxyLinkView),
      /** A phone of the community's staff, for the printed card. */
      staffPhone: z.string().optional(),
    }),
  },
  proxyRequest: {
    summary: '申请代持一位长者（按手机号，或社工指给您的代管账户），社工核实后生效',
    writes: true,
    input: z
      .object({ elderId: Id.optional(), elderPhone: Phone.optional(), scopes: z.array(ProxyScope).min(1, '请至少选择一项').max(4) })
      .strict()
      .refine((v) => (v.elderId === undefined) !== (v.elderPhone === undefined), { message: '请填写长者的手机号', path: ['elderPhone'] }),
    output: z.object({ link: ProxyLinkView }),
  },
  proxyVerify: {
    summary: '长者所在社区的社工核实代持申请，使其生效',
    writes: true,
    input: LinkInput,
    output: z.object({ link: ProxyLinkView }),
  },
  proxyCode: {
    summary: '社工生成一次性 6 位确认码（念给或打印给长者，由长者当面交给代持人）',
    writes: true,
    input: LinkInput,
    output: z.object({ code: z.string().regex(/^\d{6}$/), expiresAt: z.string() }),
  },
  proxyConfirm: {
    summary: '代持人输入长者交给他的确认码，代持生效',
    writes: true,
    input: z
      .object({
        linkId: Id,
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, '请填写 6 位数字确认码'),
      })
      .strict(),
    output: z.object({ link: ProxyLinkView }),
  },
  proxyRevoke: {
    summary: '解除代持（代持人、长者本人或社工，立即生效）',
    writes: true,
    input: LinkInput,
    output: z.object({ link: ProxyLinkView }),
  },
  proxies: {
    summary: '代持关系：一位长者的（forUserId），社工看本社区待核实的（communityId），或不填看我代持的',
    writes: false,
    input: z
      .object({
        forUserId: Id.optional(),
        communityId: Id.optional(),
        status: z.enum(['requested', 'active', 'revoked']).optional(),
        cursor: Cursor.optional(),
      })
      .strict(),
    output: z.object(page(ProxyLinkView)),
  },
  proxyLog: {
    summary: '代持人为这位长者做过的每一件事（谁、什么时候、做了什么），分页',
    writes: false,
    input: z.object({ forUserId: Id, cursor: Cursor.optional() }).strict(),
    output: z.object(page(ProxyAct)),
  },
} as const;
