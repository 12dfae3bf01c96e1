import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type EmulatorServer } from '../../local/emulator/server';

/** A fresh emulator on a temporary data directory, and node-sdk pointed at it. */
export async function startTestEmulator(prefix = 'yq-emu-'): Promise<EmulatorServer & { dataDir: string; db(): any }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const emu = await startEmulator({ dataDir });
  const app = tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: `${emu.url}/admin` });
  const database = app.database();
  return {
    ...emu,
    dataDir,
    db: () => database,
    async close() {
      await emu.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
