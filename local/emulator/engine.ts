import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { types } from 'node:util';
import { open, type Database, type RootDatabase } from 'lmdb';
import { type Query, update as applyUpdate } from 'mingo';
import type { Doc } from './ejson';
import { conflict, DbError, duplicate, invalid, txnNotExist } from './errors';
import { checkDocument, checkPipeline, checkQuery, checkUpdate, isCollectionName, LIMITS } from './guard';
import { compareValues, entryId, entryKeys, PAST_ALL, stableStringify, valuesAt, type KeyPart } from './keys';
import { choosePlan, withinLower, withinUpper, type IndexDef, type Interval, type Plan, type SortSpec } from './planner';
import { aggregator, query as mingoQuery } from './operators';

/**
 * The storage engine under the emulator: LMDB (through lmdb-js) for durability, mingo for
 * MongoDB query, update and aggregation semantics, and a planner that reads through indexes
 * the way a database does (planner.ts, keys.ts).
 *
 * - Every write is one LMDB write transaction, committed before the answer is sent, so an
 *   acknowledged write survives kill -9; a CloudBase transaction is applied in one LMDB
 *   transaction at commit, so it is all or nothing across kill -9.
 * - Each collection is an LMDB database keyed by `_id`, plus a natural-order database
 *   (insertion order, which is what CloudBase returns when no sort is given) and one
 *   ordered database per index (keys.ts).
 * - CloudBase transactions have snapshot isolation (the CloudBase/MongoDB model): a
 *   transaction reads the snapshot taken at its first operation; a write takes a lock on
 *   the document, and another transaction writing it, or a write to a document changed
 *   after the snapshot, fails at once with DATABASE_TRANSACTION_CONFLICT (and the
 *   transaction is aborted, as MongoDB aborts on a write conflict). Reads are never
 *   re-validated: write skew is possible, exactly as on CloudBase. Older versions of
 *   documents are kept in memory while an open transaction may still read them.
 * - CloudBase's limits (ARCHITECTURE.md "What real CloudBase allows"; docs/emulator.md has
 *   the sources): a transaction lives 30 s from its start; in strict mode (the default) a
 *   transaction may only do single-document operations.
 *
 * One process owns a data directory at a time (a lock file says which); the transaction
 * table lives in that process's memory, which is why a crash simply drops open transactions.
 */

export type Id = string | number;
export type { IndexDef };

interface Stored {
  /** Commit sequence number of the write that produced this version. */
  v: number;
  /** Position in insertion (natural) order. */
  n?: number;
  d?: Doc;
  /** Tombstone: kept only while transactions that may still see the document are open. */
  del?: 1;
}

const FORMAT = 2;

/**
 * Documents as stored: Dates and RegExps become tagged plain objects (no stored field may
 * start with `$`, so tags cannot collide). msgpack's own Date handling relies on
 * `instanceof`, which breaks when values come from another JS realm (jest runs each test
 * file in its own); `util.types` checks do not.
 */
function pack(v: unknown): unknown {
  if (types.isDate(v)) return { $date: (v as Date).getTime() };
  if (types.isRegExp(v)) return { $regex: (v as RegExp).source, $options: (v as RegExp).flags };
  if (Array.isArray(v)) return v.map(pack);
  if (v !== null && typeof v === 'object') {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) out[k] = pack(x);
    return out;
  }
  return v;
}

function unpack(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unpack);
  if (v !== null && typeof v === 'object') {
    const o = v as Doc;
    if (typeof o.$date === 'number') return new Date(o.$date);
    if (typeof o.$regex === 'string') return new RegExp(o.$regex, String(o.$options ?? ''));
    const out: Doc = {};
    for (const [k, x] of Object.entries(o)) out[k] = unpack(x);
    return out;
  }
  return v;
}

/** One collection's documents in LMDB, keyed by `_id`. */
class DocStore {
  constructor(readonly db: Database<Stored, Id>) {}
  get(id: Id): Stored | undefined {
    const s = this.db.get(id);
    return s && (s.d ? { v: s.v, n: s.n, d: unpack(s.d) as Doc } : s);
  }
  *range(opts: { start?: Id; end?: Id; reverse?: boolean } = {}): Generator<{ key: Id; value: Stored }> {
    for (const { key, value } of this.db.getRange(opts)) {
      yield { key, value: value.d ? { v: value.v, n: value.n, d: unpack(value.d) as Doc } : value };
    }
  }
  put(id: Id, s: Stored): void {
    this.db.putSync(id, s.d ? { v: s.v, n: s.n, d: pack(s.d) as Doc } : s);
  }
  remove(id: Id): void {
    this.db.removeSync(id);
  }
}

interface IndexState {
  def: IndexDef;
  db: Database<1, KeyPart[]>;
}

interface CollState {
  name: string;
  docs: DocStore;
  natural: Database<Id, number>;
  indexes: Map<string, IndexState>;
  /**
   * Indexed fields some document holds an array along (MongoDB's multikey paths). An index
   * cannot give documents in the order of such a field (a document sorts by its smallest or
   * largest element, not by the entry a scan meets first), so the planner does not ask it to.
   */
  multikey: Set<string>;
}

interface Txn {
  id: string;
  startedAt: number;
  /** The snapshot, taken at the transaction's first operation (as MongoDB does). */
  snapshot?: number;
  /** collection → _id → new document, or null for a removal. */
  writes: Map<string, Map<Id, Doc | null>>;
  /** An operation of this transaction is being served (CloudBase serves one at a time). */
  busy: boolean;
}

/** An older version of a document, kept while an open transaction's snapshot may need it. */
interface Version {
  v: number;
  d?: Doc;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export interface UpdateOptions {
  multi: boolean;
  /** false: `data` replaces the document (doc().set); true: `data` holds update operators. */
  merge: boolean;
  upsert: boolean;
}

export interface EngineOptions {
  now?: () => number;
  /**
   * 'strict' (the default): a transaction may only do single-document operations, as
   * ARCHITECTURE.md requires of our code. 'compatible': also `where().get()`,
   * `updateAndReturn` and batch `add` inside a transaction, which node-sdk's own tests use.
   */
  transactions?: 'strict' | 'compatible';
  /** How long a transaction lives from its start (CloudBase: 30 s). */
  transactionLifetimeMs?: number;
}

export const TRANSACTION_LIFETIME_MS = 30_000;
const openDirs = new Set<string>();

export class Engine {
  private readonly root: RootDatabase;
  private readonly meta: Database<unknown, string>;
  private readonly tombs: Database<1, [string, Id]>;
  private readonly colls = new Map<string, CollState>();
  private readonly txns = new Map<string, Txn>();
  /** Write locks: "collection\u0000id" → the open transaction that has written it. */
  private readonly intents = new Map<string, string>();
  /** Older versions of documents written while transactions were open: "collection\u0000id" → versions. */
  private readonly history = new Map<string, Version[]>();
  private readonly lockPath: string;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;
  readonly transactionMode: 'strict' | 'compatible';
  private readonly lifetimeMs: number;
  private seq: number;
  private natural: number;
  private closed = false;
  /**
   * Cost, for tests and benchmarks: documents read to answer requests (an index must keep it
   * close to what a page shows) and index entries visited.
   */
  readonly stats = { docsRead: 0, keysRead: 0, requests: 0 };

  constructor(
    readonly dataDir: string,
    opts: EngineOptions | (() => number) = {},
  ) {
    const o: EngineOptions = typeof opts === 'function' ? { now: opts } : opts;
    this.now = o.now ?? Date.now;
    this.transactionMode = o.transactions ?? 'strict';
    this.lifetimeMs = o.transactionLifetimeMs ?? TRANSACTION_LIFETIME_MS;
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    this.lockPath = path.join(dir, 'emulator.lock');
    if (openDirs.has(dir)) throw new Error(`data directory ${dir} is already open in this process`);
    takeLock(this.lockPath);
    openDirs.add(dir);
    this.root = open({ path: path.join(dir, 'db'), maxDbs: 4096, mapSize: 2 ** 36, useWritemap: process.env.YQ_LMDB_WRITEMAP === '1' });
    this.meta = this.root.openDB({ name: '_meta' });
    this.tombs = this.root.openDB({ name: '_tombs' });
    this.seq = (this.meta.get('seq') as number | undefined) ?? 0;
    this.natural = (this.meta.get('natural') as number | undefined) ?? 0;
    const upgrade = this.meta.get('format') !== FORMAT;
    for (const { key, value } of this.meta.getRange({ start: 'coll:', end: 'coll;' })) {
      const name = String(key).slice('coll:'.length);
      const meta = value as { indexes: IndexDef[]; multikey?: string[] };
      this.openCollection(name, meta.indexes, meta.multikey ?? []);
    }
    this.sweepTombstones();
    if (upgrade) this.upgradeStorage();
    this.sweeper = setInterval(() => this.expireTransactions(), 5_000);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    this.txns.clear();
    this.intents.clear();
    this.history.clear();
    await this.root.close();
    openDirs.delete(path.resolve(this.dataDir));
    fs.rmSync(this.lockPath, { force: true });
  }

  // ---------------------------------------------------------------- collections

  createCollection(name: string): void {
    if (!isCollectionName(name)) throw invalid(`invalid collection name "${String(name)}"`);
    if (this.colls.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    this.root.transactionSync(() => this.meta.putSync(`coll:${name}`, { createdAt: this.now(), indexes: [] }));
    this.openCollection(name, []);
  }

  listCollections(): string[] {
    return [...this.colls.keys()].sort();
  }

  /** Creates an index (idempotent for the same definition), building it from existing data. */
  createIndex(collName: string, def: IndexDef): void {
    const coll = this.coll(collName);
    if (!/^[A-Za-z0-9_]{1,64}$/.test(def.name ?? '') || !Array.isArray(def.keys) || def.keys.length === 0) {
      throw invalid('an index needs a name and at least one key');
    }
    if (def.keys.some((k) => typeof k !== 'string' || k === '' || k.startsWith('$') || k === '_id')) throw invalid('invalid index key');
    const clean: IndexDef = { name: def.name, keys: [...def.keys], unique: !!def.unique, sparse: !!def.sparse };
    const existing = coll.indexes.get(def.name);
    if (existing) {
      if (JSON.stringify(existing.def) === JSON.stringify(clean)) return;
      throw invalid(`index ${def.name} already exists with another definition`);
    }
    const state: IndexState = { def: clean, db: this.openIndexDb(collName, clean.name) };
    try {
      this.root.transactionSync(() => {
        state.db.clearSync();
        for (const { key, value } of coll.docs.range()) if (value.d) this.addIndexEntries(coll, state, key, value.d);
        coll.indexes.set(clean.name, state);
        this.saveCollectionMeta(coll);
      });
    } catch (e) {
      coll.indexes.delete(clean.name);
      throw e;
    }
  }

  dropIndex(collName: string, indexName: string): void {
    const coll = this.coll(collName);
    const idx = coll.indexes.get(indexName);
    if (!idx) throw invalid(`index ${indexName} does not exist`);
    this.root.transactionSync(() => {
      idx.db.dropSync();
      coll.indexes.delete(indexName);
      this.saveCollectionMeta(coll);
    });
  }

  listIndexes(collName: string): IndexDef[] {
    return [...this.coll(collName).indexes.values()].map((i) => i.def);
  }

  // ---------------------------------------------------------------- reads

  /** A query outside a transaction, planned over the collection's indexes. */
  find(collName: string, filter: Doc, opts: FindOptions, txnId?: string): Doc[] {
    const q = query(filter);
    const coll = this.coll(collName);
    const skip = opts.skip ?? 0;
    const limit = Math.min(opts.limit ?? LIMITS.defaultLimit, LIMITS.maxLimit);
    const sort = sortSpec(opts.sort);
    let docs: Doc[];
    if (txnId) {
      docs = sortDocs(this.txnMatches(this.txn(txnId), coll, filter, q), sort).slice(skip, skip + limit);
    } else {
      docs = this.matches(coll, filter, q, sort, skip + limit).slice(skip, skip + limit);
    }
    return opts.projection && Object.keys(opts.projection).length > 0 ? this.project(docs, opts.projection) : docs;
  }

  /** Applies a `field()` projection to documents already read. */
  project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
    return asInvalid(
      () =>
        mingoQuery({})
          .find<Doc>(docs, projection as never)
          .all() as Doc[],
    );
  }

  /** One document by `_id`, as a transaction sees it (or as committed, outside one). */
  getById(collName: string, id: Id, txnId?: string): Doc | undefined {
    const coll = this.coll(collName);
    if (txnId) return this.txnRead(this.txn(txnId), coll, id);
    return this.readCommitted(coll, id);
  }

  count(collName: string, filter: Doc): number {
    const q = query(filter);
    const coll = this.coll(collName);
    const plan = this.plan(coll, filter, [], Infinity);
    if (plan.kind === 'index' && plan.covered) {
      // The index alone answers: count the distinct documents in its ranges.
      const ids = new Set<Id>();
      for (const key of this.indexKeys(coll, plan)) ids.add(entryId(key));
      return ids.size;
    }
    let n = 0;
    for (const d of this.candidates(coll, plan)) if (q.test(d)) n++;
    return n;
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    checkPipeline(pipeline);
    const coll = this.coll(collName);
    const first = pipeline[0]?.$match as Doc | undefined;
    let source: Doc[];
    if (first) {
      const q = query(first);
      source = [...this.candidates(coll, this.plan(coll, first, [], Infinity))].filter((d) => q.test(d));
    } else source = [...this.candidates(coll, { kind: 'natural' })];
    // CloudBase answers 20 results when the pipeline sets no $limit of its own.
    const limited = pipeline.some((s) => '$limit' in s) ? pipeline : [...pipeline, { $limit: LIMITS.aggregateDefaultLimit }];
    return asInvalid(() => {
      const agg = aggregator(limited, (name: string) => [...this.candidates(this.coll(name), { kind: 'natural' })]);
      return agg.run(source) as Doc[];
    });
  }

  // ---------------------------------------------------------------- writes

  insert(collName: string, docs: Doc[], txnId?: string): Id[] {
    const coll = this.coll(collName);
    if (docs.length === 0) throw invalid('nothing to insert');
    const prepared = docs.map((d) => {
      checkDocument(d);
      const id = d._id ?? newId();
      checkId(id);
      return { ...d, _id: id } as Doc;
    });
    const ids = prepared.map((d) => d._id as Id);
    if (new Set(ids).size !== ids.length) throw duplicate(collName, '_id');
    if (txnId) {
      const txn = this.txn(txnId);
      if (prepared.length > 1 && this.transactionMode === 'strict') throw singleDocumentOnly('add() of several documents');
      for (const d of prepared) {
        if (this.txnRead(txn, coll, d._id as Id, false)) throw duplicate(collName, '_id');
        this.txnPut(txn, coll, d._id as Id, d);
      }
      return ids;
    }
    this.commit((seq) => {
      for (const d of prepared) {
        const cur = coll.docs.get(d._id as Id);
        if (cur?.d) throw duplicate(collName, '_id');
        this.writeDoc(coll, d._id as Id, cur, d, seq);
      }
    });
    return ids;
  }

  /**
   * `updated`, as CloudBase answers it: a `set()` (a replacement) counts the document it
   * matched, even when the content is the same (WeChat's Document.set docs; node-sdk's
   * tests); an update with operators counts the documents it changed (MongoDB's nModified:
   * setting a field to the value it has says 0). Code that needs "did my condition hold"
   * uses a condition the update itself falsifies (`balance >= x` with `inc(-x)`).
   */
  update(collName: string, filter: Doc, data: Doc, opts: UpdateOptions, txnId?: string): { updated: number; upsertedId?: Id } {
    const q = query(filter);
    if (opts.merge) checkUpdate(data);
    else {
      if ('_id' in data) throw invalid('_id cannot be updated');
      checkDocument(data);
    }
    const coll = this.coll(collName);
    const apply = (before: Doc): Doc => {
      if (!opts.merge) return { ...structuredClone(data), _id: before._id };
      const copy = structuredClone(before);
      this.applyUpdate(copy, data);
      return copy;
    };
    const upsertDoc = (): Doc | undefined => {
      if (!opts.upsert) return undefined;
      const id = (typeof filter._id === 'string' || typeof filter._id === 'number' ? filter._id : undefined) ?? newId();
      checkId(id);
      if (!opts.merge) return { ...structuredClone(data), _id: id };
      const doc: Doc = { _id: id };
      this.applyUpdate(doc, data);
      return doc;
    };

    if (txnId) {
      const txn = this.txn(txnId);
      const matches = this.txnMatches(txn, coll, filter, q, opts.multi ? Infinity : 1);
      let updated = 0;
      for (const before of matches) {
        const after = apply(before);
        this.txnPut(txn, coll, before._id as Id, after);
        if (!opts.merge || !sameDoc(before, after)) updated++;
      }
      if (matches.length === 0) {
        const doc = upsertDoc();
        if (doc) {
          this.txnPut(txn, coll, doc._id as Id, doc);
          return { updated: 0, upsertedId: doc._id as Id };
        }
      }
      return { updated };
    }

    return this.commit((seq) => {
      let updated = 0;
      for (const before of this.matches(coll, filter, q, [], opts.multi ? Infinity : 1)) {
        const after = apply(before);
        const changed = !sameDoc(before, after);
        if (changed) this.writeDoc(coll, before._id as Id, coll.docs.get(before._id as Id), after, seq);
        if (changed || !opts.merge) updated++;
      }
      if (updated === 0) {
        const doc = upsertDoc();
        if (doc) {
          const cur = coll.docs.get(doc._id as Id);
          if (cur?.d) throw duplicate(collName, '_id');
          this.writeDoc(coll, doc._id as Id, cur, doc, seq);
          return { updated: 0, upsertedId: doc._id as Id };
        }
      }
      return { updated };
    });
  }

  /** Updates the first match (natural order) and returns it as it is after the update (or null). */
  updateAndReturn(collName: string, filter: Doc, data: Doc, txnId?: string): { updated: number; doc: Doc | null } {
    const q = query(filter);
    checkUpdate(data);
    const coll = this.coll(collName);
    if (txnId) {
      const txn = this.txn(txnId);
      const [before] = this.txnMatches(txn, coll, filter, q, 1);
      if (!before) return { updated: 0, doc: null };
      const after = structuredClone(before);
      this.applyUpdate(after, data);
      this.txnPut(txn, coll, before._id as Id, after);
      return { updated: 1, doc: after };
    }
    return this.commit((seq) => {
      for (const before of this.matches(coll, filter, q, [], 1)) {
        const after = structuredClone(before);
        this.applyUpdate(after, data);
        if (!sameDoc(before, after)) this.writeDoc(coll, before._id as Id, coll.docs.get(before._id as Id), after, seq);
        return { updated: 1, doc: after };
      }
      return { updated: 0, doc: null };
    });
  }

  remove(collName: string, filter: Doc, multi: boolean, txnId?: string): number {
    const q = query(filter);
    const coll = this.coll(collName);
    if (txnId) {
      const txn = this.txn(txnId);
      const matches = this.txnMatches(txn, coll, filter, q, multi ? Infinity : 1);
      for (const d of matches) this.txnPut(txn, coll, d._id as Id, null);
      return matches.length;
    }
    return this.commit((seq) => {
      let deleted = 0;
      for (const before of this.matches(coll, filter, q, [], multi ? Infinity : 1)) {
        this.writeDoc(coll, before._id as Id, coll.docs.get(before._id as Id), undefined, seq);
        deleted++;
      }
      return deleted;
    });
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    const id = randomBytes(16).toString('hex');
    this.txns.set(id, { id, startedAt: this.now(), writes: new Map(), busy: false });
    return id;
  }

  /**
   * Marks an operation of `txnId` as being served; CloudBase serves one operation of a
   * transaction at a time, so a second one sent while the first is in flight is refused and
   * the transaction aborted (nothing it did is written). The caller ends it with `endOperation`.
   */
  beginOperation(txnId: string): void {
    const txn = this.txn(txnId);
    if (txn.busy) {
      // And the transaction is gone (later operations and the commit say TransactionNotExist),
      // as reported of CloudBase (docs/emulator.md).
      this.endTxn(txn);
      this.afterTransactionEnded();
      throw new DbError(
        'DATABASE_TRANSACTION_FAIL',
        '[ResourceUnavailable.TransactionBusy] Transaction is busy. Please check your request, but if the problem persists, contact us.',
      );
    }
    txn.busy = true;
  }

  endOperation(txnId: string): void {
    const txn = this.txns.get(txnId);
    if (txn) txn.busy = false;
  }

  commitTransaction(txnId: string): void {
    const txn = this.txn(txnId);
    this.endTxn(txn);
    try {
      this.commit((seq) => {
        for (const [collName, writes] of txn.writes) {
          const coll = this.coll(collName);
          for (const [id, doc] of writes) {
            const cur = coll.docs.get(id);
            // A write outside any transaction landed on this document after our snapshot
            // (non-transactional writes do not wait for our lock here): we lose.
            if ((cur?.v ?? 0) > (txn.snapshot ?? this.seq)) throw conflict();
            this.writeDoc(coll, id, cur, doc ?? undefined, seq);
          }
        }
      });
    } finally {
      this.afterTransactionEnded();
    }
  }

  abortTransaction(txnId: string): void {
    this.endTxn(this.txn(txnId));
    this.afterTransactionEnded();
  }

  get openTransactions(): number {
    return this.txns.size;
  }

  // ---------------------------------------------------------------- internals: planning and reading

  private plan(coll: CollState, filter: Doc, sort: SortSpec, needed: number): Plan {
    return choosePlan({
      filter,
      sort,
      needed,
      indexes: [...coll.indexes.values()].map((i) => i.def),
      multikey: coll.multikey,
      size: (coll.natural.getStats() as { entryCount: number }).entryCount,
      countEntries: (p, cap) => {
        let n = 0;
        if (p.kind === 'primary') {
          for (const _d of this.primaryKeys(coll, p)) if (++n >= cap) break;
        } else {
          for (const _k of this.indexKeys(coll, p)) if (++n >= cap) break;
        }
        return n;
      },
    });
  }

  /**
   * Committed documents matching `filter`, in `sort` order, stopping after `needed` when the
   * plan yields them in order already.
   */
  private matches(coll: CollState, filter: Doc, q: Query, sort: SortSpec, needed: number): Doc[] {
    const plan = this.plan(coll, filter, sort, needed);
    const inOrder = sort.length === 0 || (plan.kind !== 'natural' && plan.sorted);
    const out: Doc[] = [];
    for (const d of this.candidates(coll, plan)) {
      if (!q.test(d)) continue;
      out.push(d);
      if (inOrder && out.length >= needed) break;
    }
    return inOrder ? out : sortDocs(out, sort);
  }

  /** Documents a plan points at, in the plan's order, each read once. */
  private *candidates(coll: CollState, plan: Plan): Generator<Doc> {
    if (plan.kind === 'natural') {
      for (const id of this.naturalIds(coll)) {
        const d = this.readCommitted(coll, id);
        if (d) yield d;
      }
      return;
    }
    if (plan.kind === 'ids') {
      const seen = new Set<string>();
      for (const id of plan.ids) {
        const k = `${typeof id}:${id}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const d = this.readCommitted(coll, id);
        if (d) yield d;
      }
      return;
    }
    if (plan.kind === 'primary') {
      for (const id of this.primaryKeys(coll, plan)) {
        const d = this.readCommitted(coll, id);
        if (d) yield d;
      }
      return;
    }
    const seen = new Set<Id>();
    for (const key of this.indexKeys(coll, plan)) {
      const id = entryId(key);
      if (seen.has(id)) continue; // a multikey index has an entry per array element
      seen.add(id);
      const d = this.readCommitted(coll, id);
      if (d) yield d;
    }
  }

  private *naturalIds(coll: CollState): Generator<Id> {
    for (const { value } of coll.natural.getRange()) yield value;
  }

  /** A document by id; one that is not there costs no document read. */
  private readCommitted(coll: CollState, id: Id): Doc | undefined {
    const d = coll.docs.get(id)?.d;
    if (d) this.stats.docsRead++;
    return d;
  }

  private *primaryKeys(coll: CollState, plan: Extract<Plan, { kind: 'primary' }>): Generator<Id> {
    // _id keys: numbers sort before strings, in LMDB's order as in MongoDB's.
    const rank = plan.lower?.rank ?? plan.upper?.rank;
    const rankOfKey = (k: Id): number => (typeof k === 'number' ? 3 : 4);
    let start: Id | undefined;
    if (!plan.reverse) start = (plan.lower?.value as Id | undefined) ?? (rank === 4 ? '' : undefined);
    else start = (plan.upper?.value as Id | undefined) ?? (rank === 3 ? '' : undefined);
    for (const key of coll.docs.db.getKeys(start === undefined ? { reverse: plan.reverse } : { start, reverse: plan.reverse })) {
      this.stats.keysRead++;
      if (rank !== undefined) {
        const r = rankOfKey(key);
        if (r !== rank) {
          if (plan.reverse ? r < rank : r > rank) return;
          continue;
        }
        if (!withinLower(r, key, plan.lower)) {
          if (plan.reverse) return;
          continue;
        }
        if (!withinUpper(r, key, plan.upper)) {
          if (plan.reverse) continue;
          return;
        }
      }
      yield key;
    }
  }

  /** The entries of an index plan's intervals, merged into one ordered stream when there are several. */
  private *indexKeys(coll: CollState, plan: Extract<Plan, { kind: 'index' }>): Generator<KeyPart[]> {
    const idx = coll.indexes.get(plan.index)!;
    const streams = plan.intervals.map((iv) => this.intervalKeys(idx, iv, plan.reverse));
    if (streams.length === 1 || !plan.sorted) {
      for (const s of streams) yield* s;
      return;
    }
    // k-way merge on what follows the equality prefix (the sort fields, then _id).
    const from = plan.eqFields * 2;
    const heads = streams.map((s) => s.next());
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        if (heads[i].done) continue;
        if (best < 0 || compareSuffix(heads[i].value as KeyPart[], heads[best].value as KeyPart[], from) * (plan.reverse ? -1 : 1) < 0) best = i;
      }
      if (best < 0) return;
      yield heads[best].value as KeyPart[];
      heads[best] = streams[best].next();
    }
  }

  private *intervalKeys(idx: IndexState, iv: Interval, reverse: boolean): Generator<KeyPart[]> {
    const at = iv.prefix.length;
    const rank = iv.lower?.rank ?? iv.upper?.rank;
    // Coarse LMDB range: the prefix (and the bound's type); fine bounds are checked below.
    const lo = rank === undefined ? iv.prefix : [...iv.prefix, rank];
    const hi = rank === undefined ? [...iv.prefix, PAST_ALL] : iv.upper ? [...iv.prefix, rank, iv.upper.value, PAST_ALL] : [...iv.prefix, rank + 1];
    const start = iv.lower && !reverse ? [...iv.prefix, iv.lower.rank, iv.lower.value] : lo;
    for (const key of idx.db.getKeys(reverse ? { start: hi, end: lo, reverse: true } : { start, end: hi })) {
      this.stats.keysRead++;
      const k = key as KeyPart[];
      if (rank !== undefined) {
        const r = k[at] as number;
        const v = k[at + 1];
        if (!withinLower(r, v, iv.lower)) {
          if (reverse) return;
          continue;
        }
        if (!withinUpper(r, v, iv.upper)) {
          if (reverse) continue;
          return;
        }
      }
      yield k;
    }
  }

  // ---------------------------------------------------------------- internals: transactions

  private txn(id: string): Txn {
    const t = typeof id === 'string' ? this.txns.get(id) : undefined;
    if (!t) throw txnNotExist();
    if (this.now() - t.startedAt > this.lifetimeMs) {
      this.endTxn(t);
      this.afterTransactionEnded();
      throw txnNotExist();
    }
    t.snapshot ??= this.seq;
    return t;
  }

  /** A document as the transaction sees it: its own write, else the version in its snapshot. */
  private txnRead(txn: Txn, coll: CollState, id: Id, count = true): Doc | undefined {
    const buffered = txn.writes.get(coll.name);
    if (buffered?.has(id)) return structuredClone(buffered.get(id) ?? undefined);
    const d = this.snapshotRead(coll, id, txn.snapshot!);
    if (d && count) this.stats.docsRead++;
    return d ? structuredClone(d) : undefined;
  }

  private snapshotRead(coll: CollState, id: Id, snapshot: number): Doc | undefined {
    const cur = coll.docs.get(id);
    if (!cur || cur.v <= snapshot) return cur?.d;
    const versions = this.history.get(versionKey(coll.name, id)) ?? [];
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i].v <= snapshot) return versions[i].d;
    return undefined;
  }

  /**
   * A query inside a transaction (only in 'compatible' mode, or by `_id`): committed
   * candidates plus documents changed since the snapshot, each read at the snapshot and
   * overlaid with the transaction's own writes.
   */
  private txnMatches(txn: Txn, coll: CollState, filter: Doc, q: Query, max = Infinity): Doc[] {
    const id = filter._id;
    const single = (typeof id === 'string' || typeof id === 'number') && Object.keys(filter).length === 1;
    if (!single && this.transactionMode === 'strict') throw singleDocumentOnly('a where() query or update');
    const ids: Id[] = single
      ? [id as Id]
      : [
          ...new Set<Id>([
            ...this.naturalIds(coll),
            ...[...this.history.keys()].filter((k) => k.startsWith(`${coll.name}\u0000`)).map((k) => JSON.parse(k.split('\u0000')[1]) as Id),
            ...(txn.writes.get(coll.name)?.keys() ?? []),
          ]),
        ];
    const out: Doc[] = [];
    for (const docId of ids) {
      const d = this.txnRead(txn, coll, docId);
      if (d && q.test(d)) out.push(d);
      if (out.length >= max) break;
    }
    return out;
  }

  private txnPut(txn: Txn, coll: CollState, id: Id, doc: Doc | null): void {
    const key = versionKey(coll.name, id);
    const holder = this.intents.get(key);
    const cur = coll.docs.get(id);
    // Like MongoDB: a document written by another open transaction, or changed after our
    // snapshot, is a write conflict, and the transaction is aborted at once.
    if ((holder !== undefined && holder !== txn.id && this.txns.has(holder)) || (cur?.v ?? 0) > txn.snapshot!) {
      this.endTxn(txn);
      this.afterTransactionEnded();
      throw conflict();
    }
    this.intents.set(key, txn.id);
    let w = txn.writes.get(coll.name);
    if (!w) txn.writes.set(coll.name, (w = new Map()));
    if (doc) checkDocument(doc);
    w.set(id, doc);
  }

  /** Forgets a transaction and releases its write locks. */
  private endTxn(txn: Txn): void {
    this.txns.delete(txn.id);
    for (const [collName, writes] of txn.writes) {
      for (const id of writes.keys()) {
        const key = versionKey(collName, id);
        if (this.intents.get(key) === txn.id) this.intents.delete(key);
      }
    }
  }

  private afterTransactionEnded(): void {
    if (this.txns.size === 0) {
      this.history.clear();
      this.sweepTombstones();
      return;
    }
    // Drop versions no open snapshot can read any more.
    let oldest = Infinity;
    for (const t of this.txns.values()) oldest = Math.min(oldest, t.snapshot ?? this.seq);
    for (const [key, versions] of this.history) {
      let keepFrom = 0;
      for (let i = 0; i < versions.length; i++) if (versions[i].v <= oldest) keepFrom = i;
      if (keepFrom > 0) versions.splice(0, keepFrom);
      if (versions.length === 0) this.history.delete(key);
    }
  }

  private expireTransactions(): void {
    const now = this.now();
    for (const t of [...this.txns.values()]) if (now - t.startedAt > this.lifetimeMs) this.endTxn(t);
    this.afterTransactionEnded();
  }

  // ---------------------------------------------------------------- internals: storage

  private openCollection(name: string, indexes: IndexDef[], multikey: string[] = []): CollState {
    const docs = new DocStore(this.root.openDB<Stored, Id>({ name: `c:${name}` }));
    const natural = this.root.openDB<Id, number>({ name: `n:${name}` });
    const state: CollState = { name, docs, natural, indexes: new Map(), multikey: new Set(multikey) };
    for (const def of indexes) state.indexes.set(def.name, { def, db: this.openIndexDb(name, def.name) });
    this.colls.set(name, state);
    return state;
  }

  private openIndexDb(collName: string, indexName: string): Database<1, KeyPart[]> {
    return this.root.openDB<1, KeyPart[]>({ name: `x:${collName}:${indexName}` });
  }

  private saveCollectionMeta(coll: CollState): void {
    const prior = this.meta.get(`coll:${coll.name}`) as { createdAt?: number } | undefined;
    this.meta.putSync(`coll:${coll.name}`, {
      createdAt: prior?.createdAt ?? this.now(),
      indexes: [...coll.indexes.values()].map((i) => i.def),
      multikey: [...coll.multikey],
    });
  }

  /**
   * Data written by the first format (dupSort indexes, no natural order) is rebuilt once:
   * natural order follows `_id` order there, the best that can be recovered.
   */
  private upgradeStorage(): void {
    this.root.transactionSync(() => {
      for (const coll of this.colls.values()) {
        for (const idx of coll.indexes.values()) {
          idx.db.clearSync();
          this.root.openDB({ name: `i:${coll.name}:${idx.def.name}`, dupSort: true }).dropSync();
        }
        coll.natural.clearSync();
        for (const { key, value } of coll.docs.range()) {
          if (!value.d) continue;
          const n = ++this.natural;
          coll.docs.put(key, { v: value.v, n, d: value.d });
          coll.natural.putSync(n, key);
          for (const idx of coll.indexes.values()) this.addIndexEntries(coll, idx, key, value.d);
        }
      }
      this.meta.putSync('natural', this.natural);
      this.meta.putSync('format', FORMAT);
    });
  }

  private coll(name: string): CollState {
    if (!isCollectionName(name)) throw invalid(`invalid collection name "${String(name)}"`);
    const c = this.colls.get(name);
    if (!c)
      throw new DbError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us. (collection ${name})`,
      );
    return c;
  }

  /** Runs `work` in one LMDB write transaction under a fresh commit sequence number. */
  private commit<T>(work: (seq: number) => T): T {
    const seq = this.seq + 1;
    const natural = this.natural;
    try {
      const result = this.root.transactionSync(() => {
        const r = work(seq);
        this.meta.putSync('seq', seq);
        this.meta.putSync('natural', this.natural);
        return r;
      });
      this.seq = seq;
      return result;
    } catch (e) {
      this.natural = natural;
      throw e;
    }
  }

  private applyUpdate(doc: Doc, data: Doc): void {
    try {
      applyUpdate(doc, data as never, undefined, undefined, { cloneMode: 'deep' });
    } catch (e) {
      throw invalid(`update failed: ${(e as Error).message}`);
    }
    checkDocument(doc);
  }

  private writeDoc(coll: CollState, id: Id, before: Stored | undefined, after: Doc | undefined, seq: number): void {
    const old = before?.d;
    for (const idx of coll.indexes.values()) {
      const oldKeys = old ? entryKeys(idx.def.keys, old, !!idx.def.sparse) : [];
      const newKeys = after ? this.indexEntries(idx, after, coll) : [];
      const newSet = new Set(newKeys.map((k) => JSON.stringify(k)));
      const oldSet = new Set(oldKeys.map((k) => JSON.stringify(k)));
      for (const k of oldKeys) if (!newSet.has(JSON.stringify(k))) idx.db.removeSync(k);
      for (const k of newKeys) {
        if (oldSet.has(JSON.stringify(k))) continue;
        if (idx.def.unique) this.checkUnique(coll, idx, k, id);
        idx.db.putSync(k, 1);
      }
    }
    // Keep the version an open transaction's snapshot may still need.
    if (this.txns.size > 0) {
      const key = versionKey(coll.name, id);
      const versions = this.history.get(key) ?? [];
      versions.push({ v: before?.v ?? 0, ...(old ? { d: old } : {}) });
      this.history.set(key, versions);
    }
    if (after) {
      let n = old ? before!.n : undefined;
      if (n === undefined) {
        n = ++this.natural;
        coll.natural.putSync(n, id);
      }
      coll.docs.put(id, { v: seq, n, d: after });
      return;
    }
    if (before?.n !== undefined) coll.natural.removeSync(before.n);
    if (this.txns.size > 0) {
      coll.docs.put(id, { v: seq, del: 1 });
      this.tombs.putSync([coll.name, id], 1);
    } else coll.docs.remove(id);
  }

  private indexEntries(idx: IndexState, doc: Doc, coll?: CollState): KeyPart[][] {
    if (coll) {
      const fresh = idx.def.keys.filter((k) => !coll.multikey.has(k) && throughArray(doc, k));
      if (fresh.length) {
        for (const k of fresh) coll.multikey.add(k);
        this.saveCollectionMeta(coll);
      }
    }
    try {
      return entryKeys(idx.def.keys, doc, !!idx.def.sparse);
    } catch (e) {
      throw invalid(`${(e as Error).message} (index ${idx.def.name})`);
    }
  }

  private checkUnique(coll: CollState, idx: IndexState, key: KeyPart[], id: Id): void {
    const fields = key.slice(0, key.length - 2);
    for (const other of idx.db.getKeys({ start: fields, end: [...fields, PAST_ALL] })) {
      if (entryId(other as KeyPart[]) !== id) throw duplicate(coll.name, idx.def.keys.join(','));
    }
  }

  private addIndexEntries(coll: CollState, idx: IndexState, id: Id, doc: Doc): void {
    for (const k of this.indexEntries(idx, doc, coll)) {
      if (idx.def.unique) this.checkUnique(coll, idx, k, id);
      idx.db.putSync(k, 1);
    }
  }

  private sweepTombstones(): void {
    const tombs = [...this.tombs.getKeys()];
    if (tombs.length === 0) return;
    this.root.transactionSync(() => {
      for (const key of tombs) {
        const [collName, id] = key;
        const coll = this.colls.get(collName);
        if (coll?.docs.get(id)?.del) coll.docs.remove(id);
        this.tombs.removeSync(key);
      }
    });
  }
}

// ------------------------------------------------------------------ helpers

const versionKey = (collName: string, id: Id): string => `${collName}\u0000${JSON.stringify(id)}`;

/** Whether a dotted path passes through an array in `doc`. */
function throughArray(doc: unknown, field: string): boolean {
  let cur: unknown = doc;
  for (const part of field.split('.')) {
    if (Array.isArray(cur)) return true;
    if (cur === null || typeof cur !== 'object' || types.isDate(cur)) return false;
    cur = (cur as Doc)[part];
  }
  return Array.isArray(cur);
}

function sortSpec(sort: Record<string, 1 | -1> | undefined): SortSpec {
  return sort ? (Object.entries(sort) as SortSpec) : [];
}

/** A sort key of one document for one field: arrays sort by their smallest (ascending) or largest element. */
function sortValue(doc: Doc, field: string, dir: 1 | -1): unknown {
  const values = valuesAt(doc, field.split('.'));
  let best = values[0];
  for (const v of values.slice(1)) if (compareValues(v, best) * dir < 0) best = v;
  return best;
}

/** MongoDB's sort order; ties fall back to `_id` in the direction of the last key, as an index would give them. */
export function sortDocs(docs: Doc[], sort: SortSpec): Doc[] {
  if (sort.length === 0) return docs;
  const lastDir = sort[sort.length - 1][1];
  const keyed = docs.map((d) => ({ d, keys: sort.map(([f, dir]) => sortValue(d, f, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]) * sort[i][1];
      if (c !== 0) return c;
    }
    return compareValues(a.d._id, b.d._id) * lastDir;
  });
  return keyed.map((k) => k.d);
}

function compareSuffix(a: KeyPart[], b: KeyPart[], from: number): number {
  for (let i = from; i < Math.min(a.length, b.length); i += 2) {
    const ar = a[i] as number;
    const br = b[i] as number;
    if (i + 1 >= a.length || i + 1 >= b.length || ar === 0 || br === 0) {
      // The end-of-fields marker, then the _id.
      return compareValues(a[a.length - 1], b[b.length - 1]);
    }
    const c = ar !== br ? (ar < br ? -1 : 1) : compareValues(a[i + 1], b[i + 1]);
    if (c !== 0) return c;
  }
  return 0;
}

function sameDoc(a: Doc, b: Doc): boolean {
  return stableStringify(a) === stableStringify(b);
}

/** A checked query: our operator allowlist first, then mingo's own validation. */
function query(filter: Doc): Query {
  checkQuery(filter);
  return asInvalid(() => mingoQuery(filter));
}

/** mingo reports bad operator arguments as plain errors: those are the caller's mistake. */
function asInvalid<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw invalid((e as Error).message);
  }
}

function singleDocumentOnly(what: string): DbError {
  return invalid(
    `${what} is not allowed inside a transaction: CloudBase transactions take single-document operations (doc().get/set/update/remove, add of one document). See docs/emulator.md.`,
  );
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

function checkId(id: unknown): void {
  if (typeof id === 'string' ? id.length === 0 || id.length > 512 : typeof id !== 'number' || !Number.isFinite(id)) {
    throw invalid('_id must be a non-empty string (at most 512 characters) or a finite number');
  }
}

/** One owner per data directory: a stale lock (its process is gone) is taken over. */
function takeLock(lockPath: string): void {
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const pid = Number(fs.readFileSync(lockPath, 'utf8'));
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new Error(`data directory is in use by process ${pid} (${lockPath}); stop it or use another DATA_DIR`);
  }
  fs.writeFileSync(lockPath, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
