import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { balanceOf } from '../../cloudfunctions/core/ledger/ledger.repository';
import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { buildStreet, streetDir } from '../../scripts/seed-street';
import { newVolunteer } from '../support/fixtures';
import { newRequestId, startGatewayProcess, startTestGateway, type TestGateway } from '../support/gateway';
import { figures, printTable, sequential, type Figures } from './stats';

/**
 * `npm run bench scale`: every read a screen makes, on the street data set at 10% and at
 * 100% (`npm run seed:street`), with p50/p95 and the documents each call read, next to the
 * floor of the same run (one document by id through node-sdk); then the contention cases
 * and check:ledger's time and peak memory. Invariants fail the run (exactly the affordable
 * number through, no overspend, the ledger balanced); times never do — the targets are
 * printed as met or not.
 */
const SCALES = (process.env.BENCH_SCALES ?? '0.1,1').split(',').map(Number);
const CALLS = Number(process.env.BENCH_CALLS ?? 40);
const PAGE = 20;

interface ReadFigures {
  f: Figures;
  docs: number;
}

type Read = { name: string; page: number; call: (gw: TestGateway) => Promise<unknown> };

async function ok(gw: TestGateway, token: string, fn: string, action: string, input: object = {}): Promise<any> {
  const r = await gw.call(token, fn, action, input);
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(r.body.error)}`);
  return r.body.data;
}

async function pageCursor(gw: TestGateway, token: string, fn: string, action: string, input: object, pages: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) cursor = (await ok(gw, token, fn, action, { ...input, ...(cursor ? { cursor } : {}) })).nextCursor;
  if (!cursor) throw new Error(`${fn}.${action} has fewer than ${pages + 1} pages`);
  return cursor;
}

async function readsOf(gw: TestGateway): Promise<Read[]> {
  const heavy = gw.sessionFor('street-openid-0');
  const vol = gw.sessionFor('street-openid-3');
  const staff = await gw.login('u-staff');
  const admin = await gw.login('u-admin');
  const merchant = await gw.login('u-merchant');
  // The last past activity is the big one whose records wait for approval; a typical one for the QR screen.
  const past = (await ok(gw, admin, 'activity', 'list', { when: 'past' })).items;
  const big = past[0].id as string;
  const typical = past[1].id as string;
  const historyDeep = await pageCursor(gw, heavy, 'wallet', 'history', {}, 9);
  const pastDeep = await pageCursor(gw, vol, 'activity', 'list', { when: 'past' }, 19);
  const r = (name: string, token: string, fn: string, action: string, input: object = {}, page = PAGE): Read => ({
    name,
    page,
    call: (g) => ok(g, token, fn, action, input),
  });
  return [
    r('我的: account.me', heavy, 'account', 'me', {}, 1),
    r('我的: wallet.balance', heavy, 'wallet', 'balance', {}, 1),
    r('我的: wallet.history page 1', heavy, 'wallet', 'history'),
    r('我的: wallet.history page 10', heavy, 'wallet', 'history', { cursor: historyDeep }),
    r('我的服务时长: hours.mine', heavy, 'hours', 'mine'),
    r('活动: activity.list upcoming', vol, 'activity', 'list'),
    r('活动: activity.list past page 1', vol, 'activity', 'list', { when: 'past' }),
    r('活动: activity.list past page 20', vol, 'activity', 'list', { when: 'past', cursor: pastDeep }),
    r('活动详情: activity.get', vol, 'activity', 'get', { activityId: big }, 1),
    r('审核 (社工): hours.pending community', staff, 'hours', 'pending'),
    r('审核 (街道): hours.pending street', admin, 'hours', 'pending'),
    r('审核: hours.pending activity', admin, 'hours', 'pending', { activityId: big }),
    r('签到名单: checkin.attendees', admin, 'checkin', 'attendees', { activityId: big }, PAGE + 50),
    r('签到码: checkin.qr counts', admin, 'checkin', 'qr', { activityId: typical, kind: 'in' }, 1),
    r('兑换: redeem.offers', vol, 'redeem', 'offers'),
    r('兑换记录: redeem.mine', heavy, 'redeem', 'mine'),
    r('核销 (今天): redeem.merchantRedemptions', merchant, 'redeem', 'merchantRedemptions'),
    r('商户 (街道): redeem.merchants', admin, 'redeem', 'merchants'),
  ];
}

async function measure(gw: TestGateway, read: Read): Promise<ReadFigures> {
  for (let i = 0; i < 3; i++) await read.call(gw); // warm up (snapshots, caches)
  let docs = 0;
  const f = await sequential(CALLS, async () => {
    const before = gw.engine.stats.docsRead;
    await read.call(gw);
    docs = Math.max(docs, gw.engine.stats.docsRead - before);
  });
  return { f, docs };
}

async function floor(gw: TestGateway): Promise<Figures> {
  return sequential(CALLS * 4, () => gw.db.collection('users').doc('u-sv-0').get());
}

function checkLedgerCost(dataDir: string): { seconds: number; maxRssMb: number; heapMb: number; serverRssMb: number; entries: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/check-ledger.ts'), '--stats'], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  const m = /elapsed ([\d.]+) s, peak RSS (\d+) MB, peak heap (\d+) MB \(the emulator serving it: peak RSS (\d+) MB\)/.exec(r.stdout);
  if (r.status !== 0 || !m) throw new Error(`check:ledger failed: ${r.stdout}${r.stderr}`);
  const entries = Number(/检查了 (\d+) 笔/.exec(r.stdout)?.[1] ?? NaN);
  return { seconds: Number(m[1]), maxRssMb: Number(m[2]), heapMb: Number(m[3]), serverRssMb: Number(m[4]), entries };
}

interface ScaleResult {
  reads: Array<{ name: string; page: number; f: Figures; docs: number }>;
  floor: Figures;
  ledger: ReturnType<typeof checkLedgerCost>;
}

/** One scale, in a process of its own (a function's node-sdk app is made once per process, for one gateway). */
export async function readsAtScale(scale: number): Promise<ScaleResult> {
  const dir = streetDir(scale);
  if (!fs.existsSync(path.join(dir, 'db'))) {
    console.log(`building the street at scale ${scale} into ${dir} (once; npm run seed:street)`);
    await buildStreet(dir, scale, () => undefined);
  }
  const ledger = checkLedgerCost(dir);
  const gw = await startTestGateway({ dataDir: dir });
  try {
    const out: ScaleResult['reads'] = [];
    for (const read of await readsOf(gw)) out.push({ name: read.name, page: read.page, ...(await measure(gw, read)) });
    return { reads: out, floor: await floor(gw), ledger };
  } finally {
    await gw.close(); // keep the data directory for the next run
  }
}

function runScaleChild(scale: number): ScaleResult {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yq-scale-')), 'result.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'run.ts'), 'scale-child'], {
    env: { ...process.env, BENCH_SCALE: String(scale), BENCH_RESULT: file },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`the reads at scale ${scale} failed`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleResult;
}

async function runScaleChildMain(): Promise<void> {
  const result = await readsAtScale(Number(process.env.BENCH_SCALE));
  fs.writeFileSync(process.env.BENCH_RESULT!, JSON.stringify(result));
}

async function scaleReads(): Promise<void> {
  const results = new Map<number, ScaleResult>(SCALES.map((s) => [s, runScaleChild(s)]));
  const [small, large] = SCALES;
  const rows = results.get(small)!.reads.map(({ name, page }) => {
    const a = results.get(small)!.reads.find((r) => r.name === name)!;
    const b = results.get(large)?.reads.find((r) => r.name === name);
    const limit = 2 * page + 10;
    const okDocs = (b ?? a).docs <= limit;
    const okGrowth = !b || b.f.p95 <= 1.5 * a.f.p95 || b.f.p95 - a.f.p95 < 2;
    const okAbs = (b ?? a).f.p95 <= 50;
    return [
      name,
      a.f.p50,
      a.f.p95,
      a.docs,
      ...(b ? [b.f.p50, b.f.p95, b.docs] : ['-', '-', '-']),
      limit,
      okDocs && okGrowth && okAbs ? 'met' : `NOT MET${okDocs ? '' : ' (docs)'}${okGrowth ? '' : ' (growth)'}${okAbs ? '' : ' (>50 ms)'}`,
    ];
  });
  printTable(
    `Reads a screen makes, on the street at ${small} and ${large ?? '-'} (ms; docs = most documents one call read). Targets: docs <= 2 × page + 10; p95 at ${large} within 1.5× of ${small} (or +2 ms); p95 <= 50 ms`,
    ['read', `p50@${small}`, `p95@${small}`, `docs@${small}`, `p50@${large}`, `p95@${large}`, `docs@${large}`, 'docs limit', 'target'],
    rows,
  );
  printTable(
    'Floor: one document by _id through node-sdk, same runs (ms)',
    ['scale', 'p50', 'p95'],
    SCALES.map((s) => [s, results.get(s)!.floor.p50, results.get(s)!.floor.p95]),
  );
  printTable(
    'check:ledger on the street (a client of the emulator, which it starts in a process of its own). Target at 100%: <= 15 s and <= 300 MB',
    ['scale', 'entries', 'seconds', 'peak RSS MB', 'of which JS heap MB', 'emulator peak RSS MB (its memory map of the data)'],
    SCALES.map((s) => [
      s,
      results.get(s)!.ledger.entries,
      results.get(s)!.ledger.seconds,
      results.get(s)!.ledger.maxRssMb,
      results.get(s)!.ledger.heapMb,
      results.get(s)!.ledger.serverRssMb,
    ]),
  );
}

// ---------------------------------------------------------------- contention

async function race(calls: Array<() => Promise<{ body: any }>>): Promise<{ f: Figures; codes: Record<string, number> }> {
  const lat: number[] = [];
  const codes: Record<string, number> = {};
  const start = performance.now();
  await Promise.all(
    calls.map(async (c) => {
      const s = performance.now();
      const r = await c();
      lat.push(performance.now() - s);
      const k = r.body.ok ? 'ok' : r.body.error.code;
      codes[k] = (codes[k] ?? 0) + 1;
    }),
  );
  return { f: figures(lat, performance.now() - start), codes };
}

async function contention(): Promise<void> {
  // The gateway in a process of its own: the load generated here must not share its thread.
  const gw = await startGatewayProcess();
  const failures: string[] = [];
  try {
    const merchant = await gw.login('u-merchant');
    const offer = async (stock: number, price = 10, token = merchant): Promise<string> =>
      (await gw.call(token, 'redeem', 'createOffer', { title: `压测${stock}`, priceMinutes: price, stock }, newRequestId())).body.data.offer.id;
    const rows: Array<Array<string | number>> = [];

    // Confirms racing on one wallet that affords 50.
    for (const n of [20, 50, 200]) {
      const vol = await newVolunteer(gw, { minutes: 10 * 50 });
      const o = await offer(100_000);
      const codes: string[] = [];
      for (let i = 0; i < n; i++) codes.push((await gw.call(vol.token, 'redeem', 'issue', { offerId: o }, newRequestId())).body.data.code);
      const r = await race(codes.map((code) => () => gw.call(merchant, 'redeem', 'confirm', { code }, newRequestId())));
      const through = r.codes.ok ?? 0;
      const left = await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now());
      if (through !== Math.min(n, 50) || left !== 10 * (50 - through) || (r.codes['REQUEST.BUSY'] ?? 0) > 0)
        failures.push(`${n} confirms on one wallet: ${JSON.stringify(r.codes)}, left ${left}`);
      rows.push([`${n} confirms, one wallet affording 50`, through, JSON.stringify(r.codes), r.f.p50, r.f.p95, r.f.p99, n === 200 ? 'p99 < 10000' : '']);
    }

    // 5 merchants × 4 tills, each till confirming 10 codes of different volunteers one after another.
    const admin = await gw.login('u-admin');
    const tills: Array<{ token: string; codes: string[] }> = [];
    for (let m = 0; m < 5; m++) {
      const operators = await Promise.all(Array.from({ length: 4 }, () => newVolunteer(gw)));
      const made = await gw.call(
        admin,
        'redeem',
        'onboardMerchant',
        { name: `压测商户${m}`, address: '朝阳门', communityId: 'c-xinxian', operatorIds: operators.map((o) => o.id) },
        newRequestId(),
      );
      if (!made.body.ok) throw new Error(JSON.stringify(made.body));
      const o = await offer(100_000, 10, operators[0].token);
      for (const op of operators) {
        const codes: string[] = [];
        for (let k = 0; k < 10; k++) {
          const v = await newVolunteer(gw, { minutes: 100 });
          codes.push((await gw.call(v.token, 'redeem', 'issue', { offerId: o }, newRequestId())).body.data.code);
        }
        tills.push({ token: op.token, codes });
      }
    }
    const lat: number[] = [];
    let fails = 0;
    const t0 = performance.now();
    await Promise.all(
      tills.map(async (till) => {
        for (const code of till.codes) {
          const s = performance.now();
          const r = await gw.call(till.token, 'redeem', 'confirm', { code }, newRequestId());
          lat.push(performance.now() - s);
          if (!r.body.ok) fails++;
        }
      }),
    );
    const tillFigures = figures(lat, performance.now() - t0);
    if (fails) failures.push(`${fails} till confirms failed`);
    rows.push(['5 merchants × 4 tills, 10 codes each', lat.length - fails, `failed ${fails}`, tillFigures.p50, tillFigures.p95, tillFigures.p99, 'p95 <= 500']);

    // 200 sign-ups for 50 places.
    const staff = await gw.login('u-staff');
    const start = new Date(gw.now().getTime() + 86_400_000);
    const a = (
      await gw.call(
        staff,
        'activity',
        'create',
        { communityId: 'c-xinxian', title: '报名压测', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 50 },
        newRequestId(),
      )
    ).body.data.activity.id;
    const vols = [];
    for (let i = 0; i < 200; i++) vols.push(await newVolunteer(gw));
    const s = await race(vols.map((v) => () => gw.call(v.token, 'activity', 'signup', { activityId: a }, newRequestId())));
    const signedUp = (await gw.call(staff, 'activity', 'get', { activityId: a })).body.data.activity.signedUp;
    if ((s.codes.ok ?? 0) !== 50 || signedUp !== 50) failures.push(`sign-ups: ${JSON.stringify(s.codes)}, signedUp ${signedUp}`);
    rows.push(['200 sign-ups for 50 places', s.codes.ok ?? 0, JSON.stringify(s.codes), s.f.p50, s.f.p95, s.f.p99, 'p95 <= 3000']);

    const report = await checkLedger(gw.db);
    if (report.problems.length) failures.push(`ledger: ${JSON.stringify(report.problems.slice(0, 3))}`);
    printTable('Contention through the gateway (ms); function timeout 10 000 ms', ['race', 'through', 'answers', 'p50', 'p95', 'p99', 'target'], rows);
    console.log(`ledger problems after the races: ${report.problems.length}`);
  } finally {
    await gw.stop();
  }
  if (failures.length) throw new Error(`contention broke an invariant:\n${failures.join('\n')}`);
}

export async function runScaleBench(): Promise<void> {
  await scaleReads();
  await contention();
}

export { contention as runContentionBench };
export { runScaleChildMain as runScaleChildBench };
