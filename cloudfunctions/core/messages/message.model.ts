import type { TemplateKey } from '../contract/message';

/** One message in a person's inbox (DOMAIN.md "Messages"): unread until opened. */
export interface Message {
  _id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
  /** The subscribe-message template it is also sent with on WeChat. */
  templateKey: TemplateKey;
  read: boolean;
  at: Date;
}

/** What an event tells one person; `notify` stores it (as a Message) and sends it on. */
export type Note = Omit<Message, '_id' | 'read' | 'at'>;

/** How many one-time subscribe messages a person granted for a template and we have not used. */
export interface Subscription {
  _id: string;
  userId: string;
  templateKey: TemplateKey;
  grants: number;
}

export const subscriptionId = (userId: string, key: TemplateKey): string => `${userId}:${key}`;

/**
 * A subscribe-message template from configuration: its id, and which of its fields carries the
 * title, the body and the time (e.g. `{ "title": "thing1", "body": "thing2", "at": "time3" }`).
 */
export interface Template {
  id: string;
  fields: Partial<Record<'title' | 'body' | 'at', string>>;
}

/**
 * WeChat's limits per field type (订阅消息 "关键词类型"): thing 20 characters, phrase 5, name 10,
 * character_string and number 32. Longer values make the send fail, so they are cut with "…".
 */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, car_number: 8 };

export function trimForField(field: string, value: string): string {
  const type = field.replace(/\d+$/, '');
  const limit = LIMITS[type];
  const chars = [...value];
  if (limit === undefined || chars.length <= limit) return value;
  return `${chars.slice(0, limit - 1).join('')}…`;
}

/** The `data` of a subscribe message: each configured field, trimmed to its type's limit. */
export function wxData(template: Template, values: { title: string; body: string; at: string }): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [name, field] of Object.entries(template.fields) as Array<[keyof typeof values, string]>) {
    out[field] = { value: trimForField(field, values[name]) };
  }
  return out;
}
