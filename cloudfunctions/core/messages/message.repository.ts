import { z } from 'zod';
import { TemplateKey } from '../contract/message';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { Message, Subscription } from './message.model';

export const messages = defineCollection<Message>(
  'messages',
  z.object({
    _id: z.string(),
    userId: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().optional(),
    templateKey: TemplateKey,
    read: z.boolean(),
    at: DateField,
  }),
);

export const subscriptions = defineCollection<Subscription>(
  'subscriptions',
  z.object({ _id: z.string(), userId: z.string(), templateKey: TemplateKey, grants: z.number().int() }),
);

/** What would have been sent to WeChat, kept locally so tests and demos can read it. */
export interface OutboxItem {
  _id: string;
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  at: Date;
}
export const outbox = defineCollection<OutboxItem>(
  'outbox',
  z.object({
    _id: z.string(),
    openid: z.string(),
    templateId: z.string(),
    page: z.string().optional(),
    data: z.record(z.string(), z.object({ value: z.string() })),
    at: DateField,
  }),
);

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const res = await db.collection(messages.name).where({ userId, read: false }).count();
  return res.total ?? 0;
}

/**
 * Uses one grant of a subscription, if there is one: a conditional update (grants > 0), so two
 * racing sends cannot both use the last grant.
 */
export async function takeGrant(db: Database, id: string): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(subscriptions.name)
    .where({ _id: id, grants: _.gt(0) })
    .update({ grants: _.inc(-1) });
  return (res.updated ?? 0) === 1;
}
