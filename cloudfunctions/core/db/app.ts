import tcb from '@cloudbase/node-sdk';

/**
 * The one place that makes the node-sdk app (ARCHITECTURE.md "Local default and production").
 *
 * - On CloudBase (a cloud function: TENCENTCLOUD_RUNENV=SCF) the app is
 *   `init({ env: SYMBOL_CURRENT_ENV })` and the platform supplies credentials.
 * - Locally, YQ_EMULATOR_URL points at our emulator (`.../admin`) and YQ_EMULATOR_SECRET_ID /
 *   YQ_EMULATOR_SECRET_KEY are the key pair it checks signatures with (DATA_DIR/emulator-keys.json).
 * - A script outside both (the contract suite against a real environment, the deploy
 *   setup) passes TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY.
 * Anything else is refused with a clear message instead of letting the SDK guess.
 */
export type World =
  | { kind: 'local'; serviceUrl: string; secretId: string; secretKey: string }
  | { kind: 'cloudbase' }
  | { kind: 'remote'; env: string; secretId: string; secretKey: string };

export type CloudbaseApp = ReturnType<typeof tcb.init>;
export type Database = ReturnType<CloudbaseApp['database']>;

export function worldFromEnv(env: NodeJS.ProcessEnv = process.env): World {
  if (env.YQ_EMULATOR_URL) {
    if (!env.YQ_EMULATOR_SECRET_ID || !env.YQ_EMULATOR_SECRET_KEY)
      throw new Error('YQ_EMULATOR_URL needs YQ_EMULATOR_SECRET_ID and YQ_EMULATOR_SECRET_KEY (DATA_DIR/emulator-keys.json)');
    return { kind: 'local', serviceUrl: env.YQ_EMULATOR_URL, secretId: env.YQ_EMULATOR_SECRET_ID, secretKey: env.YQ_EMULATOR_SECRET_KEY };
  }
  if (env.TENCENTCLOUD_RUNENV === 'SCF' || env.CBR_ENV_ID) return { kind: 'cloudbase' };
  if (env.TCB_ENV && env.TCB_SECRET_ID && env.TCB_SECRET_KEY) {
    return { kind: 'remote', env: env.TCB_ENV, secretId: env.TCB_SECRET_ID, secretKey: env.TCB_SECRET_KEY };
  }
  throw new Error(
    'No database configured: set YQ_EMULATOR_URL (local emulator, e.g. http://127.0.0.1:8080/admin), ' +
      'run inside CloudBase, or set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY.',
  );
}

export function createApp(world: World = worldFromEnv()): CloudbaseApp {
  switch (world.kind) {
    case 'cloudbase':
      return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    case 'remote':
      return tcb.init({ env: world.env, secretId: world.secretId, secretKey: world.secretKey });
    case 'local':
      skipTencentMetadataProbe();
      return tcb.init({ env: 'local', secretId: world.secretId, secretKey: world.secretKey, serviceUrl: world.serviceUrl, timeout: 30_000 });
  }
}

let probeSkipped = false;

/**
 * Off Tencent Cloud, node-sdk asks http://metadata.tencentyun.com whether it runs on
 * Tencent Cloud before every request, with a 30 ms timeout, and caches only a successful
 * answer, so every local call pays for a DNS lookup that can never succeed. Locally we
 * answer that probe at once with "not an app id": the SDK caches it and never asks again.
 */
function skipTencentMetadataProbe(): void {
  if (probeSkipped) return;
  probeSkipped = true;
  // The axios instance node-sdk itself uses (resolved from node-sdk's folder).
  const sdkDir = require.resolve('@cloudbase/node-sdk');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const axios = require(require.resolve('axios', { paths: [sdkDir] }));
  axios.interceptors.request.use((config: { url?: string; adapter?: unknown }) => {
    if (config.url?.startsWith('http://metadata.tencentyun.com/')) {
      config.adapter = async (c: unknown) => ({ data: 'local', status: 200, statusText: 'OK', headers: {}, config: c, request: {} });
    }
    return config;
  });
}

/**
 * The caller's WeChat OPENID from the invocation context. On CloudBase the platform puts it
 * there; locally the gateway builds the same context from its dev session. Never from the
 * event payload: a payload field saying who the caller is would be a forgery.
 */
export function openidFromContext(context: unknown): string | undefined {
  if (!context || typeof context !== 'object') return undefined;
  try {
    const openid = tcb.getCloudbaseContext(context as never).WX_OPENID;
    return typeof openid === 'string' && openid.length > 0 ? openid : undefined;
  } catch {
    return undefined;
  }
}
