import { z } from 'zod';
import { RequestId } from './common';
import type { ApiError } from './errors';

/** What a function receives: `callFunction({ name, data })` or `POST /api/<name>` body. */
export const Call = z.object({
  action: z.string().min(1).max(64),
  input: z.record(z.string(), z.unknown()).optional(),
  requestId: RequestId.optional(),
});
export type Call = z.infer<typeof Call>;

/**
 * What a function answers. `now` is the server's clock when it answered (ISO-8601, +08:00):
 * screens keep their countdowns and cut-offs on the server's time, not the phone's.
 */
export type Answer<T> = { ok: true; data: T; now?: string } | { ok: false; error: ApiError; now?: string };

/** Names that would reach an object's prototype if copied into one: refused anywhere in a call. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any call the contract defines (a call is at most four levels deep). */
export const MAX_CALL_DEPTH = 12;

/**
 * Looks through a call as it arrived (before zod copies it, which drops a `__proto__` key
 * and so hides it from `.strict()`): answers the path of the first unsafe key, or of the
 * first value nested deeper than MAX_CALL_DEPTH, or null when the call is clean.
 */
export function unsafePartOf(event: unknown): { path: string; reason: 'key' | 'depth' } | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: event, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length > MAX_CALL_DEPTH) return { path: path.join('.'), reason: 'depth' };
    for (const key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) return { path: [...path, key].join('.'), reason: 'key' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
