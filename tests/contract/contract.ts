import { randomBytes } from 'node:crypto';
import { types } from 'node:util';

/**
 * The database contract our functions rely on, written once and run against every world:
 * the local emulator always, a real CloudBase environment when credentials are set. Each
 * test tags its documents with a fresh `run` id, so runs never see each other's data.
 */
export type Db = any;

export interface ContractTarget {
  name: string;
  /** A node-sdk database (app.database()). */
  db(): Db;
  /** Lets more than a transaction's 30 s lifetime pass (the emulator moves its clock; CloudBase is waited for). */
  pastTransactionLifetime(): Promise<void>;
}

export const CONTRACT_COLLECTIONS = ['contract_docs', 'contract_other', 'contract_accounts'];

/** Dates may come from another realm under jest, so check the type, not the constructor. */
const isDate = (v: unknown): boolean => types.isDate(v);
const runId = (): string => `r${randomBytes(6).toString('hex')}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function expectCode(p: Promise<unknown>, code: string | RegExp): Promise<Error & { code?: string }> {
  let err: (Error & { code?: string }) | undefined;
  try {
    await p;
  } catch (e) {
    err = e as Error & { code?: string };
  }
  expect(err).toBeDefined();
  expect(String(err!.code)).toMatch(code);
  expect(typeof err!.message).toBe('string');
  return err!;
}

export function defineContract(target: ContractTarget): void {
  const db = (): Db => target.db();
  const docs = (): Db => db().collection('contract_docs');
  const _ = (): Db => db().command;

  beforeAll(async () => {
    for (const name of CONTRACT_COLLECTIONS) {
      try {
        await db().createCollection(name);
      } catch (e) {
        // Exists already (a second run against the same environment).
        if (!/EXIST/.test(String((e as { code?: string }).code))) throw e;
      }
    }
  });

  describe(`${target.name}: documents`, () => {
    it('add (single and array), doc().get, and EJSON types round-trip', async () => {
      const run = runId();
      const when = new Date('2026-03-01T08:30:00.123Z');
      const one = await docs().add({
        run,
        n: 1,
        f: 2.5,
        big: 2 ** 40,
        s: '新鲜社区',
        b: true,
        nil: null,
        when,
        arr: [1, 'x', { y: when }],
        o: { p: { q: -3 } },
      });
      expect(typeof one.id).toBe('string');
      const many = await docs().add([
        { run, n: 2 },
        { _id: `${run}-fixed`, run, n: 3 },
      ]);
      expect(many.ids).toHaveLength(2);
      expect(many.ids[1]).toBe(`${run}-fixed`);
      const { data } = await docs().doc(one.id).get();
      expect(data).toHaveLength(1);
      const d = data[0];
      expect(d).toMatchObject({ _id: one.id, run, n: 1, f: 2.5, big: 2 ** 40, s: '新鲜社区', b: true, nil: null });
      expect(isDate(d.when)).toBe(true);
      expect(d.when.getTime()).toBe(when.getTime());
      expect(isDate(d.arr[2].y)).toBe(true);
      expect(d.o.p.q).toBe(-3);
      expect(
        (
          await docs()
            .doc('does-not-exist-' + run)
            .get()
        ).data,
      ).toEqual([]);
    });

    it('a duplicate _id is refused with an error the SDK throws, and the first document stays', async () => {
      const run = runId();
      await docs().add({ _id: `${run}-dup`, run, v: 'first' });
      await expectCode(docs().add({ _id: `${run}-dup`, run, v: 'second' }), /DUPLICATE/);
      const { data } = await docs().doc(`${run}-dup`).get();
      expect(data[0].v).toBe('first');
    });

    it('set replaces a document or creates it (upsert); update changes fields and reports counts', async () => {
      const run = runId();
      const id = `${run}-s`;
      const created = await docs().doc(id).set({ run, a: 1, b: 2 });
      expect(created.updated).toBe(0);
      expect(created.upsertedId).toBe(id);
      const replaced = await docs().doc(id).set({ run, a: 5 });
      expect(replaced.updated).toBe(1);
      expect((await docs().doc(id).get()).data[0]).toEqual({ _id: id, run, a: 5 });
      expect((await docs().doc(id).update({ a: 6 })).updated).toBe(1);
      expect((await docs().doc(`${run}-missing`).update({ a: 6 })).updated).toBe(0);
      expect((await docs().doc(id).remove()).deleted).toBe(1);
      expect((await docs().doc(id).remove()).deleted).toBe(0);
    });

    it('where().update() updates every match unless multiple:false; remove reports deleted', async () => {
      const run = runId();
      await docs().add([1, 2, 3, 4].map((n) => ({ run, n, tag: 'x' })));
      const all = await docs().where({ run, tag: 'x' }).update({ seen: true });
      expect(all.updated).toBe(4);
      const one = await docs().where({ run, tag: 'x' }).options({ multiple: false }).update({ first: true });
      expect(one.updated).toBe(1);
      expect((await docs().where({ run, first: true }).count()).total).toBe(1);
      expect((await docs().where({ run, seen: true }).count()).total).toBe(4);
      const removed = await docs()
        .where({ run, n: _().gte(3) })
        .remove();
      expect(removed.deleted).toBe(2);
      expect((await docs().where({ run }).count()).total).toBe(2);
    });

    it('orderBy, skip, limit and field shape a page', async () => {
      const run = runId();
      await docs().add([5, 3, 9, 1, 7].map((n) => ({ run, n, secret: 's', g: n % 2 ? 'odd' : 'even' })));
      const page = await docs().where({ run }).orderBy('n', 'desc').skip(1).limit(2).field({ n: true }).get();
      expect(page.data.map((d: { n: number }) => d.n)).toEqual([7, 5]);
      expect(page.data[0].secret).toBeUndefined();
      expect(page.data[0]._id).toBeDefined();
      const two = await docs().where({ run }).orderBy('g', 'asc').orderBy('n', 'asc').get();
      expect(two.data.map((d: { n: number }) => d.n)).toEqual([1, 3, 5, 7, 9]);
    });

    it('a page holds at most 1000 documents, whatever limit is asked', async () => {
      const run = runId();
      const batch = Array.from({ length: 1005 }, (_x, i) => ({ run, i }));
      for (let i = 0; i < batch.length; i += 500) await docs().add(batch.slice(i, i + 500));
      const res = await docs().where({ run }).limit(5000).get();
      expect(res.data).toHaveLength(1000);
      expect((await docs().where({ run }).get()).data).toHaveLength(100);
      expect((await docs().where({ run }).count()).total).toBe(1005);
    });

    it('updateAndReturn updates one match and returns it as updated', async () => {
      const run = runId();
      await docs().add({ run, k: 'a', v: 1 });
      const r = await docs()
        .where({ run, k: 'a' })
        .updateAndReturn({ v: _().inc(4) });
      expect(r.updated).toBe(1);
      expect(r.doc.v).toBe(5);
      const none = await docs().where({ run, k: 'zzz' }).updateAndReturn({ v: 1 });
      expect(none.updated).toBe(0);
    });

    it('serverDate is the server time (with offset)', async () => {
      const run = runId();
      const before = Date.now();
      const { id } = await docs().add({ run, at: db().serverDate(), later: db().serverDate({ offset: 60_000 }) });
      const d = (await docs().doc(id).get()).data[0];
      expect(isDate(d.at)).toBe(true);
      expect(Math.abs(d.at.getTime() - before)).toBeLessThan(120_000);
      expect(d.later.getTime() - d.at.getTime()).toBe(60_000);
      await docs()
        .doc(id)
        .update({ at: db().serverDate({ offset: -1000 }) });
      expect(isDate((await docs().doc(id).get()).data[0].at)).toBe(true);
    });
  });

  describe(`${target.name}: query commands`, () => {
    const run = runId();
    const ids = (res: { data: Array<{ k: string }> }): string[] => res.data.map((d) => d.k).sort();
    beforeAll(async () => {
      await docs().add([
        { run, k: 'a', n: 1, tags: ['x', 'y'], o: { city: '北京', zip: 100 }, items: [{ sku: 'p', qty: 1 }] },
        { run, k: 'b', n: 5, tags: ['y'], o: { city: '上海', zip: 200 }, items: [{ sku: 'q', qty: 5 }] },
        { run, k: 'c', n: 10, tags: [], o: { city: '北京', zip: 300 }, extra: true },
      ]);
    });
    const q = (cond: object): Promise<{ data: Array<{ k: string }> }> =>
      docs()
        .where({ run, ...cond })
        .get();

    it('eq, neq, gt, gte, lt, lte', async () => {
      expect(ids(await q({ n: _().eq(5) }))).toEqual(['b']);
      expect(ids(await q({ n: _().neq(5) }))).toEqual(['a', 'c']);
      expect(ids(await q({ n: _().gt(5) }))).toEqual(['c']);
      expect(ids(await q({ n: _().gte(5) }))).toEqual(['b', 'c']);
      expect(ids(await q({ n: _().lt(5) }))).toEqual(['a']);
      expect(ids(await q({ n: _().lte(5) }))).toEqual(['a', 'b']);
    });
    it('in, nin, and, or, not', async () => {
      expect(ids(await q({ k: _().in(['a', 'c', 'zz']) }))).toEqual(['a', 'c']);
      expect(ids(await q({ k: _().nin(['a', 'c']) }))).toEqual(['b']);
      expect(ids(await q({ n: _().gt(1).and(_().lt(10)) }))).toEqual(['b']);
      expect(ids(await q({ n: _().lt(2).or(_().gt(6)) }))).toEqual(['a', 'c']);
      expect(
        ids(
          await docs()
            .where(
              _().or([
                { run, k: 'a' },
                { run, n: 10 },
              ]),
            )
            .get(),
        ),
      ).toEqual(['a', 'c']);
      expect(
        ids(
          await docs()
            .where(_().and([{ run }, { n: _().gt(1) }, { n: _().lt(10) }]))
            .get(),
        ),
      ).toEqual(['b']);
      expect(ids(await q({ n: _().not(_().eq(5)) }))).toEqual(['a', 'c']);
    });
    it('exists, size, all, elemMatch and dotted paths', async () => {
      expect(ids(await q({ extra: _().exists(true) }))).toEqual(['c']);
      expect(ids(await q({ extra: _().exists(false) }))).toEqual(['a', 'b']);
      expect(ids(await q({ tags: _().size(2) }))).toEqual(['a']);
      expect(ids(await q({ tags: _().all(['y']) }))).toEqual(['a', 'b']);
      expect(ids(await q({ items: _().elemMatch({ qty: _().gte(3) }) }))).toEqual(['b']);
      expect(ids(await q({ 'o.city': '北京' }))).toEqual(['a', 'c']);
      expect(ids(await q({ o: { zip: _().gt(150) } }))).toEqual(['b', 'c']);
      expect(ids(await q({ tags: 'y' }))).toEqual(['a', 'b']);
    });
    it('count answers with the number of matches', async () => {
      expect((await docs().where({ run, 'o.city': '北京' }).count()).total).toBe(2);
    });
  });

  describe(`${target.name}: update commands`, () => {
    it('set, inc, mul, remove, min, max, rename', async () => {
      const run = runId();
      const { id } = await docs().add({ run, a: 1, b: 2, c: 3, lo: 5, hi: 5, old: 'v', o: { x: 1, y: 2 } });
      await docs()
        .doc(id)
        .update({ a: _().inc(2), b: _().mul(5), c: _().remove(), lo: _().min(1), hi: _().max(9), old: _().rename('renamed'), o: _().set({ z: 3 }) });
      const d = (await docs().doc(id).get()).data[0];
      expect(d).toMatchObject({ a: 3, b: 10, lo: 1, hi: 9, renamed: 'v', o: { z: 3 } });
      expect(d.c).toBeUndefined();
      expect(d.old).toBeUndefined();
      expect(d.o.x).toBeUndefined();
      await docs()
        .doc(id)
        .update({ o: { w: 4 } });
      expect((await docs().doc(id).get()).data[0].o).toEqual({ z: 3, w: 4 });
    });
    it('push, pull, pullAll, addToSet, pop, shift, unshift', async () => {
      const run = runId();
      const { id } = await docs().add({ run, p: [1], q: [1, 2, 3, 2], r: [1, 2, 3, 4], s: ['a'], t: [1, 2, 3], u: [1, 2, 3], v: [2] });
      await docs()
        .doc(id)
        .update({
          p: _().push([2, 3]),
          q: _().pull(2),
          r: _().pullAll([1, 3]),
          s: _().addToSet('a'),
          t: _().pop(),
          u: _().shift(),
          v: _().unshift([0, 1]),
        });
      const d = (await docs().doc(id).get()).data[0];
      expect(d).toMatchObject({ p: [1, 2, 3], q: [1, 3], r: [2, 4], s: ['a'], t: [1, 2], u: [2, 3], v: [0, 1, 2] });
      await docs()
        .doc(id)
        .update({ s: _().addToSet('b') });
      expect((await docs().doc(id).get()).data[0].s).toEqual(['a', 'b']);
    });
    it('a conditional update changes nothing when the condition fails (check and write in one step)', async () => {
      const run = runId();
      const { id } = await docs().add({ run, balance: 3 });
      const ok = await docs()
        .where({ _id: id, balance: _().gte(2) })
        .update({ balance: _().inc(-2) });
      expect(ok.updated).toBe(1);
      const refused = await docs()
        .where({ _id: id, balance: _().gte(2) })
        .update({ balance: _().inc(-2) });
      expect(refused.updated).toBe(0);
      expect((await docs().doc(id).get()).data[0].balance).toBe(1);
    });
  });

  describe(`${target.name}: aggregate`, () => {
    it('match, group, sort, project, limit, skip, unwind, lookup, count', async () => {
      const run = runId();
      await docs().add([
        { run, who: 'u1', mins: 60, tags: ['a', 'b'] },
        { run, who: 'u1', mins: 20, tags: ['a'] },
        { run, who: 'u2', mins: 90, tags: [] },
        { run, who: 'u3', mins: 15, tags: ['c'] },
      ]);
      await db()
        .collection('contract_other')
        .add([
          { run, uid: 'u1', name: '张三' },
          { run, uid: 'u2', name: '李四' },
        ]);
      const $ = db().command.aggregate;
      const grouped = await docs()
        .aggregate()
        .match({ run })
        .group({ _id: '$who', total: $.sum('$mins'), n: $.sum(1) })
        .sort({ total: -1 })
        .skip(1)
        .limit(2)
        .project({ _id: 0, who: '$_id', total: 1, n: 1 })
        .end();
      expect(grouped.data).toEqual([
        { who: 'u1', total: 80, n: 2 },
        { who: 'u3', total: 15, n: 1 },
      ]);
      const unwound = await docs()
        .aggregate()
        .match({ run })
        .unwind('$tags')
        .group({ _id: '$tags', n: $.sum(1) })
        .sort({ _id: 1 })
        .end();
      expect(unwound.data).toEqual([
        { _id: 'a', n: 2 },
        { _id: 'b', n: 1 },
        { _id: 'c', n: 1 },
      ]);
      const joined = await docs()
        .aggregate()
        .match({ run, who: 'u2' })
        .lookup({ from: 'contract_other', localField: 'who', foreignField: 'uid', as: 'user' })
        .end();
      expect(joined.data[0].user.map((u: { name: string }) => u.name)).toEqual(['李四']);
      const counted = await docs()
        .aggregate()
        .match({ run, mins: db().command.gte(20) })
        .count('n')
        .end();
      expect(counted.data).toEqual([{ n: 3 }]);
    });
  });

  describe(`${target.name}: refusals`, () => {
    it('code-executing and unknown operators are refused and change nothing', async () => {
      const run = runId();
      const { id } = await docs().add({ run, v: 1 });
      const raw = docs().options({ raw: true });
      await expectCode(raw.where({ $where: 'this.v == 1' }).get(), /INVALID|PARAM|FAIL/);
      await expectCode(raw.where({ v: { $frobnicate: 1 } }).get(), /INVALID|PARAM|FAIL/);
      await expectCode(
        raw.aggregate([{ $match: { run } }, { $project: { x: { $function: { body: 'function(){return 1}', args: [], lang: 'js' } } } }]).end(),
        /INVALID|PARAM|FAIL/,
      );
      await expectCode(raw.where({ run }).update({ $frobnicate: { v: 2 } }), /INVALID|PARAM|FAIL/);
      expect((await docs().doc(id).get()).data[0].v).toBe(1);
    });
  });

  describe(`${target.name}: transactions`, () => {
    const accounts = (): Db => db().collection('contract_accounts');

    it('commit applies every write at once; writes are invisible to others until commit', async () => {
      const run = runId();
      await accounts().add([
        { _id: `${run}-a`, run, bal: 10 },
        { _id: `${run}-b`, run, bal: 0 },
      ]);
      const t = await db().startTransaction();
      const a = (await t.collection('contract_accounts').doc(`${run}-a`).get()).data;
      expect(a.bal).toBe(10);
      await t
        .collection('contract_accounts')
        .doc(`${run}-a`)
        .update({ bal: _().inc(-4) });
      await t
        .collection('contract_accounts')
        .doc(`${run}-b`)
        .update({ bal: _().inc(4) });
      await t.collection('contract_accounts').add({ _id: `${run}-log`, run, kind: 'log' });
      // Outside the transaction nothing has happened yet.
      expect((await accounts().doc(`${run}-a`).get()).data[0].bal).toBe(10);
      expect((await accounts().doc(`${run}-log`).get()).data).toEqual([]);
      await t.commit();
      expect((await accounts().doc(`${run}-a`).get()).data[0].bal).toBe(6);
      expect((await accounts().doc(`${run}-b`).get()).data[0].bal).toBe(4);
      expect((await accounts().doc(`${run}-log`).get()).data).toHaveLength(1);
    });

    it('abort (rollback) leaves nothing behind', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-a`, run, bal: 10 });
      const t = await db().startTransaction();
      await t
        .collection('contract_accounts')
        .doc(`${run}-a`)
        .update({ bal: _().inc(-10) });
      await t.collection('contract_accounts').add({ _id: `${run}-new`, run });
      await t.collection('contract_accounts').doc(`${run}-a`).get();
      await t.rollback();
      expect((await accounts().doc(`${run}-a`).get()).data[0].bal).toBe(10);
      expect((await accounts().doc(`${run}-new`).get()).data).toEqual([]);
    });

    it('runTransaction commits what its callback did, and rolls back when the callback throws', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-a`, run, bal: 5 });
      const result = await db().runTransaction(async (t: Db) => {
        const cur = (await t.collection('contract_accounts').doc(`${run}-a`).get()).data;
        await t
          .collection('contract_accounts')
          .doc(`${run}-a`)
          .update({ bal: cur.bal + 1 });
        return cur.bal + 1;
      });
      expect(result).toBe(6);
      await expect(
        db().runTransaction(async (t: Db) => {
          await t.collection('contract_accounts').doc(`${run}-a`).update({ bal: 1000 });
          throw new Error('业务规则拒绝');
        }),
      ).rejects.toThrow('业务规则拒绝');
      expect((await accounts().doc(`${run}-a`).get()).data[0].bal).toBe(6);
    });

    it('a transaction never sees a write committed after it started: old value or conflict', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-a`, run, bal: 1 });
      const t = await db().startTransaction();
      expect((await t.collection('contract_accounts').doc(`${run}-a`).get()).data.bal).toBe(1);
      await accounts().doc(`${run}-a`).update({ bal: 2 });
      let seen: number | undefined;
      let code: string | undefined;
      try {
        seen = (await t.collection('contract_accounts').doc(`${run}-a`).get()).data.bal;
        await t
          .collection('contract_accounts')
          .doc(`${run}-a`)
          .update({ bal: _().inc(10) });
        await t.commit();
      } catch (e) {
        code = (e as { code?: string }).code;
      }
      if (seen !== undefined) expect(seen).toBe(1);
      // Whatever it read, its write based on the old snapshot must not land on top of 2.
      expect(code).toBe('DATABASE_TRANSACTION_CONFLICT');
      expect((await accounts().doc(`${run}-a`).get()).data[0].bal).toBe(2);
    });

    it('a document written by one open transaction cannot be written by another: the second conflicts at once', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-w`, run, v: 0 });
      const t1 = await db().startTransaction();
      const t2 = await db().startTransaction();
      await t1.collection('contract_accounts').doc(`${run}-w`).update({ v: 1 });
      await expectCode(t2.collection('contract_accounts').doc(`${run}-w`).update({ v: 2 }), 'DATABASE_TRANSACTION_CONFLICT');
      await t1.commit();
      expect((await accounts().doc(`${run}-w`).get()).data[0].v).toBe(1);
    });

    it('racing transactions conflict and runTransaction retries until both increments land', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-c`, run, n: 0 });
      let attempts = 0;
      const increment = (): Promise<void> =>
        db().runTransaction(async (t: Db) => {
          attempts++;
          const cur = (await t.collection('contract_accounts').doc(`${run}-c`).get()).data;
          await sleep(150);
          await t
            .collection('contract_accounts')
            .doc(`${run}-c`)
            .update({ n: cur.n + 1 });
        });
      await Promise.all([increment(), increment()]);
      expect((await accounts().doc(`${run}-c`).get()).data[0].n).toBe(2);
      expect(attempts).toBeGreaterThanOrEqual(3);
    });

    it('a duplicate _id inside a transaction is refused and the transaction leaves nothing', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-x`, run });
      await expect(
        db().runTransaction(async (t: Db) => {
          await t.collection('contract_accounts').add({ _id: `${run}-y`, run });
          await t.collection('contract_accounts').add({ _id: `${run}-x`, run });
        }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/DUPLICATE/) });
      expect((await accounts().doc(`${run}-y`).get()).data).toEqual([]);
    });
  });
  /**
   * What real CloudBase allows (ARCHITECTURE.md; docs/emulator.md gives each source). The
   * emulator must refuse what CloudBase refuses, so each limit is a case here, run against
   * CloudBase too when credentials exist.
   */
  describe(`${target.name}: what CloudBase allows`, () => {
    const accounts = (): Db => db().collection('contract_accounts');
    const inTx = (t: Db): Db => t.collection('contract_accounts');

    it('a transaction serves one operation at a time: a second one sent while the first is in flight is refused as busy, and the transaction is gone', async () => {
      const run = runId();
      await accounts().add([
        { _id: `${run}-a`, run, v: 0 },
        { _id: `${run}-b`, run, v: 0 },
      ]);
      const t = await db().startTransaction();
      const results = await Promise.allSettled([inTx(t).doc(`${run}-a`).update({ v: 1 }), inTx(t).doc(`${run}-b`).update({ v: 1 })]);
      const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
      expect(String(refused[0].reason.message)).toMatch(/TransactionBusy/);
      await expectCode(t.commit(), 'DATABASE_TRANSACTION_FAIL');
      expect((await accounts().where({ run }).get()).data.map((d: { v: number }) => d.v)).toEqual([0, 0]);
    });

    it('a transaction lives 30 seconds from its start: after that it is gone and nothing it did is written', async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-a`, run, v: 0 });
      const t = await db().startTransaction();
      await inTx(t).doc(`${run}-a`).update({ v: 1 });
      await target.pastTransactionLifetime();
      const err = await expectCode(inTx(t).doc(`${run}-a`).update({ v: 2 }), 'DATABASE_TRANSACTION_FAIL');
      expect(err.message).toMatch(/TransactionNotExist/);
      await expectCode(t.commit(), 'DATABASE_TRANSACTION_FAIL');
      expect((await accounts().doc(`${run}-a`).get()).data[0].v).toBe(0);
    }, 90_000);

    it('after commit a transaction takes no more operations (TransactionNotExist)', async () => {
      const run = runId();
      const t = await db().startTransaction();
      await inTx(t).add({ _id: `${run}-x`, run });
      await t.commit();
      const err = await expectCode(inTx(t).doc(`${run}-x`).set({ run, v: 1 }), 'DATABASE_TRANSACTION_FAIL');
      expect(err.message).toMatch(/^\[ResourceUnavailable\.TransactionNotExist\]/);
    });

    it('snapshot isolation: reads come from the snapshot taken at the first operation, also after others commit', async () => {
      const run = runId();
      await accounts().add([
        { _id: `${run}-a`, run, v: 'old' },
        { _id: `${run}-b`, run, v: 'old' },
      ]);
      const t = await db().startTransaction();
      expect((await inTx(t).doc(`${run}-a`).get()).data.v).toBe('old');
      await accounts().doc(`${run}-a`).update({ v: 'new' });
      await accounts().doc(`${run}-b`).update({ v: 'new' });
      // Both from the snapshot, including one the transaction had not read before.
      expect((await inTx(t).doc(`${run}-a`).get()).data.v).toBe('old');
      expect((await inTx(t).doc(`${run}-b`).get()).data.v).toBe('old');
      await t.rollback();
    });

    it("a write to a document changed after the snapshot conflicts at once, with CloudBase's message, and aborts the transaction", async () => {
      const run = runId();
      await accounts().add({ _id: `${run}-a`, run, v: 1 });
      const t = await db().startTransaction();
      await inTx(t).doc(`${run}-a`).get();
      await accounts().doc(`${run}-a`).update({ v: 2 });
      const err = await expectCode(inTx(t).doc(`${run}-a`).update({ v: 3 }), 'DATABASE_TRANSACTION_CONFLICT');
      expect(err.message).toMatch(/^\[ResourceUnavailable\.TransactionConflict\]/);
      await expectCode(inTx(t).doc(`${run}-a`).get(), 'DATABASE_TRANSACTION_FAIL');
      expect((await accounts().doc(`${run}-a`).get()).data[0].v).toBe(2);
    });

    it('only writes conflict: two transactions that each read one document and write the other both commit (write skew)', async () => {
      const run = runId();
      await accounts().add([
        { _id: `${run}-a`, run, v: 1 },
        { _id: `${run}-b`, run, v: 1 },
      ]);
      const t1 = await db().startTransaction();
      const t2 = await db().startTransaction();
      const a = (await inTx(t1).doc(`${run}-a`).get()).data.v;
      const b = (await inTx(t2).doc(`${run}-b`).get()).data.v;
      await inTx(t1)
        .doc(`${run}-b`)
        .update({ v: a + 10 });
      await inTx(t2)
        .doc(`${run}-a`)
        .update({ v: b + 10 });
      await t1.commit();
      await t2.commit();
      expect((await accounts().where({ run }).get()).data.map((d: { v: number }) => d.v)).toEqual([11, 11]);
    });

    it('the same new _id from two transactions: the second conflicts while the first is open, and is a duplicate once it committed', async () => {
      const run = runId();
      const t1 = await db().startTransaction();
      const t2 = await db().startTransaction();
      await inTx(t1).add({ _id: `${run}-x`, run, by: 1 });
      await expectCode(inTx(t2).add({ _id: `${run}-x`, run, by: 2 }), 'DATABASE_TRANSACTION_CONFLICT');
      await t1.commit();
      await expectCode(
        db().runTransaction(async (t: Db) => {
          await inTx(t).add({ _id: `${run}-x`, run, by: 3 });
        }),
        'DATABASE_DUPLICATE_WRITE',
      );
      expect((await accounts().doc(`${run}-x`).get()).data[0].by).toBe(1);
    });

    it('aggregate() answers 20 results unless the pipeline has a $limit', async () => {
      const run = runId();
      await docs().add(Array.from({ length: 25 }, (_x, i) => ({ run, i })));
      expect((await docs().aggregate().match({ run }).end()).data).toHaveLength(20);
      expect((await docs().aggregate().match({ run }).limit(25).end()).data).toHaveLength(25);
    });

    it('a write to a collection that was never created fails', async () => {
      await expectCode(db().collection(`never_created_${runId()}`).add({ a: 1 }), 'DATABASE_COLLECTION_NOT_EXIST');
    });

    it('without orderBy, documents come back in the order they were added (also which one limit(1) and updateAndReturn take)', async () => {
      const run = runId();
      const names = ['zeta', 'alpha', 'mike', 'bravo', 'kilo'];
      for (const n of names) await docs().add({ run, n, tag: 't' });
      expect((await docs().where({ run }).get()).data.map((d: { n: string }) => d.n)).toEqual(names);
      expect((await docs().where({ run }).limit(1).get()).data[0].n).toBe('zeta');
      const r = await docs().where({ run, tag: 't' }).updateAndReturn({ tag: 'first' });
      expect(r.doc.n).toBe('zeta');
      await docs().doc(r.doc._id).remove();
      await docs().add({ run, n: 'zeta', tag: 't' });
      expect((await docs().where({ run }).get()).data.map((d: { n: string }) => d.n)).toEqual([...names.slice(1), 'zeta']);
    });

    it('updated: set() of the same content still says 1; an update that changes nothing says 0', async () => {
      const run = runId();
      const id = `${run}-s`;
      await docs().doc(id).set({ run, a: 1 });
      expect((await docs().doc(id).set({ run, a: 1 })).updated).toBe(1);
      expect((await docs().doc(id).update({ a: 1 })).updated).toBe(0);
      expect((await docs().where({ run, a: 1 }).updateAndReturn({ a: 1 })).updated).toBe(1);
    });
  });

  describe(`${target.name}: operators as MongoDB (and CloudBase) answer them`, () => {
    it('$elemMatch with field conditions tests embedded documents, not plain values in the array ($gt, $exists, $mod)', async () => {
      const run = runId();
      await docs().add([
        { run, k: 'numbers', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
        { run, k: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
        { run, k: 'words', tags: ['Go', 'JavaScript'] },
      ]);
      const ks = async (cond: object): Promise<string[]> =>
        (
          await docs()
            .where({ run, tags: _().elemMatch(cond) })
            .get()
        ).data
          .map((d: { k: string }) => d.k)
          .sort();
      expect(await ks({ value: _().gt(0) })).toEqual(['embedded']);
      expect(await ks({ value: _().exists(true) })).toEqual(['embedded']);
      expect(await ks({ value: _().mod([4, 3]) })).toEqual(['embedded']);
      expect(await ks(_().gt(8))).toEqual(['numbers']);
    });

    it('$week counts weeks from the first Sunday of the year; $substr with a negative length takes the rest; $indexOfCP', async () => {
      const run = runId();
      await docs().add([
        { run, i: 1, at: new Date('2019-05-14T00:00:00Z'), birthday: '1999/12/12', first: 'Chan' },
        { run, i: 2, at: new Date('2019-01-06T00:00:00Z'), birthday: '1998/11/11', first: 'Xyz' },
      ]);
      const $ = db().command.aggregate;
      const res = await docs()
        .aggregate()
        .match({ run })
        .sort({ i: 1 })
        .project({
          _id: 0,
          week: $.week('$at'),
          day: $.substr(['$birthday', 8, -1]),
          year: $.substrBytes(['$birthday', 0, 4]),
          a: $.indexOfCP(['$first', 'a']),
        })
        .end();
      expect(res.data).toEqual([
        { week: 19, day: '12', year: '1999', a: 2 },
        { week: 1, day: '11', year: '1998', a: -1 },
      ]);
    });

    it("$jsonSchema selects by a document's shape", async () => {
      const run = runId();
      await docs().add([
        { run, k: 'with', category: 'Web' },
        { run, k: 'without' },
      ]);
      const res = await docs()
        .where(_().and([{ run }, _().jsonSchema({ required: ['category'] })]))
        .get();
      expect(res.data.map((d: { k: string }) => d.k)).toEqual(['with']);
    });

    it('a field name with a dot is stored as it is', async () => {
      const run = runId();
      const { id } = await docs().add({ run, 'key.': '1' });
      expect((await docs().doc(id).get()).data[0]['key.']).toBe('1');
    });
  });
}
