import type { Database } from '../db/app';
import { onCommit, type DbLike } from '../db/tx';
import type { User } from '../identity/identity.model';
import { activeProxiesOf, getUser } from '../identity/identity.repository';
import type { Deps } from '../runtime';
import { inShanghai } from '../time';
import { subscriptionId, wxData, type Message, type Note } from './message.model';
import { messages, takeGrant } from './message.repository';

/**
 * Tells people about an event (DOMAIN.md "Messages"): each note becomes a message in the
 * person's inbox, written with the event (in its transaction, so no event goes untold and no
 * message tells of something that did not happen). Once the write has committed, each is also
 * sent as a WeChat subscribe message when the person granted one for its template. A failed
 * send is logged and never fails the action.
 */
export async function notify(tx: DbLike, deps: Deps, notes: Note[]): Promise<void> {
  const sent: Message[] = [];
  const seen = new Set<string>();
  for (const n of notes) {
    // One message per person per event, even if they are told for two reasons.
    if (seen.has(`${n.userId}|${n.kind}`)) continue;
    seen.add(`${n.userId}|${n.kind}`);
    const m: Message = { _id: deps.ids.next('m'), ...n, read: false, at: deps.clock.now() };
    await messages.add(tx, m);
    sent.push(m);
  }
  await onCommit(tx, () => pushAll(deps, sent));
}

async function pushAll(deps: Deps, sent: Message[]): Promise<void> {
  const templates = deps.push.templates();
  for (const m of sent) {
    const template = templates[m.templateKey];
    if (!template) continue;
    try {
      // The grant first: most people have none, and then nothing else is read.
      if (!(await takeGrant(deps.db, subscriptionId(m.userId, m.templateKey)))) continue;
      const user = await getUser(deps.db, m.userId);
      if (!user?.openid) continue;
      await deps.push.send({
        openid: user.openid,
        templateId: template.id,
        ...(m.link ? { page: m.link.replace(/^\//, '') } : {}),
        data: wxData(template, { title: m.title, body: m.body, at: inShanghai(m.at).format('YYYY-MM-DD HH:mm') }),
      });
    } catch (e) {
      console.error(`[notify] subscribe message ${m._id} was not sent`, e);
    }
  }
}

/**
 * Who hears about something that concerns `user`: the person, and the proxies who hold them
 * (DOMAIN.md "messages about a managed elder go to their proxies"). A managed account has no
 * phone of its own to read messages on, so only its proxies are told; their messages are kept
 * in the elder's inbox too, for staff. Read outside the transaction (a query).
 */
export async function peopleAbout(db: Database, user: User): Promise<string[]> {
  const proxies = (await activeProxiesOf(db, user._id)).map((l) => l.proxyId);
  return [...new Set([user._id, ...proxies])];
}

/** Tells the person `userId` (and, for a managed elder, their proxies) one thing; not the actor. */
export async function tellAbout(tx: DbLike, deps: Deps, userId: string, note: Omit<Note, 'userId'>, actorId?: string): Promise<void> {
  const person = await getUser(deps.db, userId);
  if (!person) return;
  const to = (await peopleAbout(deps.db, person)).filter((id) => id !== actorId);
  if (to.length > 0)
    await notify(
      tx,
      deps,
      to.map((id) => ({ ...note, userId: id })),
    );
}
