import type { Impls } from '../shell';
import { pageAnswer, pageOf } from '../db/paging';
import { TemplateKey } from '../contract/message';
import { toIso } from '../time';
import { subscriptionId } from './message.model';
import { messages, subscriptions, unreadCount } from './message.repository';

export const messageActions: Impls<'message'> = {
  list: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const page = await pageOf(deps.db, messages, cursors, {
        where: { userId: user._id },
        field: 'at',
        dir: 'desc',
        valueOf: (m) => m.at,
        cursor: input.cursor,
        scope: `inbox:${user._id}`,
      });
      return {
        ...pageAnswer(
          page,
          page.items.map((m) => ({
            id: m._id,
            kind: m.kind,
            title: m.title,
            body: m.body,
            at: toIso(m.at),
            read: m.read,
            ...(m.link ? { link: m.link } : {}),
          })),
        ),
        unread: await unreadCount(deps.db, user._id),
      };
    },
  },

  read: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      // Counted from committed data before this transaction's own changes.
      const before = await unreadCount(deps.db, user._id);
      let marked = 0;
      for (const id of new Set(input.messageIds)) {
        const m = await messages.get(tx, id);
        // Someone else's message is left alone, and not told apart from a missing one.
        if (m && m.userId === user._id && !m.read) {
          await messages.patch(tx, id, { read: true });
          marked++;
        }
      }
      return { unread: Math.max(0, before - marked) };
    },
  },

  subscribed: {
    auth: 'registered',
    async run({ user, input, tx }) {
      const id = subscriptionId(user._id, input.templateKey);
      const current = await subscriptions.get(tx, id);
      const grants = (current?.grants ?? 0) + (input.accepted ? 1 : 0);
      if (!current) await subscriptions.add(tx, { _id: id, userId: user._id, templateKey: input.templateKey, grants });
      else if (input.accepted) await subscriptions.patch(tx, id, { grants });
      return { grants };
    },
  },

  templates: {
    auth: 'registered',
    async run({ deps }) {
      const configured = deps.push.templates();
      return { items: TemplateKey.options.flatMap((key) => (configured[key] ? [{ key, templateId: configured[key].id }] : [])) };
    },
  },
};
