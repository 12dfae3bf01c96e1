import { createApp } from '../../cloudfunctions/core/db/app';
import { defineContract } from './contract';

// (b) The same contract against a real CloudBase environment, when credentials are set.
const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env;
const haveCloud = Boolean(TCB_ENV && TCB_SECRET_ID && TCB_SECRET_KEY);

if (haveCloud) {
  const app = createApp({ kind: 'remote', env: TCB_ENV!, secretId: TCB_SECRET_ID!, secretKey: TCB_SECRET_KEY! });
  const database = app.database();
  defineContract({ name: `cloudbase ${TCB_ENV}`, db: () => database, pastTransactionLifetime: () => new Promise((r) => setTimeout(r, 31_000)) });
} else {
  console.log('contract (b) against real CloudBase skipped: set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY to run it');
  // Jest needs at least one test per file; this one checks the switch itself.
  it('runs against CloudBase only when all three credentials are set', () => {
    expect([TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY].every(Boolean)).toBe(false);
  });
}
