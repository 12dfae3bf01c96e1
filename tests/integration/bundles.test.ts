import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api } from '../../cloudfunctions/core/contract';
import { startTestEmulator } from '../support/emulator';
import { cloudRuntimeVersion, nodeBinary } from '../support/node-runtime';

/**
 * The deployable bundles (scripts/build-functions.mjs → cloudfunctions-dist/<fn>/index.js):
 * built once, then each one required in a fresh process of the Node.js version CloudBase runs
 * (cloudbaserc.json's runtime, fetched by tests/support/node-runtime.ts) — the way CloudBase
 * loads it — and called through its real `main`, shell and bundled node-sdk included.
 */
const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'cloudfunctions-dist');
const FUNCTIONS = fs
  .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'core' && fs.existsSync(path.join(ROOT, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();
/** createApp() picks the local world; nothing listens there, and an unauthenticated call never gets that far. */
const NOWHERE = 'http://127.0.0.1:9/admin';
const RESULT = '@@yq-result@@';
let runtimeNode: string;

type Call = { event: unknown; context: unknown };
type ChildAnswer = { mainType: string; answers: unknown[] };

/**
 * Requires `file` in a fresh node process with only PATH and `env` in its environment (so no
 * WX_OPENID or CloudBase variable of the runner leaks in) and calls its main() with each call.
 */
function inChild(file: string, calls: Call[], env: Record<string, string>): Promise<ChildAnswer> {
  const script = `
    const m = require(${JSON.stringify(file)});
    (async () => {
      const answers = [];
      for (const c of ${JSON.stringify(calls)}) answers.push(await m.main(c.event, c.context));
      process.stdout.write('\\n${RESULT}' + JSON.stringify({ mainType: typeof m.main, answers }) + '\\n');
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(runtimeNode, ['-e', script], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) return reject(new Error(`child exited ${code}\nstdout:\n${out}\nstderr:\n${err}`));
      resolve(JSON.parse(line.slice(RESULT.length)) as ChildAnswer);
    });
  });
}

/** `me` where the function has it; otherwise its first action (unknown actions fail as INPUT.INVALID before identity). */
function actionOf(fn: string): string {
  const actions = Object.keys((api as Record<string, object>)[fn] ?? {});
  if (!actions.length) throw new Error(`function ${fn} is not in the contract (cloudfunctions/core/contract)`);
  return actions.includes('me') ? 'me' : actions[0];
}

/** The context CloudBase gives a call from the mini-program (as local/gateway builds it). */
function contextWithOpenid(openid: string) {
  const environment = JSON.stringify({ WX_APPID: 'wx-test', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid });
  return { request_id: 'r-bundle-test', function_name: 'test', namespace: 'test', environment };
}

const UNAUTHENTICATED = { ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } };

beforeAll(async () => {
  runtimeNode = nodeBinary(cloudRuntimeVersion());
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['scripts/build-functions.mjs'], { cwd: ROOT, timeout: 115_000, maxBuffer: 16 << 20 }, (e, stdout, stderr) =>
      e ? reject(new Error(`build-functions.mjs failed: ${e.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}, 400_000);

test('the bundles run on the Node.js of the CloudBase runtime (18.15 or newer)', () => {
  const version = cloudRuntimeVersion();
  expect(Number(version.split('.')[0]) * 100 + Number(version.split('.')[1])).toBeGreaterThanOrEqual(1815);
  expect(runtimeNode).toContain(version);
});

test('there are functions to bundle', () => {
  expect(FUNCTIONS).toEqual(expect.arrayContaining(['account', 'wallet', 'donate']));
});

describe.each(FUNCTIONS)('%s bundle', (fn) => {
  const bundle = path.join(DIST, fn, 'index.js');

  test('exists, is under 3 MB and has its package.json', () => {
    expect(fs.statSync(bundle).size).toBeLessThan(3 * 1024 * 1024);
    expect(JSON.parse(fs.readFileSync(path.join(DIST, fn, 'package.json'), 'utf8'))).toEqual({ name: fn, main: 'index.js', private: true });
  });

  test('exports main; without an OPENID in the context the real shell answers AUTH.UNAUTHENTICATED, whatever the payload claims', async () => {
    const action = actionOf(fn);
    const { mainType, answers } = await inChild(
      bundle,
      [
        { event: { action }, context: {} },
        { event: { action, input: {}, userInfo: { openId: 'forged' } }, context: {} },
        { event: { action, input: {}, openid: 'forged', WX_OPENID: 'forged' }, context: {} },
      ],
      { YQ_EMULATOR_URL: NOWHERE, YQ_EMULATOR_SECRET_ID: 'nowhere', YQ_EMULATOR_SECRET_KEY: 'nowhere' },
    );
    expect(mainType).toBe('function');
    for (const answer of answers) expect(answer).toMatchObject(UNAUTHENTICATED);
  });

  test('is self-contained: runs from a folder outside the repo, as on CloudBase (TENCENTCLOUD_RUNENV=SCF)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yq-bundle-${fn}-`));
    try {
      fs.copyFileSync(bundle, path.join(dir, 'index.js'));
      const { mainType, answers } = await inChild(path.join(dir, 'index.js'), [{ event: { action: actionOf(fn) }, context: {} }], {
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        SCF_NAMESPACE: 'yq-test',
      });
      expect(mainType).toBe('function');
      expect(answers[0]).toMatchObject(UNAUTHENTICATED);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundled node-sdk against the emulator', () => {
  let emu: Awaited<ReturnType<typeof startTestEmulator>>;
  beforeAll(async () => {
    emu = await startTestEmulator('yq-emu-bundles-');
    await emu.db().createCollection('users');
  });
  afterAll(() => emu?.close());

  test.each(FUNCTIONS)('%s: with an OPENID the bundle queries users and answers AUTH.NOT_REGISTERED', async (fn) => {
    const { answers } = await inChild(path.join(DIST, fn, 'index.js'), [{ event: { action: actionOf(fn) }, context: contextWithOpenid('o-nobody') }], {
      YQ_EMULATOR_URL: `${emu.url}/admin`,
      YQ_EMULATOR_SECRET_ID: emu.keys.secretId,
      YQ_EMULATOR_SECRET_KEY: emu.keys.secretKey,
    });
    expect(answers[0]).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_REGISTERED' } });
  });
});

test('cloudbaserc.json deploys every bundled function from cloudfunctions-dist', () => {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'));
  expect(rc).toMatchObject({ version: '2.0', envId: '{{env.TCB_ENV}}', functionRoot: './cloudfunctions-dist' });
  const listed = (rc.functions as { name: string }[]).map((f) => f.name).sort();
  expect(listed).toEqual(FUNCTIONS);
  for (const f of rc.functions) {
    // help also runs the timer (expiring requests), which may take longer than one call.
    expect(f).toMatchObject({ name: f.name, timeout: f.name === 'help' ? 60 : 10, runtime: 'Nodejs18.15', installDependency: false, handler: 'index.main' });
  }
  // The check-in function signs QR codes: its secret comes from the deployment's environment;
  // subscribe-message template ids too (any action may tell someone something).
  expect(rc.functions.find((f: { name: string }) => f.name === 'checkin').envVariables).toEqual({
    QR_SECRET: '{{env.QR_SECRET}}',
    SUBSCRIBE_TEMPLATES: '{{env.SUBSCRIBE_TEMPLATES}}',
  });
  // The timer of DOMAIN.md "Help requests" (expiry, reminders, auto-completion): every five minutes, CloudBase's seven-field cron.
  expect(rc.functions.find((f: { name: string }) => f.name === 'help').triggers).toEqual([{ name: 'sweep', type: 'timer', config: '0 */5 * * * * *' }]);
});
