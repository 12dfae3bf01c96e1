import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../cloudfunctions/core/db/app';
import { Engine } from '../../local/emulator/engine';
import { startEmulator } from '../../local/emulator/server';
import { bursts, printTable, sequential, type Figures } from './stats';

/**
 * The emulator through the real node-sdk over HTTP, next to the same operations done
 * directly on the engine (the floor), so the SDK + HTTP overhead shows as a ratio.
 */
export async function runDbBench(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-bench-db-'));
  const emu = await startEmulator({ dataDir });
  const engine = emu.engine;
  const db = createApp({ kind: 'local', serviceUrl: `${emu.url}/admin`, ...emu.keys }).database();
  const _ = db.command;
  const N = Number(process.env.BENCH_N ?? 2000);
  try {
    for (const c of ['sdk', 'eng', 'big']) engine.createCollection(c);
    engine.insert('sdk', [
      { _id: 'w', bal: 1e9 },
      { _id: 'g', v: 1 },
    ]);
    engine.insert('eng', [
      { _id: 'w', bal: 1e9 },
      { _id: 'g', v: 1 },
    ]);
    for (let k = 0; k < 10; k++) {
      engine.insert('sdk', [{ _id: `t${k}`, n: 0 }]);
      engine.insert('eng', [{ _id: `t${k}`, n: 0 }]);
    }

    const rows: Array<[string, Figures, Figures]> = [];
    rows.push([
      'get by _id',
      await sequential(N, () => db.collection('sdk').doc('g').get()),
      await sequential(N, () => engine.find('eng', { _id: 'g' }, { limit: 1 })),
    ]);
    rows.push([
      'insert one',
      await sequential(N, (i) => db.collection('sdk').add({ i, kind: 'x' })),
      await sequential(N, (i) => engine.insert('eng', [{ i, kind: 'x' }])),
    ]);
    const cond = { multi: false, merge: true, upsert: false };
    rows.push([
      'conditional update',
      await sequential(N, () =>
        db
          .collection('sdk')
          .where({ _id: 'w', bal: _.gte(1) })
          .update({ bal: _.inc(-1) }),
      ),
      await sequential(N, () => engine.update('eng', { _id: 'w', bal: { $gte: 1 } }, { $inc: { bal: -1 } }, cond)),
    ]);

    // 100 concurrent conditional updates on one document that can afford exactly 50 of them.
    let sdkWins = 0;
    let engWins = 0;
    const rounds = Math.max(1, Math.round(N / 100));
    const sdkBurst = await bursts(rounds, 100, async (r, j) => {
      if (j === 0) await db.collection('sdk').doc('w').set({ bal: 50 });
      const res = await db
        .collection('sdk')
        .where({ _id: 'w', bal: _.gte(1) })
        .update({ bal: _.inc(-1) });
      sdkWins += res.updated ?? 0;
    });
    const engBurst = await bursts(rounds, 100, async (r, j) => {
      if (j === 0) engine.update('eng', { _id: 'w' }, { bal: 50 }, { multi: false, merge: false, upsert: true });
      engWins += engine.update('eng', { _id: 'w', bal: { $gte: 1 } }, { $inc: { bal: -1 } }, cond).updated;
    });
    rows.push(['cond. update ×100 concurrent', sdkBurst, engBurst]);

    const T = Math.max(50, Math.round(N / 10));
    rows.push([
      'transaction, 10 ops',
      await sequential(T, () =>
        db.runTransaction(async (t: any) => {
          for (let k = 0; k < 5; k++) await t.collection('sdk').doc(`t${k}`).get();
          for (let k = 5; k < 10; k++)
            await t
              .collection('sdk')
              .doc(`t${k}`)
              .update({ n: _.inc(1) });
        }),
      ),
      await sequential(T, () => {
        const id = engine.startTransaction();
        for (let k = 0; k < 5; k++) engine.find('eng', { _id: `t${k}` }, { limit: 1 }, id);
        for (let k = 5; k < 10; k++) engine.update('eng', { _id: `t${k}` }, { $inc: { n: 1 } }, cond, id);
        engine.commitTransaction(id);
      }),
    ]);

    // Equality query over 100k documents, answered from an index (100 matches each).
    const BIG = Number(process.env.BENCH_BIG ?? 100_000);
    const loadStart = performance.now();
    for (let k = 0; k < BIG; k += 1000) {
      engine.insert(
        'big',
        Array.from({ length: Math.min(1000, BIG - k) }, (_x, i) => ({
          userId: `u${(k + i) % 1000}`,
          amountMinutes: (k + i) % 120,
          kind: 'hours.approved',
          at: new Date(1_700_000_000_000 + k + i),
        })),
      );
    }
    const loadMs = performance.now() - loadStart;
    engine.createIndex('big', { name: 'userId_1', keys: ['userId'] });
    const Q = Math.max(50, Math.round(N / 4));
    const readBefore = engine.stats.docsRead;
    rows.push([
      `equality query, ${BIG / 1000}k docs (index)`,
      await sequential(Q, (i) =>
        db
          .collection('big')
          .where({ userId: `u${i % 1000}` })
          .limit(1000)
          .get(),
      ),
      await sequential(Q, (i) => engine.find('big', { userId: `u${i % 1000}` }, { limit: 1000 })),
    ]);
    const readPerQuery = (engine.stats.docsRead - readBefore) / (2 * Q);
    rows.push([
      `same query, no index (full scan)`,
      await sequential(5, () => db.collection('big').where({ amountMinutes: 7, kind: 'hours.approved' }).limit(1000).get()),
      await sequential(5, () => engine.find('big', { amountMinutes: 7, kind: 'hours.approved' }, { limit: 1000 })),
    ]);

    printTable(
      `Emulator: node-sdk over HTTP vs the engine directly (N=${N}; latencies in ms)`,
      ['operation', 'sdk ops/s', 'sdk p50', 'sdk p95', 'engine ops/s', 'eng p50', 'eng p95', 'engine/sdk'],
      rows.map(([name, s, e]) => [name, s.opsPerSec, s.p50, s.p95, e.opsPerSec, e.p50, e.p95, `${(e.opsPerSec / s.opsPerSec).toFixed(1)}×`]),
    );
    console.log(
      `100 concurrent conditional updates on a balance of 50: sdk ${sdkWins}/${rounds * 50} expected wins, engine ${engWins}/${rounds * 50} (overspend: ${sdkWins > rounds * 50 || engWins > rounds * 50 ? 'YES' : 'none'})`,
    );
    console.log(
      `indexed equality query read ${readPerQuery.toFixed(0)} documents per query (of ${BIG}); loading ${BIG} documents took ${(loadMs / 1000).toFixed(1)} s`,
    );
    if (sdkWins !== rounds * 50 || engWins !== rounds * 50) throw new Error('conditional update invariant broken');

    await emu.close();
    // Reopen: a fresh engine on the same directory, until the first answer.
    const reopen: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const e2 = new Engine(dataDir);
      e2.find('big', { userId: 'u1' }, { limit: 1 });
      reopen.push(performance.now() - t);
      await e2.close();
    }
    const size = dirSize(dataDir);
    console.log(
      `reopen a data directory of ${BIG + 3 * N} documents and answer a query: ${reopen.map((r) => r.toFixed(0)).join(' / ')} ms; on disk ${(size / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await emu.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}
