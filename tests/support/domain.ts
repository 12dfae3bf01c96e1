import { DomainError } from '../../cloudfunctions/core/errors';

/** The code a rule refuses with, or 'allowed' when it lets the call through. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'allowed';
}

/** What a rule answers: its refusal (code, the message a person reads, details), or 'allowed'. Anything else thrown fails the test. */
export function outcome(fn: () => unknown): { code: string; message: string; details?: Record<string, unknown> } | 'allowed' {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
    throw e;
  }
  return 'allowed';
}

/** The refusal a rule must answer with; a call it lets through fails the test. */
export function refused(fn: () => unknown): { code: string; message: string; details?: Record<string, unknown> } {
  const r = outcome(fn);
  if (r === 'allowed') throw new Error('the call was allowed');
  return r;
}
