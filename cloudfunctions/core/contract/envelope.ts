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

export type Answer<T> = { ok: true; data: T } | { ok: false; error: ApiError };
