import { inTransaction } from '../db/tx';
import type { Deps } from '../runtime';
import { applyDecision } from './help.actions';
import { decideSystemMove } from './help.deciders';
import { AUTO_COMPLETE_MS, REMIND_BEFORE_MS, type SystemMove } from './help.model';
import { dueHelps, helps } from './help.repository';

/** What one run of the timer may spend: well inside the timer function's 60 s (cloudbaserc.json). */
export const SWEEP_BUDGET_MS = 30_000;
const BATCH = 50;

/**
 * The timer (DOMAIN.md "Help requests"): open requests nobody took by their time expire and
 * their coins go back; a day before a done request would complete by itself the requester's
 * side and staff are told; three days after done it completes and the volunteer is paid.
 * Each request in its own short transaction that reads it again, so a volunteer accepting
 * at the same moment and the timer cannot both win (one conflicts and sees the other's
 * result). Stops when its budget is spent; the next run goes on where it stopped.
 */
export async function sweepHelps(deps: Deps, budgetMs = SWEEP_BUDGET_MS): Promise<{ ok: true; data: Record<SystemMove, number> }> {
  const started = Date.now();
  const counts: Record<SystemMove, number> = { expire: 0, remind: 0, autoComplete: 0 };
  const passes: Array<{ move: SystemMove; status: 'open' | 'done'; before: (now: Date) => Date }> = [
    { move: 'expire', status: 'open', before: (now) => now },
    { move: 'autoComplete', status: 'done', before: (now) => new Date(now.getTime() - AUTO_COMPLETE_MS) },
    { move: 'remind', status: 'done', before: (now) => new Date(now.getTime() - AUTO_COMPLETE_MS + REMIND_BEFORE_MS) },
  ];
  for (const pass of passes) {
    const seen = new Set<string>();
    for (;;) {
      if (Date.now() - started > budgetMs) return { ok: true, data: counts };
      const now = deps.clock.now();
      const due = (await dueHelps(deps.db, pass.status, pass.before(now), BATCH)).filter((h) => !seen.has(h._id));
      if (due.length === 0) break;
      for (const found of due) {
        seen.add(found._id);
        const changed = await inTransaction(deps.db, async (tx) => {
          const h = await helps.get(tx, found._id);
          const d = h && decideSystemMove(h, pass.move, deps.clock.now());
          if (!h || !d) return false;
          await applyDecision(tx, deps, null, h, d);
          return true;
        }).catch((e: unknown) => {
          console.error(`[sweep] ${pass.move} ${found._id} failed; the next run tries again`, e);
          return false;
        });
        if (changed) counts[pass.move]++;
      }
    }
  }
  return { ok: true, data: counts };
}
