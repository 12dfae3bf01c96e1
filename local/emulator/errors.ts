/**
 * Errors the emulator answers with. Codes are the ones CloudBase itself returns
 * (https://docs.cloudbase.net/error-code/), and where node-sdk's own tests quote CloudBase's
 * message (test/database/unit/transaction.test.ts), the message is CloudBase's word for word,
 * so code written against the emulator handles what production says. node-sdk throws them
 * as `{ code, message }`.
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
  | 'PERMISSION_DENIED'
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

const SUFFIX = 'Please check your request, but if the problem persists, contact us.';

export const conflict = (): DbError =>
  new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${SUFFIX}`,
  );

export const txnNotExist = (): DbError =>
  new DbError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${SUFFIX}`,
  );

export const duplicate = (coll: string, keys: string): DbError =>
  new DbError('DATABASE_DUPLICATE_WRITE', `[FailedOperation.DuplicateWrite] duplicate key in collection ${coll} (index on ${keys})`);
