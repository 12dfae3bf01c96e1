import { z } from 'zod';
import { HelpCategory, HelpStatus } from '../contract/help';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import type { HelpRequest } from './help.model';

const HelpRecord = z.object({
  _id: z.string(),
  requesterId: z.string(),
  requesterName: z.string(),
  requesterManaged: z.boolean(),
  postedBy: z.string(),
  via: z.enum(['self', 'proxy', 'staff']),
  communityId: z.string(),
  communityName: z.string(),
  streetId: z.string(),
  category: HelpCategory,
  description: z.string(),
  when: DateField,
  durationMinutes: z.number().int(),
  area: z.string(),
  address: z.string(),
  rewardMinutes: z.number().int(),
  status: HelpStatus,
  volunteerId: z.string().optional(),
  volunteerName: z.string().optional(),
  offeredTo: z.string().optional(),
  offeredUntil: DateField.optional(),
  rating: z.number().int().optional(),
  comment: z.string().optional(),
  disputeReason: z.string().optional(),
  resolution: z.object({ outcome: z.enum(['pay', 'refund']), note: z.string(), by: z.string(), at: DateField }).optional(),
  autoCompleted: z.boolean().optional(),
  remindedAt: DateField.optional(),
  createdAt: DateField,
  acceptedAt: DateField.optional(),
  doneAt: DateField.optional(),
  closedAt: DateField.optional(),
  rebookOf: z.string().optional(),
});

export const helps = defineCollection<HelpRequest>('helps', HelpRecord);

/** A request of the caller's street (another street's does not exist for them). */
export async function helpFor(db: DbLike, helpId: string, streetId: string): Promise<HelpRequest> {
  const h = await helps.get(db, helpId);
  if (!h || h.streetId !== streetId) throw new DomainError('HELP.NOT_FOUND');
  return h;
}

/** Writes the whole request (a field a move clears, such as the volunteer of a withdrawn one, goes away). */
export async function saveHelp(tx: DbLike, h: HelpRequest): Promise<void> {
  const clean = Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as unknown as HelpRequest;
  await helps.put(tx, clean);
}

/** Requests due for the timer: open past their time, or done for a while; oldest first. */
export async function dueHelps(db: Database, status: 'open' | 'done', before: Date, limit: number): Promise<HelpRequest[]> {
  const _ = db.command;
  const field = status === 'open' ? 'when' : 'doneAt';
  const res = await db
    .collection(helps.name)
    .where({ status, [field]: _.lte(before) })
    .orderBy(field, 'asc')
    .limit(limit)
    .get();
  return (res.data as unknown[]).map(helps.toDomain);
}

/** How many of a person's requests are still under way (open, accepted, done or disputed). */
export async function helpsOpenFor(db: Database, requesterId: string): Promise<number> {
  const _ = db.command;
  const res = await db
    .collection(helps.name)
    .where({ requesterId, status: _.in(['open', 'accepted', 'done', 'disputed']) })
    .count();
  return res.total ?? 0;
}
