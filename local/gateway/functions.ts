import type { Main } from '../../cloudfunctions/core/shell';

/**
 * The deployed functions, loaded from their own modules so the gateway calls exactly the
 * `main` CloudBase would. Imported only after YQ_EMULATOR_URL is set (their node-sdk app is
 * made at module scope).
 */
export const FUNCTION_NAMES = ['account', 'activity', 'checkin', 'hours', 'wallet', 'redeem', 'donate', 'help', 'message', 'fund'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export async function loadFunctions(): Promise<Record<FunctionName, Main>> {
  const out = {} as Record<FunctionName, Main>;
  for (const name of FUNCTION_NAMES) {
    const mod = (await import(`../../cloudfunctions/${name}/index`)) as { main: Main };
    out[name] = mod.main;
  }
  return out;
}

/** The invocation context CloudBase gives a function called from the mini-program. */
export function invocationContext(fn: string, openid: string | undefined, requestId: string): Record<string, unknown> {
  const env: Record<string, string> = { WX_APPID: 'wx-local-dev', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID' };
  if (openid) env.WX_OPENID = openid;
  return { request_id: requestId, function_name: fn, namespace: 'local', environment: JSON.stringify(env) };
}
