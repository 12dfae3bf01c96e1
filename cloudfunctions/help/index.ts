import { helpActions } from '../core/help/help.actions';
import { sweepHelps } from '../core/help/sweep';
import { defaultDeps } from '../core/runtime';
import { isTimerEvent, makeMain } from '../core/shell';

// node-sdk is initialised once per cold start, at module scope.
const deps = defaultDeps();
const callable = makeMain('help', helpActions, () => deps);

/**
 * Called by the mini-program (an action), or by the timer trigger of cloudbaserc.json every
 * five minutes (expire, remind, auto-complete: DOMAIN.md "Help requests").
 */
export const main = async (event: unknown, context: unknown) => (isTimerEvent(event, context) ? sweepHelps(deps) : callable(event, context));
