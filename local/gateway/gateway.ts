import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { messageOf, statusOf } from '../../cloudfunctions/core/contract/errors';
import { createApp } from '../../cloudfunctions/core/db/app';
import { useLocalClock } from '../../cloudfunctions/core/runtime';
import { Engine } from '../emulator/engine';
import { emulatorKeys } from '../emulator/auth';
import { emulatorOptionsFromEnv, handleAdmin, readJsonBody, sendJson } from '../emulator/server';
import { ensureSchema } from '../schema';
import { DEMO_USERS, demoOpenid, seedDemo, COMMUNITIES } from '../seed/demo';
import { FUNCTION_NAMES, invocationContext, loadFunctions, type FunctionName } from './functions';
import { serveFile, uploadFile } from './files';
import { serveStatic } from './static';

/**
 * The local gateway of `npm start` (API.md "Local gateway"): the H5 build, `POST
 * /api/<fn>` calling the same `main` CloudBase calls, the emulator at `/admin`, and —
 * local only — dev login and a dev clock.
 */
export interface GatewayOptions {
  dataDir: string;
  port?: number;
  host?: string;
  h5Dir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Gateway {
  url: string;
  engine: Engine;
  seeded: boolean;
  /** The gateway's clock (the dev clock: system time plus what was advanced). */
  now(): Date;
  close(): Promise<void>;
}

/** Dev login and the dev clock exist only on a developer's machine. */
export function devToolsAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV !== 'production' && !env.TENCENTCLOUD_RUNENV && !env.CBR_ENV_ID && !env.SCF_NAMESPACE;
}

const MAX_BODY = 1024 * 1024;
/** How long a dev-login session lasts (a working day and a night). */
export const DEV_SESSION_TTL_MS = 24 * 60 * 60_000;

/** Starts a dev-login session for a WeChat identity (dropping expired ones) and answers its token. */
export function mintDevSession(engine: Engine, openid: string): string {
  const token = randomBytes(24).toString('base64url');
  const now = new Date();
  engine.remove('devSessions', { expiresAt: { $lte: now } }, true);
  engine.insert('devSessions', [{ _id: token, openid, mode: 'dev', createdAt: now, expiresAt: new Date(now.getTime() + DEV_SESSION_TTL_MS) }]);
  return token;
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const env = opts.env ?? process.env;
  const dataDir = path.resolve(opts.dataDir);
  const emulator = emulatorOptionsFromEnv(env);
  const engine = new Engine(dataDir, emulator.engine);
  const keys = emulatorKeys(dataDir);
  const clockFile = path.join(dataDir, 'dev-clock.json');
  const filesDir = path.join(dataDir, 'files');
  let offsetMs = readClockOffset(clockFile);
  useLocalClock({ now: () => new Date(Date.now() + offsetMs) });

  ensureSchema(engine);
  const fresh = engine.count('streets', {}) === 0;

  type Functions = Record<FunctionName, (e: unknown, c: unknown) => Promise<unknown>>;
  let functions: Functions | undefined = undefined;
  // Listening starts before the seed (the seed writes through this server's /admin), so
  // health and the API wait for `ready`.
  let ready = false;
  const server = http.createServer((req, res) => {
    route(req, res).catch((e) => {
      console.error('[gateway]', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: messageOf('INTERNAL') } });
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/admin' && req.method === 'POST') return handleAdmin(engine, req, res, { keys, holdMs: emulator.holdMs });
    if (!ready) return sendJson(res, 503, { ok: false, error: { code: 'INTERNAL', message: '正在启动，请稍候' } });
    if (url === '/healthz') return sendJson(res, 200, { ok: true });
    if (url.startsWith('/api/dev/')) return devRoute(url, req, res);
    // Photos (local cloud storage): anyone logged in may upload; anyone may look.
    if (url === '/files' && req.method === 'POST') {
      if (!(await sessionOf(req)))
        return sendJson(res, 401, { ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: messageOf('AUTH.UNAUTHENTICATED') } });
      return uploadFile(filesDir, req, res);
    }
    if (url.startsWith('/files/') && req.method === 'GET') return serveFile(filesDir, url, res);
    if (url.startsWith('/api/')) return callFunction(url.slice('/api/'.length), req, res);
    if (req.method === 'GET' && opts.h5Dir) return serveStatic(opts.h5Dir, req, res);
    sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: messageOf('NOT_FOUND') } });
  }

  async function callFunction(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || !(FUNCTION_NAMES as readonly string[]).includes(name)) {
      return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `没有这个接口：${name}` } });
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY);
    } catch (e) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'INPUT.INVALID', message: messageOf('INPUT.INVALID'), details: { reason: (e as Error).message } },
      });
    }
    const session = await sessionOf(req);
    const answer = (await functions![name as FunctionName](body, invocationContext(name, session?.openid, randomBytes(8).toString('hex')))) as {
      ok: boolean;
      error?: { code: string };
    };
    sendJson(res, answer.ok ? 200 : statusOf(answer.error!.code), answer);
  }

  /**
   * A dev-login token names a session only in the mode that minted it, and only until it
   * expires (real time, not the dev clock): a gateway restarted for production honours no
   * token minted by dev login, and an old one stops working on its own.
   */
  async function sessionOf(req: http.IncomingMessage): Promise<{ openid: string } | null> {
    const m = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(req.headers.authorization ?? '');
    if (!m || !devToolsAllowed(env)) return null;
    const [s] = engine.find('devSessions', { _id: m[1], mode: 'dev', expiresAt: { $gt: new Date() } }, { limit: 1 });
    return s ? { openid: s.openid as string } : null;
  }

  async function devRoute(url: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!devToolsAllowed(env)) return sendJson(res, 403, { ok: false, error: { code: 'DEV.DISABLED', message: messageOf('DEV.DISABLED') } });
    const communityName = new Map(COMMUNITIES.map((c) => [c._id, c.name]));
    if (url === '/api/dev/users' && req.method === 'GET') {
      const users = DEMO_USERS.map((u) => ({
        id: u.id,
        name: u.name,
        intro: u.intro,
        communityName: communityName.get(u.communityId) ?? '',
        canLogin: !u.managed,
      }));
      return sendJson(res, 200, { ok: true, data: { users } });
    }
    if (url === '/api/dev/login' && req.method === 'POST') {
      const body = (await readJsonBody(req, MAX_BODY).catch(() => null)) as { userId?: unknown; newWeChatUser?: unknown } | null;
      let openid: string;
      if (body?.newWeChatUser === true) openid = `dev-openid-new-${randomBytes(6).toString('hex')}`;
      else {
        const user = DEMO_USERS.find((u) => u.id === body?.userId);
        if (!user || user.managed) {
          return sendJson(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '请选择一位可以登录的演示用户（代管账户没有微信，不能登录）' } });
        }
        openid = demoOpenid(user.id);
      }
      return sendJson(res, 200, { ok: true, data: { token: mintDevSession(engine, openid) } });
    }
    if (url === '/api/dev/clock') {
      if (req.method === 'POST') {
        const body = (await readJsonBody(req, MAX_BODY).catch(() => null)) as { advanceMinutes?: unknown } | null;
        const m = body?.advanceMinutes;
        if (typeof m !== 'number' || !Number.isInteger(m) || m <= 0 || m > 60 * 24 * 366) {
          return sendJson(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '请填写要拨快的分钟数（正整数，最多一年）' } });
        }
        offsetMs += m * 60_000;
        fs.writeFileSync(clockFile, JSON.stringify({ offsetMs }));
        // What the timer would have done meanwhile happens before the answer (expired requests…).
        await runTimers();
      }
      return sendJson(res, 200, { ok: true, data: { now: new Date(Date.now() + offsetMs).toISOString(), offsetMinutes: offsetMs / 60_000 } });
    }
    if (url === '/api/dev/timer' && req.method === 'POST') {
      return sendJson(res, 200, { ok: true, data: await runTimers() });
    }
    if (url === '/api/dev/outbox' && req.method === 'GET') {
      // What would have been sent to WeChat as subscribe messages, newest first (API.md: the local outbox).
      const items = engine.find('outbox', {}, { sort: { at: -1 }, limit: 50 });
      return sendJson(res, 200, { ok: true, data: { items } });
    }
    sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: messageOf('NOT_FOUND') } });
  }

  /**
   * The timer triggers of cloudbaserc.json, run the way CloudBase runs them: the function's
   * main with a timer event and no caller. Every minute, and at once when the dev clock moves.
   */
  let timerRun: Promise<unknown> | undefined;
  async function runTimers(): Promise<unknown> {
    if (!functions) return null;
    timerRun ??= functions
      .help(
        { Type: 'Timer', TriggerName: 'sweep', Time: new Date(Date.now() + offsetMs).toISOString() },
        invocationContext('help', undefined, `timer-${Date.now()}`),
      )
      .finally(() => (timerRun = undefined));
    return timerRun;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  // Lets `npm run check:ledger` find this running gateway (it owns the data directory).
  fs.writeFileSync(path.join(dataDir, 'gateway.url'), url);
  // The QR signing secret (API.md: QR_SECRET, generated and kept in DATA_DIR when unset).
  process.env.QR_SECRET ||= qrSecret(dataDir);
  // The functions' node-sdk talks to this gateway's own /admin, as it would to CloudBase.
  process.env.YQ_EMULATOR_URL = `${url}/admin`;
  process.env.YQ_EMULATOR_SECRET_ID = keys.secretId;
  process.env.YQ_EMULATOR_SECRET_KEY = keys.secretKey;
  // Photos uploaded here (POST /files) are where the functions' local file store looks.
  process.env.YQ_FILES_DIR = filesDir;
  // Subscribe-message templates: placeholders locally, so the outbox shows what would be sent.
  process.env.SUBSCRIBE_TEMPLATES ||= JSON.stringify(LOCAL_TEMPLATES);
  functions = (await loadFunctions()) as Functions;
  if (fresh) await seedDemo(createApp({ kind: 'local', serviceUrl: `${url}/admin`, ...keys }).database(), new Date(Date.now() + offsetMs));
  ready = true;
  const timer = setInterval(() => void runTimers().catch((e) => console.error('[timer]', e)), 60_000);
  timer.unref();

  return {
    url,
    engine,
    seeded: fresh,
    now: () => new Date(Date.now() + offsetMs),
    async close() {
      clearInterval(timer);
      await timerRun?.catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      fs.rmSync(path.join(dataDir, 'gateway.url'), { force: true });
      await engine.close();
    },
  };
}

/** The local stand-ins for the template ids an administrator picks in the mini-program console. */
const LOCAL_TEMPLATES = Object.fromEntries(
  ['help', 'hours', 'proxy', 'redeem', 'fund'].map((key) => [key, { id: `local-${key}`, fields: { title: 'thing1', body: 'thing2', at: 'time3' } }]),
);

function qrSecret(dataDir: string): string {
  const file = path.join(dataDir, 'qr-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

function readClockOffset(file: string): number {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    return typeof v.offsetMs === 'number' ? v.offsetMs : 0;
  } catch {
    return 0;
  }
}
