import { ERRORS, type ErrorCode } from './contract/errors';

/**
 * A refusal by a rule: a stable code, the Chinese message a person reads, and optional
 * details (for INPUT.INVALID, the invalid fields). Anything else thrown is a bug and
 * becomes INTERNAL in the shell, without its stack.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'DomainError';
  }
}
