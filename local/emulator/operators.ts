import { types } from 'node:util';
import { Context, type Aggregator as MingoAggregator, type Query as MingoQuery } from 'mingo';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

/**
 * mingo's options for every query, update and aggregation the emulator runs: `_id` as the
 * key, no code execution, and the operators where mingo 7 differs from MongoDB (and so
 * from CloudBase) replaced by ours. Each was found by node-sdk's own database tests
 * (`npm run test:upstream`) and has a case in tests/contract:
 *
 * - `$elemMatch` with field conditions tested plain values of the array too (`{value:
 *   {$gt: 0}}` matched `[1, 2, 3]`, `$exists`/`$mod` likewise); MongoDB tests field
 *   conditions against embedded documents only.
 * - `$week` was one too high when the year does not start on a Sunday (MongoDB: weeks
 *   start on Sunday, days before the year's first Sunday are week 0).
 * - `$substr`/`$substrBytes` refused a negative length; MongoDB returns the rest of the string.
 * - `$indexOfCP` is missing from mingo.
 * - `$jsonSchema` needs a validator: MongoDB's dialect (`bsonType`) is not plain JSON
 *   Schema, so a small one for its common keywords is here (jsonSchemaMatches).
 */
dayjs.extend(utc);
dayjs.extend(timezone);

type Doc = Record<string, unknown>;
type Options = object;
// mingo's subpath exports (its own expression evaluator and path resolver) have no types
// under this project's module resolution; their signatures are these.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evalExpr } = require('mingo/core') as { evalExpr(obj: unknown, expr: unknown, options: Options): unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve } = require('mingo/util') as { resolve(obj: unknown, selector: string, opts?: { unwrapArray?: boolean }): unknown };
// The base classes, which take the operators we give them: mingo's own `Query` and
// `Aggregator` put its built-in operators ahead of any passed in, so none could be replaced.
/* eslint-disable @typescript-eslint/no-require-imports */
const BaseQuery = require('mingo/query').Query as new (criteria: object, options: object) => MingoQuery;
const BaseAggregator = require('mingo/aggregator').Aggregator as new (pipeline: object[], options: object) => MingoAggregator;
const BUILT_IN = Context.init({
  accumulator: require('mingo/operators/accumulator'),
  expression: require('mingo/operators/expression'),
  pipeline: require('mingo/operators/pipeline'),
  projection: require('mingo/operators/projection'),
  query: require('mingo/operators/query'),
  window: require('mingo/operators/window'),
});
/* eslint-enable @typescript-eslint/no-require-imports */
const isPlain = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v) && !types.isDate(v) && !types.isRegExp(v);
const LOGICAL = new Set(['$and', '$or', '$nor']);

const $elemMatch = (selector: string, criteria: unknown) => {
  const c = (criteria ?? {}) as Doc;
  const keys = Object.keys(c);
  const onFields = keys.length === 0 || keys.some((k) => !k.startsWith('$') || LOGICAL.has(k));
  const q = query(onFields ? c : { v: c });
  const test = onFields ? (el: unknown) => isPlain(el) && q.test(el) : (el: unknown) => q.test({ v: el });
  return (obj: Doc): boolean => {
    const arr = resolve(obj, selector, { unwrapArray: true });
    return Array.isArray(arr) && arr.some(test);
  };
};

/** A date and its zone, from `$week: date` or `$week: { date, timezone }`. */
function zoned(obj: Doc, expr: unknown, options: Options): dayjs.Dayjs | null {
  const spec = isPlain(expr) && 'date' in expr ? expr : { date: expr };
  const date = evalExpr(obj, spec.date, options);
  if (!types.isDate(date)) return null;
  const tz = spec.timezone === undefined ? undefined : evalExpr(obj, spec.timezone, options);
  return typeof tz === 'string' ? (/^[+-]\d{2}:?\d{2}$/.test(tz) ? dayjs(date as Date).utcOffset(tz) : dayjs(date as Date).tz(tz)) : dayjs.utc(date as Date);
}

const $week = (obj: Doc, expr: unknown, options: Options): number | null => {
  const d = zoned(obj, expr, options);
  if (!d) return null;
  const dayOfYear = d.dayOfYear() - 1;
  const firstSunday = (7 - d.startOf('year').day()) % 7;
  return dayOfYear < firstSunday ? 0 : Math.floor((dayOfYear - firstSunday) / 7) + 1;
};

function substr(bytes: boolean) {
  return (obj: Doc, expr: unknown, options: Options): string => {
    const [s, start, count] = evalExpr(obj, expr, options) as [unknown, number, number];
    const text = s === null || s === undefined ? '' : String(s);
    if (!bytes) return count < 0 ? text.slice(start) : text.slice(start, start + count);
    const buf = Buffer.from(text, 'utf8');
    return (count < 0 ? buf.subarray(start) : buf.subarray(start, start + count)).toString('utf8');
  };
}

const $indexOfCP = (obj: Doc, expr: unknown, options: Options): number | null => {
  const [s, sub, start, end] = evalExpr(obj, expr, options) as [unknown, string, number | undefined, number | undefined];
  if (s === null || s === undefined) return null;
  const cps = [...String(s)];
  const subCps = [...String(sub)];
  const from = start ?? 0;
  const to = Math.min(end ?? cps.length, cps.length);
  for (let i = from; i + subCps.length <= to; i++) if (subCps.every((c, j) => cps[i + j] === c)) return i;
  return -1;
};

dayjs.extend((_o, c) => {
  c.prototype.dayOfYear = function dayOfYear(this: dayjs.Dayjs): number {
    return Math.round((this.startOf('day').valueOf() - this.startOf('year').valueOf()) / 86_400_000) + 1;
  };
});
declare module 'dayjs' {
  interface Dayjs {
    dayOfYear(): number;
  }
}

const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  object: isPlain,
  array: Array.isArray,
  bool: (v) => typeof v === 'boolean',
  date: (v) => types.isDate(v),
  null: (v) => v === null,
  regex: (v) => types.isRegExp(v),
  objectId: (v) => typeof v === 'string',
};
const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  ...BSON_TYPES,
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
};

/** MongoDB's `$jsonSchema` keywords used in practice: types, required, properties, enum, bounds, lengths, pattern, items, combinators. */
export function jsonSchemaMatches(schema: Doc, v: unknown): boolean {
  const typeOk = (names: unknown, table: Record<string, (x: unknown) => boolean>): boolean =>
    ([] as unknown[]).concat(names).some((n) => table[String(n)]?.(v) ?? false);
  if (schema.bsonType !== undefined && !typeOk(schema.bsonType, BSON_TYPES)) return false;
  if (schema.type !== undefined && !typeOk(schema.type, JSON_TYPES)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) return false;
  if (typeof v === 'number') {
    if (typeof schema.minimum === 'number' && (schema.exclusiveMinimum === true ? v <= schema.minimum : v < schema.minimum)) return false;
    if (typeof schema.maximum === 'number' && (schema.exclusiveMaximum === true ? v >= schema.maximum : v > schema.maximum)) return false;
  }
  if (typeof v === 'string') {
    if (typeof schema.minLength === 'number' && [...v].length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && [...v].length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) return false;
  }
  if (Array.isArray(v)) {
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) return false;
    if (isPlain(schema.items) && !v.every((x) => jsonSchemaMatches(schema.items as Doc, x))) return false;
  }
  if (isPlain(v)) {
    if (Array.isArray(schema.required) && !schema.required.every((k) => Object.hasOwn(v, String(k)))) return false;
    const props = isPlain(schema.properties) ? schema.properties : {};
    for (const [k, sub] of Object.entries(props)) if (Object.hasOwn(v, k) && isPlain(sub) && !jsonSchemaMatches(sub, v[k])) return false;
    if (schema.additionalProperties === false && Object.keys(v).some((k) => !Object.hasOwn(props, k))) return false;
  }
  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => jsonSchemaMatches(s as Doc, v))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => jsonSchemaMatches(s as Doc, v))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => jsonSchemaMatches(s as Doc, v)).length !== 1) return false;
  if (isPlain(schema.not) && jsonSchemaMatches(schema.not, v)) return false;
  return true;
}

// Context.from keeps the first definition of a name: ours come first.
const CONTEXT = Context.from(
  Context.init({
    query: { $elemMatch } as never,
    expression: { $week, $substr: substr(false), $substrBytes: substr(true), $indexOfCP } as never,
  }),
  BUILT_IN,
);

export function mingoOptions(extra: Record<string, unknown> = {}) {
  return {
    idKey: '_id',
    scriptEnabled: false,
    useStrictMode: true,
    failOnError: true,
    processingMode: 0,
    context: CONTEXT,
    jsonSchemaValidator: (schema: Doc) => (doc: Doc) => jsonSchemaMatches(schema, doc),
    ...extra,
  };
}

/** A mingo query with the emulator's operators. */
export const query = (criteria: object): MingoQuery => new BaseQuery(criteria, mingoOptions());

/** A mingo aggregation with the emulator's operators; `collectionResolver` serves `$lookup`. */
export const aggregator = (pipeline: object[], collectionResolver: (name: string) => object[]): MingoAggregator =>
  new BaseAggregator(pipeline, mingoOptions({ collectionResolver }));
