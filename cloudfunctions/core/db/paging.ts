import { createHmac, timingSafeEqual } from 'node:crypto';
import { types } from 'node:util';
import { DomainError } from '../errors';
import type { Database } from './app';
import type { Collection } from './collection';

/**
 * Every list pages by key (API.md "Lists and files"; DOMAIN.md "Scale"): a page is the next
 * `limit` documents after the last one shown, in a fixed order (a field, then `_id`), so a
 * page costs what it shows whatever lies behind it, and nothing is skipped or shown twice
 * when documents are added meanwhile.
 *
 * The cursor is made by the server and signed: it names the list it belongs to (a cursor of
 * one person's wallet is refused on another's) and the time it was made (a day later it is
 * stale). A cursor that was not made here, is for another list or is stale is INPUT.INVALID.
 */
export const PAGE_SIZE = 20;
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

export interface CursorCodec {
  encode(scope: string, values: unknown[]): string;
  decode(scope: string, cursor: string): unknown[];
}

type Wire = number | string | { d: number };

function toWire(v: unknown): Wire {
  if (types.isDate(v)) return { d: (v as Date).getTime() };
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') return v;
  throw new Error(`a page key must be a date, a number or a string, not ${String(v)}`);
}

function fromWire(v: unknown): unknown {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v && typeof v === 'object' && typeof (v as { d?: unknown }).d === 'number' && Number.isSafeInteger((v as { d: number }).d)) {
    return new Date((v as { d: number }).d);
  }
  throw badCursor();
}

const badCursor = (stale = false): DomainError =>
  new DomainError('INPUT.INVALID', stale ? '列表已经过时，请从第一页重新查看' : '翻页参数无效，请从第一页重新查看', {
    fields: [{ path: 'cursor', message: stale ? '已过期' : '无效' }],
  });

export function cursorCodec(secret: string, now: () => Date): CursorCodec {
  const key = createHmac('sha256', secret).update('yq-cursor-v1').digest();
  const sign = (body: string): Buffer => createHmac('sha256', key).update(body).digest().subarray(0, 16);
  return {
    encode(scope, values) {
      const body = Buffer.from(JSON.stringify({ s: scope, t: now().getTime(), v: values.map(toWire) })).toString('base64url');
      return `${body}.${sign(body).toString('base64url')}`;
    },
    decode(scope, cursor) {
      const [body, sig, extra] = cursor.split('.');
      if (!body || !sig || extra !== undefined) throw badCursor();
      const given = Buffer.from(sig, 'base64url');
      const expected = sign(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
      let parsed: { s?: unknown; t?: unknown; v?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        throw badCursor();
      }
      if (parsed.s !== scope || !Array.isArray(parsed.v) || typeof parsed.t !== 'number') throw badCursor();
      if (now().getTime() - parsed.t > CURSOR_TTL_MS) throw badCursor(true);
      return parsed.v.map(fromWire);
    },
  };
}

export interface PageQuery<T extends { _id: string }> {
  /** What every item matches (the list's own filter). */
  where: Record<string, unknown>;
  /** The order: a field (dotted paths allowed), then `_id` in the same direction. */
  field: string;
  dir: 'asc' | 'desc';
  /** The field's value in a document, to continue after it. */
  valueOf(doc: T): unknown;
  limit?: number;
  cursor?: string;
  /** Names the list, so that a cursor of one list is refused on another. */
  scope: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A list's answer: its items (as shown) and, unless it was the last page, where the next begins. */
export const pageAnswer = <T, U>(page: Page<T>, items: U[]): Page<U> => ({ items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });

/**
 * One page of a collection in `field, _id` order. The continuation is written as a range
 * on the field (`<=` / `>=` the last value, which an index serves) narrowed by the tie on
 * `_id`, so a page reads about `limit` documents from an index on (filter fields, field).
 */
export async function pageOf<T extends { _id: string }>(db: Database, coll: Collection<T>, codec: CursorCodec, q: PageQuery<T>): Promise<Page<T>> {
  const _ = db.command;
  const limit = q.limit ?? PAGE_SIZE;
  const conds: object[] = [q.where];
  if (q.cursor) {
    const [value, id] = codec.decode(q.scope, q.cursor);
    if (typeof id !== 'string') throw badCursor();
    const desc = q.dir === 'desc';
    conds.push({ [q.field]: desc ? _.lte(value) : _.gte(value) });
    conds.push(_.or([{ [q.field]: desc ? _.lt(value) : _.gt(value) }, { _id: desc ? _.lt(id) : _.gt(id) }]));
  }
  const res = await db
    .collection(coll.name)
    .where(conds.length === 1 ? conds[0] : _.and(conds))
    .orderBy(q.field, q.dir)
    .orderBy('_id', q.dir)
    .limit(limit + 1)
    .get();
  const docs = (res.data as unknown[]).map((d) => coll.toDomain(d));
  const items = docs.slice(0, limit);
  const last = items[items.length - 1];
  return docs.length > limit && last ? { items, nextCursor: codec.encode(q.scope, [q.valueOf(last), last._id]) } : { items };
}
