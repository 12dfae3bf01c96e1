import { messageActions } from '../core/messages/message.actions';
import { defaultDeps } from '../core/runtime';
import { makeMain } from '../core/shell';

// node-sdk is initialised once per cold start, at module scope.
const deps = defaultDeps();

export const main = makeMain('message', messageActions, () => deps);
