/**
 * Crash-test child for a chunked batch approval: a gateway on DATA_DIR with a small street
 * whose last activity has hundreds of records waiting. It prints "ready <activityId>", then
 * starts approving the whole activity and prints "progress <approved>" while the call runs.
 * The parent kills it with SIGKILL in the middle.
 */
import { seedStreet } from '../../local/seed/street';
import { startTestGateway } from '../support/gateway';
import { newRequestId } from '../support/gateway';

async function main(): Promise<void> {
  const gw = await startTestGateway({ dataDir: process.env.DATA_DIR! });
  const street = await seedStreet(gw.db, gw.now(), {
    volunteers: 400,
    activities: 30,
    upcoming: 2,
    attendance: 500,
    heavyAttendance: 10,
    redemptions: 20,
    merchants: 3,
    todayAtMarket: 2,
    bigAttendance: 380,
  });
  console.log(`ready ${street.bigActivityId}`);
  const admin = await gw.login('u-admin');
  setInterval(() => {
    const approved = gw.engine.count('attendance', { activityId: street.bigActivityId, status: 'approved' });
    console.log(`progress ${approved}`);
  }, 50).unref();
  for (;;) {
    const r = await gw.call(admin, 'hours', 'approve', { activityId: street.bigActivityId }, newRequestId());
    if (!r.body.ok || !r.body.data.more) break;
  }
  console.log('done');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
