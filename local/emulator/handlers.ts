import { randomBytes } from 'node:crypto';
import { decodeEJSON, encodeEJSON, type Doc } from './ejson';
import type { Engine, Id, IndexDef } from './engine';
import { DbError, invalid } from './errors';
import { LIMITS } from './guard';

/**
 * The actions of CloudBase's `/admin` database API, as @cloudbase/node-sdk 3.x sends them
 * (@cloudbase/database query.js, document.js, collection.js, aggregate.js, transaction/).
 * Answers are shaped the way the SDK reads them; an error is `{ code, message }` with HTTP
 * 200, which node-sdk turns into a thrown error carrying that code and message.
 */
export type Body = Record<string, unknown>;
export type Answer = Record<string, unknown>;

type Handler = (engine: Engine, body: Body, now: number) => Answer;

const handlers: Record<string, Handler> = {
  'database.addCollection': (engine, body) => {
    engine.createCollection(body.collectionName as string);
    return {};
  },

  'database.getDocument': (engine, body, now) => {
    const filter = readQuery(body, now);
    const txnId = readTxn(body);
    const projection = body.projection === undefined ? undefined : (decodeEJSON(body.projection, 'projection', now) as Doc);
    if (body.queryType === 'DOC') {
      const id = filter._id;
      if (typeof id !== 'string' && typeof id !== 'number') throw invalid('a document query needs its _id');
      const doc = engine.getById(name(body), id, txnId);
      const docs = doc ? (projection ? engine.project([doc], projection) : [doc]) : [];
      return { data: { list: docs.map(encodeEJSON) } };
    }
    const offset = readCount(body.offset, 'offset', 0);
    // CloudBase caps a page at 1000; the SDK already does, a raw request is capped the same way.
    const limit = Math.min(readCount(body.limit, 'limit', LIMITS.defaultLimit), LIMITS.maxLimit);
    const sort = body.order === undefined ? undefined : readOrder(decodeEJSON(body.order, 'order', now));
    const docs = engine.find(name(body), filter, { sort, skip: offset, limit, projection }, txnId);
    return { data: { list: docs.map(encodeEJSON) }, limit, offset };
  },

  'database.calculateDocument': (engine, body, now) => ({
    data: { total: engine.count(name(body), readQuery(body, now)) },
  }),

  'database.insertDocument': (engine, body, now) => {
    if (!Array.isArray(body.data) || body.data.length === 0) throw invalid('data must be a non-empty array of documents');
    const docs = body.data.map((d, i) => {
      const doc = decodeEJSON(d, `data[${i}]`, now);
      if (!isObject(doc)) throw invalid(`data[${i}] must be an object`);
      return doc;
    });
    return { data: { insertedIds: engine.insert(name(body), docs, readTxn(body)) } };
  },

  'database.modifyDocument': (engine, body, now) => {
    const data = decodeEJSON(body.data, 'data', now);
    if (!isObject(data)) throw invalid('data must be an object');
    const merge = body.merge !== false;
    const opts = { multi: body.multi !== false && body.queryType !== 'DOC', merge, upsert: body.upsert === true };
    const r = engine.update(name(body), readQuery(body, now), data, opts, readTxn(body));
    return { data: { updated: r.updated, upsert_id: r.upsertedId } };
  },

  'database.modifyAndReturnDoc': (engine, body, now) => {
    const data = decodeEJSON(body.data, 'data', now);
    if (!isObject(data)) throw invalid('data must be an object');
    const r = engine.updateAndReturn(name(body), readQuery(body, now), data, readTxn(body));
    return { data: { updated: r.updated, doc: r.doc ? encodeEJSON(r.doc) : null } };
  },

  'database.removeDocument': (engine, body, now) => {
    const multi = body.multi !== false && body.queryType !== 'DOC';
    return { data: { deleted: engine.remove(name(body), readQuery(body, now), multi, readTxn(body)) } };
  },

  'database.aggregateDocuments': (engine, body, now) => {
    if (!Array.isArray(body.stages)) throw invalid('stages must be an array');
    const pipeline = body.stages.map((s, i) => {
      const stage = s as { stageKey?: unknown; stageValue?: unknown };
      if (typeof stage?.stageKey !== 'string') throw invalid(`stages[${i}].stageKey must be a string`);
      return { [stage.stageKey]: decodeEJSON(stage.stageValue, `stages[${i}]`, now) } as Doc;
    });
    return { data: { list: engine.aggregate(name(body), pipeline).map(encodeEJSON) } };
  },

  'database.startTransaction': (engine) => ({ transactionId: engine.startTransaction() }),

  'database.commitTransaction': (engine, body) => {
    engine.commitTransaction(requiredTxn(body));
    return {};
  },

  'database.abortTransaction': (engine, body) => {
    engine.abortTransaction(requiredTxn(body));
    return {};
  },

  // Local only: CloudBase creates indexes through its console or @cloudbase/manager-node.
  'emulator.createIndex': (engine, body) => {
    engine.createIndex(name(body), body.index as IndexDef);
    return {};
  },
  'emulator.listIndexes': (engine, body) => ({ data: { indexes: engine.listIndexes(name(body)) } }),
  'emulator.listCollections': (engine) => ({ data: { collections: engine.listCollections() } }),
  /** What requests cost so far (documents and index entries read), for benchmarks. */
  'emulator.stats': (engine) => ({ data: { ...engine.stats } }),
};

/**
 * Runs one request; never throws: every failure becomes a CloudBase-shaped error answer.
 *
 * An operation of a transaction holds that transaction for `holdMs` after it is served,
 * standing in for the network round trip it would take on CloudBase: an operation sent
 * while another of the same transaction is in flight (`Promise.all` inside a transaction)
 * is refused, as CloudBase refuses it, instead of being served one after the other by our
 * single-threaded engine. A client that awaits each call in turn never sees the refusal.
 */
export async function handleAdminRequest(engine: Engine, body: unknown, opts: { now?: number; holdMs?: number } = {}): Promise<Answer> {
  const requestId = randomBytes(8).toString('hex');
  const now = opts.now ?? Date.now();
  engine.stats.requests++;
  let held: string | undefined;
  try {
    if (!isObject(body)) throw invalid('request body must be a JSON object');
    const action = body.action;
    const handler = typeof action === 'string' && Object.hasOwn(handlers, action) ? handlers[action] : undefined;
    if (!handler) {
      throw new DbError('INVALID_ACTION', `unknown action ${JSON.stringify(action)}; the emulator serves ${Object.keys(handlers).join(', ')}`);
    }
    const txnId = readTxn(body);
    if (txnId && action !== 'database.startTransaction') {
      engine.beginOperation(txnId);
      held = txnId;
    }
    const answer = { requestId, ...handler(engine, body, now) };
    if (held && (opts.holdMs ?? 0) > 0) await new Promise((r) => setTimeout(r, opts.holdMs));
    return answer;
  } catch (e) {
    if (e instanceof DbError) return { requestId, code: e.code, message: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { requestId, code: 'SYS_ERR', message: `emulator error: ${message}` };
  } finally {
    if (held) engine.endOperation(held);
  }
}

function isObject(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function name(body: Body): string {
  if (typeof body.collectionName !== 'string') throw invalid('collectionName is required');
  return body.collectionName;
}

function readQuery(body: Body, now: number): Doc {
  if (body.query === undefined || body.query === '') return {};
  if (typeof body.query === 'string' && body.query.length > LIMITS.maxQueryBytes) {
    throw invalid(`query is larger than ${LIMITS.maxQueryBytes} bytes`);
  }
  // The SDK sends `query` as an EJSON string; `where()` with nothing sends none at all.
  const q = isObject(body.query) ? body.query : decodeEJSON(body.query, 'query', now);
  if (!isObject(q)) throw invalid('query must be an object');
  return q;
}

function readTxn(body: Body): string | undefined {
  if (body.transactionId === undefined || body.transactionId === null) return undefined;
  if (typeof body.transactionId !== 'string') throw invalid('transactionId must be a string');
  return body.transactionId;
}

function requiredTxn(body: Body): string {
  const t = readTxn(body);
  if (!t) throw invalid('transactionId is required');
  return t;
}

function readCount(v: unknown, what: string, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`${what} must be a non-negative integer`);
  return v;
}

function readOrder(v: unknown): Record<string, 1 | -1> {
  if (!isObject(v)) throw invalid('order must be an object');
  const out: Record<string, 1 | -1> = {};
  for (const [field, dir] of Object.entries(v)) {
    if (dir !== 1 && dir !== -1) throw invalid(`order of ${field} must be 1 or -1`);
    out[field] = dir;
  }
  return out;
}

export type { Id };
