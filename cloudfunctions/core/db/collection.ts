import { types } from 'node:util';
import { z } from 'zod';
import type { Database } from './app';
import { getDoc, type DbLike } from './tx';

/**
 * The typed database edge (STYLE.md "The database edge is typed"): each collection has a
 * record schema, every document read is parsed by it (so a repository returns domain types
 * and a malformed document fails loudly, naming the collection and the id), and writes take
 * the domain type. Queries stay in each module's repository; this gives them the parsing and
 * the batched look-ups they share.
 */

/** A Date in a record: node-sdk returns one (from EJSON); tolerate one from another JS realm. */
export const DateField = z.preprocess((v) => (types.isDate(v) ? new Date((v as Date).getTime()) : v), z.date());

export interface Collection<T extends { _id: string }> {
  readonly name: string;
  /** A raw document as the domain type; throws if it does not fit the record schema. */
  toDomain(raw: unknown): T;
  get(db: DbLike, id: string): Promise<T | null>;
  /** Many documents by id, 100 per query (`_.in`), never one call per row. */
  getMany(db: Database, ids: Iterable<string>): Promise<Map<string, T>>;
  add(db: DbLike, doc: T): Promise<void>;
  /** Writes the whole document (create or replace). */
  put(db: DbLike, doc: T): Promise<void>;
  /** Changes some fields of one document. */
  patch(db: DbLike, id: string, fields: Partial<T> | Record<string, unknown>): Promise<void>;
  remove(db: DbLike, id: string): Promise<void>;
}

export class MalformedRecord extends Error {
  constructor(collection: string, id: unknown, detail: string) {
    super(`malformed ${collection} document ${String(id)}: ${detail}`);
    this.name = 'MalformedRecord';
  }
}

const IN_CHUNK = 100;

export function defineCollection<T extends { _id: string }>(name: string, schema: z.ZodType<T>): Collection<T> {
  const toDomain = (raw: unknown): T => {
    const r = schema.safeParse(raw);
    if (!r.success) {
      throw new MalformedRecord(name, (raw as { _id?: unknown } | null)?._id, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    return r.data;
  };
  return {
    name,
    toDomain,
    async get(db, id) {
      const raw = await getDoc(db, name, id);
      return raw ? toDomain(raw) : null;
    },
    async getMany(db, ids) {
      const unique = [...new Set(ids)];
      const out = new Map<string, T>();
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        const chunk = unique.slice(i, i + IN_CHUNK);
        const res = await db
          .collection(name)
          .where({ _id: db.command.in(chunk) })
          .limit(IN_CHUNK)
          .get();
        for (const raw of res.data as unknown[]) {
          const doc = toDomain(raw);
          out.set(doc._id, doc);
        }
      }
      return out;
    },
    async add(db, doc) {
      await db.collection(name).add(doc);
    },
    async put(db, doc) {
      const { _id, ...rest } = doc;
      await db.collection(name).doc(_id).set(rest);
    },
    async patch(db, id, fields) {
      await db
        .collection(name)
        .doc(id)
        .update(fields as object);
    },
    async remove(db, id) {
      await db.collection(name).doc(id).remove();
    },
  };
}
