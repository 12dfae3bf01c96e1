import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type Database } from '../../cloudfunctions/core/db/app';
import { startGateway, type Gateway } from '../../local/gateway/gateway';

/**
 * A seeded gateway on a fresh data directory, and helpers that call it the way the H5 app
 * does. One per test file: the functions' node-sdk app is made once per module registry.
 */
export interface TestGateway extends Gateway {
  dataDir: string;
  db: Database;
  login(userId: string): Promise<string>;
  loginNewWeChatUser(): Promise<string>;
  /** A session for any WeChat user by OPENID (people of a generated street have no dev-login entry). */
  sessionFor(openid: string): string;
  call(token: string | null, fn: string, action: string, input?: object, requestId?: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export const newRequestId = (): string => `t${randomBytes(10).toString('hex')}`;

export async function startTestGateway(opts: { h5Dir?: string; env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<TestGateway> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yq-gw-'));
  const gw = await startGateway({ dataDir, ...opts });
  const db = createApp({ kind: 'local', serviceUrl: `${gw.url}/admin` }).database();
  const post = async (url: string, body: unknown, token?: string | null): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${gw.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    ...gw,
    dataDir,
    db,
    async login(userId) {
      const r = await post('/api/dev/login', { userId });
      if (!r.body.ok) throw new Error(`login ${userId}: ${JSON.stringify(r.body)}`);
      return r.body.data.token;
    },
    sessionFor(openid) {
      const token = randomBytes(24).toString('base64url');
      gw.engine.insert('devSessions', [{ _id: token, openid, createdAt: new Date() }]);
      return token;
    },
    async loginNewWeChatUser() {
      return (await post('/api/dev/login', { newWeChatUser: true })).body.data.token;
    },
    call(token, fn, action, input, requestId) {
      return post(`/api/${fn}`, { action, ...(input ? { input } : {}), ...(requestId ? { requestId } : {}) }, token);
    },
    async stop() {
      await gw.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
