import { z } from 'zod';
import { Cursor, Id, page } from './common';

/**
 * The kinds of WeChat subscribe message the app asks for (DOMAIN.md "Messages"): one
 * template each, its id from configuration (SUBSCRIBE_TEMPLATES).
 */
export const TemplateKey = z.enum(['help', 'hours', 'proxy', 'redeem', 'fund']);
export type TemplateKey = z.infer<typeof TemplateKey>;

export const MessageView = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
  read: z.boolean(),
  /** The page the message is about (e.g. /pages/help-detail/index?id=…). */
  link: z.string().optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const message = {
  list: {
    summary: '我的消息，最新的在前，分页；带未读数',
    writes: false,
    input: z.object({ cursor: Cursor.optional() }).strict(),
    output: z.object({ ...page(MessageView), unread: z.number().int() }),
  },
  read: {
    summary: '标为已读',
    writes: true,
    input: z.object({ messageIds: z.array(Id).min(1).max(50) }).strict(),
    output: z.object({ unread: z.number().int() }),
  },
  subscribed: {
    summary: '记下用户在微信里同意（或拒绝）了一次订阅消息',
    writes: true,
    input: z.object({ templateKey: TemplateKey, accepted: z.boolean() }).strict(),
    output: z.object({ grants: z.number().int() }),
  },
  templates: {
    summary: '要向用户申请的订阅消息模板（来自配置；没有配置时为空）',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(z.object({ key: TemplateKey, templateId: z.string() })) }),
  },
} as const;
