import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSender, checkSignature, emulatorKeys, type EmulatorKeys } from './auth';
import { Engine, type EngineOptions } from './engine';
import type { DbError } from './errors';
import { handleAdminRequest } from './handlers';
import { LIMITS } from './guard';

/**
 * HTTP face of the emulator: `POST /admin` answers what @cloudbase/node-sdk sends,
 * `GET /healthz` answers 200 once the data directory is open. The gateway of `npm start`
 * mounts the same `handleAdmin` at its own `/admin`.
 */
export function readJsonBody(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Keep draining an oversized body (so the client gets an answer), but keep none of it.
      if (size <= maxBytes) chunks.push(c);
    });
    req.on('end', () => {
      if (size > maxBytes) return reject(new Error(`request body is larger than ${maxBytes} bytes`));
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        reject(new Error('request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * How the emulator behaves, from the environment: YQ_EMULATOR_TRANSACTIONS ('strict', the
 * default, or 'compatible'; see Engine) and YQ_EMULATOR_HOLD_MS (how long an operation of a
 * transaction stays in flight, default 1 ms; see handleAdminRequest).
 */
export interface EmulatorOptions {
  engine: EngineOptions;
  holdMs: number;
}

export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  const mode = env.YQ_EMULATOR_TRANSACTIONS;
  if (mode !== undefined && mode !== 'strict' && mode !== 'compatible') throw new Error(`YQ_EMULATOR_TRANSACTIONS must be strict or compatible, not ${mode}`);
  const hold = env.YQ_EMULATOR_HOLD_MS === undefined ? 1 : Number(env.YQ_EMULATOR_HOLD_MS);
  if (!Number.isFinite(hold) || hold < 0) throw new Error('YQ_EMULATOR_HOLD_MS must be a number of milliseconds');
  return { engine: { transactions: mode ?? 'strict' }, holdMs: hold };
}

export async function handleAdmin(
  engine: Engine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  opts: { keys: EmulatorKeys; holdMs: number },
): Promise<void> {
  const refuse = (e: unknown): void => sendJson(res, 401, { code: (e as DbError).code, message: (e as DbError).message });
  try {
    checkSender(req);
  } catch (e) {
    req.resume();
    return refuse(e);
  }
  let body: unknown;
  try {
    body = await readJsonBody(req, LIMITS.maxBodyBytes);
  } catch (e) {
    // Same shape as every other refusal, so node-sdk throws a readable error.
    sendJson(res, 200, { code: 'INVALID_PARAM', message: (e as Error).message });
    return;
  }
  try {
    checkSignature(req, body, opts.keys);
  } catch (e) {
    return refuse(e);
  }
  sendJson(res, 200, await handleAdminRequest(engine, body, { holdMs: opts.holdMs }));
}

export interface EmulatorServer {
  engine: Engine;
  /** The key pair a client signs with (from DATA_DIR/emulator-keys.json). */
  keys: EmulatorKeys;
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export async function startEmulator(opts: { dataDir: string; port?: number; host?: string; options?: Partial<EmulatorOptions> }): Promise<EmulatorServer> {
  const env = emulatorOptionsFromEnv();
  const options: EmulatorOptions = { holdMs: opts.options?.holdMs ?? env.holdMs, engine: { ...env.engine, ...opts.options?.engine } };
  const engine = new Engine(opts.dataDir, options.engine);
  const keys = emulatorKeys(opts.dataDir);
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && url === '/healthz') return sendJson(res, 200, { ok: true });
    if (req.method === 'POST' && url === '/admin') return void handleAdmin(engine, req, res, { keys, holdMs: options.holdMs });
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url}; use POST /admin or GET /healthz` });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';
  return {
    engine,
    keys,
    server,
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}
