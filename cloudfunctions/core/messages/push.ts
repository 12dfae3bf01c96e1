import { TemplateKey } from '../contract/message';
import type { Database } from '../db/app';
import type { Template } from './message.model';
import { outbox } from './message.repository';

/** A WeChat subscribe message, as `subscribeMessage.send` takes it. */
export interface PushPayload {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Where subscribe messages go: WeChat on CloudBase, the outbox collection locally. */
export interface Push {
  templates(): Partial<Record<TemplateKey, Template>>;
  send(p: PushPayload): Promise<void>;
}

/**
 * SUBSCRIBE_TEMPLATES (cloudbaserc.json, per environment): the template ids chosen in the
 * mini-program's admin console, as JSON `{ "help": { "id": "…", "fields": { "title":
 * "thing1", "body": "thing2", "at": "time3" } }, … }`. A key that is missing is simply not
 * sent; a malformed value is a deployment mistake and says so in the log once.
 */
export function templatesFromEnv(raw = process.env.SUBSCRIBE_TEMPLATES): Partial<Record<TemplateKey, Template>> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, Template>;
    const out: Partial<Record<TemplateKey, Template>> = {};
    for (const key of TemplateKey.options) {
      const t = parsed[key];
      if (t && typeof t.id === 'string' && t.id && t.fields && typeof t.fields === 'object') out[key] = { id: t.id, fields: t.fields };
    }
    return out;
  } catch {
    console.error('SUBSCRIBE_TEMPLATES is not valid JSON: no subscribe messages are sent');
    return {};
  }
}

/** The local gateway: every send is kept in `outbox` (API.md: tests and demos read what would have been sent). */
export function outboxPush(db: Database, ids: { next(prefix: string): string }, now: () => Date): Push {
  return {
    templates: () => templatesFromEnv(),
    async send(p) {
      await outbox.add(db, { _id: ids.next('ob'), ...p, at: now() });
    },
  };
}

interface WxOpenApi {
  callWxOpenApi(o: { apiName: string; requestData: unknown }): Promise<{ result?: unknown }>;
}

/**
 * CloudBase: 订阅消息发送 through the cloud call (云调用) of the function, which needs the
 * `subscribeMessage.send` openapi permission (cloudfunctions-dist/<fn>/config.json, written by
 * the function build). WeChat answers errcode 0 on success; anything else is an error here,
 * which `notify` logs and the action never sees.
 */
export function wechatPush(app: WxOpenApi): Push {
  return {
    templates: () => templatesFromEnv(),
    async send(p) {
      const res = await app.callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: { touser: p.openid, template_id: p.templateId, page: p.page, data: p.data, lang: 'zh_CN' },
      });
      const raw = res.result;
      const answer =
        typeof raw === 'string' ? (JSON.parse(raw) as { errcode?: number; errmsg?: string }) : (raw as { errcode?: number; errmsg?: string } | undefined);
      if (answer?.errcode) throw new Error(`subscribeMessage.send: ${answer.errcode} ${answer.errmsg ?? ''}`);
    },
  };
}
