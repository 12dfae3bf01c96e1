import { DbError, invalid } from './errors';

/**
 * What the emulator accepts. Everything is checked before anything is read or written,
 * so a refused request changes nothing. Operators that run code ($where, $function,
 * $accumulator) and stages that write ($out, $merge) are refused by name; any other
 * operator not listed here is refused as unknown.
 */
export const LIMITS = {
  /** CloudBase caps a page at 1000 documents (node-sdk caps `limit` the same way). */
  maxLimit: 1000,
  defaultLimit: 100,
  /** aggregate() answers 20 results unless the pipeline has a $limit of its own. */
  aggregateDefaultLimit: 20,
  maxDepth: 32,
  maxBodyBytes: 5 * 1024 * 1024,
  maxQueryBytes: 512 * 1024,
} as const;

const CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);

const QUERY_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$and',
  '$or',
  '$nor',
  '$not',
  '$exists',
  '$type',
  '$size',
  '$all',
  '$elemMatch',
  '$mod',
  '$regex',
  '$options',
  '$expr',
  '$jsonSchema',
]);

const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop']);
const UPDATE_MODIFIERS = new Set(['$each', '$position', '$slice', '$sort']);

const STAGES = new Set([
  '$match',
  '$group',
  '$sort',
  '$project',
  '$limit',
  '$skip',
  '$unwind',
  '$lookup',
  '$count',
  '$addFields',
  '$set',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
  '$sortByCount',
  '$bucket',
  '$bucketAuto',
  '$sample',
  '$facet',
]);
const WRITE_STAGES = new Set(['$out', '$merge']);
const GEO = new Set(['$geoNear', '$nearSphere', '$near', '$geoWithin', '$geoIntersects']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
}

function refuseCode(key: string): void {
  if (CODE_OPERATORS.has(key)) throw invalid(`operator ${key} runs code and is not allowed`);
  if (GEO.has(key)) throw invalid(`operator ${key} (geo queries) is not supported by the local emulator`);
}

/** Aggregation expressions: any operator mingo knows, except the ones that run code. */
export function checkExpression(expr: unknown, depth = 0): void {
  if (depth > LIMITS.maxDepth) throw invalid('expression nested too deeply');
  if (Array.isArray(expr)) return expr.forEach((e) => checkExpression(e, depth + 1));
  if (!isPlainObject(expr)) return;
  for (const [k, v] of Object.entries(expr)) {
    if (k.startsWith('$')) refuseCode(k);
    checkExpression(v, depth + 1);
  }
}

export function checkQuery(query: unknown, depth = 0): void {
  if (depth > LIMITS.maxDepth) throw invalid('query nested too deeply');
  if (Array.isArray(query)) return query.forEach((q) => checkQuery(q, depth + 1));
  if (!isPlainObject(query)) return;
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) {
      refuseCode(k);
      if (!QUERY_OPERATORS.has(k)) throw invalid(`unknown query operator ${k}`);
      if (k === '$expr') {
        checkExpression(v, depth + 1);
        continue;
      }
      // A schema's keywords are not operators (its `properties` may use any field name).
      if (k === '$jsonSchema') continue;
      if ((k === '$and' || k === '$or' || k === '$nor') && !Array.isArray(v)) throw invalid(`${k} needs an array`);
      if ((k === '$in' || k === '$nin' || k === '$all') && !Array.isArray(v)) throw invalid(`${k} needs an array`);
    }
    checkQuery(v, depth + 1);
  }
}

export function checkUpdate(update: unknown): void {
  if (!isPlainObject(update)) throw invalid('update must be an object');
  const keys = Object.keys(update);
  if (keys.length === 0) throw invalid('update must not be empty');
  for (const op of keys) {
    refuseCode(op);
    if (!UPDATE_OPERATORS.has(op)) throw invalid(`unknown update operator ${op}`);
    const fields = update[op];
    if (!isPlainObject(fields)) throw invalid(`${op} needs an object of fields`);
    for (const [field, arg] of Object.entries(fields)) {
      if (field === '_id' || field.startsWith('_id.')) throw invalid('_id cannot be updated');
      checkFieldName(field);
      if (op === '$pull') checkQuery(arg);
      if ((op === '$push' || op === '$addToSet') && isPlainObject(arg)) {
        for (const m of Object.keys(arg)) {
          if (m.startsWith('$') && !UPDATE_MODIFIERS.has(m)) throw invalid(`unknown ${op} modifier ${m}`);
        }
      }
    }
  }
}

function checkFieldName(field: string): void {
  if (field === '' || field.split('.').some((p) => p === '' || p.startsWith('$'))) {
    throw invalid(`invalid field name "${field}"`);
  }
}

/**
 * Stored documents: no `$` field names (they would read as operators; CloudBase refuses
 * the write with DATABASE_REQUEST_FAILED, node-sdk's index.test.ts), bounded depth. A dot in
 * a field name is stored as it is, as MongoDB 5+ (and CloudBase, node-sdk's own CRUD test)
 * stores it; queries cannot reach such a field by path.
 */
export function checkDocument(doc: unknown, depth = 0): void {
  if (depth > LIMITS.maxDepth) throw invalid('document nested too deeply');
  if (Array.isArray(doc)) return doc.forEach((d) => checkDocument(d, depth + 1));
  if (!isPlainObject(doc)) return;
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `Document can't have $ prefixed field names: ${k}`);
    checkDocument(v, depth + 1);
  }
}

export function checkPipeline(stages: unknown[]): void {
  for (const stage of stages) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) throw invalid('each stage must have exactly one operator');
    const [name] = Object.keys(stage);
    const body = stage[name];
    if (WRITE_STAGES.has(name)) throw invalid(`stage ${name} writes data and is not allowed`);
    refuseCode(name);
    if (!STAGES.has(name)) throw invalid(`unknown aggregation stage ${name}`);
    if (name === '$match') checkQuery(body);
    else if (name === '$lookup' && isPlainObject(body) && Array.isArray(body.pipeline)) checkPipeline(body.pipeline);
    else if (name === '$facet' && isPlainObject(body)) Object.values(body).forEach((p) => Array.isArray(p) && checkPipeline(p));
    else checkExpression(body);
  }
}

export function isCollectionName(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(name);
}
