import { types } from 'node:util';
import type { Doc } from './ejson';

/**
 * Index keys that sort the way MongoDB sorts values, so one LMDB range scan answers an
 * equality prefix plus a range plus a sort.
 *
 * A value becomes two key elements, `[rank, value]`: the rank is MongoDB's BSON type order
 * (null < numbers < strings < objects < arrays < booleans < dates < regexes), so values of
 * different types never interleave and a range (`$gt: 5`) stays inside its type, as
 * MongoDB's type bracketing does. lmdb's ordered-binary encoding sorts arrays element by
 * element, numbers numerically and strings by their UTF-8 bytes (MongoDB's binary
 * collation). An index entry is `[...rank/value pairs, 0, _id]`: the `0` ends the fields
 * (it sorts below every rank), and the `_id` makes each entry unique and breaks ties, so a
 * sort by the index fields then `_id` is served by the index too.
 */
export type KeyPart = string | number;

export const RANK = { null: 2, number: 3, string: 4, object: 5, array: 6, bool: 9, date: 10, regex: 12 } as const;
/** Sorts above every rank: the end of a prefix range. */
export const PAST_ALL = 99;
/** Ends the field part of an index entry, below every rank. */
const END_OF_FIELDS = 0;
/** Strings longer than this are indexed by their prefix (LMDB keys are at most 1978 bytes). */
export const MAX_INDEXED_STRING = 200;

export function rankOf(v: unknown): number {
  if (v === null || v === undefined) return RANK.null;
  if (typeof v === 'number') return RANK.number;
  if (typeof v === 'string') return RANK.string;
  if (typeof v === 'boolean') return RANK.bool;
  if (types.isDate(v)) return RANK.date;
  if (types.isRegExp(v)) return RANK.regex;
  if (Array.isArray(v)) return RANK.array;
  return RANK.object;
}

/** The `[rank, value]` pair of one value, as it is written into an index key. */
export function typed(v: unknown): [number, KeyPart] {
  const rank = rankOf(v);
  switch (rank) {
    case RANK.null:
      return [rank, 0];
    case RANK.number:
      return [rank, Number.isNaN(v) ? -Number.MAX_VALUE : Object.is(v, -0) ? 0 : (v as number)];
    case RANK.string:
      return [rank, (v as string).length > MAX_INDEXED_STRING ? (v as string).slice(0, MAX_INDEXED_STRING) : (v as string)];
    case RANK.bool:
      return [rank, v ? 1 : 0];
    case RANK.date:
      return [rank, (v as Date).getTime()];
    default:
      return [rank, stableStringify(v).slice(0, MAX_INDEXED_STRING)];
  }
}

/** Whether an indexed value may have been cut short (then the index cannot decide alone). */
export const isLossy = (v: unknown): boolean =>
  (typeof v === 'string' && v.length >= MAX_INDEXED_STRING) || rankOf(v) === RANK.object || rankOf(v) === RANK.array || rankOf(v) === RANK.regex;

/** Values at a dotted path, descending into arrays the way MongoDB's multikey indexes do. */
export function valuesAt(value: unknown, parts: string[]): unknown[] {
  if (parts.length === 0) {
    if (Array.isArray(value)) return value.length ? value : [undefined];
    return [value];
  }
  if (Array.isArray(value)) {
    const out = value.flatMap((v) => (v !== null && typeof v === 'object' && !types.isDate(v) ? valuesAt(v, parts) : []));
    return out.length ? out : [undefined];
  }
  if (value === null || typeof value !== 'object' || types.isDate(value)) return [undefined];
  return valuesAt((value as Doc)[parts[0]], parts.slice(1));
}

/** Every index entry a document has (one per combination of array elements). */
export function entryKeys(fields: string[], doc: Doc, sparse: boolean, maxEntries = 1000): KeyPart[][] {
  const perField = fields.map((f) => valuesAt(doc, f.split('.')));
  if (sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
  let combos: KeyPart[][] = [[]];
  for (const vals of perField) {
    const seen = new Set<string>();
    const parts: Array<[number, KeyPart]> = [];
    for (const v of vals) {
      const t = typed(v);
      const k = `${t[0]}:${String(t[1])}`;
      if (!seen.has(k)) {
        seen.add(k);
        parts.push(t);
      }
    }
    combos = combos.flatMap((c) => parts.map((p) => [...c, ...p]));
    if (combos.length > maxEntries) throw new Error(`too many index entries (over ${maxEntries}) for one document`);
  }
  return combos.map((c) => [...c, END_OF_FIELDS, doc._id as KeyPart]);
}

/** The `_id` an index entry points at. */
export const entryId = (key: KeyPart[]): string | number => key[key.length - 1] as string | number;

/** Compares two `[rank, value]` pairs the way the index orders them. */
export function compareTyped(aRank: number, a: KeyPart, bRank: number, b: KeyPart): number {
  if (aRank !== bRank) return aRank < bRank ? -1 : 1;
  if (a === b) return 0;
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return (a as number) < (b as number) ? -1 : 1;
}

/** Compares two values in MongoDB's sort order (what an in-memory sort must agree with). */
export function compareValues(a: unknown, b: unknown): number {
  const [ar, av] = typed(a);
  const [br, bv] = typed(b);
  return compareTyped(ar, av, br, bv);
}

export function stableStringify(v: unknown): string {
  if (types.isDate(v)) return `{"$date":${(v as Date).getTime()}}`;
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Doc)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Doc)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
