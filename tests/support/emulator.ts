import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type Database } from '../../cloudfunctions/core/db/app';
import { startEmulator, type EmulatorServer } from '../../local/emulator/server';

/** A fresh emulator on a temporary data directory, and node-sdk pointed at it. */
export async function startTestEmulator(prefix = 'yq-emu-'): Promise<EmulatorServer & { dataDir: string; db(): Database }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const emu = await startEmulator({ dataDir });
  const database = createApp({ kind: 'local', serviceUrl: `${emu.url}/admin` }).database();
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
