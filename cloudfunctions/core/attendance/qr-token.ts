import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors';

/**
 * The rotating QR code (DOMAIN.md "QR check-in"): a token signed by the server over
 * activity, kind and a 30-second window, accepted in its window and the one after it (so
 * a code shown near the end of its window still works when scanned a moment later). A
 * screenshot sent home stops working within a minute.
 */
export const WINDOW_SECONDS = 30;
const SIG_BYTES = 16;

export type Kind = 'in' | 'out';

const windowOf = (now: Date): number => Math.floor(now.getTime() / (WINDOW_SECONDS * 1000));

function sign(secret: string, activityId: string, kind: Kind, window: number): Buffer {
  return createHmac('sha256', secret).update(`yq-checkin|${activityId}|${kind}|${window}`).digest().subarray(0, SIG_BYTES);
}

export function issueToken(secret: string, activityId: string, kind: Kind, now: Date): { token: string; expiresAt: Date; refreshInSeconds: number } {
  const w = windowOf(now);
  const token = `yq1.${activityId}.${kind}.${w}.${sign(secret, activityId, kind, w).toString('base64url')}`;
  const windowEnd = (w + 1) * WINDOW_SECONDS * 1000;
  return {
    token,
    expiresAt: new Date(windowEnd + WINDOW_SECONDS * 1000),
    refreshInSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
  };
}

export function verifyToken(secret: string, token: string, now: Date): { activityId: string; kind: Kind } {
  const m = /^yq1\.([A-Za-z0-9_:-]{1,64})\.(in|out)\.(\d{1,12})\.([A-Za-z0-9_-]{10,40})$/.exec(token.trim());
  if (!m) throw new DomainError('CHECKIN.TOKEN_INVALID');
  const [, activityId, kind, windowText, sig] = m;
  const w = Number(windowText);
  const expected = sign(secret, activityId, kind as Kind, w);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DomainError('CHECKIN.TOKEN_INVALID');
  const current = windowOf(now);
  if (w > current) throw new DomainError('CHECKIN.TOKEN_INVALID');
  if (current - w > 1) throw new DomainError('CHECKIN.TOKEN_EXPIRED');
  return { activityId, kind: kind as Kind };
}
