import type { Impls } from '../shell';
import { actingFor } from '../identity/acting-for';
import { accountIds } from './ledger.model';
import { balanceOf, historyOf } from './ledger.repository';

export const walletActions: Impls<'wallet'> = {
  balance: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const owner = await actingFor(deps.db, deps.db, user, input.forUserId, 'wallet');
      return { balanceMinutes: await balanceOf(deps.db, accountIds.wallet(owner._id), deps.clock.now()) };
    },
  },
  history: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const owner = await actingFor(deps.db, deps.db, user, input.forUserId, 'wallet');
      return historyOf(deps.db, cursors, accountIds.wallet(owner._id), input.cursor);
    },
  },
};
