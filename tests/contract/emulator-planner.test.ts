import fs from 'node:fs';
import fc from 'fast-check';
import { Engine, sortDocs } from '../../local/emulator/engine';
import { query } from '../../local/emulator/operators';
import { tempDir } from '../support/emulator';

/**
 * The planner decides cost, never results: with any indexes, any query answers exactly what
 * a full scan filtered by mingo and sorted in MongoDB's order answers (property-based, with
 * fast-check). And it is honest about cost: a page read through a matching index reads
 * about the page, ranges on `_id` use the primary key, and the most selective index wins.
 */
type Doc = Record<string, unknown>;

let dir: string;
let engine: Engine;
beforeAll(() => {
  dir = tempDir('yq-planner-');
  engine = new Engine(dir);
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let collections = 0;
function freshCollection(docs: Doc[], indexes: Array<{ keys: string[]; sparse?: boolean }>): string {
  // LMDB holds a bounded number of databases (each collection and index is one): move to a
  // fresh data directory now and then.
  if (++collections % 500 === 0) {
    void engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
    dir = tempDir('yq-planner-');
    engine = new Engine(dir);
  }
  const name = `p${collections}`;
  engine.createCollection(name);
  for (let i = 0; i < docs.length; i += 500) engine.insert(name, docs.slice(i, i + 500));
  indexes.forEach((ix, i) => engine.createIndex(name, { name: `i${i}`, keys: ix.keys, sparse: ix.sparse }));
  return name;
}

const read = (fn: () => unknown): number => {
  const before = engine.stats.docsRead;
  fn();
  return engine.stats.docsRead - before;
};

// ---------------------------------------------------------------- results never depend on the plan

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'b', 'c', '北京', ''),
  fc.constantFrom(new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')),
  fc.constant(null),
  fc.boolean(),
);
const fieldValue = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) });
const FIELDS = ['a', 'b', 'c'];
const docArb = fc.record({ a: fieldValue, b: fieldValue, c: fieldValue }, { requiredKeys: [] });

const condArb = fc.oneof(
  scalar.map((v) => v),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((vs) => ({ $in: vs })),
  fc
    .tuple(
      fc.constantFrom('$gt', '$gte', '$lt', '$lte'),
      scalar.filter((v) => v !== null),
    )
    .map(([op, v]) => ({ [op]: v })),
  fc.tuple(fc.integer({ min: -3, max: 0 }), fc.integer({ min: 0, max: 3 })).map(([lo, hi]) => ({ $gte: lo, $lte: hi })),
);
const fieldConds = fc.dictionary(fc.constantFrom(...FIELDS), condArb, { maxKeys: 2 });
const filterArb = fc.oneof(
  { weight: 4, arbitrary: fieldConds },
  { weight: 1, arbitrary: fc.tuple(fieldConds, fieldConds).map(([x, y]) => ({ $and: [x, y] })) },
);
const sortArb = fc.oneof(
  fc.constant<Array<[string, 1 | -1]>>([]),
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom<1 | -1>(1, -1)).map(([f, d]) => [[f, d]] as Array<[string, 1 | -1]>),
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...FIELDS), fc.constantFrom<1 | -1>(1, -1)).map(
    ([f, g, d]) =>
      (f === g
        ? [[f, d]]
        : [
            [f, d],
            [g, d],
          ]) as Array<[string, 1 | -1]>,
  ),
);
const indexesArb = fc.array(fc.record({ keys: fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 3 }), sparse: fc.boolean() }), {
  maxLength: 3,
});

describe('the planner never changes what a query answers', () => {
  it('any filter, sort, skip and limit answer as a filtered, sorted scan does, whatever the indexes', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 0, maxLength: 300, size: 'large' }),
        indexesArb,
        filterArb,
        sortArb,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (rawDocs, indexes, filter, sort, skip, limit) => {
          const docs = rawDocs.map((d, i) => ({ _id: `d${String(i).padStart(3, '0')}`, ...d }));
          const name = freshCollection(docs, indexes);
          const q = query(filter);
          const expected = docs.filter((d) => q.test(d));
          const sortObj = Object.fromEntries(sort);
          if (sort.length === 0) {
            // Without a sort the order is the plan's; the set is not.
            const got = engine
              .find(name, filter, { limit: 1000 })
              .map((d) => d._id)
              .sort();
            expect(got).toEqual(expected.map((d) => d._id).sort());
          } else {
            const got = engine.find(name, filter, { sort: sortObj, skip, limit }).map((d) => d._id);
            expect(got).toEqual(
              sortDocs(expected, sort)
                .slice(skip, skip + limit)
                .map((d) => d._id),
            );
          }
          expect(engine.count(name, filter)).toBe(expected.length);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

// ---------------------------------------------------------------- cost

describe('the planner reads what a page shows', () => {
  const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);
  let coll: string;
  beforeAll(() => {
    const docs: Doc[] = [];
    for (let i = 0; i < 5000; i++)
      docs.push({ _id: `x${String(i).padStart(5, '0')}`, communityId: `c${i % 10}`, startAt: day(i), status: i % 3 === 0 ? 'open' : 'done', n: i });
    coll = freshCollection(docs, [{ keys: ['communityId', 'startAt'] }, { keys: ['status'] }, { keys: ['n'] }]);
  });

  it('an equality prefix, a range and a sort on a compound index: a page of 20 reads 20 documents', () => {
    const where = { communityId: 'c3', startAt: { $gte: day(2500) } };
    let page: Doc[] = [];
    expect(read(() => (page = engine.find(coll, where, { sort: { startAt: 1 }, limit: 20 })))).toBe(20);
    expect(page.map((d) => d.n)).toEqual(Array.from({ length: 20 }, (_x, i) => 2503 + i * 10));
    // Latest first, the index read backwards.
    expect(read(() => (page = engine.find(coll, { communityId: 'c3' }, { sort: { startAt: -1 }, limit: 20 })))).toBe(20);
    expect(page[0].n).toBe(4993);
  });

  it('equality on two values of the first field, sorted by the second: merged from two ranges, a page reads the page', () => {
    let page: Doc[] = [];
    expect(read(() => (page = engine.find(coll, { communityId: { $in: ['c1', 'c2'] } }, { sort: { startAt: -1 }, limit: 20 })))).toBe(20);
    expect(page.map((d) => d.n)).toEqual(Array.from({ length: 20 }, (_x, i) => 4992 - Math.floor(i / 2) * 10 - (i % 2)));
  });

  it('a range on _id reads from the primary key, starting at the bound', () => {
    let page: Doc[] = [];
    expect(read(() => (page = engine.find(coll, { _id: { $gt: 'x03000' } }, { sort: { _id: 1 }, limit: 100 })))).toBe(100);
    expect(page[0]._id).toBe('x03001');
  });

  it('of two usable indexes the more selective is read', () => {
    // status 'open' matches a third of 5000; n in a narrow range matches 5.
    expect(read(() => engine.find(coll, { status: 'open', n: { $gte: 300, $lt: 305 } }, { limit: 1000 }))).toBe(5);
  });

  it('a count that an index answers alone reads no document', () => {
    expect(read(() => expect(engine.count(coll, { communityId: 'c4' })).toBe(500))).toBe(0);
  });

  it('without a usable index the whole collection is read (and the figure says so)', () => {
    expect(read(() => engine.find(coll, { startAt: { $gte: day(4999) } }, { limit: 5 }))).toBe(5000);
  });
});
