import { emulatorKeys } from '../../local/emulator/auth';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type Database } from '../../cloudfunctions/core/db/app';
import { mintDevSession, startGateway, type Gateway } from '../../local/gateway/gateway';
import { freePort } from './browser';

/** What tests and benchmarks need of a running gateway, in this process or another. */
export interface GatewayClient {
  url: string;
  dataDir: string;
  /** node-sdk pointed at the gateway's /admin. */
  db: Database;
  /** The gateway's clock (the dev clock). */
  now(): Date;
  login(userId: string): Promise<string>;
  loginNewWeChatUser(): Promise<string>;
  call(token: string | null, fn: string, action: string, input?: object, requestId?: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * A seeded gateway on a fresh data directory, and helpers that call it the way the H5 app
 * does. One per test file: the functions' node-sdk app is made once per module registry.
 */
export interface TestGateway extends Gateway, GatewayClient {
  /** A session for any WeChat user by OPENID (people of a generated street have no dev-login entry). */
  sessionFor(openid: string): string;
}

function clientOf(url: string, dataDir: string, now: () => Date, stop: () => Promise<void>): GatewayClient {
  const db = createApp({ kind: 'local', serviceUrl: `${url}/admin`, ...emulatorKeys(dataDir) }).database();
  const post = async (path: string, body: unknown, token?: string | null): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    url,
    dataDir,
    db,
    now,
    async login(userId) {
      const r = await post('/api/dev/login', { userId });
      if (!r.body.ok) throw new Error(`login ${userId}: ${JSON.stringify(r.body)}`);
      return r.body.data.token;
    },
    async loginNewWeChatUser() {
      return (await post('/api/dev/login', { newWeChatUser: true })).body.data.token;
    },
    call(token, fn, action, input, requestId) {
      return post(`/api/${fn}`, { action, ...(input ? { input } : {}), ...(requestId ? { requestId } : {}) }, token);
    },
    stop,
  };
}

/**
 * `npm start`'s gateway in a process of its own (no H5), for benchmarks whose load should
 * not share a CPU thread with the gateway it measures.
 */
export async function startGatewayProcess(): Promise<GatewayClient> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-gwp-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../local/gateway/main.ts')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_H5_BUILD: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the gateway process exited');
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('the gateway process did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return clientOf(
    url,
    dataDir,
    () => new Date(),
    async () => {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  );
}

export const newRequestId = (): string => `t${randomBytes(10).toString('hex')}`;

export async function startTestGateway(opts: { h5Dir?: string; env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<TestGateway> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yq-gw-'));
  const gw = await startGateway({ dataDir, ...opts });
  const client = clientOf(
    gw.url,
    dataDir,
    () => gw.now(),
    async () => {
      await gw.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  );
  return {
    ...gw,
    ...client,
    sessionFor: (openid) => mintDevSession(gw.engine, openid),
  };
}
