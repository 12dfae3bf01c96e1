import { randomBytes, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { types } from 'node:util';
import { open, type Database, type RootDatabase } from 'lmdb';
import { Aggregator, Query, update as applyUpdate } from 'mingo';
import type { Doc } from './ejson';
import { DbError, invalid } from './errors';
import { checkDocument, checkPipeline, checkQuery, checkUpdate, isCollectionName, LIMITS } from './guard';

/**
 * The storage engine under the emulator: LMDB (through lmdb-js) for durability, mingo for
 * MongoDB query, update and aggregation semantics.
 *
 * - Every write is one LMDB write transaction, committed before the answer is sent, so an
 *   acknowledged write survives kill -9; a CloudBase transaction is applied in one LMDB
 *   transaction at commit, so it is all or nothing across kill -9.
 * - Each collection is its own LMDB database keyed by `_id`; each index is a dupSort
 *   database from encoded field values to `_id`s. Equality (and `$in`) queries on `_id` or
 *   on an indexed field read candidates from the index instead of scanning.
 * - CloudBase transactions are optimistic: reads come from committed data and must not be
 *   newer than the transaction's start (else DATABASE_TRANSACTION_CONFLICT, which
 *   runTransaction retries), writes are buffered and invisible to others until commit, and
 *   commit re-validates every document the transaction read.
 *
 * One process owns a data directory at a time (a lock file says which); the transaction
 * table lives in that process's memory, which is why a crash simply drops open transactions.
 */

export type Id = string | number;
export interface IndexDef {
  name: string;
  keys: string[];
  unique?: boolean;
  /** Documents missing every key field are left out of the index (Mongo's sparse). */
  sparse?: boolean;
}

interface Stored {
  /** Commit sequence number of the write that produced this version. */
  v: number;
  d?: Doc;
  /** Tombstone: kept only while transactions that started earlier are open. */
  del?: 1;
}

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
  constructor(private readonly db: Database<Stored, Id>) {}
  get(id: Id): Stored | undefined {
    const s = this.db.get(id);
    return s && (s.d ? { v: s.v, d: unpack(s.d) as Doc } : s);
  }
  *range(): Generator<{ key: Id; value: Stored }> {
    for (const { key, value } of this.db.getRange()) {
      yield { key, value: value.d ? { v: value.v, d: unpack(value.d) as Doc } : value };
    }
  }
  put(id: Id, s: Stored): void {
    this.db.putSync(id, s.d ? { v: s.v, d: pack(s.d) as Doc } : s);
  }
  remove(id: Id): void {
    this.db.removeSync(id);
  }
}

interface CollState {
  name: string;
  db: DocStore;
  indexes: Map<string, { def: IndexDef; db: Database<Id, string> }>;
}

interface Txn {
  id: string;
  startSeq: number;
  lastUsed: number;
  /** collection → _id → version seen (0 = absent). */
  observed: Map<string, Map<Id, number>>;
  /** collection → _id → new document, or null for a removal. */
  writes: Map<string, Map<Id, Doc | null>>;
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

const MINGO = { idKey: '_id', scriptEnabled: false } as const;
const TXN_IDLE_MS = 60_000;
const openDirs = new Set<string>();

export class Engine {
  private readonly root: RootDatabase;
  private readonly meta: Database<unknown, string>;
  private readonly tombs: Database<1, [string, Id]>;
  private readonly colls = new Map<string, CollState>();
  private readonly txns = new Map<string, Txn>();
  /** Write intents: "collection\u0000id" → the open transaction that has written it. */
  private readonly intents = new Map<string, string>();
  private readonly lockPath: string;
  private readonly sweeper: NodeJS.Timeout;
  private seq: number;
  private closed = false;
  /** Documents read to answer queries (for tests and benchmarks: an index must keep it small). */
  readonly stats = { docsRead: 0 };

  constructor(
    readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    this.lockPath = path.join(dir, 'emulator.lock');
    if (openDirs.has(dir)) throw new Error(`data directory ${dir} is already open in this process`);
    takeLock(this.lockPath);
    openDirs.add(dir);
    this.root = open({ path: path.join(dir, 'db'), maxDbs: 4096, mapSize: 2 ** 34 });
    this.meta = this.root.openDB({ name: '_meta' });
    this.tombs = this.root.openDB({ name: '_tombs' });
    this.seq = (this.meta.get('seq') as number | undefined) ?? 0;
    for (const { key, value } of this.meta.getRange({ start: 'coll:', end: 'coll;' })) {
      const name = String(key).slice('coll:'.length);
      this.openCollection(name, (value as { indexes: IndexDef[] }).indexes);
    }
    this.sweepTombstones();
    this.sweeper = setInterval(() => this.expireTransactions(), 10_000);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    this.txns.clear();
    this.intents.clear();
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
    if (def.keys.some((k) => typeof k !== 'string' || k === '' || k.startsWith('$'))) throw invalid('invalid index key');
    const clean: IndexDef = { name: def.name, keys: [...def.keys], unique: !!def.unique, sparse: !!def.sparse };
    const existing = coll.indexes.get(def.name);
    if (existing) {
      if (JSON.stringify(existing.def) === JSON.stringify(clean)) return;
      throw invalid(`index ${def.name} already exists with another definition`);
    }
    const db = this.openIndexDb(collName, clean.name);
    coll.indexes.set(clean.name, { def: clean, db });
    try {
      this.root.transactionSync(() => {
        for (const { key, value } of coll.db.range()) {
          if (value.d) this.addIndexEntries(coll, clean, db, key, value.d);
        }
        this.meta.putSync(`coll:${collName}`, {
          createdAt: this.now(),
          indexes: [...coll.indexes.values()].map((i) => i.def),
        });
      });
    } catch (e) {
      coll.indexes.delete(clean.name);
      throw e;
    }
  }

  listIndexes(collName: string): IndexDef[] {
    return [...this.coll(collName).indexes.values()].map((i) => i.def);
  }

  // ---------------------------------------------------------------- reads

  find(collName: string, filter: Doc, opts: FindOptions, txnId?: string): Doc[] {
    const q = query(filter);
    const coll = this.coll(collName);
    const docs = txnId ? this.txnView(this.txn(txnId), coll, filter) : this.committedCandidates(coll, filter);
    return asInvalid(() => {
      let cursor = q.find<Doc>(docs, opts.projection as never);
      if (opts.sort && Object.keys(opts.sort).length) cursor = cursor.sort(opts.sort);
      if (opts.skip) cursor = cursor.skip(opts.skip);
      cursor = cursor.limit(Math.min(opts.limit ?? LIMITS.defaultLimit, LIMITS.maxLimit));
      return cursor.all() as Doc[];
    });
  }

  count(collName: string, filter: Doc): number {
    const q = query(filter);
    const coll = this.coll(collName);
    let n = 0;
    for (const d of this.committedCandidates(coll, filter)) if (q.test(d)) n++;
    return n;
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    checkPipeline(pipeline);
    const coll = this.coll(collName);
    const first = pipeline[0]?.$match as Doc | undefined;
    const source = first ? this.committedCandidates(coll, first) : this.scan(coll);
    return asInvalid(() => {
      const agg = new Aggregator(pipeline, {
        ...MINGO,
        collectionResolver: (name: string) => this.scan(this.coll(name)),
      });
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
      for (const d of prepared) {
        if (this.txnGet(txn, coll, d._id as Id)) throw duplicate(collName, '_id');
        this.txnPut(txn, coll, d._id as Id, d);
      }
      return ids;
    }
    this.commit((seq) => {
      for (const d of prepared) {
        const cur = coll.db.get(d._id as Id);
        if (cur?.d) throw duplicate(collName, '_id');
        this.writeDoc(coll, d._id as Id, cur?.d, d, seq);
      }
    });
    return ids;
  }

  update(collName: string, filter: Doc, data: Doc, opts: UpdateOptions, txnId?: string): { updated: number; upsertedId?: Id } {
    query(filter);
    if (opts.merge) checkUpdate(data);
    else {
      if ('_id' in data) throw invalid('_id cannot be updated');
      checkDocument(data);
    }
    const coll = this.coll(collName);
    const apply = (before: Doc): Doc | null => {
      if (!opts.merge) return sameDoc(before, { ...data, _id: before._id }) ? null : { ...data, _id: before._id };
      const copy = structuredClone(before);
      const changed = this.applyUpdate(copy, data);
      return changed ? copy : null;
    };
    const upsertDoc = (): Doc | undefined => {
      if (!opts.upsert) return undefined;
      const id = (filter._id as Id | undefined) ?? newId();
      checkId(id);
      if (!opts.merge) return { ...data, _id: id };
      const doc: Doc = { _id: id };
      this.applyUpdate(doc, data);
      return doc;
    };

    if (txnId) {
      const txn = this.txn(txnId);
      const matches = this.matchInTxn(txn, coll, filter, opts.multi ? Number.MAX_SAFE_INTEGER : 1);
      let updated = 0;
      for (const before of matches) {
        const after = apply(before);
        if (after) {
          this.txnPut(txn, coll, before._id as Id, after);
          updated++;
        }
      }
      if (matches.length === 0) {
        const doc = upsertDoc();
        if (doc) {
          this.txnGet(txn, coll, doc._id as Id);
          this.txnPut(txn, coll, doc._id as Id, doc);
          return { updated: 0, upsertedId: doc._id as Id };
        }
      }
      return { updated };
    }

    return this.commit((seq) => {
      const q = query(filter);
      let matched = 0;
      let updated = 0;
      for (const before of this.committedCandidates(coll, filter)) {
        if (!q.test(before)) continue;
        matched++;
        const after = apply(before);
        if (after) {
          this.writeDoc(coll, before._id as Id, before, after, seq);
          updated++;
        }
        if (!opts.multi) break;
      }
      if (matched === 0) {
        const doc = upsertDoc();
        if (doc) {
          if (coll.db.get(doc._id as Id)?.d) throw duplicate(collName, '_id');
          this.writeDoc(coll, doc._id as Id, undefined, doc, seq);
          return { updated: 0, upsertedId: doc._id as Id };
        }
      }
      return { updated };
    });
  }

  /** Updates the first match and returns it as it is after the update (or null). */
  updateAndReturn(collName: string, filter: Doc, data: Doc, txnId?: string): { updated: number; doc: Doc | null } {
    query(filter);
    checkUpdate(data);
    const coll = this.coll(collName);
    if (txnId) {
      const txn = this.txn(txnId);
      const [before] = this.matchInTxn(txn, coll, filter, 1);
      if (!before) return { updated: 0, doc: null };
      const after = structuredClone(before);
      const changed = this.applyUpdate(after, data);
      if (changed) this.txnPut(txn, coll, before._id as Id, after);
      return { updated: changed ? 1 : 0, doc: after };
    }
    return this.commit((seq) => {
      const q = query(filter);
      for (const before of this.committedCandidates(coll, filter)) {
        if (!q.test(before)) continue;
        const after = structuredClone(before);
        const changed = this.applyUpdate(after, data);
        if (changed) this.writeDoc(coll, before._id as Id, before, after, seq);
        return { updated: changed ? 1 : 0, doc: after };
      }
      return { updated: 0, doc: null };
    });
  }

  remove(collName: string, filter: Doc, multi: boolean, txnId?: string): number {
    query(filter);
    const coll = this.coll(collName);
    if (txnId) {
      const txn = this.txn(txnId);
      const matches = this.matchInTxn(txn, coll, filter, multi ? Number.MAX_SAFE_INTEGER : 1);
      for (const d of matches) this.txnPut(txn, coll, d._id as Id, null);
      return matches.length;
    }
    return this.commit((seq) => {
      const q = query(filter);
      let deleted = 0;
      for (const before of this.committedCandidates(coll, filter)) {
        if (!q.test(before)) continue;
        this.writeDoc(coll, before._id as Id, before, undefined, seq);
        deleted++;
        if (!multi) break;
      }
      return deleted;
    });
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    const id = randomBytes(16).toString('hex');
    this.txns.set(id, { id, startSeq: this.seq, lastUsed: this.now(), observed: new Map(), writes: new Map() });
    return id;
  }

  commitTransaction(txnId: string): void {
    const txn = this.txn(txnId);
    this.endTxn(txn);
    try {
      this.commit((seq) => {
        for (const [collName, seen] of txn.observed) {
          const coll = this.coll(collName);
          for (const [id, version] of seen) {
            if ((coll.db.get(id)?.v ?? 0) !== version) throw conflict();
          }
        }
        for (const [collName, writes] of txn.writes) {
          const coll = this.coll(collName);
          for (const [id, doc] of writes) this.writeDoc(coll, id, coll.db.get(id)?.d, doc ?? undefined, seq);
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

  // ---------------------------------------------------------------- internals

  private openCollection(name: string, indexes: IndexDef[]): CollState {
    const db = new DocStore(this.root.openDB<Stored, Id>({ name: `c:${name}` }));
    const state: CollState = { name, db, indexes: new Map() };
    for (const def of indexes) state.indexes.set(def.name, { def, db: this.openIndexDb(name, def.name) });
    this.colls.set(name, state);
    return state;
  }

  private openIndexDb(collName: string, indexName: string): Database<Id, string> {
    return this.root.openDB<Id, string>({ name: `i:${collName}:${indexName}`, dupSort: true, encoding: 'ordered-binary' });
  }

  private coll(name: string): CollState {
    if (!isCollectionName(name)) throw invalid(`invalid collection name "${String(name)}"`);
    const c = this.colls.get(name);
    if (!c) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`);
    return c;
  }

  private txn(id: string): Txn {
    const t = typeof id === 'string' ? this.txns.get(id) : undefined;
    if (!t) throw new DbError('DATABASE_TRANSACTION_FAIL', 'transaction not found: it was committed, aborted, expired or never started');
    t.lastUsed = this.now();
    return t;
  }

  /** Runs `work` in one LMDB write transaction under a fresh commit sequence number. */
  private commit<T>(work: (seq: number) => T): T {
    const seq = this.seq + 1;
    const result = this.root.transactionSync(() => {
      const r = work(seq);
      this.meta.putSync('seq', seq);
      return r;
    });
    this.seq = seq;
    return result;
  }

  private applyUpdate(doc: Doc, data: Doc): boolean {
    try {
      return applyUpdate(doc, data as never, undefined, undefined, { cloneMode: 'deep' }).length > 0;
    } catch (e) {
      throw invalid(`update failed: ${(e as Error).message}`);
    }
  }

  private scan(coll: CollState): Doc[] {
    const out: Doc[] = [];
    for (const { value } of coll.db.range()) {
      this.stats.docsRead++;
      if (value.d) out.push(value.d);
    }
    return out;
  }

  /** Committed documents that may match: by _id, by an index, or every document. */
  private committedCandidates(coll: CollState, filter: Doc): Doc[] {
    const plan = planQuery(coll, filter);
    if (plan.kind === 'scan') return this.scan(coll);
    const out: Doc[] = [];
    for (const id of this.planIds(coll, plan)) {
      this.stats.docsRead++;
      const d = coll.db.get(id)?.d;
      if (d) out.push(d);
    }
    return out;
  }

  private planIds(coll: CollState, plan: Exclude<Plan, { kind: 'scan' }>): Set<Id> {
    if (plan.kind === 'ids') return new Set(plan.ids);
    const ids = new Set<Id>();
    const idx = coll.indexes.get(plan.index)!;
    for (const key of plan.keys) for (const id of idx.db.getValues(key)) ids.add(id);
    return ids;
  }

  /**
   * A transaction's view of documents that may match: committed candidates that are not
   * newer than its start (else conflict), overlaid with its own buffered writes.
   */
  private txnView(txn: Txn, coll: CollState, filter: Doc): Doc[] {
    const plan = planQuery(coll, filter);
    const entries: Array<[Id, Stored | undefined]> =
      plan.kind === 'scan'
        ? [...coll.db.range()].map(({ key, value }) => [key, value])
        : [...this.planIds(coll, plan)].map((id) => [id, coll.db.get(id)]);
    const view = new Map<Id, Doc>();
    for (const [id, entry] of entries) {
      const d = this.txnGet(txn, coll, id, entry);
      if (d) view.set(id, d);
    }
    for (const [id, d] of txn.writes.get(coll.name) ?? []) {
      if (d) view.set(id, d);
      else view.delete(id);
    }
    return [...view.values()];
  }

  private matchInTxn(txn: Txn, coll: CollState, filter: Doc, max: number): Doc[] {
    const q = query(filter);
    const out: Doc[] = [];
    for (const d of this.txnView(txn, coll, filter)) {
      if (out.length >= max) break;
      if (q.test(d)) out.push(d);
    }
    return out;
  }

  /** Reads one document as the transaction sees it, recording the version it saw. */
  private txnGet(txn: Txn, coll: CollState, id: Id, entry?: Stored): Doc | undefined {
    const buffered = txn.writes.get(coll.name);
    if (buffered?.has(id)) return buffered.get(id) ?? undefined;
    const cur = entry ?? coll.db.get(id);
    const version = cur?.v ?? 0;
    if (version > txn.startSeq) {
      // Changed after this transaction started: its snapshot is gone, so it must retry.
      this.endTxn(txn);
      this.afterTransactionEnded();
      throw conflict();
    }
    let seen = txn.observed.get(coll.name);
    if (!seen) txn.observed.set(coll.name, (seen = new Map()));
    if (!seen.has(id)) seen.set(id, version);
    return cur?.d ? structuredClone(cur.d) : undefined;
  }

  private txnPut(txn: Txn, coll: CollState, id: Id, doc: Doc | null): void {
    // Like MongoDB: a document written by one open transaction cannot be written by another;
    // the second gets a write conflict at once (and runTransaction retries), instead of
    // running on to a commit that would fail anyway.
    const key = `${coll.name}\u0000${String(id)}`;
    const holder = this.intents.get(key);
    if (holder !== undefined && holder !== txn.id && this.txns.has(holder)) {
      this.endTxn(txn);
      this.afterTransactionEnded();
      throw conflict();
    }
    this.intents.set(key, txn.id);
    let w = txn.writes.get(coll.name);
    if (!w) txn.writes.set(coll.name, (w = new Map()));
    w.set(id, doc);
  }

  private writeDoc(coll: CollState, id: Id, before: Doc | undefined, after: Doc | undefined, seq: number): void {
    for (const { def, db } of coll.indexes.values()) {
      const oldKeys = before ? indexKeys(def, before) : [];
      const newKeys = after ? indexKeys(def, after) : [];
      for (const k of oldKeys) if (!newKeys.includes(k)) db.removeSync(k, id);
      for (const k of newKeys) {
        if (oldKeys.includes(k)) continue;
        if (def.unique) {
          for (const other of db.getValues(k)) if (other !== id) throw duplicate(coll.name, def.keys.join(','));
        }
        db.putSync(k, id);
      }
    }
    if (after) coll.db.put(id, { v: seq, d: after });
    else if (this.txns.size > 0) {
      coll.db.put(id, { v: seq, del: 1 });
      this.tombs.putSync([coll.name, id], 1);
    } else coll.db.remove(id);
  }

  private addIndexEntries(coll: CollState, def: IndexDef, db: Database<Id, string>, id: Id, doc: Doc): void {
    for (const k of indexKeys(def, doc)) {
      if (def.unique) {
        for (const other of db.getValues(k)) if (other !== id) throw duplicate(coll.name, def.keys.join(','));
      }
      db.putSync(k, id);
    }
  }

  /** Forgets a transaction and releases its write intents. */
  private endTxn(txn: Txn): void {
    this.txns.delete(txn.id);
    for (const [collName, writes] of txn.writes) {
      for (const id of writes.keys()) {
        const key = `${collName}\u0000${String(id)}`;
        if (this.intents.get(key) === txn.id) this.intents.delete(key);
      }
    }
  }

  private afterTransactionEnded(): void {
    if (this.txns.size === 0) this.sweepTombstones();
  }

  private sweepTombstones(): void {
    const tombs = [...this.tombs.getKeys()];
    if (tombs.length === 0) return;
    this.root.transactionSync(() => {
      for (const key of tombs) {
        const [collName, id] = key;
        const coll = this.colls.get(collName);
        if (coll?.db.get(id)?.del) coll.db.remove(id);
        this.tombs.removeSync(key);
      }
    });
  }

  private expireTransactions(): void {
    const cutoff = this.now() - TXN_IDLE_MS;
    for (const t of this.txns.values()) if (t.lastUsed < cutoff) this.endTxn(t);
    this.afterTransactionEnded();
  }
}

// ------------------------------------------------------------------ query planning

type Plan = { kind: 'scan' } | { kind: 'ids'; ids: Id[] } | { kind: 'index'; index: string; keys: string[] };

const MAX_PLAN_KEYS = 1000;

function isScalar(v: unknown): v is string | number | boolean | null | Date {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
}

/** Equality constraints a document must meet: field → the values it may equal. */
function equalities(filter: Doc, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (sub && typeof sub === 'object') equalities(sub as Doc, out);
      continue;
    }
    if (k.startsWith('$') || out.has(k)) continue;
    if (isScalar(v)) out.set(k, [v]);
    else if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegExp)) {
      const ops = v as Doc;
      if ('$eq' in ops && isScalar(ops.$eq)) out.set(k, [ops.$eq]);
      else if (Array.isArray(ops.$in) && ops.$in.length <= MAX_PLAN_KEYS && ops.$in.every(isScalar)) out.set(k, ops.$in);
    }
  }
  return out;
}

function planQuery(coll: CollState, filter: Doc): Plan {
  const eq = equalities(filter);
  const ids = eq.get('_id');
  if (ids && ids.every((i) => typeof i === 'string' || typeof i === 'number')) return { kind: 'ids', ids: ids as Id[] };
  let best: Plan = { kind: 'scan' };
  let bestKeys = Infinity;
  for (const { def } of coll.indexes.values()) {
    if (!def.keys.every((k) => eq.has(k))) continue;
    // A sparse index has no entry for documents missing the fields, so it cannot answer null.
    if (def.sparse && def.keys.some((k) => eq.get(k)!.includes(null))) continue;
    let combos: string[][] = [[]];
    for (const k of def.keys) {
      combos = combos.flatMap((c) => eq.get(k)!.map((v) => [...c, encodeValue(v)]));
      if (combos.length > MAX_PLAN_KEYS) break;
    }
    if (combos.length > MAX_PLAN_KEYS || combos.length >= bestKeys) continue;
    best = { kind: 'index', index: def.name, keys: combos.map(joinKey) };
    bestKeys = combos.length;
  }
  return best;
}

// ------------------------------------------------------------------ index keys

/** Values at a dotted path, descending into arrays the way Mongo's multikey indexes do. */
function valuesAt(value: unknown, parts: string[]): unknown[] {
  if (parts.length === 0) {
    if (Array.isArray(value)) return value.length ? value.filter((v) => !Array.isArray(v)) : [];
    return [value];
  }
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, parts));
  if (value === null || typeof value !== 'object' || value instanceof Date) return [undefined];
  return valuesAt((value as Doc)[parts[0]], parts.slice(1));
}

function encodeValue(v: unknown): string {
  if (v === undefined || v === null) return 'z';
  if (typeof v === 'boolean') return v ? 'b1' : 'b0';
  if (typeof v === 'number') return `n${Object.is(v, -0) ? 0 : v}`;
  if (typeof v === 'string') return `s${v}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  return `j${stableStringify(v)}`;
}

function joinKey(parts: string[]): string {
  const key = parts.join('\u0000');
  // LMDB keys are at most 1978 bytes; long values are indexed by their hash (equality only).
  return Buffer.byteLength(key) > 1000 ? `h${createHash('sha256').update(key).digest('hex')}` : key;
}

function indexKeys(def: IndexDef, doc: Doc): string[] {
  const perKey = def.keys.map((k) => valuesAt(doc, k.split('.')));
  if (def.sparse && perKey.every((vals) => vals.every((v) => v === undefined))) return [];
  let combos: string[][] = [[]];
  for (const vals of perKey) {
    const encoded = vals.length ? [...new Set(vals.map(encodeValue))] : ['z'];
    combos = combos.flatMap((c) => encoded.map((e) => [...c, e]));
    if (combos.length > MAX_PLAN_KEYS) throw invalid(`document has too many values for index ${def.name}`);
  }
  return [...new Set(combos.map(joinKey))];
}

function stableStringify(v: unknown): string {
  if (v instanceof Date) return `{"$date":${v.getTime()}}`;
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Doc)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Doc)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

function sameDoc(a: Doc, b: Doc): boolean {
  return stableStringify(a) === stableStringify(b);
}

// ------------------------------------------------------------------ helpers

/** A checked query: our operator allowlist first, then mingo's own validation. */
function query(filter: Doc): Query {
  checkQuery(filter);
  return asInvalid(() => new Query(filter, MINGO));
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

function newId(): string {
  return randomBytes(16).toString('hex');
}

function checkId(id: unknown): void {
  if (typeof id === 'string' ? id.length === 0 || id.length > 512 : typeof id !== 'number' || !Number.isFinite(id)) {
    throw invalid('_id must be a non-empty string (at most 512 characters) or a finite number');
  }
}

function duplicate(coll: string, keys: string): DbError {
  return new DbError('DATABASE_DUPLICATE_WRITE', `duplicate key in collection ${coll} (index on ${keys})`);
}

function conflict(): DbError {
  return new DbError('DATABASE_TRANSACTION_CONFLICT', 'transaction conflict: a document it used was changed by another write; retry');
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
