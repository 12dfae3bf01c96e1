import { createHash } from 'node:crypto';
import { DomainError } from '../errors';

/**
 * Idempotency by the client's requestId (DOMAIN.md "Idempotency"): the same requestId with
 * the same payload returns the first result; with a different payload it is refused.
 */
export interface RequestRecord {
  _id: string;
  payloadHash: string;
  result: unknown;
  fn: string;
  action: string;
  at: Date;
}

export type IdempotencyDecision = { kind: 'new' } | { kind: 'replay'; result: unknown };

export function decideIdempotency(prior: RequestRecord | null, payloadHash: string): IdempotencyDecision {
  if (!prior) return { kind: 'new' };
  if (prior.payloadHash !== payloadHash) throw new DomainError('REQUEST.REUSED');
  return { kind: 'replay', result: prior.result };
}

export function payloadHash(fn: string, action: string, input: unknown): string {
  return createHash('sha256').update(stable({ fn, action, input })).digest('hex');
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Requests are keyed per caller, so two people's requestIds never collide. */
export const requestKey = (actor: string, requestId: string): string => `${actor}:${requestId}`;
