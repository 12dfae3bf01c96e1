import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type Database } from '../../cloudfunctions/core/db/app';
import { sign } from '@cloudbase/signature-nodejs';
import type { EmulatorKeys } from '../../local/emulator/auth';
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
  const database = createApp({ kind: 'local', serviceUrl: `${emu.url}/admin`, ...emu.keys }).database();
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

/** A raw request to `/admin`, signed the way node-sdk signs (for requests node-sdk would never send). */
export async function signedPost(url: string, body: string | object, keys: EmulatorKeys): Promise<{ status: number; json: any }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(text);
  } catch {
    // A malformed body is signed as empty (the emulator must answer it all the same).
  }
  const host = new URL(url).host;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': 'application/json', host, 'x-timestamp': String(timestamp) };
  const { authorization } = sign({
    ...keys,
    method: 'post',
    url,
    headers: { 'content-type': 'application/json', host },
    params: params && typeof params === 'object' && !Array.isArray(params) ? params : {},
    timestamp,
    withSignedParams: true,
  });
  const res = await fetch(url, { method: 'POST', headers: { ...headers, authorization }, body: text });
  return { status: res.status, json: await res.json() };
}
