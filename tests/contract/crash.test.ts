import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Engine } from '../../local/emulator/engine';
import { tempDir } from '../support/emulator';

const root = path.resolve(__dirname, '../..');

/** Runs the child until it has acknowledged at least `minAcks` transactions, then kill -9. */
async function runAndKill(dataDir: string, minAcks: number, extraMs: number): Promise<{ txns: Set<number>; plains: Set<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const txns = new Set<number>();
  const plains = new Set<number>();
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child made too little progress: ${txns.size} acks; ${stderr}`)), 45_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^ack (txn|plain) (\d+)$/.exec(line);
      if (!m) return;
      (m[1] === 'txn' ? txns : plains).add(Number(m[2]));
      if (txns.size === minAcks) {
        // Kill at a moment unrelated to the loop, most likely mid-transaction.
        setTimeout(() => {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }, extraMs);
      }
    });
  });
  await exited;
  return { txns, plains };
}

describe('durability across kill -9', () => {
  it.each([
    [150, 7],
    [300, 23],
  ])('after %i acknowledged transactions and a SIGKILL, every acknowledged write is there and none is half applied', async (minAcks, extraMs) => {
    const dataDir = tempDir('yq-crash-');
    try {
      const acked = await runAndKill(dataDir, minAcks, extraMs);
      expect(acked.txns.size).toBeGreaterThanOrEqual(minAcks);

      const engine = new Engine(dataDir); // the dead child's lock is taken over
      try {
        const accounts = engine.find('accounts', {}, { limit: 1000 * 1000 });
        const logs = engine.find('accounts', { kind: 'log' }, { limit: 1000 });
        const a = accounts.find((d) => d._id === 'a')!.bal as number;
        const b = accounts.find((d) => d._id === 'b')!.bal as number;
        // No transaction half applied: money is conserved and every transfer has its log.
        expect(a + b).toBe(1_000_000);
        expect(b).toBe(engine.count('accounts', { kind: 'log' }));
        // Every acknowledged write survived.
        const logIds = new Set(engine.find('accounts', { kind: 'log' }, { limit: 1000 }).map((d) => d.n as number));
        for (const n of acked.txns) expect(logIds.has(n)).toBe(true);
        const plainIds = new Set(engine.find('plain', {}, { limit: 1000 }).map((d) => d.n as number));
        for (const n of acked.plains) expect(plainIds.has(n)).toBe(true);
        // At most the one in flight when killed is beyond what was acknowledged.
        expect(logs.length - acked.txns.size).toBeLessThanOrEqual(1);
      } finally {
        await engine.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
