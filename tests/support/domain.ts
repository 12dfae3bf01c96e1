import type { DomainError } from '../../cloudfunctions/core/errors';

/** The code a rule refuses with, or 'allowed' when it lets the call through. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'allowed';
}
