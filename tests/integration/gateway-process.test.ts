import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_SESSION_TTL_MS, devToolsAllowed } from '../../local/gateway/gateway';
import { startTestGateway } from '../support/gateway';
import { buildTaro, taroBuildIsStale } from '../../local/taro-build';
import { freePort, ROOT, until } from '../support/browser';

/** The gateway as `npm start` runs it: a real process, its signals, its data directory. */
interface Proc {
  url: string;
  child: ChildProcess;
  log: () => string;
}

async function start(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/gateway/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_H5_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(log);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, log: () => log };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gateway did not start: ${log}`);
}

const stop = (p: Proc): Promise<number | null> =>
  new Promise((resolve) => {
    p.child.once('exit', (code) => resolve(code));
    p.child.kill('SIGTERM');
  });

const json = async (res: Response): Promise<any> => ({ status: res.status, ...(await res.json()) });

describe('npm start (the gateway process)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-proc-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('seeds a fresh DATA_DIR, moves the dev clock, stops gracefully on SIGTERM and keeps everything for the next start', async () => {
    const first = await start(dataDir);
    // The start-up line is printed right after the gateway turns healthy.
    expect(
      await until(
        async () => first.log(),
        (l) => /已启动/.test(l),
      ),
    ).toMatch(/已写入演示数据/);
    const { data } = await json(await fetch(`${first.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ userId: 'u-vol-1' }) }));
    const before = await json(await fetch(`${first.url}/api/dev/clock`));
    const moved = await json(await fetch(`${first.url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 90 }) }));
    const skew = Date.parse(moved.data.now) - Date.parse(before.data.now);
    expect(skew).toBeGreaterThanOrEqual(90 * 60_000);
    expect(skew).toBeLessThan(91 * 60_000);
    const bad = await json(await fetch(`${first.url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: -5 }) }));
    expect(bad.status).toBe(400);
    expect(await stop(first)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'emulator.lock'))).toBe(false);

    const second = await start(dataDir);
    try {
      expect(
        await until(
          async () => second.log(),
          (l) => /已启动/.test(l),
        ),
      ).not.toMatch(/已写入演示数据/);
      const me = await json(
        await fetch(`${second.url}/api/account`, {
          method: 'POST',
          headers: { authorization: `Bearer ${data.token}` },
          body: JSON.stringify({ action: 'me' }),
        }),
      );
      // The session, the balance and the moved clock all survived the restart.
      expect(me.data.walletMinutes).toBe(150);
      const clock = await json(await fetch(`${second.url}/api/dev/clock`));
      expect(clock.data.offsetMinutes).toBe(90);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  });

  it('a second gateway on the same DATA_DIR refuses to start instead of corrupting it', async () => {
    const first = await start(dataDir);
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'local/gateway/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SKIP_H5_BUILD: '1' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/in use by process/);
    } finally {
      await stop(first);
    }
  });
});

describe('dev login and dev clock are local only', () => {
  it('a production gateway refuses them with DEV.DISABLED and a Chinese message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-prod-'));
    const p = await start(dir, { NODE_ENV: 'production' });
    try {
      for (const [method, route, body] of [
        ['GET', '/api/dev/users', undefined],
        ['POST', '/api/dev/login', { userId: 'u-admin' }],
        ['POST', '/api/dev/clock', { advanceMinutes: 60 }],
      ] as const) {
        const r = await json(await fetch(`${p.url}${route}`, { method, body: body && JSON.stringify(body) }));
        expect(r.status).toBe(403);
        expect(r.error).toEqual({ code: 'DEV.DISABLED', message: '正式环境不提供开发登录' });
      }
    } finally {
      await stop(p);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a token minted by dev login stops working when the gateway restarts for production, and when it expires', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-mode-'));
    const me = (p: Proc, token: string) =>
      fetch(`${p.url}/api/account`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ action: 'me' }) }).then(json);
    try {
      const dev = await start(dir);
      const { data } = await json(await fetch(`${dev.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ userId: 'u-admin' }) }));
      expect((await me(dev, data.token)).data.user.id).toBe('u-admin');
      await stop(dev);
      const prod = await start(dir, { NODE_ENV: 'production' });
      try {
        const r = await me(prod, data.token);
        expect(r.status).toBe(401);
        expect(r.error.code).toBe('AUTH.UNAUTHENTICATED');
      } finally {
        await stop(prod);
      }
      // Back in dev mode the session works again, until it expires.
      const again = await start(dir);
      try {
        expect((await me(again, data.token)).data.user.id).toBe('u-admin');
      } finally {
        await stop(again);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an expired dev session is refused; moving the dev clock does not expire one', async () => {
    const gw = await startTestGateway();
    try {
      const token = await gw.login('u-vol-1');
      await fetch(`${gw.url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 3 * 24 * 60 }) });
      expect((await gw.call(token, 'account', 'me', {})).body.data.user.id).toBe('u-vol-1');
      const [session] = gw.engine.find('devSessions', { _id: token }, { limit: 1 });
      expect((session.expiresAt as Date).getTime() - Date.now()).toBeLessThanOrEqual(DEV_SESSION_TTL_MS);
      gw.engine.update('devSessions', { _id: token }, { $set: { expiresAt: new Date(Date.now() - 1) } }, { multi: false, merge: true, upsert: false });
      const r = await gw.call(token, 'account', 'me', {});
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    } finally {
      await gw.stop();
    }
  });

  it('inside a CloudBase runtime (cloud function or cloud run) they are refused too', () => {
    expect(devToolsAllowed({})).toBe(true);
    expect(devToolsAllowed({ NODE_ENV: 'production' })).toBe(false);
    expect(devToolsAllowed({ TENCENTCLOUD_RUNENV: 'SCF' })).toBe(false);
    expect(devToolsAllowed({ SCF_NAMESPACE: 'env-1' })).toBe(false);
    expect(devToolsAllowed({ CBR_ENV_ID: 'env-1' })).toBe(false);
  });

  it('the WeChat build has no dev login page and no dev endpoint in its code', () => {
    const weapp = path.join(ROOT, 'dist', 'weapp');
    if (taroBuildIsStale('weapp')) buildTaro('weapp');
    const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'));
    expect(app.pages).toContain('pages/me/index');
    expect(app.pages.some((p: string) => p.includes('dev-login'))).toBe(false);
    const js = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? js(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
    for (const f of js(weapp)) expect(fs.readFileSync(f, 'utf8')).not.toContain('/api/dev/');
  });
});
