import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type Database } from '../../cloudfunctions/core/db/app';
import { startEmulator, type EmulatorOptions, type EmulatorServer } from '../../local/emulator/server';

/**
 * A fresh emulator on a temporary data directory, and node-sdk pointed at it. Its clock can
 * be moved forward (`advance`), to let a transaction outlive its 30 s without waiting.
 */
export async function startTestEmulator(
  prefix = 'yq-emu-',
  options: Partial<EmulatorOptions> = {},
): Promise<EmulatorServer & { dataDir: string; db(): Database; advance(ms: number): void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let offset = 0;
  const emu = await startEmulator({ dataDir, options: { ...options, engine: { now: () => Date.now() + offset, ...options.engine } } });
  const database = createApp({ kind: 'local', serviceUrl: `${emu.url}/admin` }).database();
  return {
    ...emu,
    dataDir,
    db: () => database,
    advance: (ms: number) => void (offset += ms),
    async close() {
      await emu.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
