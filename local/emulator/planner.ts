import { types } from 'node:util';
import type { Doc } from './ejson';
import { compareTyped, rankOf, typed, type KeyPart } from './keys';

/**
 * Query planning, the way a database plans: which documents to read, and in which order,
 * so that a page reads about what it shows (ARCHITECTURE.md: the emulator is honest about
 * cost).
 *
 * The filter is read into per-field constraints (equality values from `x: v`, `$eq`, `$in`;
 * bounds from `$gt/$gte/$lt/$lte`). A compound index serves an equality prefix, then a
 * range on the next field, then a sort on the fields after the prefix (and `_id`). Among
 * the usable plans the cheapest is chosen by counting index entries in each plan's ranges
 * (keys only, no documents): the most selective index wins, and a plan that serves the sort
 * only needs to read until the page is full. Every candidate document is still checked
 * against the whole filter, so a plan only ever decides cost, never results.
 */
export interface IndexDef {
  name: string;
  keys: string[];
  unique?: boolean;
  /** Documents missing every key field are left out of the index (MongoDB's sparse). */
  sparse?: boolean;
}

export interface Bound {
  rank: number;
  value: KeyPart;
  inclusive: boolean;
}

export interface FieldCond {
  /** The field must equal one of these (scalars only). */
  eq?: unknown[];
  lower?: Bound;
  upper?: Bound;
}

export type SortSpec = Array<[string, 1 | -1]>;

const MAX_KEYS = 1000;

const isScalar = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || types.isDate(v);

function isPlain(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !types.isDate(v) && !types.isRegExp(v);
}

/**
 * Constraints a matching document must meet, per field, and whether they say everything
 * the filter says (then an index that captures them all needs no further filtering).
 */
export function constraints(filter: Doc): { fields: Map<string, FieldCond>; complete: boolean } {
  const fields = new Map<string, FieldCond>();
  let complete = true;
  const add = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) {
          if (isPlain(sub)) add(sub);
          else complete = false;
        }
        continue;
      }
      if (k.startsWith('$')) {
        complete = false;
        continue;
      }
      const cond = fields.get(k) ?? {};
      if (isScalar(v)) {
        if (!narrowEq(cond, [v])) complete = false;
      } else if (isPlain(v) && Object.keys(v).length > 0 && Object.keys(v).every((op) => op.startsWith('$'))) {
        for (const [op, arg] of Object.entries(v)) {
          if (op === '$eq' && isScalar(arg)) {
            if (!narrowEq(cond, [arg])) complete = false;
          } else if (op === '$in' && Array.isArray(arg) && arg.length <= MAX_KEYS && arg.every(isScalar)) {
            if (!narrowEq(cond, arg)) complete = false;
          } else if ((op === '$gt' || op === '$gte') && isScalar(arg) && arg !== null) tighten(cond, 'lower', arg, op === '$gte');
          else if ((op === '$lt' || op === '$lte') && isScalar(arg) && arg !== null) tighten(cond, 'upper', arg, op === '$lte');
          else complete = false;
        }
      } else {
        complete = false;
        continue;
      }
      fields.set(k, cond);
    }
  };
  add(filter);
  // Equality with null also matches missing fields and arrays are matched element-wise:
  // both are answered by the index, but leave the final say to the full filter.
  for (const c of fields.values()) if (c.eq?.some((v) => v === null)) complete = false;
  return { fields, complete };
}

/**
 * Two equality conditions on one field are not intersected: an array field may meet each
 * with another element (`[1, 2]` matches `1` and `2`). The first is used; the filter decides.
 */
function narrowEq(cond: FieldCond, values: unknown[]): boolean {
  if (cond.eq) return false;
  cond.eq = [...values];
  return true;
}

function tighten(cond: FieldCond, side: 'lower' | 'upper', v: unknown, inclusive: boolean): void {
  const [rank, value] = typed(v);
  const cur = cond[side];
  if (!cur) {
    cond[side] = { rank, value, inclusive };
    return;
  }
  const c = compareTyped(rank, value, cur.rank, cur.value);
  const tighter = side === 'lower' ? c > 0 : c < 0;
  if (tighter || (c === 0 && !inclusive)) cond[side] = { rank, value, inclusive };
}

/** One contiguous run of index entries: fixed leading values, then optional bounds on the next field. */
export interface Interval {
  prefix: KeyPart[];
  lower?: Bound;
  upper?: Bound;
}

export type Plan =
  | { kind: 'ids'; ids: Array<string | number>; sorted: boolean }
  | { kind: 'primary'; lower?: Bound; upper?: Bound; reverse: boolean; sorted: boolean; covered: boolean }
  | { kind: 'index'; index: string; intervals: Interval[]; eqFields: number; reverse: boolean; sorted: boolean; covered: boolean }
  | { kind: 'natural' };

export interface PlanInput {
  filter: Doc;
  sort: SortSpec;
  /** How many matches the caller needs in sort order (skip + limit); Infinity for all. */
  needed: number;
  indexes: IndexDef[];
  /** Indexed fields some document holds an array along: an index cannot order by them. */
  multikey: ReadonlySet<string>;
  /** Counts entries of a candidate index plan, stopping at `cap` (keys only). */
  countEntries(plan: Extract<Plan, { kind: 'index' | 'primary' }>, cap: number): number;
  /** Documents in the collection (the cost of a full scan). */
  size: number;
}

/** The cheapest plan for a query; `sorted` says whether it yields documents in the requested order. */
export function choosePlan(input: PlanInput): Plan {
  const { fields, complete } = constraints(input.filter);
  const idCond = fields.get('_id');
  if (idCond?.eq) {
    const ids = idCond.eq.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    return { kind: 'ids', ids, sorted: input.sort.length === 0 };
  }
  // Ties are broken by _id in the direction of the last sort key (what an index gives, and
  // what sortDocs does in memory). A field fixed by equality to one value orders nothing, when it is indexed, holds no
  // arrays and the value is not null (null also matches missing fields and arrays).
  const indexed = new Set(input.indexes.flatMap((d) => d.keys));
  const fixed = (f: string): boolean => {
    const eq = fields.get(f)?.eq;
    return !!eq && eq.length === 1 && eq[0] !== null && indexed.has(f) && !input.multikey.has(f);
  };
  const sort = input.sort.filter(([f]) => !fixed(f));
  if (input.sort.length > 0 && !sort.some(([f]) => f === '_id')) sort.push(['_id', input.sort[input.sort.length - 1][1]]);
  const candidates: Array<Extract<Plan, { kind: 'index' | 'primary' }>> = [];

  // The primary key: _id ranges, and a sort by _id.
  const idSort = sort.length === 1 && sort[0][0] === '_id';
  if (idCond?.lower || idCond?.upper || idSort) {
    candidates.push({
      kind: 'primary',
      lower: idCond?.lower,
      upper: idCond?.upper,
      reverse: idSort && sort[0][1] === -1,
      sorted: sort.length === 0 || idSort,
      covered: complete && fields.size === 1 && !!idCond,
    });
  }

  for (const def of input.indexes) {
    const plan = indexPlan(def, fields, complete, sort, input.multikey);
    if (plan) candidates.push(plan);
  }

  let best: Plan = { kind: 'natural' };
  let bestCost = input.size;
  let bestSorted = input.sort.length === 0;
  for (const plan of candidates) {
    const sortedEnough = plan.sorted && Number.isFinite(input.needed);
    // A plan in the right order stops once the page is full; filtering what the index does
    // not capture may cost more, so count up to a few pages to compare fairly.
    const cap = sortedEnough ? (plan.covered ? input.needed : input.needed * 4 + 50) : Math.min(bestCost, 5000) + 1;
    const entries = input.countEntries(plan, cap);
    const cost = sortedEnough ? Math.min(entries, plan.covered ? input.needed : input.needed * 2) : entries;
    if (cost < bestCost || (cost === bestCost && plan.sorted && !bestSorted)) {
      best = plan;
      bestCost = cost;
      bestSorted = plan.sorted;
    }
  }
  return best;
}

function indexPlan(
  def: IndexDef,
  fields: Map<string, FieldCond>,
  complete: boolean,
  sort: SortSpec,
  multikey: ReadonlySet<string>,
): Extract<Plan, { kind: 'index' }> | undefined {
  let eqFields = 0;
  while (eqFields < def.keys.length && fields.get(def.keys[eqFields])?.eq) eqFields++;
  const rangeField = def.keys[eqFields];
  let range = rangeField ? fields.get(rangeField) : undefined;
  // Bounds on an array field may be met by different elements (`[-1, 1]` is >= 0 and <= 0):
  // only one of them can bound the scan, as in MongoDB; the filter checks the other.
  const split = !!(range?.lower && range.upper && multikey.has(rangeField));
  if (split) range = { lower: range!.lower };
  const hasRange = !!(range && !range.eq && (range.lower || range.upper));
  if (range?.lower && range.upper && range.lower.rank !== range.upper.rank) return undefined;
  // A sparse index leaves out documents missing its fields: only a query that needs the
  // first field to hold a non-null value may use it.
  if (def.sparse) {
    const first = fields.get(def.keys[0]);
    if (!first || first.eq?.some((v) => v === null) || (!first.eq && !first.lower && !first.upper)) return undefined;
  }

  // Served sort: what is left of the sort after fields fixed by equality must follow the
  // index fields after the equality prefix (then _id), all in one direction.
  const rest = [...def.keys.slice(eqFields), '_id'];
  let sorted = sort.length === 0;
  let reverse = false;
  if (sort.length > 0 && sort.length <= rest.length) {
    const dir = sort[0][1];
    sorted = sort.every(([f, d], i) => f === rest[i] && d === dir && !multikey.has(f));
    reverse = dir === -1;
  }
  if (eqFields === 0 && !hasRange && !(sort.length > 0 && sorted)) return undefined;

  let prefixes: KeyPart[][] = [[]];
  for (let i = 0; i < eqFields; i++) {
    const values = fields.get(def.keys[i])!.eq!;
    prefixes = prefixes.flatMap((p) => values.map((v) => [...p, ...typed(v)]));
    if (prefixes.length > MAX_KEYS) return undefined;
  }
  const intervals = prefixes.map((prefix) => ({ prefix, ...(hasRange ? { lower: range!.lower, upper: range!.upper } : {}) }));
  const captured = new Set(def.keys.slice(0, eqFields + (hasRange ? 1 : 0)));
  // Covered: the index ranges say everything the filter says (no field left out, no bound
  // on a field the index matched by equality, both bounds applied).
  const eqOnly = def.keys.slice(0, eqFields).every((k) => !fields.get(k)!.lower && !fields.get(k)!.upper);
  const covered = complete && !split && eqOnly && [...fields.keys()].every((f) => captured.has(f)) && fields.size > 0;
  return { kind: 'index', index: def.name, intervals, eqFields, reverse, sorted, covered };
}

/** Whether a key part pair lies within a bound (for the field right after an interval's prefix). */
export function withinLower(rank: number, value: KeyPart, b: Bound | undefined): boolean {
  if (!b) return true;
  const c = compareTyped(rank, value, b.rank, b.value);
  return c > 0 || (c === 0 && b.inclusive);
}

export function withinUpper(rank: number, value: KeyPart, b: Bound | undefined): boolean {
  if (!b) return true;
  const c = compareTyped(rank, value, b.rank, b.value);
  return c < 0 || (c === 0 && b.inclusive);
}

/** A bound restricted to the type of the value it names (MongoDB's type bracketing). */
export function boundRank(lower?: Bound, upper?: Bound): number | undefined {
  return lower?.rank ?? upper?.rank;
}

export { rankOf };
