import { ZodError, type z } from 'zod';
import { api, Call, unsafePartOf, type ActionDef, type ActionName, type Answer, type FunctionName, type OutputOf } from './contract';
import { ERRORS, type ErrorCode } from './contract/errors';
import { openidFromContext } from './db/app';
import { withLeases } from './db/lease';
import { cursorCodec, type CursorCodec } from './db/paging';
import { Budget, inTransaction, type Tx } from './db/tx';
import { DomainError } from './errors';
import type { User } from './identity/identity.model';
import { findUserByOpenid } from './identity/identity.repository';
import { priorRequest, recordRequest, runIdempotent, type RequestKey } from './requests/run-idempotent';
import { defaultDeps, type Deps } from './runtime';
import { toIso } from './time';

/**
 * The shell every function shares (ARCHITECTURE.md "thin shell: identity → zod parse →
 * core → envelope"). Error mapping lives here and only here, and so does the shape of a
 * write: idempotency first, then the leases on hot documents, then one short transaction
 * (or, for a batch, one short transaction per item).
 */
export interface ActionContext<I> {
  deps: Deps;
  openid: string;
  /** The registered caller; null only for actions with auth 'wechat' or 'public'. */
  user: User;
  /** Who is looking, if anyone: a public action is called by strangers too. */
  viewer: User | null;
  input: I;
  /** The transaction of a write action (its effects and its request record commit together). */
  tx: Tx;
  /** What this call may still spend on waiting and retrying (RETRY_BUDGET_MS in all). */
  budget: Budget;
  /** Signs and checks list cursors. */
  cursors: CursorCodec;
  /** A batch action's own short transaction (one per item). */
  inTx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface ActionImpl<F extends FunctionName, A extends ActionName<F>> {
  /**
   * 'registered': the caller must be a registered user. 'wechat': any WeChat caller (e.g.
   * register). 'public': anyone, even without a login (only for reads the contract marks public).
   */
  auth: 'registered' | 'wechat' | 'public';
  /**
   * Hot documents the write will change (db/lease.ts): leases on them are taken before its
   * transaction, and `stillWorthIt` may refuse while waiting. Runs outside any transaction.
   * `reserve` then takes what a conditional update can take at once (an item of stock),
   * and answers how to give it back should the transaction not happen.
   */
  leases?(ctx: Omit<ActionContext<InputOf<F, A>>, 'tx'>): Promise<Leases>;
  /**
   * A batch works item by item, each in its own short transaction (`ctx.inTx`), and answers
   * what happened to each; its request is recorded when it is done. Without it, the whole
   * write is one transaction together with its request record.
   */
  batch?: boolean;
  run(ctx: ActionContext<InputOf<F, A>>): Promise<OutputOf<F, A>>;
}

export interface Leases {
  keys: string[];
  stillWorthIt?: () => Promise<void>;
  reserve?: () => Promise<(() => Promise<void>) | undefined>;
}

type InputOf<F extends FunctionName, A extends ActionName<F>> = z.output<Extract<(typeof api)[F][A], ActionDef>['input']>;

export type Impls<F extends FunctionName> = { [A in ActionName<F>]: ActionImpl<F, A> };

export type Main = (event: unknown, context: unknown) => Promise<Answer<unknown>>;

export function makeMain<F extends FunctionName>(fn: F, impls: Impls<F>, getDeps: () => Deps = defaultDeps): Main {
  const defs = api[fn] as unknown as Record<string, ActionDef>;
  return async function main(event, context) {
    try {
      const unsafe = unsafePartOf(event);
      if (unsafe) {
        const message = unsafe.reason === 'key' ? '提交的内容里有不允许的字段名' : '提交的内容层次太多';
        throw new DomainError('INPUT.INVALID', message, { fields: [{ path: unsafe.path.replace(/^input\./, ''), message }] });
      }
      const call = Call.parse(event);
      const def = Object.hasOwn(defs, call.action) ? defs[call.action] : undefined;
      const impl = def ? (impls as Record<string, ActionImpl<F, never>>)[call.action] : undefined;
      if (!def || !impl) {
        throw new DomainError('INPUT.INVALID', `不支持的操作：${call.action}`, { fields: [{ path: 'action', message: '未知操作' }] });
      }
      const openid = openidFromContext(context);
      const isPublic = impl.auth === 'public';
      if (isPublic && (def.writes || !def.public)) throw new Error(`${fn}.${call.action} is public but its contract is not a public read`);
      if (!openid && !isPublic) throw new DomainError('AUTH.UNAUTHENTICATED');
      const deps = getDeps();
      const budget = new Budget();
      const user = openid ? await findUserByOpenid(deps.db, openid) : null;
      if (!user && impl.auth === 'registered') throw new DomainError('AUTH.NOT_REGISTERED');
      const input = def.input.parse(call.input ?? {});
      const ctx = {
        deps,
        openid: openid ?? '',
        user: user as User,
        viewer: user,
        input,
        tx: undefined as unknown as Tx,
        budget,
        cursors: cursorCodec(deps.secrets.cursor(), () => deps.clock.now()),
        inTx: <T>(work: (tx: Tx) => Promise<T>) => inTransaction(deps.db, work, budget),
      };
      let result: unknown;
      if (def.writes) {
        if (!call.requestId) {
          throw new DomainError('INPUT.INVALID', '缺少请求编号，请刷新后重试', { fields: [{ path: 'requestId', message: '必填' }] });
        }
        // Keyed by OPENID: it names the caller before and after they register.
        const key: RequestKey = { actor: ctx.openid, requestId: call.requestId, fn, action: call.action, input };
        result = await write(deps, key, budget, impl, ctx);
      } else {
        result = await impl.run(ctx as never);
      }
      const out = def.output.safeParse(result);
      if (!out.success) throw new Error(`${fn}.${call.action} answered outside its contract: ${out.error.message}`);
      return { ok: true, data: out.data, now: serverTime(getDeps) };
    } catch (e) {
      return { ok: false, error: toApiError(e, fn), now: serverTime(getDeps) };
    }
  };
}

/**
 * An invocation by a timer trigger (CloudBase passes `{ Type: 'Timer', TriggerName, Time }`)
 * rather than by a person: it carries no OPENID. Someone calling the function with such a
 * payload from the mini-program has an OPENID and is treated as an ordinary call.
 */
export function isTimerEvent(event: unknown, context: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer' && !openidFromContext(context);
}

/** The server's clock for the answer's `now` (the wall clock if the runtime cannot be built). */
function serverTime(getDeps: () => Deps): string {
  try {
    return toIso(getDeps().clock.now());
  } catch {
    return toIso(new Date());
  }
}

async function write(deps: Deps, key: RequestKey, budget: Budget, impl: ActionImpl<never, never>, ctx: Omit<ActionContext<unknown>, 'tx'>): Promise<unknown> {
  // A retry of a request that already happened answers as the first time, before any lease
  // or check that would now refuse it (the code it used is closed by its own success).
  const prior = await priorRequest(deps.db, key);
  if (prior.kind === 'replay') return prior.result;
  if (impl.batch) {
    const result = await impl.run({ ...ctx, tx: undefined as unknown as Tx } as never);
    return recordRequest(deps, key, result, budget);
  }
  const once = () => runIdempotent(deps, key, budget, (tx) => impl.run({ ...ctx, tx } as never));
  if (!impl.leases) return once();
  const { keys, stillWorthIt, reserve } = await impl.leases(ctx as never);
  return withLeases(
    deps,
    keys,
    budget,
    async () => {
      const giveBack = reserve ? await reserve() : undefined;
      try {
        return await once();
      } catch (e) {
        if (giveBack) await giveBack();
        throw e;
      }
    },
    stillWorthIt,
  );
}

export function toApiError(e: unknown, where: string): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
  if (e instanceof DomainError) return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  if (e instanceof ZodError) {
    const fields = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { code: 'INPUT.INVALID', message: ERRORS['INPUT.INVALID'].message, details: { fields } };
  }
  // A bug or an outage: log it for us, tell the person something plain, never the stack.
  console.error(`[${where}] internal error`, e);
  return { code: 'INTERNAL', message: ERRORS.INTERNAL.message };
}
