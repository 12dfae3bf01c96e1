import { fundActions } from '../core/projects/fund.actions';
import { defaultDeps } from '../core/runtime';
import { makeMain } from '../core/shell';

// node-sdk is initialised once per cold start, at module scope.
const deps = defaultDeps();

export const main = makeMain('fund', fundActions, () => deps);
