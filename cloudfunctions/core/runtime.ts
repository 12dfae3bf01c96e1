import { randomBytes, randomInt } from 'node:crypto';
import { createApp, worldFromEnv, type Database } from './db/app';
import { cloudFileStore, localFileStore, type FileStore } from './files/file-store';
import { outboxPush, wechatPush, type Push } from './messages/push';

/**
 * What core needs from the world, passed in (STYLE.md "Dependencies come in as
 * arguments"): the database, the clock, and a source of ids. Functions build one per
 * module (the SDK is initialised once at module scope); tests build their own.
 */
export interface Clock {
  now(): Date;
}
export interface Ids {
  /** A new unique id with a readable prefix, e.g. `e-…` for journal entries. */
  next(prefix: string): string;
}
export interface Deps {
  db: Database;
  clock: Clock;
  ids: Ids;
  /** Server-side secrets: the QR signing key and the list-cursor key never leave the functions. */
  secrets: { qr(): string; cursor(): string };
  /** Unguessable values: redemption codes (bytes of randomness) and their 8-digit fallback. */
  random: { token(bytes: number): string; digits(n: number): string };
  /** WeChat subscribe messages (messages/push.ts): sent on CloudBase, kept in the outbox locally. */
  push: Push;
  /** Photos: CloudBase cloud storage, or DATA_DIR/files locally (files/file-store.ts). */
  files: FileStore;
}

export const cryptoRandom: Deps['random'] = {
  token: (bytes) => randomBytes(bytes).toString('base64url'),
  digits: (n) => Array.from({ length: n }, () => randomInt(10)).join(''),
};

/**
 * QR_SECRET: set on every CloudBase function (cloudbaserc.json); locally the gateway keeps
 * one in DATA_DIR. The QR codes and the list cursors each sign with a key derived from it
 * for their own purpose, so one can never stand in for the other.
 */
function serverSecret(): string {
  const s = process.env.QR_SECRET;
  if (!s || s.length < 16) throw new Error('QR_SECRET is not configured (at least 16 characters)');
  return s;
}

export const envSecrets: Deps['secrets'] = {
  qr: serverSecret,
  cursor: () => `cursor:${serverSecret()}`,
};

export const systemClock: Clock = { now: () => new Date() };

export const randomIds: Ids = {
  next: (prefix) => `${prefix}-${Date.now().toString(36)}${randomBytes(6).toString('hex')}`,
};

let localClock: Clock | undefined;

/**
 * The local gateway's dev clock (API.md "Dev clock, local only"). Nothing on CloudBase
 * calls this; there the clock is always the system clock.
 */
export function useLocalClock(clock: Clock): void {
  localClock = clock;
}

const clockProxy: Clock = { now: () => (localClock ?? systemClock).now() };

let deps: Deps | undefined;

/** The dependencies of a deployed function (or of the gateway, which calls the same main). */
export function defaultDeps(): Deps {
  if (deps) return deps;
  const world = worldFromEnv();
  const app = createApp(world);
  const db = app.database();
  const push = world.kind === 'cloudbase' ? wechatPush(app) : outboxPush(db, randomIds, () => clockProxy.now());
  const files = world.kind === 'local' ? localFileStore(process.env.YQ_FILES_DIR ?? '.data/files') : cloudFileStore(app);
  deps = { db, clock: clockProxy, ids: randomIds, secrets: envSecrets, random: cryptoRandom, push, files };
  return deps;
}
