import type { Database } from '../db/app';
import type { DbLike } from '../db/tx';
import type { User } from '../identity/identity.model';
import { getUser, staffOf } from '../identity/identity.repository';
import type { Note } from '../messages/message.model';
import { notify, peopleAbout } from '../messages/notify';
import type { Deps } from '../runtime';
import { inShanghai } from '../time';
import type { Audience } from './help.deciders';
import type { HelpRequest } from './help.model';
import { helpInWords, helpLink } from './help.views';

const coinsText = (minutes: number): string => `${Number((minutes / 60).toFixed(2))} 时间币`;

/** What each event says (DOMAIN.md "Messages"): a short title and one sentence. */
function words(kind: string, h: HelpRequest, prior: HelpRequest): { title: string; body: string } {
  const what = helpInWords(h);
  switch (kind) {
    case 'help.accepted':
      return { title: '求助有人接了', body: `${h.volunteerName}接了${h.requesterName}的求助：${what}` };
    case 'help.withdrawn':
      return { title: '志愿者退单了', body: `${prior.volunteerName ?? '志愿者'}退了${h.requesterName}的求助（${what}），正在重新等人接单` };
    case 'help.done':
      return { title: '志愿者说已完成', body: `${what}：请确认并评价；3 天内不确认，将自动完成并付给志愿者` };
    case 'help.completed':
      return { title: '求助已确认', body: `${what}：${coinsText(h.rewardMinutes)}已到账${h.rating ? `，评价 ${h.rating} 星` : ''}` };
    case 'help.autoCompleted':
      return { title: '求助已自动完成', body: `${what}：3 天没有确认，已自动完成，${coinsText(h.rewardMinutes)}付给了志愿者` };
    case 'help.completing':
      return {
        title: '求助即将自动完成',
        body: `${what}：将于${inShanghai(new Date((h.doneAt ?? h.createdAt).getTime() + 3 * 86_400_000)).format('M月D日 HH:mm')}自动完成，如有问题请提出异议`,
      };
    case 'help.disputed':
      return { title: '求助有异议', body: `${h.requesterName}的求助（${what}）有异议：${h.disputeReason ?? ''}` };
    case 'help.resolved':
      return {
        title: '异议已处理',
        body: `${what}：${h.resolution?.outcome === 'refund' ? '时间币退回求助人' : '时间币付给志愿者'}。${h.resolution?.note ?? ''}`,
      };
    case 'help.cancelled':
      return { title: '求助已取消', body: `${h.requesterName}取消了求助：${what}` };
    case 'help.expired':
      return { title: '求助已过期', body: `${what}：没有人接单，${coinsText(h.rewardMinutes)}已退回` };
    case 'help.offered':
      return { title: '再约您帮忙', body: `${h.requesterName}想再请您帮忙：${what}，为您保留 24 小时` };
    case 'help.posted':
      return { title: '社工代录了求助', body: `为${h.requesterName}发布：${what}，${coinsText(h.rewardMinutes)}已预留` };
    default:
      return { title: '求助有新进展', body: what };
  }
}

async function audience(db: Database, to: Audience | 'offered', h: HelpRequest, prior: HelpRequest): Promise<string[]> {
  switch (to) {
    case 'requester': {
      const requester = await getUser(db, h.requesterId);
      return requester ? peopleAbout(db, requester) : [];
    }
    case 'volunteer': {
      const v = h.volunteerId ?? prior.volunteerId;
      return v ? [v] : [];
    }
    case 'offered':
      return h.offeredTo ? [h.offeredTo] : [];
    case 'staff':
      return (await staffOf(db, h.communityId)).map((u) => u._id);
  }
}

/** Tells each audience of an event about request `h` (as it is after the move; `prior` before it). Not the actor. */
export async function tellAboutHelp(
  tx: DbLike,
  deps: Deps,
  actor: User | null,
  h: HelpRequest,
  prior: HelpRequest,
  tell: Array<{ to: Audience | 'offered'; kind: string }>,
): Promise<void> {
  const notes: Note[] = [];
  for (const t of tell) {
    const { title, body } = words(t.kind, h, prior);
    for (const userId of await audience(deps.db, t.to, h, prior)) {
      if (userId === actor?._id) continue;
      notes.push({ userId, kind: t.kind, title, body, link: helpLink(h._id), templateKey: 'help' });
    }
  }
  if (notes.length > 0) await notify(tx, deps, notes);
}
