import { figures, printTable, type Figures } from './stats';
import { newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway } from '../support/gateway';

/**
 * A burst of 500 distinct volunteers checking in to one activity through the gateway
 * (HTTP → shell → idempotent transaction → emulator), next to a bare single-document insert
 * on the same emulator (the floor). Proves zero lost and zero duplicate records.
 */
export async function runCheckinBench(): Promise<void> {
  const N = Number(process.env.BENCH_CHECKINS ?? 500);
  const gw = await startTestGateway();
  try {
    const staff = await gw.login('u-staff');
    const tokens: string[] = [];
    for (let i = 0; i < N; i++) tokens.push((await newVolunteer(gw)).token);
    const now = new Date();
    const created = await gw.call(
      staff,
      'activity',
      'create',
      {
        communityId: 'c-xinxian',
        title: '压测：社区大扫除',
        startAt: now.toISOString(),
        endAt: new Date(now.getTime() + 7200_000).toISOString(),
      },
      newRequestId(),
    );
    const activityId = created.body.data.activity.id as string;
    let qr = { token: '', at: 0 };
    const code = async (): Promise<string> => {
      if (Date.now() - qr.at > 20_000) qr = { token: (await gw.call(staff, 'checkin', 'qr', { activityId, kind: 'in' })).body.data.token, at: Date.now() };
      return qr.token;
    };
    const t0 = await code();

    const lat: number[] = [];
    let failed = 0;
    const start = performance.now();
    await Promise.all(
      tokens.map(async (t) => {
        const s = performance.now();
        const r = await gw.call(t, 'checkin', 'scan', { token: t0 }, newRequestId());
        lat.push(performance.now() - s);
        if (!r.body.ok) failed++;
      }),
    );
    const burst = figures(lat, performance.now() - start);

    const floorLat: number[] = [];
    await gw.db.createCollection('benchFloor').catch(() => undefined);
    const fStart = performance.now();
    await Promise.all(
      Array.from({ length: N }, async (_x, i) => {
        const s = performance.now();
        await gw.db.collection('benchFloor').add({ i, activityId, at: new Date() });
        floorLat.push(performance.now() - s);
      }),
    );
    const floor = figures(floorLat, performance.now() - fStart);

    const rows: Array<[string, Figures]> = [
      [`${N} distinct volunteers check in at once (gateway)`, burst],
      [`${N} bare single-document inserts at once (node-sdk → emulator)`, floor],
    ];
    printTable(
      'Check-in burst, latencies in ms',
      ['load', 'ops', 'ops/s', 'p50', 'p95', 'p99'],
      rows.map(([n, f]) => [n, f.ops, f.opsPerSec, f.p50, f.p95, f.p99]),
    );
    console.log(`check-in / floor: throughput ${(floor.opsPerSec / burst.opsPerSec).toFixed(1)}× lower, p50 ${(burst.p50 / floor.p50).toFixed(1)}× higher`);

    const records = (await gw.db.collection('attendance').where({ activityId }).limit(1000).get()).data as Array<{ userId: string }>;
    const distinct = new Set(records.map((r) => r.userId)).size;
    const counted = (await gw.db.collection('attendance').where({ activityId }).count()).total;
    console.log(`records: ${counted} (distinct volunteers ${distinct}); failed scans ${failed}; lost ${N - distinct}; duplicates ${counted - distinct}`);
    if (failed || distinct !== N || counted !== N) throw new Error('check-in burst lost or duplicated records');
    void code;
  } finally {
    await gw.stop();
  }
}
