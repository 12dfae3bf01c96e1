import { types } from 'node:util';
import { BSONRegExp, EJSON } from 'bson';
import { invalid } from './errors';

/**
 * node-sdk sends documents, queries and updates as canonical EJSON strings (bson's
 * `EJSON.stringify(v, { relaxed: false })`) and parses answers with `EJSON.parse`.
 * Besides standard EJSON it uses one extension: `{ $tcb_server_date: { offset } }`
 * for `db.serverDate()`, which the server replaces with its own time.
 */
export type Doc = Record<string, unknown>;

export function decodeEJSON(text: unknown, what: string, now: number): unknown {
  if (typeof text !== 'string') throw invalid(`${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalid(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return toPlain(parsed, now, what);
}

/** Turns bson wrapper types into plain JS values, resolving server dates. */
function toPlain(value: unknown, now: number, what: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (types.isDate(value)) return new Date((value as Date).getTime());
  if (types.isRegExp(value)) return new RegExp((value as RegExp).source, (value as RegExp).flags);
  if (value instanceof BSONRegExp) {
    // JS has no 'x' (extended) flag; every other BSON flag maps one to one.
    return new RegExp(value.pattern, value.options.replace(/[^imsu]/g, ''));
  }
  if (Array.isArray(value)) return value.map((v) => toPlain(v, now, what));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const type = (value as { _bsontype?: string })._bsontype ?? proto?.constructor?.name;
    if (type === 'ObjectId' || type === 'ObjectID') return String(value);
    throw invalid(`${what}: the emulator does not store BSON type ${type}`);
  }
  const obj = value as Doc;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = obj.$tcb_server_date as { offset?: unknown } | null;
    const offset = typeof spec?.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = toPlain(obj[k], now, what);
  return out;
}

export function encodeEJSON(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false });
}
