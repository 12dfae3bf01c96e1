import { inTransaction } from '../../cloudfunctions/core/db/tx';
import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { postEntry } from '../../cloudfunctions/core/ledger/ledger.repository';
import { newRequestId, type GatewayClient } from './gateway';

/** Builders for tests and benchmarks: people registered the way the app registers them. */
let seq = 0;

/** Minutes from the community's issuance account, as an opening balance (through the ledger). */
export function giveMinutes(gw: GatewayClient, userId: string, minutes: number, communityId = 'c-xinxian') {
  seq++;
  return inTransaction(gw.db, (tx) =>
    postEntry(
      tx,
      {
        kind: 'opening.balance',
        operatorId: 'test',
        postings: [
          { accountId: accountIds.issuance(communityId), amountMinutes: -minutes },
          { accountId: accountIds.wallet(userId), amountMinutes: minutes },
        ],
      },
      { now: gw.now(), entryId: `e-test-${userId}-${seq}-${Date.now()}`, db: gw.db },
    ),
  );
}

/** A new WeChat user who registers as a volunteer of c-xinxian, optionally with coins. */
export async function newVolunteer(gw: GatewayClient, opts: { name?: string; minutes?: number } = {}): Promise<{ token: string; id: string }> {
  // Taken before any await: racing calls each get their own number (one phone per WeChat user).
  const n = ++seq;
  const token = await gw.loginNewWeChatUser();
  const r = await gw.call(
    token,
    'account',
    'register',
    {
      name: opts.name ?? `志愿者${n}`,
      phone: `139${String(n).padStart(8, '0')}`,
      communityId: 'c-xinxian',
      volunteer: true,
    },
    newRequestId(),
  );
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  const id = r.body.data.user.id as string;
  if (opts.minutes) await giveMinutes(gw, id, opts.minutes);
  return { token, id };
}
