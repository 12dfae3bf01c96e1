/**
 * Errors the emulator answers with. Codes are the ones CloudBase itself returns
 * (see https://docs.cloudbase.net/error-code/), so code written against the emulator
 * handles the same codes in production. node-sdk throws them as `{ code, message }`.
 */
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'SYS_ERR';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export const invalid = (message: string): DbError => new DbError('INVALID_PARAM', message);
