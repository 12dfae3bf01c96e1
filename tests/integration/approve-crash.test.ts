import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { tempDir } from '../support/emulator';
import { newRequestId, startTestGateway } from '../support/gateway';

const root = path.resolve(__dirname, '../..');

/**
 * kill -9 in the middle of a chunked batch approval (each record its own transaction)
 * leaves every record either approved and credited exactly once, or still pending and not
 * credited; approving again finishes the rest, and nothing is credited twice.
 */
it('kill -9 during a batch approval: every record credited once or still pending; a second run finishes it', async () => {
  const dataDir = tempDir('yq-approve-crash-');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'approve-crash-child.ts')], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let activityId = '';
    let approvedWhenKilled = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child made no progress: ${stderr}`)), 90_000);
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        const ready = /^ready (\S+)$/.exec(line);
        if (ready) activityId = ready[1];
        const m = /^progress (\d+)$/.exec(line);
        if (m && Number(m[1]) >= 40 && !approvedWhenKilled) {
          approvedWhenKilled = Number(m[1]);
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
        if (line === 'done') reject(new Error('the batch finished before it could be killed'));
      });
    });
    await exited;

    const gw = await startTestGateway({ dataDir });
    try {
      const records = gw.engine.find('attendance', { activityId }, { limit: 1000 });
      const approved = records.filter((r) => r.status === 'approved');
      const pending = records.filter((r) => r.status === 'pending');
      expect(approved.length).toBeGreaterThanOrEqual(approvedWhenKilled);
      expect(pending.length).toBeGreaterThan(0); // it really was cut off half way
      expect(approved.length + pending.length).toBe(records.length);
      const entries = gw.engine.find('journal', { 'refs.activityId': activityId, kind: 'hours.approved' }, { limit: 1000 });
      expect(new Set(entries.map((e) => e._id))).toEqual(new Set(approved.map((r) => `hours-${r._id}`)));
      expect((await checkLedger(gw.db)).problems).toEqual([]);

      // Approving again finishes the rest, crediting each once.
      const admin = await gw.login('u-admin');
      for (let round = 0; round < 20; round++) {
        const r = await gw.call(admin, 'hours', 'approve', { activityId }, newRequestId());
        expect(r.body.ok).toBe(true);
        if (!r.body.data.more) break;
      }
      const after = gw.engine.find('attendance', { activityId }, { limit: 1000 });
      expect(after.every((r) => r.status === 'approved')).toBe(true);
      const credited = gw.engine.find('journal', { 'refs.activityId': activityId, kind: 'hours.approved' }, { limit: 1000 });
      expect(credited).toHaveLength(after.filter((r) => (r.creditedMinutes as number) > 0).length);
      expect((await checkLedger(gw.db)).problems).toEqual([]);
    } finally {
      await gw.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
