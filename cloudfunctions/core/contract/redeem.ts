import { z } from 'zod';
import { Cursor, Id, IsoTime, Minutes, page } from './common';

export const OfferView = z.object({
  id: Id,
  merchantId: Id,
  merchantName: z.string(),
  title: z.string(),
  description: z.string().optional(),
  priceMinutes: Minutes,
  stock: z.number().int(),
  perPersonMonthlyLimit: z.number().int().optional(),
  /** How many more times the caller (or the elder acted for) may redeem it this month. */
  limitLeft: z.number().int().optional(),
  validUntil: z.string().optional(),
  photoUrl: z.string().optional(),
  active: z.boolean(),
});
export type OfferView = z.infer<typeof OfferView>;

export const Redemption = z.object({
  code: z.string(),
  digits: z.string(),
  offerId: Id,
  offerTitle: z.string(),
  merchantId: Id,
  merchantName: z.string(),
  priceMinutes: Minutes,
  /** The person whose coins pay, masked for the merchant (刘*). */
  holderName: z.string(),
  status: z.enum(['open', 'used', 'cancelled', 'expired']),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
  settled: z.boolean(),
});
export type Redemption = z.infer<typeof Redemption>;

const offerFields = {
  title: z.string().trim().min(2, '商品名称至少 2 个字').max(40, '商品名称太长'),
  description: z.string().trim().max(200, '说明太长').optional(),
  // Typed in 时间币 on the form (60 minutes each), so its messages speak in 时间币.
  priceMinutes: z.number().int('价格最多精确到 1 分钟（约 0.02 时间币）').min(1, '价格必须大于 0').max(60_000, '价格最多 1000 时间币'),
  stock: z.number().int('库存请填整数').min(0, '库存不能是负数').max(100_000, '库存最多 100000 件'),
  perPersonMonthlyLimit: z.number().int('次数请填整数').min(1, '每人每月至少 1 次').max(100, '每人每月最多 100 次').optional(),
  validUntil: IsoTime.optional(),
  photoUrl: z.string().url('图片地址不对').max(500, '图片地址太长').optional(),
};

/** What the merchant scanned or typed: the QR content or the 8 digits. */
const CodeText = z.string().trim().min(1, '请扫码或输入兑换码').max(200, '兑换码不对');

export const redeem = {
  offers: {
    summary: '可兑换的商品，按价格分页（本街道；可按商户；店员可看本店下架的商品）',
    writes: false,
    input: z.object({ merchantId: Id.optional(), forUserId: Id.optional(), includeOffSale: z.boolean().optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(OfferView)),
  },
  offer: {
    summary: '一件商品（店员可看本店下架的）',
    writes: false,
    input: z.object({ offerId: Id }).strict(),
    output: z.object({ offer: OfferView }),
  },
  createOffer: {
    summary: '商户店员上架商品',
    writes: true,
    input: z.object(offerFields).strict(),
    output: z.object({ offer: OfferView }),
  },
  updateOffer: {
    summary: '商户店员修改商品（价格、库存、限兑、有效期、上下架）',
    writes: true,
    input: z
      .object({ offerId: Id, ...offerFields, active: z.boolean() })
      .partial()
      .required({ offerId: true })
      .strict(),
    output: z.object({ offer: OfferView }),
  },
  issue: {
    summary: '生成一次性兑换码（二维码 + 8 位数字，10 分钟有效）',
    writes: true,
    input: z.object({ offerId: Id, forUserId: Id.optional() }).strict(),
    output: z.object({ code: z.string(), digits: z.string(), expiresAt: z.string() }),
  },
  preview: {
    summary: '商户扫码或输入数字后先看兑换内容（不扣币）',
    writes: false,
    input: z.object({ code: CodeText }).strict(),
    output: z.object({ redemption: Redemption }),
  },
  confirm: {
    summary: '商户确认兑换：一步完成扣币、减库存、关闭兑换码',
    writes: true,
    input: z.object({ code: CodeText }).strict(),
    output: z.object({ redemption: Redemption }),
  },
  cancel: {
    summary: '取消还没用的兑换码',
    writes: true,
    input: z.object({ code: CodeText }).strict(),
    output: z.object({ redemption: Redemption }),
  },
  code: {
    summary: '兑换码现在的状态（持码人、为其生成的人或代持人可查）：出示兑换码的页面据此知道店员已核销',
    writes: false,
    input: z.object({ code: CodeText }).strict(),
    output: z.object({ redemption: Redemption }),
  },
  mine: {
    summary: '我的兑换记录，分页（含代长者兑换）',
    writes: false,
    input: z.object({ forUserId: Id.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object(page(Redemption)),
  },
  merchantRedemptions: {
    summary: '商户一段时间的兑换记录（分页）与合计、未结算时间币（店员看本店，街道看全部；默认今天）',
    writes: false,
    input: z.object({ merchantId: Id.optional(), from: IsoTime.optional(), to: IsoTime.optional(), cursor: Cursor.optional() }).strict(),
    output: z.object({ ...page(Redemption), totalMinutes: Minutes, count: z.number().int(), unsettledMinutes: Minutes }),
  },
  settle: {
    summary: '街道给商户结算：上次结算以来、截至某时（最晚两分钟前）的兑换，记一笔商户结算账',
    writes: true,
    input: z.object({ merchantId: Id, until: IsoTime }).strict(),
    output: z.object({ totalMinutes: Minutes, until: z.string() }),
  },
  merchants: {
    summary: '本街道的爱心商户及未结算时间币（街道管理员），分页',
    writes: false,
    input: z.object({ cursor: Cursor.optional() }).strict(),
    output: z.object(
      page(
        z.object({
          id: Id,
          name: z.string(),
          address: z.string(),
          status: z.enum(['active', 'suspended']),
          unsettledMinutes: Minutes,
          settledUntil: z.string().optional(),
        }),
      ),
    ),
  },
  onboardMerchant: {
    summary: '街道登记爱心商户（名称、地址、社区、店员）',
    writes: true,
    input: z
      .object({
        name: z.string().trim().min(2, '店名至少 2 个字').max(40, '店名太长'),
        address: z.string().trim().min(2, '地址至少 2 个字').max(80, '地址太长'),
        communityId: Id,
        operatorIds: z.array(Id).min(1, '至少一位店员').max(20, '店员最多 20 位'),
      })
      .strict(),
    output: z.object({ merchantId: Id }),
  },
  suspendMerchant: {
    summary: '街道暂停或恢复一家商户的兑换',
    writes: true,
    input: z.object({ merchantId: Id, suspended: z.boolean() }).strict(),
    output: z.object({ merchantId: Id, status: z.enum(['active', 'suspended']) }),
  },
} as const;
