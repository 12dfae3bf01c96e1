import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { sign } from '@cloudbase/signature-nodejs';
import { DbError } from './errors';

/**
 * Who may use the emulator's `/admin`: what CloudBase asks of node-sdk, a request signed with
 * the environment's key pair (TC3-HMAC-SHA256, @cloudbase/signature-nodejs — the same code
 * node-sdk signs with, used here to check). The pair is generated into DATA_DIR
 * (`emulator-keys.json`, readable by its owner only); the gateway's functions and the local
 * tools read it from there. A request with no or a wrong signature, a stale one (older than
 * the 10 minutes node-sdk declares), a body that is not JSON, or one sent from a web page (an
 * `Origin` header: node-sdk sends none, a browser always does) is refused and changes nothing.
 */
export interface EmulatorKeys {
  secretId: string;
  secretKey: string;
}

export const KEYS_FILE = 'emulator-keys.json';
const MAX_SKEW_SECONDS = 600;

/** The data directory's key pair, made the first time. */
export function emulatorKeys(dataDir: string): EmulatorKeys {
  const file = path.join(dataDir, KEYS_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const keys: EmulatorKeys = { secretId: `AKIDyq${randomBytes(12).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
    fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
  }
  const keys = JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorKeys;
  if (typeof keys.secretId !== 'string' || typeof keys.secretKey !== 'string') throw new Error(`${file} does not hold a key pair`);
  return keys;
}

const denied = (why: string): DbError => new DbError('PERMISSION_DENIED', `request refused: ${why}`);

/** What can be refused before the body is read: a web page's request, a body that is not JSON. */
export function checkSender(req: http.IncomingMessage): void {
  if (req.headers.origin !== undefined) throw denied('requests from a web page are not accepted');
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw denied('the body must be application/json');
}

/** Checks the signature of a request to `/admin` before its body is used; throws PERMISSION_DENIED. */
export function checkSignature(req: http.IncomingMessage, body: unknown, keys: EmulatorKeys, nowSeconds = Math.floor(Date.now() / 1000)): void {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/[^,]+,(?: SignedParams=([^,]*),)? SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    String(req.headers.authorization ?? ''),
  );
  if (!m) throw denied('no signature (sign with the key pair in DATA_DIR/emulator-keys.json)');
  const [, secretId, signedParams, signedHeaders, signature] = m;
  if (secretId !== keys.secretId) throw denied('unknown secretId');
  const timestamp = Number(req.headers['x-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS) throw denied('the signature is stale or has no timestamp');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    const value = req.headers[name];
    if (typeof value !== 'string') throw denied(`signed header ${name} is missing`);
    headers[name] = value;
  }
  // node-sdk signs the method as it names it ('post'); another client may say 'POST'. The
  // second spelling is only signed when the first does not match (each signing hashes the body).
  const method = req.method ?? 'POST';
  const signedAs = (m: string): string => {
    try {
      return /Signature=([0-9a-f]{64})$/.exec(
        sign({
          secretId: keys.secretId,
          secretKey: keys.secretKey,
          method: m,
          url: `http://${req.headers.host}${req.url}`,
          headers,
          params: (body ?? {}) as Record<string, unknown>,
          timestamp,
          withSignedParams: true,
          includeKeys: signedParams ? signedParams.split(';') : [],
        }).authorization,
      )![1];
    } catch {
      return '';
    }
  };
  const matches = (e: string): boolean => e.length === signature.length && timingSafeEqual(Buffer.from(e), Buffer.from(signature));
  if (!matches(signedAs(method.toLowerCase())) && !matches(signedAs(method.toUpperCase()))) {
    throw denied('the signature does not match the request');
  }
}
