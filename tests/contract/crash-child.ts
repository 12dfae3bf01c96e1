/**
 * Crash-test child: serves an emulator on DATA_DIR and, through node-sdk, commits
 * transfers in a loop (a → b, plus a log document, in one transaction) and plain inserts.
 * It prints "ack <kind> <n>" only after CloudBase would have acknowledged the write.
 * The parent kills it with SIGKILL at an arbitrary moment.
 */
import { createApp } from '../../cloudfunctions/core/db/app';
import { startEmulator } from '../../local/emulator/server';

async function main(): Promise<void> {
  const emu = await startEmulator({ dataDir: process.env.DATA_DIR! });
  const db = createApp({ kind: 'local', serviceUrl: `${emu.url}/admin`, ...emu.keys }).database();
  const _ = db.command;
  await db.createCollection('accounts');
  await db.createCollection('plain');
  await db.collection('accounts').add([
    { _id: 'a', bal: 1_000_000 },
    { _id: 'b', bal: 0 },
  ]);
  console.log('ready');
  for (let i = 0; ; i++) {
    await db.runTransaction(async (t: any) => {
      await t
        .collection('accounts')
        .doc('a')
        .update({ bal: _.inc(-1) });
      await t
        .collection('accounts')
        .doc('b')
        .update({ bal: _.inc(1) });
      await t.collection('accounts').add({ _id: `log-${i}`, kind: 'log', n: i });
    });
    console.log(`ack txn ${i}`);
    await db.collection('plain').add({ _id: `p-${i}`, n: i });
    console.log(`ack plain ${i}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
